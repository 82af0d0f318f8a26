"""Demo calendar: three years of meetings and other events, their attendance and guests."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from clubdesk.demo import names as names
from clubdesk.demo.people import Chapter, Person, company_domain, company_name, slug
from clubdesk.domain.common.codes import (
    AttendanceStatus,
    BureauRole,
    EventKind,
    MemberStatus,
    SeriesFrequency,
)
from clubdesk.domain.common.dates import years_before

UPCOMING_DAYS = 42  # planned meetings ahead of today, without attendance yet
_HOLIDAYS = {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)}
_EXCUSES = ("Déplacement professionnel", "Rendez-vous client", "Congés", "Malade", "")
_ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
_MONDAY, _WEDNESDAY, _THURSDAY, _FRIDAY, _SATURDAY = 0, 2, 3, 4, 5

SERIES_FIELDS = ("id", "title", "kind", "frequency", "first_on", "until", "location")
EVENT_FIELDS = ("id", "title", "kind", "starts_at", "ends_at", "location", "description",
                "series")
ATTENDANCE_FIELDS = ("event", "member", "status", "substitute_name", "proxy_to", "note")
GUEST_FIELDS = ("event", "name", "company", "email", "invited_by", "converted_member")


@dataclass(slots=True)
class PlannedEvent:
    kind: str
    title: str
    day: int
    start: dt.time
    end: dt.time
    location: str
    chapter: int | None  # None: open to the whole federation
    series: int | None = None
    description: str = ""
    id: int = 0

    def row(self) -> tuple:
        day = dt.date.fromordinal(self.day)
        return (self.id, self.title, self.kind, dt.datetime.combine(day, self.start),
                dt.datetime.combine(day, self.end), self.location, self.description,
                self.series)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def months(first: dt.date, last: dt.date) -> Iterator[tuple[int, int]]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _is_break(day: dt.date) -> bool:
    """Public holidays, the summer and Christmas breaks: no meeting."""
    return ((day.month, day.day) in _HOLIDAYS or (day.month == 8 and day.day <= 24)
            or (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3))


def make_calendar(chapters: list[Chapter], weekly: bool, rng: random.Random,
                  today: dt.date) -> tuple[list[tuple], list[PlannedEvent]]:
    """The event series (one a chapter) and every event, numbered chronologically."""
    first, last = years_before(today, 3), today + dt.timedelta(days=UPCOMING_DAYS)
    federation = len(chapters) > 1
    series: list[tuple] = []
    events: list[PlannedEvent] = []
    for chapter in chapters:
        title = f"Réunion {'hebdomadaire' if weekly else 'mensuelle'} — {chapter.name}"
        days = [d for d in _meeting_days(chapter, weekly, first, last) if not _is_break(d)]
        frequency = SeriesFrequency.WEEKLY if weekly else SeriesFrequency.MONTHLY
        series.append((len(series) + 1, title, EventKind.MEETING, frequency,
                       days[0], days[-1], chapter.venue))
        for day in days:
            events.append(PlannedEvent(
                EventKind.MEETING, title, day.toordinal(), *chapter.slot, chapter.venue,
                chapter.index, len(series), _spotlight(chapter, day.toordinal(), rng)))
        for year in range(first.year, last.year + 1):
            day = _nth_weekday(year, 3, _THURSDAY, 3)
            if first <= day <= last:
                events.append(PlannedEvent(
                    EventKind.GENERAL_ASSEMBLY,
                    f"Assemblée générale {year}" + (f" — {chapter.name}" if federation else ""),
                    day.toordinal(), dt.time(18, 30), dt.time(21), chapter.venue,
                    chapter.index, description="Rapport moral et rapport financier, vote du "
                    f"budget {year}, élection du bureau."))
    scope = None if federation else 0
    for year, month in months(first, last):
        events.extend(_association_events(chapters, scope, year, month, rng))
    events = [e for e in events if first.toordinal() <= e.day <= last.toordinal()]
    events.sort(key=lambda e: (e.day, e.start, -1 if e.chapter is None else e.chapter))
    for number, event in enumerate(events, start=1):
        event.id = number
    return series, events


def _meeting_days(chapter: Chapter, weekly: bool, first: dt.date,
                  last: dt.date) -> Iterator[dt.date]:
    if weekly:
        day = first + dt.timedelta(days=(chapter.weekday - first.weekday()) % 7)
        while day <= last:
            yield day
            day += dt.timedelta(days=7)
        return
    nth = chapter.index % 3 + 1  # spread the chapters over the month
    for year, month in months(first, last):
        day = _nth_weekday(year, month, chapter.weekday, nth)
        if first <= day <= last and month not in (7, 8):  # monthly groups rest all summer
            yield day


def _spotlight(chapter: Chapter, day: int, rng: random.Random) -> str:
    """Business networks give one member ten minutes to present their trade."""
    for _ in range(5):
        person = rng.choice(chapter.members)
        if person.comes_on(day):
            return f"Présentation vedette : {person.full_name}, {person.profession}"
    return ""


def _association_events(chapters: list[Chapter], scope: int | None, year: int, month: int,
                        rng: random.Random) -> Iterator[PlannedEvent]:
    """Board meetings, workshops, networking evenings and visits of a month."""
    home = chapters[0]
    place = rng.choice(chapters)
    city = f" — {place.places[0][0]}" if scope is None else ""
    if month != 8:
        title = "Conseil d'administration de la fédération" if scope is None \
            else "Réunion du bureau"
        location = "Visioconférence" if rng.random() < 0.4 else home.venue
        yield PlannedEvent(EventKind.BOARD, title,
                           _nth_weekday(year, month, _MONDAY, 2).toordinal(),
                           dt.time(19), dt.time(21), location, scope)
    if month in (1, 3, 5, 10, 11):
        yield PlannedEvent("workshop", rng.choice(names.WORKSHOPS) + city,
                           _nth_weekday(year, month, _WEDNESDAY, 3).toordinal(),
                           dt.time(12), dt.time(14), place.venue, scope)
    for season, title in names.NETWORKING:
        if season == month:
            picnic = month == 6
            day = _nth_weekday(year, month, _SATURDAY if picnic else _THURSDAY, 2)
            start, end = (dt.time(12), dt.time(17)) if picnic else (dt.time(19), dt.time(22, 30))
            location = f"{rng.choice(names.NETWORKING_PLACES)}, {place.places[0][0]}"
            yield PlannedEvent(EventKind.NETWORKING, title + city, day.toordinal(), start, end,
                               location, scope)
    if month in (5, 11):
        host = rng.choice([p for p in place.members if p.status == MemberStatus.ACTIVE])
        yield PlannedEvent(EventKind.OTHER, f"Visite d'entreprise : {host.company}",
                           _nth_weekday(year, month, _FRIDAY, 4).toordinal(), dt.time(17),
                           dt.time(19), f"{host.address}, {host.postcode} {host.city}", scope)


class Turnout:
    """Who came to each past event, and the guests they brought."""

    def __init__(self, chapters: list[Chapter], people: list[Person], rng: random.Random,
                 guests: tuple[int, ...]) -> None:
        self.chapters, self.people, self.rng, self.guests = chapters, people, rng, guests
        self.bureau = [p for p in people if p.role != BureauRole.NONE]

    def rows(self, event: PlannedEvent) -> tuple[list[tuple], list[tuple]]:
        """Attendance rows and guest rows of one past event."""
        if event.kind in (EventKind.MEETING, EventKind.GENERAL_ASSEMBLY):
            members = self.chapters[event.chapter or 0].members
            rows = [self._at_meeting(event, p) for p in members if p.active_on(event.day)]
            if event.kind == EventKind.GENERAL_ASSEMBLY:
                self._give_proxies(rows)
        elif event.kind == EventKind.BOARD:
            rows = [(event.id, p.id, AttendanceStatus.PRESENT if self.rng.random() < 0.9
                     else AttendanceStatus.EXCUSED, "", None, "")
                    for p in self.bureau if p.comes_on(event.day)]
        else:
            rows = [self._registered(event, p) for p in self._sample(event)]
        present = [row[1] for row in rows if row[2] in _ATTENDED]
        guests = []
        if event.kind in (EventKind.MEETING, EventKind.NETWORKING) and present:
            count = self.rng.choice(self.guests) * (3 if event.kind == EventKind.NETWORKING else 1)
            guests = [self._guest(event, present) for _ in range(count)]
        return rows, guests

    def _at_meeting(self, event: PlannedEvent, person: Person) -> tuple:
        rng = self.rng
        general = event.kind == EventKind.GENERAL_ASSEMBLY
        if person.drift_from is not None and event.day >= person.drift_from:
            return (event.id, person.id, AttendanceStatus.ABSENT if rng.random() < 0.8
                    else AttendanceStatus.EXCUSED, "", None, "")
        if rng.random() < person.habit * (0.85 if general else 1.0):
            status = AttendanceStatus.LATE if rng.random() < 0.06 else AttendanceStatus.PRESENT
            return (event.id, person.id, status, "", None, "")
        draw = rng.random()
        if draw < 0.4:
            return (event.id, person.id, AttendanceStatus.ABSENT, "", None, "")
        if draw < 0.8 or general:
            return (event.id, person.id, AttendanceStatus.EXCUSED, "", None, rng.choice(_EXCUSES))
        substitute = f"{rng.choice(names.FEMALE_FIRST_NAMES + names.MALE_FIRST_NAMES)} " \
                     f"{rng.choice(names.LAST_NAMES)}"
        return (event.id, person.id, AttendanceStatus.SUBSTITUTE, substitute, None, "")

    def _give_proxies(self, rows: list[tuple]) -> None:
        """At a general assembly, many excused members hand their vote to someone present."""
        present = [row[1] for row in rows if row[2] in _ATTENDED]
        if not present:
            return
        for index, row in enumerate(rows):
            if row[2] == AttendanceStatus.EXCUSED and self.rng.random() < 0.6:
                rows[index] = (*row[:4], self.rng.choice(present), "Pouvoir donné")

    def _sample(self, event: PlannedEvent) -> list[Person]:
        """Those who registered for a workshop, an evening or a visit."""
        rng = self.rng
        share = {EventKind.WORKSHOP: (0.15, 0.3),
                 EventKind.NETWORKING: (0.3, 0.5)}.get(event.kind, (0.08, 0.12))
        if event.chapter is not None:
            active = [p for p in self.chapters[event.chapter].members if p.comes_on(event.day)]
            return rng.sample(active, int(len(active) * rng.uniform(*share)))
        wanted = {EventKind.WORKSHOP: 70, EventKind.NETWORKING: 160}.get(event.kind, 30)
        wanted = rng.randint(wanted // 2, wanted)
        candidates = rng.sample(self.people, min(len(self.people), wanted * 3))
        return [p for p in candidates if p.comes_on(event.day)][:wanted]

    def _registered(self, event: PlannedEvent, person: Person) -> tuple:
        status = self.rng.choices((AttendanceStatus.PRESENT, AttendanceStatus.LATE,
                                    AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED),
                                   (86, 5, 6, 3))[0]
        return (event.id, person.id, status, "", None, "")

    def _guest(self, event: PlannedEvent, present: list[int]) -> tuple:
        rng = self.rng
        female = rng.random() < 0.5
        first = rng.choice(names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES)
        last = rng.choice(names.LAST_NAMES)
        company = company_name(last, first, rng.choice(names.PROFESSIONS)[3], rng)
        email = (f"{slug(first)}.{slug(last)}@{company_domain(company)}"
                 if rng.random() < 0.75 else "")
        return (event.id, f"{first} {last}", company, email, rng.choice(present), None)


def converted_guests(people: list[Person], events: list[PlannedEvent], rng: random.Random,
                     today: dt.date) -> list[tuple]:
    """Members and prospects who first came to a meeting as someone's guest."""
    meetings: dict[int, list[tuple[int, int]]] = {}
    for event in events:
        if event.kind == EventKind.MEETING and event.day < today.toordinal():
            meetings.setdefault(event.chapter or 0, []).append((event.day, event.id))
    rows = []
    for person in people:
        chapter_meetings = meetings.get(person.chapter, [])
        joined = person.joined if person.joined is not None else person.created + 30
        index = bisect.bisect_left(chapter_meetings, (joined - 7, 0))
        if index == 0 or person.status == MemberStatus.FORMER or rng.random() > 0.35:
            continue
        day, event_id = chapter_meetings[rng.randint(max(0, index - 6), index - 1)]
        sponsor = people[person.sponsor - 1] if person.sponsor else None
        invited_by = sponsor.id if sponsor is not None and sponsor.active_on(day) else None
        converted = person.id if person.joined is not None else None
        rows.append((event_id, person.full_name, person.company, person.email, invited_by,
                     converted))
    return rows
