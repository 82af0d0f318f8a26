"""Creating, loading and updating a member; the sponsor list."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from playhouse.test_utils import count_queries

from clubdesk.db import Member
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.members.member_form import MemberInput
from clubdesk.domain.members.members import (
    MemberNotFoundError,
    MemberValidationError,
    create_member,
    member_input,
    member_name,
    sponsor_choices,
    update_member,
)


def full_input(**changes: object) -> MemberInput:
    data = MemberInput(
        first_name="Éloïse",
        last_name="Œuvray",
        email="Eloise@Oeuvray.fr",
        phone="06 12 34 56 78",
        company="Œuvray & Fils",
        profession="Notaire",
        sector="Juridique",
        address="3 rue de l'Église",
        city="Saint-Étienne",
        postcode="42000",
        status="active",
        role="treasurer",
        joined_on=dt.date(2021, 9, 14),
        consent_directory=True,
        consent_directory_on=dt.date(2021, 9, 14),
        consent_newsletter=True,
        notes="Présentée par la CCI.",
    )
    return replace(data, **changes)


def test_create_member_stores_cleaned_values(db_path) -> None:
    before = dt.datetime.now().replace(microsecond=0)
    member_id = create_member(full_input())
    member = Member.get_by_id(member_id)
    assert (member.first_name, member.last_name) == ("Éloïse", "Œuvray")
    assert member.email == "eloise@oeuvray.fr"
    assert member.phone == "+33612345678"
    assert member.role == "treasurer"
    assert member.joined_on == dt.date(2021, 9, 14)
    assert member.consent_newsletter_on == dt.date.today()
    assert member.consent_photos is False and member.consent_photos_on is None
    assert member.sponsor is None
    assert member.created_at >= before
    assert member.updated_at == member.created_at


def test_create_member_refuses_invalid_data_and_writes_nothing(db_path) -> None:
    with pytest.raises(MemberValidationError) as caught:
        create_member(full_input(last_name=" ", email="oeuvray@"))
    assert set(caught.value.result.errors) == {"last_name", "email"}
    assert "required" in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert Member.select().count() == 0


def test_member_input_round_trips(db_path, make_member) -> None:
    sponsor = make_member(last_name="Durand")
    member_id = create_member(full_input(sponsor_id=sponsor.id))
    loaded = member_input(member_id)
    assert loaded == full_input(
        sponsor_id=sponsor.id,
        email="eloise@oeuvray.fr",
        phone="+33612345678",
        consent_newsletter_on=dt.date.today(),
    )


def test_member_input_of_missing_member(db_path) -> None:
    with pytest.raises(MemberNotFoundError, match="Member 42 does not exist"):
        member_input(42)


def test_update_member_changes_the_row_and_updated_at(make_member) -> None:
    member = make_member(email="old@example.fr")
    old_stamp = dt.datetime(2020, 1, 1, 12, 0)
    Member.update(updated_at=old_stamp, created_at=old_stamp).where(
        Member.id == member.id).execute()
    data = replace(member_input(member.id), email="New@Example.fr", phone="612345678",
                   status="former", left_on=dt.date(2024, 6, 30))
    update_member(member.id, data)
    stored = Member.get_by_id(member.id)
    assert stored.email == "new@example.fr"
    assert stored.phone == "+33612345678"
    assert stored.status == "former"
    assert stored.left_on == dt.date(2024, 6, 30)
    assert stored.updated_at > old_stamp
    assert stored.created_at == old_stamp


def test_update_member_refuses_a_duplicate_email(make_member) -> None:
    make_member(first_name="Jeanne", last_name="Martin", email="jeanne@example.fr")
    member = make_member(email="other@example.fr")
    data = replace(member_input(member.id), email="jeanne@example.fr")
    with pytest.raises(MemberValidationError, match="already used by Jeanne Martin"):
        update_member(member.id, data)
    assert Member.get_by_id(member.id).email == "other@example.fr"


def test_update_member_refuses_self_sponsorship(make_member) -> None:
    member = make_member()
    with pytest.raises(MemberValidationError) as caught:
        update_member(member.id, replace(member_input(member.id), sponsor_id=member.id))
    assert set(caught.value.result.errors) == {"sponsor_id"}


def test_update_missing_member(db_path) -> None:
    with pytest.raises(MemberNotFoundError):
        update_member(7, MemberInput(first_name="A", last_name="B"))
    assert Member.select().count() == 0


def test_sponsor_choices_sorted_by_folded_name(make_member) -> None:
    zoe = make_member(last_name="Zoë", first_name="Anne")
    eloise = make_member(last_name="Œuvray", first_name="Éloïse", company="Œuvray & Fils")
    emile = make_member(last_name="Émery", first_name="Paul")
    emma = make_member(last_name="emery", first_name="Adèle", company="")
    assert sponsor_choices() == [
        (emma.id, "emery Adèle"),
        (emile.id, "Émery Paul"),
        (eloise.id, "Œuvray Éloïse — Œuvray & Fils"),
        (zoe.id, "Zoë Anne"),
    ]
    assert [choice[0] for choice in sponsor_choices(exclude_id=eloise.id)] == [
        emma.id, emile.id, zoe.id]


def test_sponsor_choices_is_one_query(make_member) -> None:
    for number in range(30):
        make_member(company=f"Société {number}")
    with count_queries() as counter:
        choices = sponsor_choices()
    assert counter.count == 1
    assert len(choices) == 30


def test_sponsor_choices_of_empty_database(db_path) -> None:
    assert sponsor_choices() == []


def test_member_name_or_not_found(db_path, make_member) -> None:
    member = make_member(first_name="Jeanne", last_name="Dupont")
    assert member_name(member.id) == "Jeanne Dupont"
    with pytest.raises(MemberNotFoundError) as raised:
        member_name(404)
    assert isinstance(raised.value, NotFoundError)
    assert str(raised.value) == "Member 404 does not exist."
