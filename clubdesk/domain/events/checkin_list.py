"""Reading the attendance list of an event for the check-in: rows, counts, candidates.

One query whatever the size of the list; each row carries a folded search key so that the
dialog filters as the user types by scanning strings. The writes are in
:mod:`clubdesk.domain.events.checkin`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import JOIN, chunked, fn

from clubdesk.db import Attendance, Event, Member, database
from clubdesk.domain.common.codes import AttendanceStatus, EventKind, MemberStatus
from clubdesk.domain.common.labels import member_status_label
from clubdesk.domain.common.text import fold
from clubdesk.domain.members.members import sponsor_label
from clubdesk.i18n import _

CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on parameters


class CheckinError(ValueError):
    """A check-in change was refused; the message, translated, says why."""


@dataclass(frozen=True, slots=True)
class CheckinEvent:
    """What the check-in dialog shows of the event."""

    id: int
    title: str
    kind: str
    starts_at: dt.datetime
    location: str

    @property
    def is_general_assembly(self) -> bool:
        return self.kind == EventKind.GENERAL_ASSEMBLY


@dataclass(frozen=True, slots=True)
class CheckinRow:
    """One member on the attendance list, with the proxy they gave and a folded search key."""

    member_id: int
    first_name: str
    last_name: str
    company: str
    status: str
    substitute_name: str
    proxy_to_id: int | None
    proxy_holder_name: str
    note: str
    search_key: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def person_name(first: str, last: str) -> str:
    """ "First Last", without stray spaces when one is empty."""
    return f"{first} {last}".strip()


def checkin_event(event_id: int) -> CheckinEvent:
    """The event's title, kind, date and place; :class:`CheckinError` if it is gone."""
    row = (
        Event
        .select(Event.id, Event.title, Event.kind, Event.starts_at, Event.location)
        .where(Event.id == event_id)
        .tuples()
        .first()
    )
    if row is None:
        raise CheckinError(_("This event does not exist any more."))
    return CheckinEvent(*row)


def active_member_count() -> int:
    """How many members starting a list would add (every active member)."""
    return Member.select().where(Member.status == MemberStatus.ACTIVE).count()


def roster_candidates(event_id: int) -> list[tuple[int, str]]:
    """``(id, label)`` of the members who may be added to the list, by folded name.

    Every member not on it but former members; one query. A status other than active is
    named in the label ("lapsed"), since it is often why the member was not listed.
    """
    listed = Attendance.select(Attendance.member).where(Attendance.event == event_id)
    query = (
        Member
        .select(Member.id, Member.last_name, Member.first_name, Member.company, Member.status)
        .where((Member.status != MemberStatus.FORMER) & Member.id.not_in(listed))
        .tuples()
    )
    rows = sorted(query, key=lambda row: (fold(f"{row[1]}\x00{row[2]}"), row[0]))
    labels = {status: member_status_label(status).lower() for status in MemberStatus}
    choices = []
    for member_id, last, first, company, status in rows:
        label = sponsor_label(last, first, company)
        if status != MemberStatus.ACTIVE:
            label = f"{label} ({labels[status]})"
        choices.append((member_id, label))
    return choices


def _rows_query(event_id: int):
    holder = Member.alias("holder")
    return (
        Attendance
        .select(Member.id, Member.first_name, Member.last_name, Member.company,
                Attendance.status, Attendance.substitute_name, Attendance.proxy_to,
                holder.first_name, holder.last_name, Attendance.note)
        .join(Member, on=(Attendance.member == Member.id))
        .join(holder, JOIN.LEFT_OUTER, on=(Attendance.proxy_to == holder.id))
        .where(Attendance.event == event_id)
        .tuples()
    )


def _make_rows(tuples: Iterable[tuple]) -> list[CheckinRow]:
    folded: dict[str, str] = {}

    def fold_once(text: str) -> str:
        value = folded.get(text)
        if value is None:
            # ASCII text folds ten times faster without unicodedata (most company names).
            value = folded[text] = (" ".join(text.lower().split()) if text.isascii()
                                    else fold(text))
        return value

    rows = []
    for (member_id, first, last, company, status, substitute, proxy_to, holder_first,
         holder_last, note) in tuples:
        parts = (fold_once(first), fold_once(last), fold_once(last), fold_once(first),
                 fold_once(company), fold_once(substitute))
        rows.append(CheckinRow(
            member_id, first, last, company, status, substitute, proxy_to,
            person_name(holder_first or "", holder_last or ""), note,
            " ".join(part for part in parts if part),
        ))
    rows.sort(key=lambda row: (fold_once(row.last_name), fold_once(row.first_name),
                               row.member_id))
    return rows


def checkin_rows(event_id: int) -> list[CheckinRow]:
    """Every member on the list of ``event_id``, by folded last then first name; one query."""
    # The raw cursor: every column is text or an id, and skipping peewee's per-value
    # conversion halves the time of reading a federation's list (7,000 rows).
    return _make_rows(database.execute(_rows_query(event_id)))


def checkin_rows_of(event_id: int, member_ids: Iterable[int]) -> list[CheckinRow]:
    """The rows of some members only, to refresh them after a change."""
    ids = list(member_ids)
    rows: list[CheckinRow] = []
    for chunk in chunked(ids, CHUNK):
        query = _rows_query(event_id).where(Attendance.member.in_(chunk))
        rows.extend(_make_rows(database.execute(query)))
    return rows


def checkin_counts(event_id: int) -> dict[str, int]:
    """Members on the list by attendance status (every status present, zero included)."""
    counts: dict[str, int] = dict.fromkeys(AttendanceStatus, 0)
    query = (
        Attendance
        .select(Attendance.status, fn.COUNT(Attendance.id))
        .where(Attendance.event == event_id)
        .group_by(Attendance.status)
        .tuples()
    )
    counts.update((status, int(count)) for status, count in query)
    return counts
