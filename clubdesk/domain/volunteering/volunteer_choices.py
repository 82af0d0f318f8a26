"""What the volunteer forms offer to choose from: members, events, who came to an event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from peewee import JOIN, SQL, Expression, fn

from clubdesk.db import Attendance, Event, Member
from clubdesk.domain.common.codes import AttendanceStatus, MemberStatus
from clubdesk.domain.common.text import fold
from clubdesk.domain.members.member_list import CURRENT_STATUSES
from clubdesk.domain.members.members import sponsor_label

GAVE_TIME_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
"""Attendance statuses of members who were there themselves (not a substitute)."""


@dataclass(frozen=True, slots=True)
class EventChoice:
    """An event a form offers: when, what, and how many members were there."""

    id: int
    starts_at: dt.datetime
    title: str
    present: int


def member_choices(statuses: Collection[str] = CURRENT_STATUSES,
                   keep: Collection[int] = ()) -> list[tuple[int, str]]:
    """``(id, "Last First — Company")`` of the members with one of ``statuses`` (and of
    ``keep``, whatever their status), by folded name, in one query."""
    condition = Member.status.in_(list(statuses))
    if keep:
        condition |= Member.id.in_(list(keep))
    query = (Member
             .select(Member.id, Member.last_name, Member.first_name, Member.company)
             .where(condition)
             .tuples())
    rows = sorted(query, key=lambda row: (fold(f"{row[1]}\x00{row[2]}"), row[0]))
    return [(int(row[0]), sponsor_label(row[1], row[2], row[3])) for row in rows]


def every_member_choice() -> list[tuple[int, str]]:
    """``(id, "Last First — Company")`` of every member, whatever their status (the list's
    filter names whoever gave time, former members too), by folded name."""
    return member_choices(tuple(MemberStatus))


def active_member_choices(keep: Collection[int] = ()) -> list[tuple[int, str]]:
    """``(id, "Last First — Company")`` of the active members (and of ``keep``), by name:
    those hours are logged for several at a time."""
    return member_choices((MemberStatus.ACTIVE,), keep=keep)


def _present_counts():
    return (Attendance
            .select(Attendance.event, fn.COUNT(SQL("*")).alias("present"))
            .where(Attendance.status.in_(GAVE_TIME_STATUSES))
            .group_by(Attendance.event)
            .alias("present"))


def _event_choices(condition: Expression, present) -> list[EventChoice]:
    query = (Event
             .select(Event.id, Event.starts_at, Event.title, fn.COALESCE(present.c.present, 0))
             .join(present, JOIN.LEFT_OUTER, on=(present.c.event_id == Event.id))
             .where(condition)
             .order_by(Event.starts_at.desc(), Event.id.desc())
             .tuples())
    return [EventChoice(int(id_), _as_datetime(starts_at), title, int(count))
            for id_, starts_at, title, count in query]


def event_choices(date_from: dt.date, date_to: dt.date, keep: int | None = None,
                  with_attendance: bool = False) -> list[EventChoice]:
    """Events from ``date_from`` to ``date_to`` (included), the most recent first, with the
    members present; ``keep`` is added whatever its date, ``with_attendance`` keeps only
    events where someone was marked present. One query."""
    present = _present_counts()
    start = dt.datetime.combine(date_from, dt.time())
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time())
    condition = (Event.starts_at >= start) & (Event.starts_at < end)
    if with_attendance:
        condition &= present.c.present > 0
    if keep is not None:
        condition |= Event.id == keep
    return _event_choices(condition, present)


def event_choice(event_id: int) -> EventChoice | None:
    """One event as a form shows it, or None when it no longer exists."""
    found = _event_choices(Event.id == event_id, _present_counts())
    return found[0] if found else None


def members_present_at(event_id: int) -> list[int]:
    """The members marked present or late at an event: those who gave time there."""
    query = (Attendance
             .select(Attendance.member)
             .where(Attendance.event == event_id,
                    Attendance.status.in_(GAVE_TIME_STATUSES))
             .tuples())
    return [int(row[0]) for row in query]


def _as_datetime(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))
