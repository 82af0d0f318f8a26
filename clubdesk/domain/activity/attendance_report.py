"""What the sign-in sheet and the attendance report of one event print.

The attendance rows of an event are its roster (see :mod:`clubdesk.domain.events.general_assembly`):
once the list is started every member expected holds a row, absent until marked. A member
*attended* when present or late; a substitute came in the member's place and is counted
apart, neither attended nor absent. Each function runs a fixed number of queries, whatever
the size of the roster. Unknown events raise :class:`UnknownEventError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import JOIN, fn

from clubdesk.db import Attendance, Event, Guest, Member
from clubdesk.domain.common.codes import AttendanceStatus, EventKind, MemberStatus
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.common.text import fold
from clubdesk.domain.events.general_assembly import (
    ABSENT_STATUSES,
    PRESENT_STATUSES,
    QuorumResult,
    VotingRule,
    quorum,
    voting_rule,
)
from clubdesk.i18n import _

ATTENDED_STATUSES = PRESENT_STATUSES  # present or late
# The order in which statuses are counted and listed.
STATUS_ORDER = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.SUBSTITUTE,
                AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)


class UnknownEventError(NotFoundError):
    """No event has this number; ``str(error)`` is a message for the user."""

    def __init__(self, event_id: int) -> None:
        super().__init__(_("No event with number {number}.").format(number=event_id))
        self.event_id = event_id


@dataclass(frozen=True)
class Letterhead:
    """The association as it heads every report."""

    name: str
    logo: bytes | None


@dataclass(frozen=True)
class EventInfo:
    id: int
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    location: str

    @property
    def is_general_assembly(self) -> bool:
        return self.kind == EventKind.GENERAL_ASSEMBLY


@dataclass(frozen=True)
class Person:
    """A member as lists print them; ``company`` may be empty."""

    member_id: int
    last_name: str
    first_name: str
    company: str = ""

    @property
    def sort_key(self) -> tuple[str, str, int]:
        return fold(self.last_name), fold(self.first_name), self.member_id


@dataclass(frozen=True)
class StatusCounts:
    """Attendance rows by status; ``expected`` is their total."""

    present: int = 0
    late: int = 0
    substitute: int = 0
    excused: int = 0
    absent: int = 0

    @property
    def expected(self) -> int:
        return self.present + self.late + self.substitute + self.excused + self.absent

    @property
    def attended(self) -> int:
        return self.present + self.late

    @property
    def rate(self) -> float | None:
        """Attended over expected, from 0 to 1; None when nobody was expected."""
        return self.attended / self.expected if self.expected else None

    def of(self, status: str) -> int:
        return int(getattr(self, status))


@dataclass(frozen=True)
class SigninLine:
    number: int
    person: Person
    proxy_to: Person | None  # general assembly: the member holding this member's proxy
    votes: bool = True       # general assembly: entitled to vote (dues up to date)


@dataclass(frozen=True)
class GuestLine:
    name: str
    company: str
    invited_by: Person | None
    joined: bool  # the guest has since become a member


@dataclass(frozen=True)
class SigninSheet:
    association: Letterhead
    event: EventInfo
    roster_started: bool  # False: nobody checked in yet, the active members are listed
    lines: list[SigninLine]
    guests: list[GuestLine]
    # Only members up to date with their dues for this fiscal year vote ("" : everyone).
    dues_year: str = ""

    @property
    def voters(self) -> int:
        return sum(1 for line in self.lines if line.votes)


@dataclass(frozen=True)
class AttendanceLine:
    person: Person
    status: str
    substitute_name: str
    note: str


@dataclass(frozen=True)
class ProxyLine:
    giver: Person
    holder: Person
    counted: bool  # the giver was absent or excused and the holder present or late


@dataclass(frozen=True)
class NotEntitledLine:
    """A member on an assembly's list who may not vote: not up to date with their dues."""

    person: Person
    status: str            # their attendance status
    owed: Decimal | None   # what they still owe for the year (None: nothing asked of them)


@dataclass(frozen=True)
class EventReport:
    association: Letterhead
    event: EventInfo
    counts: StatusCounts
    lines: dict[str, list[AttendanceLine]]  # status -> members sorted by name
    guests: list[GuestLine]
    quorum: QuorumResult | None = None  # general assemblies only
    proxies: list[ProxyLine] = field(default_factory=list)
    # Only members up to date with their dues vote: those on the list who may not, by name.
    not_entitled: list[NotEntitledLine] = field(default_factory=list)

    @property
    def guests_joined(self) -> int:
        return sum(1 for guest in self.guests if guest.joined)


def letterhead() -> Letterhead:
    settings = load_settings()
    return Letterhead(settings.name, settings.logo)


def event_info(event_id: int) -> EventInfo:
    """The event's details; raises :class:`UnknownEventError`."""
    values = (
        Event
        .select(Event.id, Event.title, Event.kind, Event.starts_at, Event.ends_at,
                Event.location)
        .where(Event.id == event_id)
        .tuples()
        .first()
    )
    if values is None:
        raise UnknownEventError(event_id)
    return EventInfo(*values)


def _holder(member_id: int | None, last: str | None, first: str | None) -> Person | None:
    return None if member_id is None else Person(member_id, last or "", first or "")


def signin_sheet_data(event_id: int) -> SigninSheet:
    """The members expected at ``event_id`` (its roster, else the active members); at a
    general assembly where only members up to date with their dues vote, which ones do."""
    event = event_info(event_id)
    settings = load_settings()
    holder = Member.alias()
    rows = (
        Attendance
        .select(Member.id, Member.last_name, Member.first_name, Member.company,
                holder.id, holder.last_name, holder.first_name)
        .join(Member, on=(Attendance.member == Member.id))
        .switch(Attendance)
        .join(holder, JOIN.LEFT_OUTER, on=(Attendance.proxy_to == holder.id))
        .where(Attendance.event == event_id)
        .tuples()
    )
    people = [(Person(*row[:4]), _holder(*row[4:])) for row in rows]
    started = bool(people)
    if not started:
        people = [
            (Person(*row), None)
            for row in (
                Member
                .select(Member.id, Member.last_name, Member.first_name, Member.company)
                .where(Member.status == MemberStatus.ACTIVE)
                .tuples()
            )
        ]
    people.sort(key=lambda pair: pair[0].sort_key)
    rule = (voting_rule(event_id, settings, [person.member_id for person, _proxy in people])
            if event.is_general_assembly else VotingRule())
    lines = [SigninLine(number, person, proxy, rule.votes(person.member_id))
             for number, (person, proxy) in enumerate(people, start=1)]
    return SigninSheet(Letterhead(settings.name, settings.logo), event, started, lines,
                       _guests(event_id), rule.dues_year)


def _guests(event_id: int) -> list[GuestLine]:
    inviter = Member.alias()
    rows = (
        Guest
        .select(Guest.name, Guest.company, inviter.id, inviter.last_name, inviter.first_name,
                Guest.converted_member.is_null(False))
        .join(inviter, JOIN.LEFT_OUTER, on=(Guest.invited_by == inviter.id))
        .where(Guest.event == event_id)
        .tuples()
    )
    guests = [GuestLine(name, company, _holder(*by), bool(joined))
              for name, company, *by, joined in rows]
    guests.sort(key=lambda guest: (fold(guest.name), guest.name))
    return guests


def _status_counts(event_id: int) -> StatusCounts:
    by_status = dict(
        Attendance
        .select(Attendance.status, fn.COUNT(Attendance.id))
        .where(Attendance.event == event_id)
        .group_by(Attendance.status)
        .tuples()
    )
    return StatusCounts(**{status: by_status.get(status, 0) for status in STATUS_ORDER})


def event_report_data(event_id: int) -> EventReport:
    """Counts, lists by status, guests, and for a general assembly quorum and proxies (and,
    when only members up to date with their dues vote, those on the list who may not)."""
    event = event_info(event_id)
    settings = load_settings()
    assembly = event.is_general_assembly
    holder = Member.alias()
    holder_row = Attendance.alias()
    rows = (
        Attendance
        .select(Member.id, Member.last_name, Member.first_name, Member.company,
                Attendance.status, Attendance.substitute_name, Attendance.note,
                holder.id, holder.last_name, holder.first_name, holder_row.status)
        .join(Member, on=(Attendance.member == Member.id))
        .switch(Attendance)
        .join(holder, JOIN.LEFT_OUTER, on=(Attendance.proxy_to == holder.id))
        .switch(Attendance)
        .join(holder_row, JOIN.LEFT_OUTER,
              on=((holder_row.event == Attendance.event)
                  & (holder_row.member == Attendance.proxy_to)))
        .where(Attendance.event == event_id)
        .tuples()
    )
    rows = list(rows)
    rule = voting_rule(event_id, settings, [row[0] for row in rows]) if assembly \
        else VotingRule()
    lines: dict[str, list[AttendanceLine]] = {status: [] for status in STATUS_ORDER}
    proxies: list[ProxyLine] = []
    not_entitled: list[NotEntitledLine] = []
    for (*member, status, substitute, note, holder_id, holder_last, holder_first,
         holder_status) in rows:
        person = Person(*member)
        lines.setdefault(status, []).append(AttendanceLine(person, status, substitute, note))
        votes = rule.votes(person.member_id)
        if not votes:
            not_entitled.append(NotEntitledLine(person, status, rule.owed(person.member_id)))
        proxy_holder = _holder(holder_id, holder_last, holder_first)
        if proxy_holder is not None:
            counted = (status in ABSENT_STATUSES and holder_status in PRESENT_STATUSES
                       and votes and rule.votes(holder_id))
            proxies.append(ProxyLine(person, proxy_holder, counted))
    for members in lines.values():
        members.sort(key=lambda line: line.person.sort_key)
    proxies.sort(key=lambda proxy: (proxy.holder.sort_key, proxy.giver.sort_key))
    not_entitled.sort(key=lambda line: line.person.sort_key)
    result = None
    if assembly:
        # Before check-in the active members vote: the rule is read for them then.
        result = quorum(event_id, settings.quorum_share, settings=settings,
                        rule=rule if rows else None)
    else:
        proxies = []
    return EventReport(Letterhead(settings.name, settings.logo), event,
                       _status_counts(event_id), lines, _guests(event_id), result, proxies,
                       not_entitled)
