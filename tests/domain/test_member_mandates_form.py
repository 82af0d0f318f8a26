"""The member form saves the member and their history of roles in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from clubdesk.db import Mandate, Member
from clubdesk.domain.members import members
from clubdesk.domain.members.mandates import (
    MandateInput,
    MandatesChangedError,
    MandateValidationError,
    form_mandates,
    mandate_inputs,
    same_mandates,
    save_member_mandates,
    validate_mandates,
)
from clubdesk.domain.members.member_form import MemberInput
from clubdesk.domain.members.members import (
    MemberValidationError,
    create_member,
    member_input,
    update_member,
)

TODAY = dt.date.today()
LONG_AGO = dt.date(2019, 9, 1)
TREASURER = MandateInput("treasurer", LONG_AGO, dt.date(2022, 8, 31))
PRESIDENT = MandateInput("president", dt.date(2022, 9, 1))


def _stored(member_id: int) -> list[tuple[str, dt.date, dt.date | None, str]]:
    return [(item.role, item.starts_on, item.ends_on, item.title)
            for item in mandate_inputs(member_id)]


def test_a_new_member_with_their_roles(db_path) -> None:
    member_id = create_member(MemberInput(first_name="Inès", last_name="Martin",
                                          role="secretary"),  # the history decides
                              mandates=[TREASURER, PRESIDENT])
    assert Member.get_by_id(member_id).role == "president"
    assert _stored(member_id) == [("president", dt.date(2022, 9, 1), None, ""),
                                  ("treasurer", LONG_AGO, dt.date(2022, 8, 31), "")]


def test_refused_roles_store_no_member(db_path) -> None:
    with pytest.raises(MandateValidationError) as refused:
        create_member(MemberInput(first_name="Inès", last_name="Martin"),
                      mandates=[PRESIDENT, MandateInput("other", LONG_AGO)])
    assert list(refused.value.errors) == [1]
    assert Member.select().count() == 0 and Mandate.select().count() == 0


def test_the_form_replaces_the_history_and_the_role_follows(db_path) -> None:
    member_id = create_member(MemberInput(first_name="Inès", last_name="Martin"),
                              mandates=[TREASURER])
    assert Member.get_by_id(member_id).role == "none"  # ended in 2022
    loaded, history = member_input(member_id), mandate_inputs(member_id)
    data = member_input(member_id)
    data.city = "Lyon"
    ended = MandateInput("treasurer", LONG_AGO, dt.date(2021, 12, 31))
    other = MandateInput("other", dt.date(2022, 1, 1), None, "  Communication  ")
    update_member(member_id, data, original=loaded, mandates=[ended, other],
                  original_mandates=history)
    stored = Member.get_by_id(member_id)
    assert (stored.city, stored.role) == ("Lyon", "other")
    assert _stored(member_id) == [("other", dt.date(2022, 1, 1), None, "Communication"),
                                  ("treasurer", LONG_AGO, dt.date(2021, 12, 31), "")]


def test_a_refused_row_writes_nothing(db_path) -> None:
    member_id = create_member(MemberInput(first_name="Inès", last_name="Martin"),
                              mandates=[PRESIDENT])
    data = member_input(member_id)
    data.city = "Lyon"
    overlapping = MandateInput("president", dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    with pytest.raises(MandateValidationError) as refused:
        update_member(member_id, data, mandates=[PRESIDENT, overlapping])
    assert refused.value.errors == {1: "Two mandates of President overlap."}
    assert Member.get_by_id(member_id).city == ""
    assert _stored(member_id) == [("president", dt.date(2022, 9, 1), None, "")]


def test_member_and_roles_are_one_transaction(db_path, monkeypatch) -> None:
    """A failure while writing the roles leaves the member as it was, too."""
    member_id = create_member(MemberInput(first_name="Inès", last_name="Martin"),
                              mandates=[PRESIDENT])
    data = member_input(member_id)
    data.city = "Lyon"

    def broken(member_id: int, mandates, today=None) -> None:
        Mandate.delete().where(Mandate.member == member_id).execute()
        raise OSError("disk full")

    monkeypatch.setattr(members, "save_member_mandates", broken)
    with pytest.raises(OSError):
        update_member(member_id, data, mandates=[TREASURER])
    assert Member.get_by_id(member_id).city == ""
    assert _stored(member_id) == [("president", dt.date(2022, 9, 1), None, "")]


def test_a_former_member_holds_no_open_mandate(db_path) -> None:
    member_id = create_member(MemberInput(first_name="Inès", last_name="Martin"),
                              mandates=[PRESIDENT])
    data = member_input(member_id)
    data.status, data.left_on = "former", TODAY
    with pytest.raises(MemberValidationError) as refused:
        update_member(member_id, data, mandates=[PRESIDENT])
    assert "role" in refused.value.result.errors
    ended = MandateInput("president", dt.date(2022, 9, 1), TODAY - dt.timedelta(days=1))
    update_member(member_id, data, mandates=[ended])
    assert Member.get_by_id(member_id).role == "none"


def test_roles_changed_elsewhere_are_kept_when_the_form_left_them(db_path) -> None:
    member_id = create_member(MemberInput(first_name="Inès", last_name="Martin"),
                              mandates=[PRESIDENT])
    loaded, history = member_input(member_id), mandate_inputs(member_id)
    save_member_mandates(member_id, [TREASURER, PRESIDENT])  # another window
    data = member_input(member_id)
    data.city = "Lyon"
    update_member(member_id, data, original=loaded, mandates=history,
                  original_mandates=history)
    assert len(_stored(member_id)) == 2 and Member.get_by_id(member_id).city == "Lyon"


def test_roles_changed_on_both_sides_are_refused(db_path) -> None:
    member_id = create_member(MemberInput(first_name="Inès", last_name="Martin"),
                              mandates=[PRESIDENT])
    loaded, history = member_input(member_id), mandate_inputs(member_id)
    save_member_mandates(member_id, [TREASURER, PRESIDENT])  # another window
    data = member_input(member_id)
    data.city = "Lyon"
    with pytest.raises(MandatesChangedError) as refused:
        update_member(member_id, data, original=loaded, mandates=[],
                      original_mandates=history)
    assert same_mandates(refused.value.stored, [TREASURER, PRESIDENT])
    assert Member.get_by_id(member_id).city == ""
    # The same change made on both sides is no conflict.
    update_member(member_id, data, original=loaded, mandates=[PRESIDENT, TREASURER],
                  original_mandates=history)
    assert Member.get_by_id(member_id).city == "Lyon"


def test_same_mandates_ignores_order_and_the_title_of_named_roles() -> None:
    assert same_mandates([TREASURER, PRESIDENT], [PRESIDENT, TREASURER])
    assert same_mandates([MandateInput("treasurer", LONG_AGO, None, "x")],
                         [MandateInput("treasurer", LONG_AGO)])
    assert not same_mandates([MandateInput("other", LONG_AGO, None, "Com")],
                             [MandateInput("other", LONG_AGO, None, "Accueil")])
    assert not same_mandates([TREASURER], [TREASURER, PRESIDENT])


def test_of_two_overlapping_mandates_the_later_one_is_refused() -> None:
    earlier = MandateInput("president", LONG_AGO, dt.date(2023, 8, 31))
    later = MandateInput("president", dt.date(2022, 9, 1))
    message = "Two mandates of President overlap."
    assert validate_mandates([later, earlier]) == {0: message}
    assert validate_mandates([earlier, later]) == {1: message}
    named = [MandateInput("other", LONG_AGO, None, "Accueil"),
             MandateInput("other", LONG_AGO, None, "Communication")]
    assert validate_mandates(named) == {}  # roles the association names may run together


def test_a_role_recorded_without_its_history_shows_as_a_mandate(make_member) -> None:
    joined = make_member(role="treasurer", joined_on=dt.date(2021, 9, 14))
    unknown = make_member(role="secretary")
    assert form_mandates(joined.id) == [MandateInput("treasurer", dt.date(2021, 9, 14))]
    assert form_mandates(unknown.id, today=TODAY) == [MandateInput("secretary", TODAY)]
    save_member_mandates(joined.id, [TREASURER, PRESIDENT])  # the history is there
    assert form_mandates(joined.id) == mandate_inputs(joined.id)
