"""Attendance over a period: per member, per event, in total, and the members to follow up.

Everything is aggregated in SQL (GROUP BY and conditional sums) in a fixed number of
queries, whatever the number of members or events. The definitions printed under the
report's tables are those of :class:`~clubdesk.domain.activity.attendance_report.StatusCounts`:
expected = one attendance row, attended = present or late, a substitute is counted apart.

A member is *flagged* with more than ``absence_alert_count`` unexcused absences (status
``absent``) in the last ``absence_alert_months`` months of the period (settings), the window
never reaching before the period's first day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, Case, Expression, Function, fn

from clubdesk.db import Attendance, Event, Guest, Member
from clubdesk.domain.activity.attendance_report import (
    ATTENDED_STATUSES,
    STATUS_ORDER,
    EventInfo,
    Letterhead,
    Person,
    StatusCounts,
)
from clubdesk.domain.common.codes import AttendanceStatus
from clubdesk.domain.common.settings import load_settings
from clubdesk.i18n import _


class InvalidPeriodError(ValueError):
    """The period ends before it starts; ``str(error)`` is a message for the user."""

    def __init__(self, date_from: dt.date, date_to: dt.date) -> None:
        super().__init__(_("The period ends ({end}) before it starts ({start}).").format(
            end=date_to.isoformat(), start=date_from.isoformat()))


@dataclass(frozen=True)
class AbsenceAlert:
    """More than ``count`` absences from ``window_start`` to ``window_end`` (included)."""

    count: int
    months: int
    window_start: dt.date
    window_end: dt.date


@dataclass(frozen=True)
class MemberAttendance:
    person: Person
    counts: StatusCounts
    recent_absences: int  # unexcused absences within the alert window
    last_attended: dt.date | None  # last event of the period attended, if any
    flagged: bool


@dataclass(frozen=True)
class EventAttendance:
    event: EventInfo
    counts: StatusCounts
    guests: int
    guests_joined: int


@dataclass(frozen=True)
class PeriodReport:
    association: Letterhead
    date_from: dt.date
    date_to: dt.date
    totals: StatusCounts
    guests: int
    guests_joined: int
    events: list[EventAttendance]  # chronological
    members: list[MemberAttendance]  # by name
    alert: AbsenceAlert

    @property
    def flagged(self) -> list[MemberAttendance]:
        """The flagged members, most recent absences first."""
        flagged = [member for member in self.members if member.flagged]
        return sorted(flagged, key=lambda m: (-m.recent_absences, m.person.sort_key))

    @property
    def events_held(self) -> int:
        """Events of the period whose attendance list was taken."""
        return sum(1 for event in self.events if event.counts.expected)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def alert_window(date_from: dt.date, date_to: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The last ``months`` months of the period, both days included."""
    start = months_before(date_to, months) + dt.timedelta(days=1)
    return max(start, date_from), date_to


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _count(condition: Expression) -> Function:
    return fn.COALESCE(fn.SUM(Case(None, [(condition, 1)], 0)), 0)


def _status_columns() -> list[Function]:
    return [_count(Attendance.status == status) for status in STATUS_ORDER]


def period_report_data(date_from: dt.date, date_to: dt.date) -> PeriodReport:
    """Attendance of the events from ``date_from`` to ``date_to``, both days included.

    Raises :class:`InvalidPeriodError` when ``date_from`` comes after ``date_to``. Runs
    five queries whatever the size of the data.
    """
    if date_from > date_to:
        raise InvalidPeriodError(date_from, date_to)
    settings = load_settings()
    window_start, window_end = alert_window(date_from, date_to,
                                            settings.absence_alert_months)
    alert = AbsenceAlert(settings.absence_alert_count, settings.absence_alert_months,
                         window_start, window_end)
    in_period = ((Event.starts_at >= _midnight(date_from))
                 & (Event.starts_at < _midnight(date_to + dt.timedelta(days=1))))
    members = _members(in_period, _midnight(window_start), alert.count)
    events = _events(in_period)
    totals = StatusCounts(*(
        Attendance
        .select(*_status_columns())
        .join(Event)
        .where(in_period)
        .tuples()
        .get()
    ))
    guests, joined = (
        Guest
        .select(fn.COUNT(Guest.id), _count(Guest.converted_member.is_null(False)))
        .join(Event)
        .where(in_period)
        .tuples()
        .get()
    )
    return PeriodReport(Letterhead(settings.name, settings.logo), date_from, date_to, totals,
                        guests, joined, events, members, alert)


def _members(in_period: Expression, window_start: dt.datetime,
             alert_count: int) -> list[MemberAttendance]:
    attended_at = Case(None, [(Attendance.status.in_(ATTENDED_STATUSES), Event.starts_at)])
    recent = _count((Attendance.status == AttendanceStatus.ABSENT)
                    & (Event.starts_at >= window_start))
    rows = (
        Attendance
        .select(Member.id, Member.last_name, Member.first_name, Member.company,
                *_status_columns(), recent, fn.DATE(fn.MAX(attended_at)))
        .join(Event)
        .switch(Attendance)
        .join(Member)
        .where(in_period)
        .group_by(Member.id)
        .tuples()
    )
    members = [
        MemberAttendance(Person(*row[:4]), StatusCounts(*row[4:9]), row[9],
                         dt.date.fromisoformat(row[10]) if row[10] else None,
                         row[9] > alert_count)
        for row in rows
    ]
    members.sort(key=lambda member: member.person.sort_key)
    return members


def _events(in_period: Expression) -> list[EventAttendance]:
    guests = Guest.select(fn.COUNT(Guest.id)).where(Guest.event == Event.id)
    joined = (Guest
              .select(fn.COUNT(Guest.id))
              .where((Guest.event == Event.id) & Guest.converted_member.is_null(False)))
    rows = (
        Event
        .select(Event.id, Event.title, Event.kind, Event.starts_at, Event.ends_at,
                Event.location, *_status_columns(), guests, joined)
        .join(Attendance, JOIN.LEFT_OUTER)
        .where(in_period)
        .group_by(Event.id)
        .order_by(Event.starts_at, Event.id)
        .tuples()
    )
    return [EventAttendance(EventInfo(*row[:6]), StatusCounts(*row[6:11]), row[11], row[12])
            for row in rows]
