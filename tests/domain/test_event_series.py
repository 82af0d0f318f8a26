"""Recurring series: their dates, and creating, editing and deleting them as a whole."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from playhouse.test_utils import count_queries

from clubdesk.db import Attendance, Event, EventSeries, Guest, VolunteerEntry
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.events import event_series
from clubdesk.domain.events.event_series import (
    LAST,
    MAX_OCCURRENCES,
    SeriesInput,
    SeriesNotFoundError,
    create_series,
    delete_series,
    monthly_rule,
    occurrence_dates,
    series_dates,
    series_deletion_summary,
    series_input,
    series_update_plan,
    update_series,
    validate_series,
)
from clubdesk.domain.events.events import (
    DeletionSummary,
    EventValidationError,
    event_input,
    update_event,
)

D = dt.date


def _series(**fields: object) -> SeriesInput:
    values: dict[str, object] = {
        "title": "Réunion hebdomadaire", "frequency": "weekly", "first_on": D(2026, 1, 6),
        "until": D(2026, 3, 31), "start_time": dt.time(7, 0), "end_time": dt.time(8, 30),
        "location": "Brasserie du Parc", "description": "Présentation vedette",
    }
    values.update(fields)
    return SeriesInput(**values)  # type: ignore[arg-type]


# -- dates ---------------------------------------------------------------------------------

def test_weekly_and_fortnightly_dates() -> None:
    assert series_dates(D(2026, 1, 6), D(2026, 1, 27), "weekly") == [
        D(2026, 1, 6), D(2026, 1, 13), D(2026, 1, 20), D(2026, 1, 27)]
    assert series_dates(D(2026, 1, 6), D(2026, 2, 17), "fortnightly") == [
        D(2026, 1, 6), D(2026, 1, 20), D(2026, 2, 3), D(2026, 2, 17)]
    assert series_dates(D(2026, 1, 6), D(2026, 1, 6), "weekly") == [D(2026, 1, 6)]
    assert series_dates(D(2026, 1, 6), D(2026, 1, 5), "weekly") == []  # until before first


def test_weekly_dates_cross_the_29th_of_february() -> None:
    assert series_dates(D(2028, 2, 22), D(2028, 3, 14), "weekly") == [
        D(2028, 2, 22), D(2028, 2, 29), D(2028, 3, 7), D(2028, 3, 14)]
    assert series_dates(D(2027, 2, 22), D(2027, 3, 1), "weekly") == [
        D(2027, 2, 22), D(2027, 3, 1)]


def test_monthly_dates_keep_the_weekday_of_the_month() -> None:
    assert monthly_rule(D(2026, 1, 13)) == (2, 1)  # the 2nd Tuesday
    assert series_dates(D(2026, 1, 13), D(2026, 4, 30), "monthly") == [
        D(2026, 1, 13), D(2026, 2, 10), D(2026, 3, 10), D(2026, 4, 14)]
    assert all(day.weekday() == 1 for day in series_dates(D(2026, 1, 13), D(2027, 12, 31),
                                                          "monthly"))
    # Until falls before the month's date: that month is left out.
    assert series_dates(D(2026, 1, 13), D(2026, 4, 13), "monthly")[-1] == D(2026, 3, 10)


def test_a_fifth_weekday_means_the_last_one_of_each_month() -> None:
    assert monthly_rule(D(2027, 11, 30)) == (LAST, 1)  # a 5th Tuesday
    assert series_dates(D(2027, 11, 30), D(2028, 3, 31), "monthly") == [
        D(2027, 11, 30), D(2027, 12, 28), D(2028, 1, 25), D(2028, 2, 29), D(2028, 3, 28)]
    assert series_dates(D(2026, 1, 30), D(2026, 3, 31), "monthly") == [  # last Friday
        D(2026, 1, 30), D(2026, 2, 27), D(2026, 3, 27)]


def test_the_limit_stops_early() -> None:
    dates = series_dates(D(2026, 1, 6), D(9999, 12, 31), "weekly", limit=MAX_OCCURRENCES + 1)
    assert len(dates) == MAX_OCCURRENCES + 1
    assert len(series_dates(D(2026, 1, 13), D(9999, 12, 31), "monthly", limit=3)) == 3


def test_validation_refuses_an_end_before_the_start_and_too_many_dates() -> None:
    assert validate_series(_series(until=D(2026, 1, 5))).errors == {
        "until": "The end date is before the first date."}
    five_years = D(2026, 1, 6) + dt.timedelta(weeks=MAX_OCCURRENCES - 1)
    assert validate_series(_series(until=five_years)).ok
    assert validate_series(_series(until=five_years + dt.timedelta(weeks=1))).errors == {
        "until": "More than 260 dates: choose an earlier end date."}
    errors = validate_series(_series(title="", frequency="daily", end_time=dt.time(7, 0))
                             ).errors
    assert set(errors) == {"title", "frequency", "end_time"}


# -- creating ------------------------------------------------------------------------------

def test_create_series_writes_the_series_and_every_date(db_path) -> None:
    with count_queries() as counter:
        series_id, ids = create_series(_series())
    assert counter.count <= 5  # not one query a date
    assert len(ids) == 13
    series = EventSeries.get_by_id(series_id)
    assert (series.title, series.frequency, series.until) == (
        "Réunion hebdomadaire", "weekly", D(2026, 3, 31))
    first = Event.get_by_id(ids[0])
    assert (first.starts_at, first.ends_at) == (dt.datetime(2026, 1, 6, 7, 0),
                                                dt.datetime(2026, 1, 6, 8, 30))
    assert (first.series_id, first.location, first.description) == (
        series_id, "Brasserie du Parc", "Présentation vedette")
    assert occurrence_dates(series_id)[-1] == D(2026, 3, 31)


def test_a_failure_in_the_middle_writes_nothing(db_path, monkeypatch) -> None:
    monkeypatch.setattr(event_series, "_INSERT_CHUNK", 4)
    original = Event.insert_many
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(Event, "insert_many", failing)
    with pytest.raises(OSError):
        create_series(_series())
    assert calls["n"] == 3  # two chunks were written before the failure…
    assert Event.select().count() == 0  # …and rolled back with the series
    assert EventSeries.select().count() == 0


def test_a_failed_edit_leaves_the_series_as_it_was(db_path, monkeypatch) -> None:
    series_id, ids = create_series(_series())

    def failing(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Event, "insert_many", failing)  # adding the new dates fails
    with pytest.raises(OSError):
        update_series(series_id, _series(title="Petit-déjeuner", until=D(2026, 4, 28)))
    assert {event.title for event in Event.select()} == {"Réunion hebdomadaire"}
    assert EventSeries.get_by_id(series_id).until == D(2026, 3, 31)
    assert len(occurrence_dates(series_id)) == 13


def test_refused_series_raise(db_path) -> None:
    with pytest.raises(EventValidationError):
        create_series(_series(title=" "))
    assert EventSeries.select().count() == 0


# -- editing -------------------------------------------------------------------------------

def test_edit_every_date(db_path) -> None:
    series_id, ids = create_series(_series())
    plan = update_series(series_id, _series(title="Petit-déjeuner", start_time=dt.time(7, 30),
                                            end_time=None, location="Hôtel de ville"))
    assert plan.updated == 13 and plan.added == () and plan.removed == DeletionSummary()
    rows = list(Event.select().where(Event.series == series_id).order_by(Event.starts_at))
    assert {(row.title, row.location, row.ends_at) for row in rows} == {
        ("Petit-déjeuner", "Hôtel de ville", None)}
    assert [row.starts_at.date() for row in rows] == series_dates(
        D(2026, 1, 6), D(2026, 3, 31), "weekly")  # the days stay
    assert {row.starts_at.time() for row in rows} == {dt.time(7, 30)}
    assert EventSeries.get_by_id(series_id).title == "Petit-déjeuner"


def test_edit_the_dates_from_a_day_on(db_path) -> None:
    series_id, ids = create_series(_series())
    update_event(ids[0], replace(event_input(ids[0]), title="Réunion de rentrée"))
    plan = update_series(series_id, _series(title="Réunion du mardi", end_time=dt.time(9, 0)),
                         from_date=D(2026, 2, 17))
    assert plan.updated == 7
    titles = {row.starts_at.date(): (row.title, row.ends_at.time()) for row in
              Event.select().where(Event.series == series_id)}
    assert titles[D(2026, 1, 6)] == ("Réunion de rentrée", dt.time(8, 30))  # kept
    assert titles[D(2026, 2, 10)] == ("Réunion hebdomadaire", dt.time(8, 30))
    assert titles[D(2026, 2, 17)] == ("Réunion du mardi", dt.time(9, 0))
    assert titles[D(2026, 3, 31)] == ("Réunion du mardi", dt.time(9, 0))


def test_only_the_fields_changed_reach_the_dates(db_path) -> None:
    series_id, ids = create_series(_series())
    Event.update(description="Présentation vedette : Zoë, fleuriste",
                 starts_at=dt.datetime(2026, 1, 13, 8, 0)).where(Event.id == ids[1]).execute()
    plan = update_series(series_id, _series(location="Hôtel de ville", description="",
                                            start_time=dt.time(6, 45)), fields=["location"])
    assert plan.updated == 13
    moved = Event.get_by_id(ids[1])
    assert moved.location == "Hôtel de ville"
    assert (moved.description, moved.starts_at) == ("Présentation vedette : Zoë, fleuriste",
                                                    dt.datetime(2026, 1, 13, 8, 0))
    assert Event.get_by_id(ids[0]).starts_at == dt.datetime(2026, 1, 6, 7, 0)
    assert series_update_plan(series_id, _series(), fields=[]).updated == 0


def test_a_later_end_adds_dates_and_an_earlier_one_removes_them(db_path) -> None:
    series_id, ids = create_series(_series())
    plan = update_series(series_id, _series(until=D(2026, 4, 21)))
    assert plan.added == (D(2026, 4, 7), D(2026, 4, 14), D(2026, 4, 21))
    assert len(occurrence_dates(series_id)) == 16
    new = Event.select().where(Event.series == series_id).order_by(Event.starts_at.desc()).get()
    assert (new.title, new.description, new.ends_at) == (
        "Réunion hebdomadaire", "Présentation vedette", dt.datetime(2026, 4, 21, 8, 30))

    plan = series_update_plan(series_id, _series(until=D(2026, 3, 3)))
    assert plan.ok and plan.removed.events == 7 and plan.updated == 9
    update_series(series_id, _series(until=D(2026, 3, 3)))
    assert occurrence_dates(series_id)[-1] == D(2026, 3, 3)
    assert EventSeries.get_by_id(series_id).until == D(2026, 3, 3)


def test_a_deleted_date_is_not_brought_back_by_a_later_end(db_path) -> None:
    series_id, ids = create_series(_series())
    Event.delete().where(Event.id == ids[-1]).execute()  # the 31 March meeting is cancelled
    plan = series_update_plan(series_id, _series(until=D(2026, 4, 7)))
    assert plan.added == (D(2026, 4, 7),)


def test_an_earlier_end_cannot_remove_recorded_attendance(db_path, make_member) -> None:
    series_id, ids = create_series(_series())
    Attendance.create(event=ids[-1], member=make_member(), status="present")
    plan = series_update_plan(series_id, _series(until=D(2026, 3, 3)))
    assert not plan.ok and "Attendance or guests are recorded" in plan.errors["until"]
    with pytest.raises(EventValidationError):
        update_series(series_id, _series(until=D(2026, 3, 3)))
    assert len(occurrence_dates(series_id)) == 13


def test_the_rhythm_of_a_series_stays(db_path) -> None:
    series_id, _ids = create_series(_series())
    plan = series_update_plan(series_id, _series(frequency="monthly"))
    assert "cannot change" in plan.errors["frequency"]
    plan = series_update_plan(series_id, _series(first_on=D(2026, 1, 7)))
    assert "frequency" in plan.errors
    with pytest.raises(SeriesNotFoundError):
        series_update_plan(999, _series())
    assert issubclass(SeriesNotFoundError, NotFoundError)  # what the window catches


def test_the_form_reads_the_next_date(db_path) -> None:
    series_id, ids = create_series(_series())
    Event.update(ends_at=dt.datetime(2026, 1, 6, 9, 0)).where(Event.id == ids[0]).execute()
    assert series_input(series_id, today=D(2026, 1, 1)).end_time == dt.time(9, 0)
    data = series_input(series_id, today=D(2026, 2, 1))
    assert data == _series()
    assert series_input(series_id, today=D(2027, 1, 1)).end_time == dt.time(8, 30)


# -- deleting ------------------------------------------------------------------------------

@pytest.fixture
def recorded_series(db_path, make_member) -> tuple[int, list[int]]:
    """A 13-week series whose first two dates have attendance, a guest and volunteering."""
    series_id, ids = create_series(_series())
    member = make_member()
    for event_id in ids[:2]:
        Attendance.create(event=event_id, member=member, status="present")
    Guest.create(event=ids[1], name="Invitée")
    VolunteerEntry.create(member=member, date=D(2026, 1, 6), hours=Decimal("1"),
                          event=ids[0])
    return series_id, ids


def test_delete_from_a_date_keeps_the_earlier_dates(recorded_series) -> None:
    series_id, ids = recorded_series
    assert series_deletion_summary(series_id, D(2026, 1, 13)) == DeletionSummary(
        events=12, attendance=1, guests=1, volunteer_entries=0)
    summary = delete_series(series_id, D(2026, 1, 13))
    assert summary.events == 12
    assert occurrence_dates(series_id) == [D(2026, 1, 6)]
    assert EventSeries.get_by_id(series_id).until == D(2026, 1, 6)
    assert Attendance.select().count() == 1 and Guest.select().count() == 0


def test_delete_the_whole_series(recorded_series) -> None:
    series_id, ids = recorded_series
    with count_queries() as counter:
        summary = series_deletion_summary(series_id)
    assert counter.count == 1
    assert summary == DeletionSummary(events=13, attendance=2, guests=1, volunteer_entries=1)
    delete_series(series_id)
    assert EventSeries.select().count() == 0 and Event.select().count() == 0
    assert VolunteerEntry.get().event_id is None  # the hours stay
    with pytest.raises(SeriesNotFoundError):
        delete_series(series_id)
