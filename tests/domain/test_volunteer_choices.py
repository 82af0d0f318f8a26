"""What the volunteer forms offer: members by status, and who gave time at an event."""

from __future__ import annotations

import datetime as dt

import pytest

from clubdesk.db import Attendance, Event
from clubdesk.domain.common.codes import AttendanceStatus, MemberStatus
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.volunteering.volunteer_categories import (
    CategoryNotFoundError,
    delete_category,
)
from clubdesk.domain.volunteering.volunteer_choices import (
    active_member_choices,
    every_member_choice,
    members_present_at,
)
from clubdesk.domain.volunteering.volunteering import VolunteerEntryNotFoundError, entry_input


@pytest.fixture
def members(make_member) -> dict[str, int]:
    return {status: make_member(first_name=status.title(), last_name=f"Nom {status}",
                                status=status).id
            for status in MemberStatus}


def test_every_member_whatever_their_status(members) -> None:
    assert sorted(member_id for member_id, _label in every_member_choice()) == sorted(
        members.values())


def test_active_members_and_those_kept(members) -> None:
    assert [member_id for member_id, _label in active_member_choices()] == [
        members[MemberStatus.ACTIVE]]
    kept = active_member_choices(keep=[members[MemberStatus.FORMER]])
    assert {member_id for member_id, _label in kept} == {members[MemberStatus.ACTIVE],
                                                        members[MemberStatus.FORMER]}
    assert dict(kept)[members[MemberStatus.ACTIVE]] == "Nom active Active"


def test_who_gave_time_at_an_event_came_themselves(make_member) -> None:
    event = Event.create(title="Salon", starts_at=dt.datetime(2026, 3, 3, 18))
    came = {}
    for status in AttendanceStatus:
        member = make_member(last_name=status)
        Attendance.create(event=event, member=member, status=status)
        came[status] = member.id
    assert sorted(members_present_at(event.id)) == sorted(
        [came[AttendanceStatus.PRESENT], came[AttendanceStatus.LATE]])


def test_what_no_longer_exists_is_a_not_found_error(db_path) -> None:
    with pytest.raises(NotFoundError, match="This volunteer entry no longer exists."):
        entry_input(42)
    with pytest.raises(NotFoundError, match="This category no longer exists."):
        delete_category(42)
    assert issubclass(VolunteerEntryNotFoundError, LookupError)
    assert issubclass(CategoryNotFoundError, LookupError)
