"""One member's activity over a period, for the member activity sheet: eight queries.

The figures follow the activity report (:mod:`clubdesk.domain.activity.activity_members`):
attendance rows of the period's events, present or late counted as attended; volunteer
entries dated within the period; referrals given and received within the period (by their
date), ``business_*`` summing the amounts of those now won; fees paid within the period;
and every role the member held in the bureau or a committee, whenever it was.
"""

from __future__ import annotations

from decimal import Decimal

from peewee import JOIN

from clubdesk.db import Attendance, Event, Member, MembershipFee, Referral, VolunteerEntry
from clubdesk.domain.activity.activity_figures import (
    MemberSheet,
    Period,
    SheetAttendance,
    SheetFee,
    SheetHours,
    SheetReferral,
)
from clubdesk.domain.activity.activity_sql import ATTENDED, as_date, events_within, within
from clubdesk.domain.common.codes import ReferralStatus
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.fiscal_years import fiscal_year_name
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.members.mandates import member_mandates
from clubdesk.domain.volunteering.volunteer_summary import value_of
from clubdesk.i18n import _

ZERO = Decimal("0.00")


class UnknownMemberError(NotFoundError):
    """No member has this number; ``str(error)`` is a message for the user."""

    def __init__(self, member_id: int) -> None:
        super().__init__(_("No member with number {number}.").format(number=member_id))
        self.member_id = member_id


def _attendance(member_id: int, period: Period) -> list[SheetAttendance]:
    query = (
        Attendance
        .select(Event.starts_at, Event.title, Event.kind, Attendance.status)
        .join(Event)
        .where((Attendance.member == member_id) & events_within(period))
        .order_by(Event.starts_at, Event.id)
        .tuples()
    )
    return [SheetAttendance(as_date(starts), title, kind, status)
            for starts, title, kind, status in query]


def _hours(member_id: int, period: Period) -> list[SheetHours]:
    query = (
        VolunteerEntry
        .select(VolunteerEntry.date, VolunteerEntry.hours, VolunteerEntry.category,
                VolunteerEntry.description)
        .where((VolunteerEntry.member == member_id) & within(VolunteerEntry.date, period))
        .order_by(VolunteerEntry.date, VolunteerEntry.id)
        .tuples()
    )
    return [SheetHours(as_date(day), Decimal(hours).quantize(ZERO), category, description)
            for day, hours, category, description in query]


def _referrals(member_id: int, period: Period, given: bool) -> list[SheetReferral]:
    """Given: the other is the receiver (or the outsider's name); received: the giver."""
    other = Member.alias("other")
    mine, theirs = ((Referral.giver, Referral.receiver) if given
                    else (Referral.receiver, Referral.giver))
    query = (
        Referral
        .select(Referral.date, other.first_name, other.last_name,
                Referral.external_recipient, Referral.status, Referral.amount)
        .join(other, JOIN.LEFT_OUTER, on=(theirs == other.id))
        .where((mine == member_id) & within(Referral.date, period))
        .order_by(Referral.date, Referral.id)
        .tuples()
    )
    return [
        SheetReferral(as_date(day),
                      f"{first} {last}".strip() if last is not None else external,
                      status, None if amount is None else Decimal(amount).quantize(ZERO))
        for day, first, last, external, status, amount in query
    ]


def _fees(member_id: int, period: Period, start_month: int) -> list[SheetFee]:
    query = (
        MembershipFee
        .select(MembershipFee.period_start, MembershipFee.period_end, MembershipFee.amount,
                MembershipFee.paid_on, MembershipFee.fiscal_year, MembershipFee.method,
                MembershipFee.receipt_number, MembershipFee.exempt)
        .where((MembershipFee.member == member_id) & within(MembershipFee.paid_on, period))
        .order_by(MembershipFee.paid_on, MembershipFee.id)
        .tuples()
    )
    return [SheetFee(as_date(start), as_date(end), Decimal(amount).quantize(ZERO),
                     as_date(paid), fiscal_year_name(year, start_month), method, receipt,
                     bool(exempt))
            for start, end, amount, paid, year, method, receipt, exempt in query]


def _won(referrals: list[SheetReferral]) -> Decimal:
    return sum((r.amount or ZERO for r in referrals if r.status == ReferralStatus.WON), ZERO)


def member_sheet(member_id: int, period: Period) -> MemberSheet:
    """``member_id``'s sheet for ``period``; :class:`UnknownMemberError` if there is none.

    Eight queries whatever the member's activity.
    """
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise UnknownMemberError(member_id)
    settings = load_settings()
    attendance = _attendance(member_id, period)
    entries = _hours(member_id, period)
    given = _referrals(member_id, period, given=True)
    received = _referrals(member_id, period, given=False)
    fees = _fees(member_id, period, settings.fiscal_year_start_month)
    total_hours = sum((entry.hours for entry in entries), ZERO)
    return MemberSheet(
        period, settings.name, member.id, member.first_name, member.last_name,
        member.company, member.profession, member.status, member.role,
        as_date(member.joined_on), attendance, len(attendance),
        sum(1 for row in attendance if row.status in ATTENDED), entries, total_hours,
        value_of(total_hours, settings.volunteer_hourly_rate), given, received,
        _won(given), _won(received), fees, sum((fee.amount for fee in fees), ZERO),
        member_mandates(member_id))


__all__ = ["UnknownMemberError", "member_sheet"]
