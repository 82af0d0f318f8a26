"""Recurring meetings: the dates of a series, creating, editing and deleting its occurrences.

A series is an :class:`~clubdesk.db.EventSeries` row and one ordinary event a date. Its
times and description live on the occurrences (the series row keeps the rule: frequency,
first date, end date). Once created, a series changes as a whole (every date, or the dates
from a given day on); one date changes alone through :func:`events.update_event`.

Monthly series meet on the same weekday of the month, the way business networks announce
them ("every 2nd Tuesday"): the rule comes from the first date. A first date in the last
days of a month that is the fifth such weekday means "the last <weekday> of the month"; the
rule cannot express "the 31st", which half the months lack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace

from peewee import Expression, fn

from clubdesk.db import Event, EventSeries, database
from clubdesk.domain.common.codes import EventKind, SeriesFrequency
from clubdesk.domain.common.edit_conflicts import checked_edit
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.text_limits import check_texts, clean_line, clean_lines
from clubdesk.domain.events.events import (
    DeletionSummary,
    EventValidationError,
    ValidationResult,
    check_common,
    deletion_summary,
)
from clubdesk.domain.safety.backups import backup_before
from clubdesk.i18n import _

MAX_OCCURRENCES = 260
"""Five years of weekly meetings: more is a typo in the end date."""

LAST = -1
"""The ``nth`` of a monthly rule meaning "the last <weekday> of the month"."""

EVENT_FIELDS = ("title", "kind", "location", "description", "start_time", "end_time")
"""What an edit of the series may change on its dates."""

_STEPS = {SeriesFrequency.WEEKLY: 7, SeriesFrequency.FORTNIGHTLY: 14}
_INSERT_CHUNK = 100  # rows per INSERT: 7 columns each, under SQLite's variable limit


@dataclass(kw_only=True)
class SeriesInput:
    """Everything the series form edits."""

    title: str = ""
    kind: str = EventKind.MEETING
    frequency: str = SeriesFrequency.WEEKLY
    first_on: dt.date
    until: dt.date
    start_time: dt.time = dt.time(19, 0)
    end_time: dt.time | None = None
    location: str = ""
    description: str = ""


@dataclass(frozen=True)
class SeriesUpdatePlan:
    """What :func:`update_series` would do; ``errors`` say why it may not."""

    errors: dict[str, str]
    cleaned: SeriesInput | None
    updated: int = 0
    added: tuple[dt.date, ...] = ()
    removed: DeletionSummary = DeletionSummary()

    @property
    def ok(self) -> bool:
        return not self.errors


class SeriesNotFoundError(NotFoundError):
    """No series has this id (deleted meanwhile, for example)."""

    def __init__(self, series_id: int) -> None:
        super().__init__(_("Series {id} does not exist.").format(id=series_id))
        self.series_id = series_id


# -- dates ---------------------------------------------------------------------------------

def monthly_rule(first: dt.date) -> tuple[int, int]:
    """``(nth, weekday)`` of a monthly series starting on ``first``; nth is 1-4 or LAST."""
    nth = (first.day - 1) // 7 + 1
    return (LAST if nth == 5 else nth), first.weekday()


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (1-4, or LAST) ``weekday`` (Monday is 0) of a month."""
    if nth == LAST:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        last = following - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _months(first: dt.date) -> Iterator[tuple[int, int]]:
    year, month = first.year, first.month
    while True:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def series_dates(first: dt.date, until: dt.date, frequency: str,
                 limit: int | None = None) -> list[dt.date]:
    """The dates of a series from ``first`` to ``until`` included (at most ``limit``).

    Weekly and fortnightly: every 7 or 14 days from ``first``. Monthly: the same weekday of
    the month as ``first`` (see :func:`monthly_rule`). Empty when ``until`` is before
    ``first``.
    """
    if until < first:
        return []
    if frequency in _STEPS:
        step = _STEPS[frequency]
        count = (until - first).days // step + 1
        if limit is not None:
            count = min(count, limit)
        return [first + dt.timedelta(days=step * index) for index in range(count)]
    if frequency != SeriesFrequency.MONTHLY:
        raise ValueError(f"unknown frequency: {frequency}")
    nth, weekday = monthly_rule(first)
    dates: list[dt.date] = []
    for year, month in _months(first):
        if (year, month) > (until.year, until.month) or len(dates) == limit:
            break
        day = nth_weekday(year, month, weekday, nth)
        if first <= day <= until:
            dates.append(day)
    return dates


# -- validation ----------------------------------------------------------------------------

def _clean(data: SeriesInput) -> SeriesInput:
    return replace(
        data, title=clean_line(data.title), location=clean_line(data.location),
        description=clean_lines(data.description),
        start_time=data.start_time.replace(second=0, microsecond=0),
        end_time=None if data.end_time is None
        else data.end_time.replace(second=0, microsecond=0),
    )


def validate_series(data: SeriesInput) -> ValidationResult[SeriesInput]:
    """Check a new series: the event rules (texts within their limits), a known frequency,
    1 to 260 dates."""
    cleaned = _clean(data)
    errors: dict[str, str] = {}
    check_common(cleaned.title, cleaned.kind, errors)
    check_texts("series", data, errors)
    if cleaned.end_time is not None and cleaned.end_time <= cleaned.start_time:
        errors["end_time"] = _("The event must end after it starts.")
    if cleaned.frequency not in tuple(SeriesFrequency):
        errors["frequency"] = _("Unknown frequency “{code}”.").format(code=cleaned.frequency)
    elif cleaned.until < cleaned.first_on:
        errors["until"] = _("The end date is before the first date.")
    elif len(series_dates(cleaned.first_on, cleaned.until, cleaned.frequency,
                          MAX_OCCURRENCES + 1)) > MAX_OCCURRENCES:
        errors["until"] = _("More than {max} dates: choose an earlier end date.").format(
            max=MAX_OCCURRENCES)
    return ValidationResult(errors=errors, cleaned=None if errors else cleaned)


def _raise_if_invalid(result: ValidationResult[SeriesInput]) -> SeriesInput:
    if result.cleaned is None:
        raise EventValidationError(result)
    return result.cleaned


# -- writing -------------------------------------------------------------------------------

def _at(day: dt.date, time: dt.time | None) -> dt.datetime | None:
    return None if time is None else dt.datetime.combine(day, time)


def _insert_dates(series_id: int, data: SeriesInput, dates: list[dt.date]) -> None:
    rows = [(data.title, data.kind, _at(day, data.start_time), _at(day, data.end_time),
             data.location, data.description, series_id) for day in dates]
    fields = [Event.title, Event.kind, Event.starts_at, Event.ends_at, Event.location,
              Event.description, Event.series]
    for start in range(0, len(rows), _INSERT_CHUNK):
        Event.insert_many(rows[start:start + _INSERT_CHUNK], fields=fields).execute()


def create_series(data: SeriesInput) -> tuple[int, list[int]]:
    """Store the series and all its dates in one transaction; return its id and theirs."""
    with database.atomic():
        cleaned = _raise_if_invalid(validate_series(data))
        series = EventSeries.create(
            title=cleaned.title, kind=cleaned.kind, frequency=cleaned.frequency,
            first_on=cleaned.first_on, until=cleaned.until, location=cleaned.location)
        _insert_dates(series.id, cleaned,
                      series_dates(cleaned.first_on, cleaned.until, cleaned.frequency))
        ids = [event_id for (event_id,) in Event.select(Event.id)
               .where(Event.series == series.id).order_by(Event.starts_at).tuples()]
    return int(series.id), ids


def _series(series_id: int) -> EventSeries:
    series = EventSeries.get_or_none(EventSeries.id == series_id)
    if series is None:
        raise SeriesNotFoundError(series_id)
    return series


def _scope(series_id: int, from_date: dt.date | None) -> Expression:
    condition = Event.series == series_id
    if from_date is not None:
        condition &= Event.starts_at >= dt.datetime.combine(from_date, dt.time())
    return condition


def occurrence_dates(series_id: int) -> list[dt.date]:
    """The dates the series has now, in order (some may have been deleted or moved)."""
    query = (Event.select(Event.starts_at).where(Event.series == series_id)
             .order_by(Event.starts_at).tuples())
    return [_as_datetime(starts_at).date() for (starts_at,) in query]


def series_update_plan(series_id: int, data: SeriesInput, from_date: dt.date | None = None,
                       fields: Collection[str] = EVENT_FIELDS) -> SeriesUpdatePlan:
    """Check an edit of the series and say what it changes. Writes nothing.

    ``fields`` (of :data:`EVENT_FIELDS`) change on the dates from ``from_date`` on, or on
    every date. The rhythm (frequency, first date) stays; a later end date adds dates after
    the last one, an earlier one removes the dates after it, unless attendance or guests are
    recorded there.
    """
    series = _series(series_id)
    result = validate_series(replace(data, frequency=series.frequency,
                                     first_on=series.first_on))
    errors = dict(result.errors)
    if data.frequency != series.frequency or data.first_on != series.first_on:
        errors["frequency"] = _("The rhythm of a series cannot change: end this series "
                                "and create a new one.")
    if "until" in errors or result.cleaned is None:
        return SeriesUpdatePlan(errors=errors, cleaned=None)
    cleaned = result.cleaned
    existing = occurrence_dates(series_id)
    last = max([series.until, *existing])
    added = tuple(day for day in series_dates(series.first_on, cleaned.until, series.frequency)
                  if day > last)
    after_end = dt.datetime.combine(cleaned.until + dt.timedelta(days=1), dt.time())
    removed = (deletion_summary((Event.series == series_id) & (Event.starts_at >= after_end))
               if existing and existing[-1] > cleaned.until else DeletionSummary())
    if removed.attendance or removed.guests:
        errors["until"] = _("Attendance or guests are recorded after this end date: choose a "
                            "later one, or delete those dates from the list first.")
    if len(existing) - removed.events + len(added) > MAX_OCCURRENCES:
        errors["until"] = _("More than {max} dates: choose an earlier end date.").format(
            max=MAX_OCCURRENCES)
    updated = sum(1 for day in existing
                  if (from_date is None or day >= from_date) and day <= cleaned.until
                  ) if fields else 0
    return SeriesUpdatePlan(errors=errors, cleaned=None if errors else cleaned,
                            updated=updated, added=added, removed=removed)


def _time_on_same_day(time: dt.time | None) -> object:
    """SQL setting a stored datetime to ``time`` on its own day (NULL for no time)."""
    if time is None:
        return None
    return fn.date(Event.starts_at).concat(time.strftime(" %H:%M:%S"))


def update_series(series_id: int, data: SeriesInput, from_date: dt.date | None = None,
                  fields: Collection[str] = EVENT_FIELDS, *,
                  original: SeriesInput | None = None,
                  today: dt.date | None = None) -> SeriesUpdatePlan:
    """Apply ``data`` to every date of the series, or to those from ``from_date`` on.

    Only ``fields`` change on those dates: a form passes what the user changed, so that a
    new venue does not wipe each meeting's own description. The series takes the new title,
    kind, place and end date; the end date adds or removes dates (see
    :func:`series_update_plan`). One transaction; returns the plan.

    With ``original`` (what the form opened with, :func:`series_input` on ``today``), the
    series is read again as the form reads it: a change made meanwhile elsewhere is kept
    (the series' title, place, end date; the dates keep their own), and a field changed on
    both sides raises :class:`~clubdesk.domain.common.edit_conflicts.EditConflictError`, nothing
    written.
    """
    with database.atomic():
        if original is not None:
            current = series_input(series_id, today)  # raises when deleted meanwhile
            data = checked_edit(original, _clean(data), current)
        plan = series_update_plan(series_id, data, from_date, fields)
        if plan.cleaned is None:
            raise EventValidationError(ValidationResult(errors=plan.errors))
        cleaned = plan.cleaned
        (EventSeries
         .update(title=cleaned.title, kind=cleaned.kind, location=cleaned.location,
                 until=cleaned.until)
         .where(EventSeries.id == series_id)
         .execute())
        after_end = dt.datetime.combine(cleaned.until + dt.timedelta(days=1), dt.time())
        Event.delete().where((Event.series == series_id)
                             & (Event.starts_at >= after_end)).execute()
        # SQL reads every right-hand side before it writes: both times take the stored day.
        values = {name: getattr(cleaned, name) for name in ("title", "kind", "location",
                                                            "description") if name in fields}
        if "start_time" in fields:
            values["starts_at"] = _time_on_same_day(cleaned.start_time)
        if "end_time" in fields:
            values["ends_at"] = _time_on_same_day(cleaned.end_time)
        if values:
            Event.update(**values).where(_scope(series_id, from_date)).execute()
        _insert_dates(series_id, cleaned, list(plan.added))
    return plan


def series_deletion_summary(series_id: int, from_date: dt.date | None = None
                            ) -> DeletionSummary:
    """What :func:`delete_series` would take with it."""
    return deletion_summary(_scope(series_id, from_date))


def delete_series(series_id: int, from_date: dt.date | None = None) -> DeletionSummary:
    """Delete the series' dates (all, or from ``from_date`` on) in one transaction.

    Attendance and guests go with their dates; volunteer hours stay, unlinked. The series
    ends before ``from_date``, and goes when no date is left. Returns what went. A backup
    is made first (BackupError, nothing deleted, if that fails).
    """
    title = _series(series_id).title
    backup_before(_("deleting the series {title}").format(title=title) if from_date is None
                  else _("deleting the dates of the series {title} from {day}").format(
                      title=title, day=from_date.strftime("%d/%m/%Y")))
    with database.atomic():
        series = _series(series_id)
        summary = series_deletion_summary(series_id, from_date)
        Event.delete().where(_scope(series_id, from_date)).execute()
        remaining = occurrence_dates(series_id)
        if not remaining:
            series.delete_instance()
        elif from_date is not None and series.until >= from_date:
            series.until = remaining[-1]
            series.save(only=[EventSeries.until])
    return summary


# -- reading -------------------------------------------------------------------------------

def series_input(series_id: int, today: dt.date | None = None) -> SeriesInput:
    """The series as the form edits it; times and description from its next date.

    The next date on or after ``today`` (or else the last one) stands for the series: the
    past ones may have been kept as they were.
    """
    series = _series(series_id)
    today = today or dt.date.today()
    query = (Event.select(Event.starts_at, Event.ends_at, Event.description)
             .where(Event.series == series_id).order_by(Event.starts_at).tuples())
    occurrences = [(_as_datetime(start), end, text) for start, end, text in query]
    upcoming = [row for row in occurrences if row[0].date() >= today]
    start, end, description = (upcoming[0] if upcoming else occurrences[-1] if occurrences
                               else (None, None, ""))
    return SeriesInput(
        title=series.title, kind=series.kind, frequency=series.frequency,
        first_on=series.first_on, until=series.until,
        start_time=start.time() if start else SeriesInput.start_time,
        end_time=_as_datetime(end).time() if end else None,
        location=series.location, description=description,
    )


def _as_datetime(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))
