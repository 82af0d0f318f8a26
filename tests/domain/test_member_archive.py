"""Archiving and deleting members: history is never lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from playhouse.test_utils import count_queries

from clubdesk import i18n
from clubdesk.db import (
    Attendance,
    Event,
    Guest,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
)
from clubdesk.domain.members.member_archive import (
    MemberHasHistoryError,
    archive_member,
    check_deletable,
    delete_member,
    member_has_history,
)
from clubdesk.domain.members.members import MemberNotFoundError


def _event() -> Event:
    return Event.create(title="Réunion", starts_at=dt.datetime(2026, 1, 6, 7, 30))


def _attendance(member: Member, other: Member) -> None:
    Attendance.create(event=_event(), member=member, status="present")


def _proxy(member: Member, other: Member) -> None:
    Attendance.create(event=_event(), member=other, status="excused", proxy_to=member)


def _volunteering(member: Member, other: Member) -> None:
    VolunteerEntry.create(member=member, date=dt.date(2026, 1, 6), hours=Decimal("2"))


def _referral_given(member: Member, other: Member) -> None:
    Referral.create(giver=member, external_recipient="ACME", date=dt.date(2026, 1, 6))


def _referral_received(member: Member, other: Member) -> None:
    Referral.create(giver=other, receiver=member, date=dt.date(2026, 1, 6))


def _fee(member: Member, other: Member) -> None:
    MembershipFee.create(member=member, period_start=dt.date(2026, 1, 1),
                         period_end=dt.date(2026, 12, 31), amount=Decimal("150"))


def _guest(member: Member, other: Member) -> None:
    Guest.create(event=_event(), name="Invitée", invited_by=member)


def _converted(member: Member, other: Member) -> None:
    Guest.create(event=_event(), name=member.full_name, converted_member=member)


def _sponsored(member: Member, other: Member) -> None:
    Member.update(sponsor=member).where(Member.id == other.id).execute()


HISTORY: dict[str, Callable[[Member, Member], None]] = {
    "attendance": _attendance,
    "proxies held": _proxy,
    "volunteer hours": _volunteering,
    "referrals given": _referral_given,
    "referrals received": _referral_received,
    "membership fees": _fee,
    "guests invited": _guest,
    "guest visits": _converted,
    "sponsored members": _sponsored,
}


def test_archive_makes_a_former_member_leaving_today_without_bureau_role(make_member) -> None:
    member = make_member(first_name="Éloïse", role="treasurer",
                         joined_on=dt.date(2020, 1, 1))
    Member.update(updated_at=dt.datetime(2020, 1, 1)).where(Member.id == member.id).execute()
    archive_member(member.id)
    stored = Member.get_by_id(member.id)
    assert stored.status == "former"
    assert stored.left_on == dt.date.today()
    assert stored.updated_at.date() == dt.date.today()
    assert stored.role == "none"  # the member form refuses a former member in the bureau
    assert (stored.first_name, stored.joined_on) == ("Éloïse", dt.date(2020, 1, 1))


def test_archive_on_a_given_date_and_again_keeps_that_date(make_member) -> None:
    member = make_member()
    archive_member(member.id, dt.date(2025, 12, 31))
    archive_member(member.id)
    assert Member.get_by_id(member.id).left_on == dt.date(2025, 12, 31)
    archive_member(member.id, dt.date(2026, 1, 15))
    assert Member.get_by_id(member.id).left_on == dt.date(2026, 1, 15)


def test_archive_never_leaves_before_joining(make_member) -> None:
    future = dt.date.today() + dt.timedelta(days=10)
    member = make_member(status="prospect", joined_on=future)
    with pytest.raises(ValueError, match="before the joining date"):
        archive_member(member.id, future - dt.timedelta(days=1))
    assert Member.get_by_id(member.id).status == "prospect"
    archive_member(member.id)
    assert Member.get_by_id(member.id).left_on == future


def test_archive_an_unknown_member_raises(db_path) -> None:
    with pytest.raises(MemberNotFoundError):
        archive_member(404)


def test_a_new_member_has_no_history_and_can_be_deleted(make_member) -> None:
    member = make_member()
    keep = make_member()
    assert member_has_history(member.id) is False
    check_deletable(member.id)
    delete_member(member.id)
    assert not Member.select().where(Member.id == member.id).exists()
    assert Member.select().where(Member.id == keep.id).exists()


@pytest.mark.parametrize("kind", list(HISTORY))
def test_any_history_refuses_deletion_and_says_why(make_member, kind: str) -> None:
    member = make_member(first_name="Éloïse", last_name="Dupont")
    other = make_member()
    HISTORY[kind](member, other)
    assert member_has_history(member.id) is True
    with pytest.raises(MemberHasHistoryError) as raised:
        delete_member(member.id)
    message = str(raised.value)
    assert "Éloïse Dupont cannot be deleted" in message
    assert kind in message
    assert "Archive the member instead" in message
    assert raised.value.member_id == member.id
    assert Member.select().where(Member.id == member.id).exists()


def test_history_of_others_does_not_count(make_member) -> None:
    member = make_member()
    other = make_member()
    third = make_member()
    for kind in ("attendance", "volunteer hours", "membership fees", "guests invited"):
        HISTORY[kind](other, third)
    assert member_has_history(member.id) is False


def test_history_is_checked_in_one_query(make_member) -> None:
    member = make_member()
    other = make_member()
    for add in HISTORY.values():
        add(member, other)
    with count_queries() as counter:
        assert member_has_history(member.id)
    assert counter.count == 1


def test_the_refusal_is_translated(make_member) -> None:
    member = make_member(first_name="Éloïse", last_name="Dupont")
    _fee(member, member)
    i18n.set_language("fr")
    with pytest.raises(MemberHasHistoryError) as raised:
        delete_member(member.id)
    assert str(raised.value).startswith("Éloïse Dupont ne peut pas être supprimé·e")
    assert "cotisations" in str(raised.value)


def test_deleting_an_unknown_member_raises(db_path) -> None:
    with pytest.raises(MemberNotFoundError):
        delete_member(404)
