"""Right of access: every table that refers to a member shows up, in a fixed number of
queries, and the JSON export reads back."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from gdpr_member import EMAIL, NAME, build_subject
from peewee import ForeignKeyField

from clubdesk.db import ALL_MODELS, AuditEntry, Member, database
from clubdesk.domain.gdpr.gdpr import (
    SECTIONS,
    UnknownMemberError,
    anonymize_member,
    export_personal_data_json,
    personal_data,
    to_json,
)
from clubdesk.domain.gdpr.gdpr_access import LINKED_ROWS, MEMBER_LINKS


def test_personal_data_holds_a_row_of_every_kind(db_path: Path) -> None:
    subject = build_subject()
    data = personal_data(subject.member.id)
    assert set(SECTIONS) <= set(data)
    member = data["member"]
    assert (member["first_name"], member["last_name"], member["email"]) == (*NAME, EMAIL)
    assert member["consent_directory"] is True
    assert member["consent_photos_withdrawn_on"].isoformat() == "2020-02-01"
    assert data["sponsor"] == {"id": subject.sponsor.id, "name": "Paul Parrain"}
    assert [row["name"] for row in data["sponsored_members"]] == ["Simon Filleul"]
    assert [row["amount"] for row in data["fees"]] == [Decimal("150.50")]
    assert [(row["event"], row["proxy_to"]) for row in data["attendance"]] == [
        ("Réunion de janvier", None), ("Assemblée générale", "Fanny Amie")]
    assert [row["given_by"] for row in data["proxies_held"]] == ["Simon Filleul"]
    assert [row["name"] for row in data["guests_invited"]] == ["Gaston Invité"]
    assert [row["email"] for row in data["converted_from_guest"]] == [EMAIL]
    assert [row["hours"] for row in data["volunteer_entries"]] == [Decimal("3.50")]
    assert [row["receiver"] for row in data["referrals_given"]] == ["Fanny Amie"]
    assert [row["giver"] for row in data["referrals_received"]] == ["Fanny Amie"]


def test_other_members_data_is_not_included(db_path: Path) -> None:
    subject = build_subject()
    data = personal_data(subject.member.id)
    # The friend's own hours and attendance are not the subject's.
    assert len(data["volunteer_entries"]) == 1
    assert len(data["attendance"]) == 2


def _count_queries(member_id: int) -> int:
    statements: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(statements.append)
    try:
        personal_data(member_id)
    finally:
        connection.set_trace_callback(None)
    return len(statements)


def test_the_number_of_queries_does_not_grow_with_the_history(db_path: Path) -> None:
    subject = build_subject()
    few = _count_queries(subject.member.id)
    build_subject()  # more rows, some linked to other members
    for _index in range(3):
        Member.create(first_name="Autre", last_name="Filleul", sponsor=subject.member)
    assert _count_queries(subject.member.id) == few
    # One per table and link, the status history, the audit log, and the names of the
    # other members and guests (so that only this member's name is found in the log).
    assert few <= 16


def test_unknown_member(db_path: Path) -> None:
    with pytest.raises(UnknownMemberError):
        personal_data(999)


def test_json_export_reads_back(db_path: Path, tmp_path: Path) -> None:
    subject = build_subject()
    output = export_personal_data_json(subject.member.id, tmp_path / "données.json")
    raw = output.read_bytes()
    assert NAME[1].encode("utf-8") in raw  # UTF-8, not \u escapes
    document = json.loads(raw.decode("utf-8"))
    assert document["member"]["last_name"] == NAME[1]
    assert document["member"]["joined_on"] == "2019-01-10"
    assert document["fees"][0]["amount"] == "150.50"
    assert document["attendance"][0]["starts_at"] == "2020-01-14T08:00:00"
    assert document["volunteer_entries"][0]["hours"] == "3.50"
    assert set(SECTIONS) <= set(document)
    assert not list(tmp_path.glob("*.part"))


def test_json_export_is_audited_without_the_name(db_path: Path, tmp_path: Path) -> None:
    subject = build_subject()
    export_personal_data_json(subject.member.id, tmp_path / "out.json")
    entry = AuditEntry.get()
    assert entry.action == "access"
    assert str(subject.member.id) in entry.details
    assert NAME[1] not in entry.details


def _foreign_keys_to(models: set[type]) -> list:
    return [field for model in ALL_MODELS for field in model._meta.sorted_fields
            if isinstance(field, ForeignKeyField) and field.rel_model in models]


def test_every_foreign_key_to_a_member_is_exported(db_path: Path) -> None:
    subject = build_subject()
    data = personal_data(subject.member.id)
    links = _foreign_keys_to({Member})
    assert links and set(links) == set(MEMBER_LINKS), "say where the new link is exported"
    for field, section in MEMBER_LINKS.items():
        assert section in SECTIONS and data[section], f"{field.model.__name__}.{field.name}"
    assert data["sponsor"]["name"] == "Paul Parrain"


def test_rows_hanging_from_the_members_rows_are_exported(db_path: Path) -> None:
    """Referral status changes point to a referral, which points to the member."""
    subject = build_subject()
    owned = {field.model for field in MEMBER_LINKS} - {Member}
    assert set(_foreign_keys_to(owned)) == set(LINKED_ROWS)
    data = personal_data(subject.member.id)
    given, received = data["referrals_given"][0], data["referrals_received"][0]
    assert [(step["status"], step["changed_on"].isoformat())
            for step in given["status_history"]] == [("contacted", "2020-03-05"),
                                                      ("won", "2020-04-01")]
    assert [step["status"] for step in received["status_history"]] == ["contacted"]


def test_audit_entries_about_the_member(db_path: Path, tmp_path: Path) -> None:
    subject = build_subject()
    number = subject.member.id
    other = subject.friend.id
    AuditEntry.create(action="import", rows=2, details=(
        "Members imported from adhesion_severine-querault-zylberstein.xlsx: 2 added, "
        "0 updated, 0 skipped."))
    AuditEntry.create(action="import", rows=number, details=(
        f"Members imported from liste.csv: {number} added, 0 updated, 0 skipped."))
    AuditEntry.create(action="merge", rows=3, details=(
        f"Membre 99 fusionné dans le membre {number} : 3 lignes liées déplacées, "
        "0 conflits de présence résolus."))
    AuditEntry.create(action="erasure", rows=2, details=(
        f"2 members anonymised (numbers: {other}, {number}0)."))
    AuditEntry.create(action="access", details=(
        f"Personal data of member no. {other} exported (PDF)."))
    AuditEntry.create(action="import", details="Inscription de Séverine Quérault en 2019")
    export_personal_data_json(number, tmp_path / "out.json")  # logged, before the export
    data = personal_data(number)
    details = [entry["details"] for entry in data["audit_entries"]]
    assert details == [
        "Members imported from adhesion_severine-querault-zylberstein.xlsx: 2 added, "
        "0 updated, 0 skipped.",
        f"Membre 99 fusionné dans le membre {number} : 3 lignes liées déplacées, "
        "0 conflits de présence résolus.",
        f"Personal data of member no. {number} exported (JSON).",
    ]
    assert data["audit_entries"][0]["action"] == "import"


def test_an_anonymised_member_still_gets_their_entries(db_path: Path) -> None:
    subject = build_subject()
    AuditEntry.create(action="import", details="Members imported from Séverine_Quérault-"
                      "Zylberstein.csv: 1 added, 0 updated, 0 skipped.")
    anonymize_member(subject.member.id)
    actions = [entry["action"] for entry in personal_data(subject.member.id)["audit_entries"]]
    assert actions == ["import", "erasure"]
    assert NAME[1] not in to_json(personal_data(subject.member.id))
