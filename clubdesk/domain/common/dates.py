"""Small calendar sums the lists, periods and the demo share."""

from __future__ import annotations

import datetime as dt


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
