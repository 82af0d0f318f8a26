"""What the volunteers gave over a period: by member, by category, by month, in euros.

French associations report volunteer work as "contributions volontaires en nature": hours
valued at an hourly rate the association sets. Each table is one grouped SQL query, so the
number of queries stays the same whatever the number of members or entries. SQLite keeps
hours as floats; each sum is rounded to the hundredth once, in SQL (quarter hours are exact
in binary, and rounding the sum rather than each row halves the time of a query).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from peewee import SQL, Expression, fn

from clubdesk.db import Member, VolunteerEntry
from clubdesk.domain.common.settings import load_settings

CENT = Decimal("0.01")
SHARE = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One line of a summary table.

    ``key`` is the member's id, the category's name or the first day of the month;
    ``label`` the member's name or the category ("" for a month: the interface names it).
    ``share`` is the part of the period's hours, from 0 to 1.
    """

    key: object
    label: str
    hours: Decimal
    entries: int
    volunteers: int
    value: Decimal
    share: Decimal


@dataclass(frozen=True, slots=True)
class PeriodTotals:
    """The whole period: hours, their value, entries, volunteers, and the dates seen."""

    hours: Decimal
    value: Decimal
    entries: int
    volunteers: int
    rate: Decimal
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(frozen=True)
class VolunteerSummary:
    """Every table of a period, valued at ``rate`` euros an hour."""

    date_from: dt.date | None
    date_to: dt.date | None
    rate: Decimal
    totals: PeriodTotals
    members: list[SummaryLine]
    categories: list[SummaryLine]
    months: list[SummaryLine]


def value_of(hours: Decimal, rate: Decimal) -> Decimal:
    """``hours`` at ``rate`` euros an hour, to the cent."""
    return (hours * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def _hundredths() -> Expression:
    """The sum of the hours in whole hundredths."""
    return fn.ROUND(fn.SUM(VolunteerEntry.hours) * 100).cast("INTEGER")


def _hours(hundredths: object) -> Decimal:
    return (Decimal(int(hundredths or 0)) / 100).quantize(CENT)


def _share(hundredths: object, total: object) -> Decimal:
    if not total:
        return Decimal("0.0000")
    return (Decimal(int(hundredths or 0)) / Decimal(int(str(total)))).quantize(SHARE)


def _in_period(query, date_from: dt.date | None, date_to: dt.date | None):
    if date_from is not None:
        query = query.where(VolunteerEntry.date >= date_from)
    if date_to is not None:
        query = query.where(VolunteerEntry.date <= date_to)
    return query


def _rate(rate: Decimal | None) -> Decimal:
    return load_settings().volunteer_hourly_rate if rate is None else Decimal(rate)


def period_totals(date_from: dt.date | None = None, date_to: dt.date | None = None,
                  rate: Decimal | None = None) -> PeriodTotals:
    """Hours, value, entries and volunteers of the period, in one query."""
    rate = _rate(rate)
    query = _in_period(
        VolunteerEntry.select(_hundredths(), fn.COUNT(SQL("*")),
                              fn.COUNT(VolunteerEntry.member.distinct()),
                              fn.MIN(VolunteerEntry.date), fn.MAX(VolunteerEntry.date)),
        date_from, date_to)
    hundredths, entries, volunteers, first, last = query.tuples().get()
    hours = _hours(hundredths)
    return PeriodTotals(hours, value_of(hours, rate), int(entries), int(volunteers), rate,
                        _as_date(first), _as_date(last))


def member_lines(date_from: dt.date | None = None, date_to: dt.date | None = None,
                 rate: Decimal | None = None) -> list[SummaryLine]:
    """Each member who gave time in the period, the most hours first. One query."""
    rate = _rate(rate)
    # Group first, then fetch the names of the members found only.
    grouped = _in_period(
        VolunteerEntry
        .select(VolunteerEntry.member, _hundredths().alias("part"),
                fn.COUNT(SQL("*")).alias("entries"))
        .group_by(VolunteerEntry.member),
        date_from, date_to).alias("grouped")
    query = (
        Member
        .select(Member.id, Member.first_name, Member.last_name, grouped.c.part,
                grouped.c.entries, fn.SUM(grouped.c.part).over())
        .join(grouped, on=(grouped.c.member_id == Member.id))
        .order_by(grouped.c.part.desc(), Member.last_name, Member.first_name, Member.id)
        .tuples()
    )
    lines = []
    for member_id, first, last, part, entries, total in query:
        hours = _hours(part)
        lines.append(SummaryLine(int(member_id), f"{first} {last}".strip(), hours,
                                 int(entries), 1, value_of(hours, rate), _share(part, total)))
    return lines


def category_lines(date_from: dt.date | None = None, date_to: dt.date | None = None,
                   rate: Decimal | None = None) -> list[SummaryLine]:
    """Each category of the period's entries, the most hours first. One query."""
    rate = _rate(rate)
    hundredths = _hundredths()
    query = _in_period(
        VolunteerEntry
        .select(VolunteerEntry.category, hundredths, fn.COUNT(SQL("*")),
                fn.COUNT(VolunteerEntry.member.distinct()), fn.SUM(_hundredths()).over())
        .group_by(VolunteerEntry.category)
        .order_by(hundredths.desc(), VolunteerEntry.category),
        date_from, date_to)
    lines = []
    for category, part, entries, volunteers, total in query.tuples():
        hours = _hours(part)
        lines.append(SummaryLine(category, category, hours, int(entries), int(volunteers),
                                 value_of(hours, rate), _share(part, total)))
    return lines


def month_lines(date_from: dt.date | None = None, date_to: dt.date | None = None,
                rate: Decimal | None = None) -> list[SummaryLine]:
    """Every month of the period in order, those without entries at zero. One query.

    An open end of the period stops at the first or last month with entries.
    """
    rate = _rate(rate)
    month = fn.SUBSTR(VolunteerEntry.date, 1, 7)
    query = _in_period(
        VolunteerEntry
        .select(month, _hundredths(), fn.COUNT(SQL("*")),
                fn.COUNT(VolunteerEntry.member.distinct()), fn.SUM(_hundredths()).over())
        .group_by(month)
        .order_by(month),
        date_from, date_to)
    found = {str(key): (part, entries, volunteers, total)
             for key, part, entries, volunteers, total in query.tuples()}
    if not found and (date_from is None or date_to is None):
        return []
    firsts = sorted(found)
    start = _month_start(date_from) if date_from else dt.date.fromisoformat(f"{firsts[0]}-01")
    end = _month_start(date_to) if date_to else dt.date.fromisoformat(f"{firsts[-1]}-01")
    lines = []
    for first_day in months_between(start, end):
        part, entries, volunteers, total = found.get(f"{first_day:%Y-%m}", (0, 0, 0, 0))
        hours = _hours(part)
        lines.append(SummaryLine(first_day, "", hours, int(entries), int(volunteers),
                                 value_of(hours, rate), _share(part, total)))
    return lines


def volunteer_summary(date_from: dt.date | None = None,
                      date_to: dt.date | None = None) -> VolunteerSummary:
    """The totals and the three tables of a period, at the association's hourly rate.

    Five queries (the settings, the totals, one a table), whatever the data.
    """
    rate = _rate(None)
    totals = period_totals(date_from, date_to, rate)
    # Months of an open period run from the first to the last entry.
    months = month_lines(date_from or totals.first_date, date_to or totals.last_date, rate)
    return VolunteerSummary(date_from, date_to, rate, totals,
                            member_lines(date_from, date_to, rate),
                            category_lines(date_from, date_to, rate), months)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from ``first``'s to ``last``'s, both included."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def fiscal_year(today: dt.date, start_month: int, years_back: int = 0
                ) -> tuple[dt.date, dt.date]:
    """The first and last days of the fiscal year holding ``today`` (``years_back``: an
    earlier one), for a fiscal year starting on the first of ``start_month``."""
    year = today.year if today.month >= start_month else today.year - 1
    first = dt.date(year - years_back, start_month, 1)
    following = dt.date(first.year + 1, start_month, 1)
    return first, following - dt.timedelta(days=1)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
