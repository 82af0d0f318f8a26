"""Calendar sums."""

from __future__ import annotations

import datetime as dt

from clubdesk.domain.common.dates import years_before


def test_years_before_keeps_the_day_and_moves_29_february_to_the_28th() -> None:
    assert years_before(dt.date(2026, 11, 29), 3) == dt.date(2023, 11, 29)
    assert years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert years_before(dt.date(2024, 2, 29), 4) == dt.date(2020, 2, 29)
