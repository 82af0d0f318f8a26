"""Creating, editing and deleting one event, and the rules it must satisfy.

An occurrence of a recurring series is an ordinary event pointing at its series: editing it
here changes that date only, and it stays in the series (see :mod:`event_series`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from peewee import Expression, Select, fn

from clubdesk.db import Attendance, Event, EventSeries, Guest, VolunteerEntry, database
from clubdesk.domain.common.codes import EventKind
from clubdesk.domain.common.edit_conflicts import checked_edit
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.text_limits import check_texts, clean_line, clean_lines
from clubdesk.domain.common.validation import ValidationResult
from clubdesk.domain.safety.backups import backup_before
from clubdesk.i18n import _


@dataclass(kw_only=True)
class EventInput:
    """Everything the event form edits, as plain values."""

    title: str = ""
    kind: str = EventKind.MEETING
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    location: str = ""
    description: str = ""


@dataclass(frozen=True)
class DeletionSummary:
    """What deleting some events takes with it.

    Attendance rows and guests are deleted with their event; volunteer entries stay, with
    their hours, and only lose the link to the event.
    """

    events: int = 0
    attendance: int = 0
    guests: int = 0
    volunteer_entries: int = 0


class EventValidationError(ValueError):
    """The data was refused; ``result.errors`` says why, field by field."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__("\n".join(result.errors.values()))
        self.result = result


class EventNotFoundError(NotFoundError):
    """No event has this id (deleted meanwhile, for example)."""

    def __init__(self, event_id: int) -> None:
        super().__init__(_("Event {id} does not exist.").format(id=event_id))
        self.event_id = event_id


def check_common(title: str, kind: str, errors: dict[str, str]) -> None:
    """The rules an event and a series share: a title, a known kind (lengths and characters
    are checked on the texts as typed, by :func:`~text_limits.check_texts`)."""
    if not title:
        errors["title"] = _("The title is required.")
    if kind not in tuple(EventKind):
        errors["kind"] = _("Unknown kind of event “{code}”.").format(code=kind)


def validate_event(data: EventInput) -> ValidationResult[EventInput]:
    """Check ``data``: a title, a known kind, texts within their limits, an end after the
    start. Writes nothing."""
    cleaned = replace(
        data,
        title=clean_line(data.title),
        location=clean_line(data.location),
        description=clean_lines(data.description),
        starts_at=data.starts_at.replace(second=0, microsecond=0),
        ends_at=None if data.ends_at is None else data.ends_at.replace(second=0, microsecond=0),
    )
    errors: dict[str, str] = {}
    check_common(cleaned.title, cleaned.kind, errors)
    check_texts("event", data, errors)
    if cleaned.ends_at is not None and cleaned.ends_at <= cleaned.starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    return ValidationResult(errors=errors, cleaned=None if errors else cleaned)


def _validated(data: EventInput) -> EventInput:
    result = validate_event(data)
    if result.cleaned is None:
        raise EventValidationError(result)
    return result.cleaned


def _values(data: EventInput) -> dict[str, object]:
    return {
        "title": data.title, "kind": data.kind, "starts_at": data.starts_at,
        "ends_at": data.ends_at, "location": data.location, "description": data.description,
    }


def create_event(data: EventInput) -> int:
    """Validate ``data`` and store it as a new event (outside any series); return its id."""
    with database.atomic():
        event = Event.create(**_values(_validated(data)))
    return int(event.id)


def update_event(event_id: int, data: EventInput, *,
                 original: EventInput | None = None) -> None:
    """Validate ``data`` and store it over event ``event_id``; it stays in its series.

    With ``original`` (what the form opened with), changes made meanwhile elsewhere are
    kept and a field changed on both sides raises
    :class:`~clubdesk.domain.common.edit_conflicts.EditConflictError`, nothing written.
    """
    with database.atomic():
        if original is not None:
            current = event_input(event_id)  # raises when deleted meanwhile
            data = checked_edit(original, _validated(data), current)
        elif not Event.select().where(Event.id == event_id).exists():
            raise EventNotFoundError(event_id)
        Event.update(**_values(_validated(data))).where(Event.id == event_id).execute()


def event_input(event_id: int) -> EventInput:
    """The stored values of event ``event_id``, for the form."""
    row = (
        Event
        .select(Event.title, Event.kind, Event.starts_at, Event.ends_at, Event.location,
                Event.description)
        .where(Event.id == event_id)
        .tuples()
        .first()
    )
    if row is None:
        raise EventNotFoundError(event_id)
    title, kind, starts_at, ends_at, location, description = row
    return EventInput(title=title, kind=kind, starts_at=starts_at, ends_at=ends_at,
                      location=location, description=description)


def event_series(event_id: int) -> tuple[int, str] | None:
    """The id and title of the series event ``event_id`` belongs to, or None."""
    row = (
        EventSeries
        .select(EventSeries.id, EventSeries.title)
        .join(Event, on=(Event.series == EventSeries.id))
        .where(Event.id == event_id)
        .tuples()
        .first()
    )
    return (int(row[0]), str(row[1])) if row else None


def deletion_summary(events: Expression) -> DeletionSummary:
    """What deleting the events matching ``events`` (a condition on Event) takes, in one query.

    Each count is a subquery: joining the three tables would multiply their rows.
    """
    def linked(model: type, column: object) -> Select:
        return (model.select(fn.COUNT(model.id))  # type: ignore[attr-defined]
                .join(Event, on=(column == Event.id)).where(events))

    query = Select(columns=[
        Event.select(fn.COUNT(Event.id)).where(events),
        linked(Attendance, Attendance.event),
        linked(Guest, Guest.event),
        linked(VolunteerEntry, VolunteerEntry.event),
    ]).bind(database)
    counts = next(iter(database.execute(query)))
    return DeletionSummary(*(int(count or 0) for count in counts))


def event_deletion_summary(event_id: int) -> DeletionSummary:
    """What deleting event ``event_id`` takes with it (all zero when there is no such event)."""
    return deletion_summary(Event.id == event_id)


def delete_event(event_id: int) -> DeletionSummary:
    """Delete event ``event_id`` with its attendance and guests; volunteer hours stay.

    A series left without any date is deleted as well. Returns what went. An event with
    attendance or guests is backed up first (BackupError, nothing deleted, if that fails).
    """
    row = (Event.select(Event.title, Event.starts_at)
           .where(Event.id == event_id).tuples().first())
    if row is None:
        raise EventNotFoundError(event_id)
    before = event_deletion_summary(event_id)
    if before.attendance or before.guests:
        backup_before(_("deleting the event {title} of {day}").format(
            title=row[0], day=row[1].strftime("%d/%m/%Y")))
    with database.atomic():
        row = Event.select(Event.series).where(Event.id == event_id).tuples().first()
        if row is None:
            raise EventNotFoundError(event_id)
        summary = event_deletion_summary(event_id)
        # The foreign keys cascade to attendance and guests and unlink volunteer entries.
        Event.delete().where(Event.id == event_id).execute()
        series_id = row[0]
        if series_id is not None and not Event.select().where(
                Event.series == series_id).exists():
            EventSeries.delete().where(EventSeries.id == series_id).execute()
    return summary
