"""One event: validation, creating, editing, and deleting with what it takes along."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playhouse.test_utils import count_queries

from clubdesk.db import Attendance, Event, EventSeries, Guest, VolunteerEntry
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.events.events import (
    DeletionSummary,
    EventInput,
    EventNotFoundError,
    EventValidationError,
    create_event,
    delete_event,
    event_deletion_summary,
    event_input,
    event_series,
    update_event,
    validate_event,
)

START = dt.datetime(2026, 3, 10, 7, 0)


def _input(**fields: object) -> EventInput:
    values: dict[str, object] = {"title": "Réunion hebdomadaire", "starts_at": START,
                                 "ends_at": START + dt.timedelta(hours=2)}
    values.update(fields)
    return EventInput(**values)  # type: ignore[arg-type]


def test_a_title_a_known_kind_and_an_end_after_the_start(db_path) -> None:
    result = validate_event(_input(title="   ", kind="party", ends_at=START))
    assert not result.ok and result.cleaned is None
    assert result.errors == {
        "title": "The title is required.",
        "kind": "Unknown kind of event “party”.",
        "ends_at": "The event must end after it starts.",
    }
    assert validate_event(_input(ends_at=START - dt.timedelta(minutes=30))).errors == {
        "ends_at": "The event must end after it starts."}
    assert validate_event(_input(ends_at=None)).ok  # no end time is allowed


def test_validation_tidies_the_texts(db_path) -> None:
    result = validate_event(_input(title="  Petit-déjeuner   d'affaires ",
                                   location=" Café\tde la Gare ", description="\n Ordre du jour\n",
                                   starts_at=dt.datetime(2026, 3, 10, 7, 0, 42, 7)))
    assert result.ok and result.cleaned is not None
    assert result.cleaned.title == "Petit-déjeuner d'affaires"
    assert result.cleaned.location == "Café de la Gare"
    assert result.cleaned.description == "Ordre du jour"
    assert result.cleaned.starts_at == START


def test_too_long_texts_are_refused(db_path) -> None:
    errors = validate_event(_input(title="x" * 201, location="y" * 251)).errors
    assert errors["title"] == "At most 200 characters (this text has 201)."
    assert errors["location"] == "At most 250 characters (this text has 251)."


def test_create_read_and_update(db_path) -> None:
    event_id = create_event(_input(kind="workshop", location="Lyon", description="Atelier"))
    stored = event_input(event_id)
    assert stored == _input(kind="workshop", location="Lyon", description="Atelier")
    update_event(event_id, _input(title="Atelier LinkedIn", kind="workshop", ends_at=None))
    assert event_input(event_id).title == "Atelier LinkedIn"
    assert event_input(event_id).ends_at is None
    assert Event.select().count() == 1


def test_refused_data_and_missing_events_raise(db_path) -> None:
    with pytest.raises(EventValidationError) as refused:
        create_event(_input(title=""))
    assert refused.value.result.errors == {"title": "The title is required."}
    assert Event.select().count() == 0
    with pytest.raises(EventNotFoundError, match="Event 99 does not exist"):
        update_event(99, _input())
    with pytest.raises(EventNotFoundError):
        event_input(99)
    with pytest.raises(NotFoundError):  # what the window catches
        delete_event(99)


def test_editing_one_date_keeps_it_in_its_series(db_path) -> None:
    series = EventSeries.create(title="Réunion hebdomadaire", frequency="weekly",
                                first_on=START.date(), until=START.date())
    event = Event.create(title="Réunion hebdomadaire", starts_at=START, series=series)
    update_event(event.id, _input(title="Réunion de rentrée"))
    assert Event.get_by_id(event.id).series_id == series.id
    assert event_series(event.id) == (series.id, "Réunion hebdomadaire")
    assert event_series(create_event(_input())) is None


@pytest.fixture
def busy_event(make_member) -> Event:
    """An event with three attendance rows, two guests and a volunteer entry."""
    members = [make_member() for _ in range(3)]
    event = Event.create(title="Soirée networking", kind="networking", starts_at=START)
    other = Event.create(title="Autre soirée", starts_at=START + dt.timedelta(days=7))
    for member, status in zip(members, ("present", "absent", "late"), strict=True):
        Attendance.create(event=event, member=member, status=status)
        Attendance.create(event=other, member=member, status="present")
    Guest.create(event=event, name="Zoë Invitée", invited_by=members[0])
    Guest.create(event=event, name="Léon Invité")
    VolunteerEntry.create(member=members[0], date=START.date(), hours=Decimal("2.5"),
                          event=event, category="Accueil")
    return event


def test_the_deletion_summary_counts_what_goes_in_one_query(busy_event: Event) -> None:
    with count_queries() as counter:
        summary = event_deletion_summary(busy_event.id)
    assert counter.count == 1
    assert summary == DeletionSummary(events=1, attendance=3, guests=2, volunteer_entries=1)
    assert event_deletion_summary(999) == DeletionSummary()


def test_delete_takes_attendance_and_guests_and_keeps_volunteer_hours(
    busy_event: Event,
) -> None:
    summary = delete_event(busy_event.id)
    assert summary.attendance == 3 and summary.guests == 2
    assert not Event.select().where(Event.id == busy_event.id).exists()
    assert Attendance.select().count() == 3  # the other event's rows stay
    assert Guest.select().count() == 0
    entry = VolunteerEntry.get()
    assert entry.event_id is None and entry.hours == Decimal("2.50")


def test_deleting_the_last_date_of_a_series_deletes_the_series(db_path) -> None:
    series = EventSeries.create(title="Atelier", frequency="monthly",
                                first_on=START.date(), until=START.date())
    first = Event.create(title="Atelier", starts_at=START, series=series)
    second = Event.create(title="Atelier", starts_at=START + dt.timedelta(days=28),
                          series=series)
    delete_event(first.id)
    assert EventSeries.select().count() == 1
    delete_event(second.id)
    assert EventSeries.select().count() == 0
