"""Membership and meetings figures of a period: one grouped query a table.

Definitions (the report prints them):

- *active on a day*: a member whose status is not ``prospect``, who joined on or before that
  day (or whose joining date is unknown) and has not left (``left_on`` unknown or later);
- *joined*, *left*: ``joined_on``, ``left_on`` within the period;
- *retention*: of the members active on the first day, the share still members on the last
  (``left_on`` unknown or after the period); None when nobody was active on the first day;
- *by sector*: the members active on the last day by sector, largest first ("" = unknown);
- *by status*: every member in the file by status code, in the order of the codes;
- *dues*: those of the fiscal year the period falls in — the one holding most of its days
  (the later one on a tie) —, as they stand when the figures are computed
  (:func:`clubdesk.domain.dues.dues_status.dues_totals`): *expected*, what the members
  expected to pay that year owe by the fee schedule; *received*, what they paid for it
  (whenever they paid); *outstanding*, what the members not up to date still owe; *up to
  date*, the share of those members who paid, are exempt or owe nothing;
- *events*: events starting within the period, by kind (most first);
- *average attendance rate*: the mean, over the events of the period with at least one
  attendance row, of (present + late) / rows; None when no list was taken;
- *guests*: guests of the period's events; *joined*: those since recorded as a member.
"""

from __future__ import annotations

from peewee import SQL, fn

from clubdesk.db import Attendance, Event, Guest, Member
from clubdesk.domain.activity.activity_figures import (
    Count,
    DuesFigures,
    MeetingFigures,
    MembershipFigures,
    Period,
)
from clubdesk.domain.activity.activity_sql import (
    ATTENDED,
    count_if,
    events_within,
    member_on,
    ratio,
    within,
)
from clubdesk.domain.common.codes import EventKind, MemberStatus
from clubdesk.domain.common.fiscal_years import fiscal_year_name, main_fiscal_year
from clubdesk.domain.dues.dues_status import dues_totals


def membership_counts(period: Period) -> tuple[int, int, int, int, int]:
    """Active at start and end, joined, left, retained. One query."""
    at_start = member_on(period.start)
    still = Member.left_on.is_null() | (Member.left_on > period.end)
    row = (
        Member
        .select(count_if(at_start), count_if(member_on(period.end)),
                count_if(within(Member.joined_on, period)),
                count_if(within(Member.left_on, period)),
                count_if(at_start & still))
        .tuples()
        .get()
    )
    return row


def dues_year(period: Period, start_month: int) -> int:
    """The fiscal year whose dues the period's figures show (see the module's doc)."""
    return main_fiscal_year(period.start, period.end, start_month)


def dues_figures(period: Period, start_month: int) -> DuesFigures:
    """The dues of the period's fiscal year. One query."""
    year = dues_year(period, start_month)
    totals = dues_totals(year, start_month=start_month)
    return DuesFigures(year, fiscal_year_name(year, start_month), totals.members,
                       totals.up_to_date, totals.expected, totals.received, totals.outstanding)


def by_sector(period: Period) -> list[Count]:
    """Members active on the last day by sector, largest first, then by sector. One query."""
    size = fn.COUNT(SQL("*"))
    query = (
        Member
        .select(Member.sector, size)
        .where(member_on(period.end))
        .group_by(Member.sector)
        .order_by(size.desc(), Member.sector)
        .tuples()
    )
    return [Count(sector, int(n)) for sector, n in query]


def by_status() -> list[Count]:
    """Every member by status code, every code listed (zeros too), in code order."""
    found = dict(Member.select(Member.status, fn.COUNT(SQL("*")))
                 .group_by(Member.status)
                 .tuples())
    return [Count(status, int(found.get(status, 0))) for status in MemberStatus]


def membership_figures(period: Period, counts: tuple, sectors: list[Count],
                       statuses: list[Count], dues: DuesFigures) -> MembershipFigures:
    at_start, at_end, joined, left, retained = counts
    return MembershipFigures(int(at_start), int(at_end), int(joined), int(left),
                             ratio(retained, at_start), sectors, statuses, dues)


def events_by_kind(period: Period) -> list[Count]:
    """Events held in the period by kind, most first. One query."""
    size = fn.COUNT(SQL("*"))
    query = (
        Event
        .select(Event.kind, size)
        .where(events_within(period))
        .group_by(Event.kind)
        .order_by(size.desc(), Event.kind)
        .tuples()
    )
    return [Count(kind, int(n)) for kind, n in query]


def attendance_totals(period: Period) -> tuple[float | None, int]:
    """Mean attendance rate over the events with a list, and the rows. One query."""
    per_event = (
        Attendance
        .select((count_if(Attendance.status.in_(ATTENDED)) * 1.0
                 / fn.COUNT(SQL("*"))).alias("rate"),
                fn.COUNT(SQL("*")).alias("rows"))
        .join(Event)
        .where(events_within(period))
        .group_by(Attendance.event)
        .alias("per_event")
    )
    rate, rows = (
        per_event
        .select_from(fn.AVG(per_event.c.rate), fn.COALESCE(fn.SUM(per_event.c.rows), 0))
        .tuples()
        .get()
    )
    return (None if rate is None else float(rate)), int(rows)


def guest_counts(period: Period) -> tuple[int, int, int]:
    """Guests of the period's events, those who joined, those at meetings. One query."""
    guests, joined, at_meetings = (
        Guest
        .select(fn.COUNT(SQL("*")), count_if(Guest.converted_member.is_null(False)),
                count_if(Event.kind == EventKind.MEETING))
        .join(Event)
        .where(events_within(period))
        .tuples()
        .get()
    )
    return int(guests), int(joined), int(at_meetings)


def meeting_figures(kinds: list[Count], attendance: tuple[float | None, int],
                    guests: tuple[int, int, int]) -> MeetingFigures:
    rate, rows = attendance
    return MeetingFigures(sum(kind.value for kind in kinds), kinds, rate, rows, guests[0],
                          guests[1])
