"""Fiscal years: named by the calendar year they start in, starting on the first of the
month the settings say (January by default)."""

from __future__ import annotations

import datetime as dt


def fiscal_year_of(day: dt.date, start_month: int) -> int:
    """The fiscal year ``day`` falls in (2025 for 15/03/2026 when it starts in September)."""
    return day.year if day.month >= start_month else day.year - 1


def fiscal_year_bounds(year: int, start_month: int) -> tuple[dt.date, dt.date]:
    """The first and last days of fiscal year ``year``."""
    first = dt.date(year, start_month, 1)
    following = dt.date(year + 1, start_month, 1)
    return first, following - dt.timedelta(days=1)


def months_left(joined_on: dt.date, year: int, start_month: int) -> int:
    """Months from the one ``joined_on`` falls in to the fiscal year's end, both included
    (12 for a member there from the start, 0 when they joined after it)."""
    first, last = fiscal_year_bounds(year, start_month)
    if joined_on <= first:
        return 12
    if joined_on > last:
        return 0
    return (last.year - joined_on.year) * 12 + last.month - joined_on.month + 1


def fiscal_year_name(year: int, start_month: int) -> str:
    """How people name fiscal year ``year``: "2025" when it is a calendar year, else
    "2025–2026"."""
    return str(year) if start_month == 1 else f"{year}–{year + 1}"


def main_fiscal_year(start: dt.date, end: dt.date, start_month: int) -> int:
    """The fiscal year holding most of the days from ``start`` to ``end`` (the later one on
    a tie): the fiscal year a period falls in, even when it straddles two."""
    first, last = fiscal_year_of(start, start_month), fiscal_year_of(end, start_month)
    best, best_days = last, -1
    for year in range(last, first - 1, -1):
        year_start, year_end = fiscal_year_bounds(year, start_month)
        days = (min(end, year_end) - max(start, year_start)).days + 1
        if days > best_days:
            best, best_days = year, days
    return best
