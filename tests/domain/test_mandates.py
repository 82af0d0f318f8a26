"""Mandates: the history of roles, the bureau on a date, shared leadership."""

from __future__ import annotations

import datetime as dt

import pytest

from clubdesk.db import Mandate, Member
from clubdesk.domain.members.mandates import (
    MandateInput,
    MandateValidationError,
    bureau_on,
    bureaus_by_year,
    leadership,
    member_mandates,
    save_member_mandates,
)
from clubdesk.domain.members.member_archive import archive_member
from clubdesk.domain.members.member_form import MemberInput
from clubdesk.domain.members.members import create_member, member_input, update_member

TODAY = dt.date(2026, 12, 6)


def test_changing_the_role_in_the_form_keeps_the_history(db_path) -> None:
    member_id = create_member(MemberInput(first_name="Inès", last_name="Martin",
                                          role="treasurer"))
    data = member_input(member_id)
    data.role = "president"
    Mandate.update(starts_on=dt.date(2024, 3, 15)).execute()  # she was treasurer since 2024
    update_member(member_id, data)
    rows = member_mandates(member_id)
    assert [(row.role, row.ends_on is None) for row in rows] == [("president", True),
                                                                ("treasurer", False)]
    assert Member.get_by_id(member_id).role == "president"


def test_archiving_ends_the_mandates_and_keeps_them(db_path) -> None:
    member_id = create_member(MemberInput(first_name="Paul", last_name="Roux",
                                          role="secretary"))
    Mandate.update(starts_on=dt.date(2023, 3, 15)).execute()
    archive_member(member_id, dt.date(2025, 6, 30))
    [row] = member_mandates(member_id)
    assert (row.role, row.ends_on) == ("secretary", dt.date(2025, 6, 30))
    assert Member.get_by_id(member_id).role == "none"


def test_the_history_is_edited_whole_and_checked(db_path, make_member) -> None:
    member = make_member()
    save_member_mandates(member.id, [
        MandateInput("treasurer", dt.date(2019, 3, 15), dt.date(2022, 3, 14)),
        MandateInput("other", dt.date(2022, 3, 15), None, "Responsable communication"),
    ], today=TODAY)
    assert Member.get_by_id(member.id).role == "other"
    assert member_mandates(member.id)[0].label == "Responsable communication"
    with pytest.raises(MandateValidationError) as refused:
        save_member_mandates(member.id, [
            MandateInput("treasurer", dt.date(2019, 3, 15), None),
            MandateInput("treasurer", dt.date(2020, 3, 15), dt.date(2021, 1, 1)),
            MandateInput("other", dt.date(2020, 3, 15)),
            MandateInput("secretary", dt.date(2021, 3, 15), dt.date(2020, 1, 1)),
        ], today=TODAY)
    assert set(refused.value.errors) == {1, 2, 3}
    assert len(member_mandates(member.id)) == 2  # nothing changed


def test_the_bureau_on_a_date_and_by_year(db_path, make_member) -> None:
    anne, paul, lea = (make_member(last_name=name) for name in ("Anne", "Paul", "Léa"))
    save_member_mandates(anne.id, [MandateInput("president", dt.date(2019, 3, 15),
                                                dt.date(2023, 3, 14))], today=TODAY)
    save_member_mandates(paul.id, [MandateInput("president", dt.date(2023, 3, 15))],
                         today=TODAY)
    save_member_mandates(lea.id, [MandateInput("treasurer", dt.date(2021, 3, 15))],
                         today=TODAY)
    assert [(row.last_name, row.role) for row in bureau_on(dt.date(2022, 1, 1))] == [
        ("Anne", "president"), ("Léa", "treasurer")]
    years = bureaus_by_year(2022, 2024)
    assert [row.last_name for row in years[2023]] == ["Anne", "Paul", "Léa"]
    shared = leadership(TODAY, years=4)
    assert shared.holders == 3
    assert (shared.longest_name.endswith("Léa"), shared.longest_years) == (True, 5.7)
