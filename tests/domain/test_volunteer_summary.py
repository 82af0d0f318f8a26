"""The volunteer summary: figures worked out by hand, valuation, empty months, queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playhouse.test_utils import count_queries

from clubdesk.db import VolunteerEntry
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.volunteering.volunteer_summary import (
    category_lines,
    fiscal_year,
    member_lines,
    month_lines,
    months_between,
    period_totals,
    value_of,
    volunteer_summary,
)

FIRST, LAST = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
D = Decimal


def _log(member, day: dt.date, hours: str, category: str) -> None:
    VolunteerEntry.create(member=member, date=day, hours=D(hours), category=category)


@pytest.fixture
def people(make_member):
    """Anne gives 7.75 h and Bruno 3.75 h in the first quarter of 2026; Chloé only outside.

    By hand, for 2026-01-01 to 2026-03-31 at 15 € an hour:
    total 11.50 h = 172.50 €, 5 entries, 2 volunteers;
    Communication 2.50 + 3.00 = 5.50 h, Events 1.25 + 4.00 = 5.25 h, Mentoring 0.75 h;
    January 2.50 + 1.25 + 3.00 = 6.75 h, February nothing, March 4.00 + 0.75 = 4.75 h.
    """
    update_settings(volunteer_hourly_rate=D("15"))
    anne = make_member(first_name="Anne", last_name="Bessière")
    bruno = make_member(first_name="Bruno", last_name="Aubry")
    chloe = make_member(first_name="Chloé", last_name="Carré")
    _log(anne, dt.date(2026, 1, 5), "2.5", "Communication")
    _log(anne, dt.date(2026, 1, 20), "1.25", "Events")
    _log(anne, dt.date(2026, 3, 10), "4", "Events")
    _log(bruno, dt.date(2026, 1, 7), "3", "Communication")
    _log(bruno, dt.date(2026, 3, 31), "0.75", "Mentoring")
    _log(chloe, dt.date(2025, 12, 31), "5", "Events")  # the day before
    _log(chloe, dt.date(2026, 4, 1), "2", "Events")  # the day after
    return anne, bruno, chloe


def test_period_totals(people) -> None:
    totals = period_totals(FIRST, LAST)
    assert (totals.hours, totals.value, totals.entries, totals.volunteers, totals.rate) == (
        D("11.50"), D("172.50"), 5, 2, D("15"))
    assert (totals.first_date, totals.last_date) == (dt.date(2026, 1, 5), LAST)


def test_by_member_most_hours_first_with_value_and_share(people) -> None:
    anne, bruno, _chloe = people
    lines = [(line.key, line.label, line.hours, line.entries, line.value, line.share)
             for line in member_lines(FIRST, LAST)]
    assert lines == [
        (anne.id, "Anne Bessière", D("7.75"), 3, D("116.25"), D("0.6739")),  # 7.75 / 11.5
        (bruno.id, "Bruno Aubry", D("3.75"), 2, D("56.25"), D("0.3261")),
    ]


def test_by_category_most_hours_first(people) -> None:
    lines = [(line.label, line.hours, line.entries, line.volunteers, line.value, line.share)
             for line in category_lines(FIRST, LAST)]
    assert lines == [
        ("Communication", D("5.50"), 2, 2, D("82.50"), D("0.4783")),
        ("Events", D("5.25"), 2, 1, D("78.75"), D("0.4565")),
        ("Mentoring", D("0.75"), 1, 1, D("11.25"), D("0.0652")),
    ]


def test_by_month_every_month_of_the_period_zeros_included(people) -> None:
    lines = [(line.key, line.hours, line.entries, line.volunteers, line.value)
             for line in month_lines(FIRST, LAST)]
    assert lines == [
        (dt.date(2026, 1, 1), D("6.75"), 3, 2, D("101.25")),
        (dt.date(2026, 2, 1), D("0.00"), 0, 0, D("0.00")),
        (dt.date(2026, 3, 1), D("4.75"), 2, 2, D("71.25")),
    ]
    # A period with nothing at all still lists its months.
    empty = month_lines(dt.date(2024, 11, 15), dt.date(2025, 1, 10))
    assert [(line.key, line.hours) for line in empty] == [
        (dt.date(2024, 11, 1), D("0.00")), (dt.date(2024, 12, 1), D("0.00")),
        (dt.date(2025, 1, 1), D("0.00"))]


def test_the_whole_summary_and_an_open_period(people) -> None:
    summary = volunteer_summary(FIRST, LAST)
    assert summary.rate == D("15") and summary.totals.hours == D("11.50")
    assert [line.label for line in summary.members] == ["Anne Bessière", "Bruno Aubry"]
    everything = volunteer_summary()
    assert everything.totals.hours == D("18.50") and everything.totals.volunteers == 3
    assert [line.key for line in everything.months] == [
        dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1),
        dt.date(2026, 4, 1)]
    assert sum(line.hours for line in everything.months) == D("18.50")


def test_an_empty_period(people) -> None:
    summary = volunteer_summary(dt.date(2020, 1, 1), dt.date(2020, 2, 29))
    assert (summary.totals.hours, summary.totals.entries, summary.totals.volunteers) == (
        D("0.00"), 0, 0)
    assert summary.members == [] and summary.categories == []
    assert [line.hours for line in summary.months] == [D("0.00"), D("0.00")]
    assert volunteer_summary(dt.date(2030, 1, 1)).months == []


def test_valuation_rounds_to_the_cent_and_follows_the_settings(people) -> None:
    assert value_of(D("0.25"), D("12.34")) == D("3.09")  # 3.085, rounded half up
    assert value_of(D("1.75"), D("0")) == D("0.00")
    update_settings(volunteer_hourly_rate=D("20.50"))
    summary = volunteer_summary(FIRST, LAST)
    assert summary.totals.value == D("235.75")  # 11.5 × 20.50
    assert [line.value for line in summary.categories] == [D("112.75"), D("107.63"),
                                                           D("15.38")]
    update_settings(volunteer_hourly_rate=D("0"))
    assert volunteer_summary(FIRST, LAST).totals.value == D("0.00")


def test_hours_entered_before_the_quarter_rule_still_add_up_exactly(make_member) -> None:
    member = make_member()
    for _ in range(3):
        _log(member, dt.date(2026, 2, 2), "0.1", "Events")
    assert period_totals().hours == D("0.30")
    assert member_lines()[0].hours == D("0.30")


def test_the_number_of_queries_does_not_grow_with_the_data(people, make_member) -> None:
    with count_queries() as small:
        volunteer_summary(FIRST, LAST)
    for n in range(40):
        member = make_member()
        for day in (3, 12, 25):
            _log(member, dt.date(2026, 1 + n % 3, day), "1.5",
                 ("Communication", "Events", "Mentoring", "Bureau work")[n % 4])
    with count_queries() as big:
        summary = volunteer_summary(FIRST, LAST)
    assert len(summary.members) == 42
    assert small.count == big.count == 5  # the rate, the totals, one a table
    for function in (period_totals, member_lines, category_lines, month_lines):
        with count_queries() as one:
            function(FIRST, LAST, D("15"))
        assert one.count == 1, function.__name__


def test_months_and_fiscal_years() -> None:
    assert months_between(dt.date(2025, 11, 30), dt.date(2026, 2, 1)) == [
        dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    assert fiscal_year(dt.date(2026, 3, 10), 9) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    assert fiscal_year(dt.date(2026, 9, 1), 9) == (dt.date(2026, 9, 1), dt.date(2027, 8, 31))
    assert fiscal_year(dt.date(2026, 3, 10), 9, 1) == (dt.date(2024, 9, 1),
                                                       dt.date(2025, 8, 31))
    assert fiscal_year(dt.date(2026, 3, 10), 1) == (dt.date(2026, 1, 1),
                                                    dt.date(2026, 12, 31))
