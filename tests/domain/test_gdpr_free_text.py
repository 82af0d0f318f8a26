"""Erasure reaches every free-text column of every table, and only the erased member."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from gdpr_member import EMAIL, NAME, build_subject
from peewee import ForeignKeyField

from clubdesk.db import (
    AssociationSettings,
    AuditEntry,
    BaseModel,
    Event,
    EventSeries,
    Guest,
    Member,
    MembershipFee,
    Referral,
    VolunteerCategory,
    database,
)
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.gdpr.gdpr import anonymize_member, anonymize_members, anonymous_name
from clubdesk.domain.gdpr.gdpr_free_text import FREE_TEXT, NOT_FREE_TEXT, text_columns

# How other people wrote about the subject, none of it the way her record spells it.
TRACES = ("séverine quérault-zylberstein", "QUERAULT ZYLBERSTEIN Severine",
          "severine_querault-zylberstein", "SEVERINE.QUERAULT@EXEMPLE-RGPD.FR",
          "06.12.34.56.78", "+33 6 12 34 56 78", "0612345678")


def _name(field) -> str:
    return f"{field.model.__name__}.{field.name}"


def test_every_text_column_is_searched_or_left_out_for_a_reason() -> None:
    columns = {_name(field) for field in text_columns()}
    searched = {_name(field) for field in FREE_TEXT}
    excluded = {_name(field) for field in NOT_FREE_TEXT}
    assert not searched & excluded
    assert columns - searched - excluded == set(), "classify the new text columns"
    assert (searched | excluded) - columns == set(), "columns that no longer exist"
    assert all(reason.strip() for reason in NOT_FREE_TEXT.values())


def test_text_columns_finds_a_column_added_to_a_model(monkeypatch) -> None:
    from peewee import TextField

    field = TextField(default="")
    field.bind(Referral, "follow_up")
    monkeypatch.setattr(Referral._meta, "sorted_fields",
                        [*Referral._meta.sorted_fields, field])
    assert "Referral.follow_up" in {_name(column) for column in text_columns()}


def _rows_for_every_model() -> None:
    """At least one row in every table that has a free-text column."""
    EventSeries.create(title="Petit-déjeuner", frequency="weekly",
                       first_on=dt.date(2020, 1, 1), until=dt.date(2020, 6, 1))
    VolunteerCategory.create(name="Accueil")
    Guest.create(event=Event.select().first(), name="Hugo Hôte")
    Referral.create(giver=Member.get(Member.last_name == "Amie"), date=dt.date(2021, 1, 1),
                    receiver=Member.get(Member.last_name == "Parrain"))
    load_settings()  # the association's row
    AuditEntry.create(action="import", details="x")
    MembershipFee.create(member=Member.get(Member.last_name == "Amie"), amount=300,
                         period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31),
                         paid_on=dt.date(2021, 2, 1))


def _someone_elses_row(model: type[BaseModel], member_id: int) -> int:
    """A row of ``model`` that is not the erased member's own (whose notes are emptied)."""
    query = model.select(model.id)
    for field in model._meta.sorted_fields:
        if isinstance(field, ForeignKeyField) and field.rel_model is Member:
            query = query.where(field.is_null() | (field != member_id))
    if model is Member:
        query = query.where(Member.id != member_id)
    return query.order_by(model.id).scalar()


@pytest.mark.parametrize("trace", TRACES)
def test_every_free_text_column_is_cleaned(db_path: Path, trace: str) -> None:
    subject = build_subject()
    _rows_for_every_model()
    keep = "Jeanne Martinez"
    for field in FREE_TEXT:
        model = field.model
        row_id = _someone_elses_row(model, subject.member.id)
        model.update({field: f"{keep} ; {trace} ; fin"}).where(model.id == row_id).execute()
    anonymize_member(subject.member.id)
    label = anonymous_name(subject.member.id)
    for field in FREE_TEXT:
        model = field.model
        texts = [row[0] for row in model.select(field).tuples()]
        hits = [text for text in texts if keep in text]
        assert hits, _name(field)
        for text in hits:
            assert text == f"{keep} ; {label} ; fin", _name(field)


def test_the_issue_as_found(db_path: Path) -> None:
    """Lower case in a description, the phone in a contact, the file name in the log."""
    subject = build_subject()
    Referral.create(giver=subject.friend, external_recipient="Banque", date=dt.date(2021, 1, 1),
                    description=f"Recommandée par {NAME[0].lower()} {NAME[1].lower()}",
                    contact="appeler le 06 12 34 56 78")
    AuditEntry.create(action="import", rows=1, details=(
        "Members imported from adhesion_severine-querault-zylberstein.xlsx: 1 added, "
        "0 updated, 0 skipped."))
    anonymize_member(subject.member.id)
    label = anonymous_name(subject.member.id)
    referral = Referral.get(Referral.external_recipient == "Banque")
    assert referral.description == f"Recommandée par {label}"
    assert referral.contact == f"appeler le {label}"
    details = AuditEntry.get(AuditEntry.action == "import").details
    assert details.startswith(f"Members imported from adhesion_{label}.xlsx")


def test_other_members_names_are_not_damaged(db_path: Path, make_member) -> None:
    jean = make_member(first_name="Jean", last_name="Martin", email="jm@ex.fr")
    jeanne = make_member(first_name="Jeanne", last_name="Martinez",
                         notes="Voisine de Jean Martin")
    longer = make_member(first_name="Jean", last_name="Martin-Dupont",
                         notes="Ne pas confondre avec Jean Martin-Dupont")
    jeanne_notes = "Jeanne Martinez et Jean Martin-Dupont, mais pas J. Martin"
    Member.update(notes=jeanne_notes).where(Member.id == jean.id).execute()
    anonymize_member(jean.id)
    assert Member.get_by_id(jeanne.id).notes == f"Voisine de {anonymous_name(jean.id)}"
    assert Member.get_by_id(longer.id).notes == "Ne pas confondre avec Jean Martin-Dupont"
    assert (Member.get_by_id(jeanne.id).first_name,
            Member.get_by_id(jeanne.id).last_name) == ("Jeanne", "Martinez")


def test_several_members_in_one_transaction(db_path: Path, make_member) -> None:
    first = make_member(first_name="Ana", last_name="Lyse", status="former")
    second = make_member(first_name="Éloïse", last_name="Ñúñez", status="former",
                         phone="+33 1 23 45 67 89")
    witness = make_member(notes="ana lyse et ELOISE NUNEZ (01 23 45 67 89). Analyse faite.")
    statements: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(statements.append)
    try:
        result = anonymize_members([first.id, second.id])
    finally:
        connection.set_trace_callback(None)
    assert result.count == 2
    assert Member.get_by_id(witness.id).notes == (
        f"{anonymous_name(first.id)} et {anonymous_name(second.id)} "
        f"({anonymous_name(second.id)}). Analyse faite.")
    # One transaction: every write between its BEGIN and its COMMIT.
    begins = [index for index, sql in enumerate(statements) if sql.upper().startswith("BEGIN")]
    commits = [index for index, sql in enumerate(statements)
               if sql.upper().startswith("COMMIT")]
    writes = [index for index, sql in enumerate(statements)
              if sql.upper().startswith(("UPDATE", "INSERT", "DELETE"))]
    assert len(begins) == len(commits) == 1
    assert writes and begins[0] < min(writes) and max(writes) < commits[0]


def test_a_failure_while_cleaning_changes_nothing(db_path: Path, monkeypatch) -> None:
    subject = build_subject()
    from clubdesk.domain.gdpr import gdpr_erasure

    def broken(*_args: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(gdpr_erasure, "erase_traces", broken)
    with pytest.raises(RuntimeError):
        anonymize_member(subject.member.id)
    assert Member.get_by_id(subject.member.id).email == EMAIL
    assert AuditEntry.select().count() == 0


def test_statistics_and_amounts_are_untouched(db_path: Path) -> None:
    subject = build_subject()
    amount = Referral.get(Referral.giver == subject.member.id).amount
    anonymize_member(subject.member.id)
    assert Referral.get(Referral.giver == subject.member.id).amount == amount == Decimal(
        "1200.00")
    assert AssociationSettings.select().count() <= 1
