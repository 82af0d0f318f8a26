"""The events list: counts in one query, the agenda order, filters by text, kind and period."""

from __future__ import annotations

import datetime as dt

import pytest
from playhouse.test_utils import count_queries

from clubdesk.db import Attendance, Event, EventSeries, Guest
from clubdesk.domain.events.event_list import (
    PERIOD_ALL,
    PERIOD_LAST_YEAR,
    PERIOD_PAST_12_MONTHS,
    PERIOD_THIS_YEAR,
    PERIOD_UPCOMING,
    agenda_order,
    event_rows,
    filter_events,
    period_bounds,
    period_of,
)

TODAY = dt.date(2026, 3, 10)
D = dt.date


def _at(day: dt.date, hour: int = 19) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


@pytest.fixture
def calendar(make_member) -> dict[str, Event]:
    members = [make_member() for _ in range(5)]
    series = EventSeries.create(title="Réunion hebdomadaire", frequency="weekly",
                                first_on=D(2026, 3, 3), until=D(2026, 3, 17))
    events = {
        "last_year": Event.create(title="Assemblée générale 2025", kind="general_assembly",
                                  starts_at=_at(D(2025, 3, 20)), location="Mairie"),
        "last_week": Event.create(title="Réunion hebdomadaire", starts_at=_at(D(2026, 3, 3), 7),
                                  ends_at=_at(D(2026, 3, 3), 9), series=series,
                                  location="Café Zoë"),
        "today": Event.create(title="Réunion hebdomadaire", starts_at=_at(TODAY, 7),
                              series=series, location="Café Zoë"),
        "next_week": Event.create(title="Réunion hebdomadaire", starts_at=_at(D(2026, 3, 17), 7),
                                  series=series, location="Café Zoë"),
        "workshop": Event.create(title="Atelier « Pitch »", kind="workshop",
                                 starts_at=_at(D(2026, 4, 1))),
        "old": Event.create(title="Soirée de Noël", kind="networking",
                            starts_at=_at(D(2024, 12, 12)), location="Brasserie Œuf"),
    }
    for member, status in zip(members, ("present", "late", "substitute", "absent", "excused"),
                              strict=True):
        Attendance.create(event=events["last_week"], member=member, status=status)
    Attendance.create(event=events["old"], member=members[0], status="present")
    Guest.create(event=events["last_week"], name="Invitée", invited_by=members[0])
    Guest.create(event=events["last_week"], name="Invité")
    Guest.create(event=events["old"], name="Invité de Noël")
    return events


def test_rows_count_presence_recorded_rows_and_guests_in_one_query(calendar) -> None:
    with count_queries() as counter:
        rows = event_rows()
    assert counter.count == 1
    assert [row.id for row in rows] == [calendar[name].id for name in (
        "old", "last_year", "last_week", "today", "next_week", "workshop")]  # chronological
    by_id = {row.id: row for row in rows}
    last_week = by_id[calendar["last_week"].id]
    assert (last_week.present, last_week.recorded, last_week.guests) == (3, 5, 2)
    assert last_week.ends_at == _at(D(2026, 3, 3), 9)
    assert last_week.series_id == calendar["last_week"].series_id
    assert last_week.search_key == "reunion hebdomadaire cafe zoe"
    workshop = by_id[calendar["workshop"].id]
    assert (workshop.present, workshop.recorded, workshop.guests) == (0, 0, 0)
    assert workshop.ends_at is None and workshop.series_id is None


def test_rows_of_a_period_a_kind_or_some_events(calendar) -> None:
    full = {row.id: row for row in event_rows()}
    with count_queries() as counter:
        in_march = event_rows(D(2026, 3, 3), D(2026, 3, 17))
    assert counter.count == 1
    assert [row.id for row in in_march] == [calendar[name].id for name in (
        "last_week", "today", "next_week")]
    assert all(row == full[row.id] for row in in_march)  # same counts as the whole list
    assert [row.title for row in event_rows(kind="networking")] == ["Soirée de Noël"]
    some = event_rows(event_ids=[calendar["old"].id, calendar["workshop"].id])
    assert some == [full[calendar["old"].id], full[calendar["workshop"].id]]
    assert event_rows(event_ids=[]) == []


def test_agenda_order_puts_upcoming_first_then_the_most_recent(calendar) -> None:
    ordered = agenda_order(event_rows(), TODAY)
    assert [row.id for row in ordered] == [calendar[name].id for name in (
        "today", "next_week", "workshop", "last_week", "last_year", "old")]
    assert ordered[0].is_upcoming(TODAY) and not ordered[3].is_upcoming(TODAY)


def test_search_ignores_case_and_accents_and_keeps_the_order(calendar) -> None:
    rows = agenda_order(event_rows(), TODAY)

    def titles(text: str = "", **filters: object) -> list[str]:
        return [f"{row.title} {row.starts_at:%d/%m}"
                for row in filter_events(rows, text, today=TODAY, **filters)]  # type: ignore

    assert titles("REUNION zoe") == [
        "Réunion hebdomadaire 10/03", "Réunion hebdomadaire 17/03",
        "Réunion hebdomadaire 03/03"]
    assert titles("assemblée") == ["Assemblée générale 2025 20/03"]
    assert titles("oeuf") == ["Soirée de Noël 12/12"]
    assert titles("« pitch »") == ["Atelier « Pitch » 01/04"]
    assert titles("reunion mairie") == []
    assert titles(kind="workshop") == ["Atelier « Pitch » 01/04"]
    assert titles("reunion", period=PERIOD_UPCOMING) == [
        "Réunion hebdomadaire 10/03", "Réunion hebdomadaire 17/03"]
    assert titles(period=PERIOD_PAST_12_MONTHS) == [
        "Réunion hebdomadaire 03/03", "Assemblée générale 2025 20/03"]
    assert len(titles(period=PERIOD_THIS_YEAR)) == 4
    assert titles(period=PERIOD_LAST_YEAR) == ["Assemblée générale 2025 20/03"]
    assert len(titles(period=PERIOD_ALL)) == 6


def test_period_bounds() -> None:
    assert period_bounds(PERIOD_UPCOMING, TODAY) == (TODAY, None)
    assert period_bounds(PERIOD_PAST_12_MONTHS, TODAY) == (D(2025, 3, 10), D(2026, 3, 9))
    assert period_bounds(PERIOD_PAST_12_MONTHS, D(2028, 2, 29)) == (D(2027, 2, 28),
                                                                    D(2028, 2, 28))
    assert period_bounds(PERIOD_THIS_YEAR, TODAY) == (D(2026, 1, 1), D(2026, 12, 31))
    assert period_bounds(PERIOD_LAST_YEAR, TODAY) == (D(2025, 1, 1), D(2025, 12, 31))
    assert period_bounds(PERIOD_ALL, TODAY) == (None, None)
    with pytest.raises(ValueError):
        period_bounds("next_decade", TODAY)


def test_period_of_names_this_and_last_calendar_year_only() -> None:
    assert period_of(D(2026, 1, 1), D(2026, 12, 31), TODAY) == PERIOD_THIS_YEAR
    assert period_of(D(2025, 1, 1), D(2025, 12, 31), TODAY) == PERIOD_LAST_YEAR
    assert period_of(D(2024, 1, 1), D(2024, 12, 31), TODAY) == PERIOD_ALL
    assert period_of(D(2026, 1, 1), D(2026, 6, 30), TODAY) == PERIOD_ALL
    assert period_of(D(2025, 9, 1), D(2026, 8, 31), TODAY) == PERIOD_ALL  # a fiscal year
    for period in (PERIOD_THIS_YEAR, PERIOD_LAST_YEAR):
        assert period_of(*period_bounds(period, TODAY), TODAY) == period
