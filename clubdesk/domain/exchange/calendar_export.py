"""Events as an iCalendar file (RFC 5545) that phones and desktop calendars open."""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from clubdesk import __version__
from clubdesk.db import Event, database
from clubdesk.domain.common.labels import event_kind_label
from clubdesk.domain.common.settings import load_settings
from clubdesk.i18n import _

# Meetings are entered in local time; French associations meet in French time.
TIME_ZONE = ZoneInfo("Europe/Paris")
DEFAULT_DURATION = dt.timedelta(hours=1, minutes=30)


class PeriodError(ValueError):
    """The period's end comes before its start."""


def events_calendar(date_from: dt.date | None = None, date_to: dt.date | None = None) -> bytes:
    """The events between two dates (both included; open-ended when None) as .ics bytes."""
    if date_from and date_to and date_from > date_to:
        raise PeriodError(_("The period ends ({end}) before it starts ({start}).").format(
            end=date_to.isoformat(), start=date_from.isoformat()))
    query = Event.select().order_by(Event.starts_at)
    if date_from:
        query = query.where(Event.starts_at >= dt.datetime.combine(date_from, dt.time.min))
    if date_to:
        query = query.where(Event.starts_at <= dt.datetime.combine(date_to, dt.time.max))

    settings = load_settings()
    calendar = Calendar()
    calendar.add("prodid", f"-//clubdesk//clubdesk {__version__}//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if settings.name:
        calendar.add("x-wr-calname", settings.name)
    # The same file exported twice gives the same UIDs, so calendars update, not duplicate.
    origin = hashlib.sha1(str(database.database).encode("utf-8")).hexdigest()[:12]
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for event in query:
        starts = event.starts_at.replace(tzinfo=TIME_ZONE)
        ends = (event.ends_at or event.starts_at + DEFAULT_DURATION).replace(tzinfo=TIME_ZONE)
        item = CalendarEvent()
        item.add("uid", f"event-{event.id}-{origin}@clubdesk")
        item.add("dtstamp", stamp)
        item.add("dtstart", starts)
        item.add("dtend", ends)
        item.add("summary", event.title)
        item.add("categories", [event_kind_label(event.kind)])
        if event.location:
            item.add("location", event.location)
        if event.description:
            item.add("description", event.description)
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
