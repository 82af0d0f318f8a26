"""Guests: recording them, the form's rules, and turning a guest into a member."""

from __future__ import annotations

import datetime as dt

import pytest
from peewee import IntegrityError
from playhouse.test_utils import count_queries

from clubdesk import i18n
from clubdesk.db import Event, Guest, Member
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.events.guests import (
    GuestError,
    GuestInput,
    GuestNotFoundError,
    GuestValidationError,
    add_guest,
    convert_guest_to_member,
    delete_guest,
    guest_input,
    guest_rows,
    split_name,
    update_guest,
    validate_guest,
)


@pytest.fixture
def event(db_path) -> Event:
    return Event.create(title="Réunion", starts_at=dt.datetime(2026, 12, 1, 7, 0))


def test_add_cleans_and_lists_guests_with_their_inviter(event, make_member) -> None:
    host = make_member(first_name="Jeanne", last_name="Dupont")
    first = add_guest(event.id, GuestInput("  Éloïse   Martin ", " Boulangerie ",
                                           " Eloise@Example.FR ", host.id))
    add_guest(event.id, GuestInput("Marc Leroy"))
    with count_queries() as counter:
        rows = guest_rows(event.id)
    assert counter.count == 1
    assert [row.name for row in rows] == ["Éloïse Martin", "Marc Leroy"]
    assert (rows[0].id, rows[0].company, rows[0].email) == (
        first, "Boulangerie", "eloise@example.fr")
    assert (rows[0].invited_by_id, rows[0].invited_by_name) == (host.id, "Jeanne Dupont")
    assert rows[1].invited_by_name == "" and rows[1].converted_member_id is None


def test_validation_messages(event, make_member) -> None:
    result = validate_guest(GuestInput(name="  ", email="jean@orange"))
    assert result.errors == {
        "name": "The guest's name is required.",
        "email": "This email address is not valid (expected: name@domain.fr).",
    }
    assert result.cleaned is None and not result.ok
    assert validate_guest(GuestInput("Jean", invited_by_id=999)).errors == {
        "invited_by_id": "This member is not in the register any more."}
    with pytest.raises(GuestValidationError) as refused:
        add_guest(event.id, GuestInput(""))
    assert refused.value.result.errors["name"] == "The guest's name is required."
    assert Guest.select().count() == 0
    i18n.set_language("fr")
    assert validate_guest(GuestInput("")).errors["name"] == "Le nom de l'invité·e est requis."


def test_add_refuses_a_deleted_event(db_path) -> None:
    with pytest.raises(GuestError, match="This event does not exist any more."):
        add_guest(999, GuestInput("Jean Martin"))


def test_update_and_delete(event, make_member) -> None:
    guest_id = add_guest(event.id, GuestInput("Jean Martin"))
    host = make_member()
    update_guest(guest_id, GuestInput("Jean Martin", "Acme", "jean@acme.fr", host.id))
    assert guest_input(guest_id) == GuestInput("Jean Martin", "Acme", "jean@acme.fr", host.id)
    with pytest.raises(GuestValidationError):
        update_guest(guest_id, GuestInput("Jean Martin", email="jean@"))
    delete_guest(guest_id)
    assert guest_rows(event.id) == []
    with pytest.raises(GuestError, match="This guest does not exist any more."):
        update_guest(guest_id, GuestInput("Jean"))
    with pytest.raises(GuestError, match="This guest does not exist any more."):
        delete_guest(guest_id)
    # A refusal like the others, and the domain's "not found" for the window.
    with pytest.raises(GuestNotFoundError) as gone:
        guest_input(guest_id)
    assert isinstance(gone.value, NotFoundError) and gone.value.guest_id == guest_id


@pytest.mark.parametrize(("typed", "expected"), [
    ("Jeanne Dupont", ("Jeanne", "Dupont")),
    ("Jean-Pierre de La Tour", ("Jean-Pierre", "de La Tour")),
    ("DUPONT Jeanne", ("Jeanne", "Dupont")),
    ("DE LA TOUR Marie-Claire", ("Marie-Claire", "de La Tour")),
    ("Jeanne LE GOFF", ("Jeanne", "Le Goff")),
    ("D'ESTAING Valéry", ("Valéry", "d'Estaing")),
    ("Madonna", ("", "Madonna")),
])
def test_split_name(typed: str, expected: tuple[str, str]) -> None:
    assert split_name(typed) == expected


def test_convert_creates_a_sponsored_member_and_links_the_guest(event, make_member) -> None:
    host = make_member(first_name="Jeanne", last_name="Dupont")
    guest_id = add_guest(event.id, GuestInput("MARTIN Éloïse", "Boulangerie",
                                              "eloise@example.fr", host.id))
    member_id = convert_guest_to_member(guest_id)
    member = Member.get_by_id(member_id)
    assert (member.first_name, member.last_name, member.company, member.email) == (
        "Éloïse", "Martin", "Boulangerie", "eloise@example.fr")
    assert member.status == "active" and member.sponsor_id == host.id
    assert member.joined_on == dt.date.today()
    row = guest_rows(event.id)[0]
    assert (row.converted_member_id, row.converted_member_name) == (member_id, "Éloïse Martin")
    with pytest.raises(GuestError, match="^MARTIN Éloïse is already a member: "
                                         "Éloïse Martin.$"):
        convert_guest_to_member(guest_id)
    with pytest.raises(GuestError, match="became a member \\(Éloïse Martin\\) after this "
                                         "visit: the record is kept"):
        delete_guest(guest_id)


def test_convert_refuses_a_single_name_and_a_used_email(event, make_member) -> None:
    make_member(first_name="Jean", last_name="Martin", email="jean@acme.fr")
    single = add_guest(event.id, GuestInput("Madonna"))
    with pytest.raises(GuestError, match="“Madonna” needs a first and a last name"):
        convert_guest_to_member(single)
    twin = add_guest(event.id, GuestInput("Jean Martin", email="JEAN@acme.fr"))
    with pytest.raises(GuestError, match="Jean Martin could not become a member: This email "
                                         "address is already used by Jean Martin."):
        convert_guest_to_member(twin)
    assert Member.select().count() == 1


def test_convert_is_one_transaction(event, make_member, monkeypatch) -> None:
    guest_id = add_guest(event.id, GuestInput("Jean Martin"))

    real_update = Guest.update

    def failing_update(*args, **kwargs):
        if "converted_member" in kwargs:
            raise IntegrityError("disk trouble")
        return real_update(*args, **kwargs)

    monkeypatch.setattr(Guest, "update", failing_update)
    with pytest.raises(IntegrityError):
        convert_guest_to_member(guest_id)
    monkeypatch.undo()
    assert Member.select().count() == 0  # the member created first was rolled back
    assert guest_rows(event.id)[0].converted_member_id is None


def test_guests_and_members_share_one_email_check() -> None:
    from clubdesk.domain.members.member_form import is_valid_email

    assert is_valid_email("zoe@cafe-zoe.fr") and not is_valid_email("zoe@cafe")
