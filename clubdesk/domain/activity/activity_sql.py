"""Small SQL pieces shared by the ``activity_*`` modules: period bounds, counts, cents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from peewee import SQL, Expression, Field, Function, fn

from clubdesk.db import Event, Member
from clubdesk.domain.activity.activity_figures import Period
from clubdesk.domain.common.codes import AttendanceStatus, MemberStatus

# Attendance statuses that count as attended.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def events_within(period: Period) -> Expression:
    """Events starting on a day of the period (``starts_at`` keeps a time)."""
    return ((Event.starts_at >= midnight(period.start))
            & (Event.starts_at < midnight(period.end + dt.timedelta(days=1))))


def within(column: Field, period: Period) -> Expression:
    return (column >= period.start) & (column <= period.end)


def member_on(day: dt.date) -> Expression:
    """A member (not a prospect) whose membership covers ``day``.

    joined_on on or before the day (or unknown), left_on unknown or after the day.
    """
    return ((Member.status != MemberStatus.PROSPECT)
            & (Member.joined_on.is_null() | (Member.joined_on <= day))
            & (Member.left_on.is_null() | (Member.left_on > day)))


def count_if(condition: Expression) -> Function:
    return fn.COUNT(SQL("*")).filter(condition)


def hundredths(column: Field) -> Expression:
    """A sum of hours in whole hundredths (SQLite keeps hours as floats)."""
    return fn.COALESCE(fn.ROUND(fn.SUM(column) * 100), 0).cast("INTEGER")


def cents(column: Field, condition: Expression | None = None) -> Function:
    """A sum of amounts in whole cents, exact (``condition``: only those rows)."""
    total = fn.SUM(fn.ROUND(column * SQL("100")))
    return fn.COALESCE(total.filter(condition) if condition is not None else total, 0)


def euros(value: object) -> Decimal:
    return Decimal(int(value or 0)).scaleb(-2)


def hours(value: object) -> Decimal:
    return Decimal(int(value or 0)).scaleb(-2)


def ratio(part: float | int, whole: float | int) -> float | None:
    return part / whole if whole else None


def as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    return dt.date.fromisoformat(str(value)[:10])
