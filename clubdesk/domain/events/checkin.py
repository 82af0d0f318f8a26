"""Check-in of an event: its attendance list (the roster) and each member's status.

The attendance rows of an event are its list of expected members. Starting the list gives
every active member a row, ``absent`` until marked; members can be added later (a member
who joined since, a lapsed member who came) and removed when added by mistake.

Rules kept by :func:`set_status` so that a proxy never outlives its reason (general
assemblies, see :mod:`clubdesk.domain.events.proxies`):

- a member who attends (present, late, or through a substitute) votes or is seen in person:
  a proxy they had given is withdrawn;
- a holder who stops attending (absent, excused, or sent a substitute, who does not vote)
  cannot carry proxies any more: every proxy they held is withdrawn, and the result says
  whose, so that the secretary can tell the members or give them to someone else.

:func:`mark_all_present` turns only the members still ``absent`` without a proxy into
``present``: excused members sent apologies, late arrivals and substitutes were recorded on
purpose, and an absent member who gave a proxy is not coming; none of them is overwritten.
"""


from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peewee import JOIN, chunked

from clubdesk.db import Attendance, Event, Member, database
from clubdesk.domain.common.codes import AttendanceStatus, MemberStatus
from clubdesk.domain.common.labels import attendance_status_label
from clubdesk.domain.common.text_limits import clean_line, text_limit, text_problem
from clubdesk.domain.events.checkin_list import (
    CHUNK,
    CheckinError,
    CheckinEvent,
    CheckinRow,
    active_member_count,
    checkin_counts,
    checkin_event,
    checkin_rows,
    checkin_rows_of,
    person_name,
    roster_candidates,
)
from clubdesk.i18n import _, ngettext

__all__ = [
    "ATTENDING", "HOLDING", "CheckinError", "CheckinEvent", "CheckinRow", "StatusChange",
    "active_member_count", "add_to_roster", "checkin_counts", "checkin_event", "checkin_rows",
    "checkin_rows_of", "mark_all_present", "remove_from_roster", "roster_candidates",
    "set_note", "set_status", "set_statuses", "start_roster",
]

ATTENDING = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.SUBSTITUTE)
"""Statuses of a member who came or sent someone: a proxy they gave is withdrawn."""
HOLDING = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
"""Statuses that may hold proxies: members present in person."""
_STATUSES = tuple(AttendanceStatus)


@dataclass(frozen=True)
class StatusChange:
    """What a status change did: rows to refresh, and messages for the user."""

    changed: tuple[int, ...]  # member ids whose row changed
    messages: tuple[str, ...] = ()
    proxies_withdrawn: int = 0


def _require_event(event_id: int) -> None:
    if not Event.select().where(Event.id == event_id).exists():
        raise CheckinError(_("This event does not exist any more."))


def _member_name(member_id: int) -> str:
    row = (Member.select(Member.first_name, Member.last_name)
           .where(Member.id == member_id).tuples().first())
    if row is None:
        raise CheckinError(_("Member {id} does not exist.").format(id=member_id))
    return person_name(*row)


def start_roster(event_id: int) -> int:
    """Give every active member without a row an ``absent`` one; how many were added.

    One INSERT … SELECT in one transaction, whatever the number of members.
    """
    with database.atomic():
        _require_event(event_id)
        listed = Attendance.select(Attendance.member).where(Attendance.event == event_id)
        missing = (
            Member
            .select(event_id, Member.id, AttendanceStatus.ABSENT, "", "")
            .where((Member.status == MemberStatus.ACTIVE) & Member.id.not_in(listed))
        )
        fields = [Attendance.event, Attendance.member, Attendance.status,
                  Attendance.substitute_name, Attendance.note]
        return int(Attendance.insert_from(missing, fields).as_rowcount().execute())


def add_to_roster(event_id: int, member_id: int,
                  status: str = AttendanceStatus.ABSENT) -> None:
    """Put one member on the list (any status but former members, who come as guests)."""
    with database.atomic():
        _require_event(event_id)
        row = (Member.select(Member.first_name, Member.last_name, Member.status)
               .where(Member.id == member_id).tuples().first())
        if row is None:
            raise CheckinError(_("Member {id} does not exist.").format(id=member_id))
        name = person_name(row[0], row[1])
        if row[2] == MemberStatus.FORMER:
            raise CheckinError(_("{name} is a former member: record them as a guest "
                                 "instead.").format(name=name))
        if status not in _STATUSES or status == AttendanceStatus.SUBSTITUTE:
            raise CheckinError(_("Unknown attendance status “{code}”.").format(code=status))
        listed = (Attendance.select()
                  .where((Attendance.event == event_id) & (Attendance.member == member_id)))
        if listed.exists():
            raise CheckinError(_("{name} is already on the list.").format(name=name))
        Attendance.create(event=event_id, member=member_id, status=status)


def remove_from_roster(event_id: int, member_id: int) -> None:
    """Take a member added by mistake off the list: only while absent, without a proxy."""
    with database.atomic():
        name = _member_name(member_id)
        row = (Attendance.select(Attendance.id, Attendance.status, Attendance.proxy_to)
               .where((Attendance.event == event_id) & (Attendance.member == member_id))
               .tuples().first())
        if row is None:
            raise CheckinError(_("{name} is not on the attendance list.").format(name=name))
        if row[1] != AttendanceStatus.ABSENT:
            raise CheckinError(_(
                "{name} is marked “{status}”: only a member still absent can be taken off "
                "the list."
            ).format(name=name, status=attendance_status_label(row[1])))
        if row[2] is not None:
            raise CheckinError(_("{name} gave a proxy: withdraw it before taking them off "
                                 "the list.").format(name=name))
        Attendance.delete().where(Attendance.id == row[0]).execute()


def set_status(event_id: int, member_id: int, status: str,
               substitute_name: str = "") -> StatusChange:
    """Mark one member; a substitute needs the name of the person who came instead."""
    return _change(event_id, [member_id], status, substitute_name)


def set_statuses(event_id: int, member_ids: Iterable[int], status: str) -> StatusChange:
    """Mark several members at once, in one transaction (not as substitutes: one name each)."""
    ids = list(dict.fromkeys(member_ids))
    if status == AttendanceStatus.SUBSTITUTE and len(ids) > 1:
        raise CheckinError(_("A substitute is recorded for one member at a time, with the "
                             "name of the person who came."))
    return _change(event_id, ids, status, "")


def _change(event_id: int, ids: list[int], status: str, substitute_name: str) -> StatusChange:
    if status not in _STATUSES:
        raise CheckinError(_("Unknown attendance status “{code}”.").format(code=status))
    substituting = status == AttendanceStatus.SUBSTITUTE
    substitute = clean_line(substitute_name) if substituting else ""
    if substituting and not substitute:
        raise CheckinError(_("A substitute needs the name of the person who came instead."))
    if substituting and (problem := text_problem(
            substitute_name, text_limit("attendance", "substitute_name"))) is not None:
        raise CheckinError(_("The substitute's name was not saved: {problem}").format(
            problem=problem))
    if not ids:
        return StatusChange(())
    with database.atomic():
        _require_event(event_id)
        listed: set[int] = set()
        given: list[tuple[int, str, str]] = []  # (giver id, giver name, holder name)
        holder = Member.alias("holder")
        for chunk in chunked(ids, CHUNK):
            query = (
                Attendance
                .select(Attendance.member, Member.first_name, Member.last_name,
                        holder.first_name, holder.last_name)
                .join(Member, on=(Attendance.member == Member.id))
                .join(holder, JOIN.LEFT_OUTER, on=(Attendance.proxy_to == holder.id))
                .where((Attendance.event == event_id) & Attendance.member.in_(chunk))
                .tuples()
            )
            for member_id, first, last, holder_first, holder_last in query:
                listed.add(member_id)
                if holder_first is not None and status in ATTENDING:
                    given.append((member_id, person_name(first, last),
                                  person_name(holder_first, holder_last)))
        missing = [member_id for member_id in ids if member_id not in listed]
        if missing:
            raise CheckinError(_("{name} is not on the attendance list.").format(
                name=_member_name(missing[0])))
        held = [] if status in HOLDING else _held_proxies(event_id, ids)
        withdrawn = [giver for giver, _giver_name, _holder in given]
        withdrawn += [giver for giver, _name_ in held]
        for chunk in chunked(withdrawn, CHUNK):
            (Attendance.update(proxy_to=None)
             .where((Attendance.event == event_id) & Attendance.member.in_(chunk))
             .execute())
        for chunk in chunked(ids, CHUNK):
            (Attendance.update(status=status, substitute_name=substitute)
             .where((Attendance.event == event_id) & Attendance.member.in_(chunk))
             .execute())
    messages = [
        _("{giver} attends: the proxy given to {holder} is withdrawn.").format(
            giver=giver_name, holder=holder_name)
        for _giver, giver_name, holder_name in given
    ]
    messages += _held_messages(event_id, ids, held)
    changed = tuple(dict.fromkeys([*ids, *withdrawn]))
    return StatusChange(changed, tuple(messages), len(withdrawn))


def _held_proxies(event_id: int, holder_ids: list[int]) -> list[tuple[int, int]]:
    """``(giver id, holder id)`` of the proxies held by ``holder_ids``, by giver name."""
    held: list[tuple[int, int]] = []
    for chunk in chunked(holder_ids, CHUNK):
        query = (
            Attendance
            .select(Attendance.member, Attendance.proxy_to)
            .join(Member, on=(Attendance.member == Member.id))
            .where((Attendance.event == event_id) & Attendance.proxy_to.in_(chunk))
            .order_by(Member.last_name, Member.first_name)
            .tuples()
        )
        held.extend(query)
    return held


def _held_messages(event_id: int, holder_ids: list[int],
                   held: list[tuple[int, int]]) -> list[str]:
    """One message per holder who lost proxies: how many, and whose."""
    if not held:
        return []
    people = {*holder_ids, *(giver for giver, _holder in held)}
    names = {
        member_id: person_name(first, last)
        for member_id, first, last in (
            Member.select(Member.id, Member.first_name, Member.last_name)
            .where(Member.id.in_(list(people))).tuples()
        )
    }
    by_holder: dict[int, list[str]] = {}
    for giver, holder_id in held:
        by_holder.setdefault(holder_id, []).append(names.get(giver, ""))
    return [
        ngettext("{n} proxy held by {holder} is withdrawn ({givers}): only a member present can "
                 "hold one.",
                 "{n} proxies held by {holder} are withdrawn ({givers}): only a member present "
                 "can hold one.", len(givers)).format(
            holder=names.get(holder_id, ""), givers=", ".join(givers))
        for holder_id, givers in by_holder.items()
    ]


def mark_all_present(event_id: int) -> int:
    """Mark present every member still absent without a proxy; how many were marked.

    Excused, late and substitute statuses are kept, and so is an absent member who gave a
    proxy (see the module docstring). One UPDATE in one transaction.
    """
    with database.atomic():
        _require_event(event_id)
        return int(
            Attendance
            .update(status=AttendanceStatus.PRESENT)
            .where((Attendance.event == event_id) & (Attendance.status == AttendanceStatus.ABSENT)
                   & Attendance.proxy_to.is_null())
            .execute()
        )


def set_note(event_id: int, member_id: int, note: str) -> None:
    """Keep a short note on one member's attendance (trimmed, one line, at most 200
    characters, no control character)."""
    if (problem := text_problem(note, text_limit("attendance", "note"))) is not None:
        raise CheckinError(_("The note was not saved: {problem}").format(problem=problem))
    with database.atomic():
        updated = (Attendance.update(note=clean_line(note))
                   .where((Attendance.event == event_id) & (Attendance.member == member_id))
                   .execute())
        if not updated:
            raise CheckinError(_("{name} is not on the attendance list.").format(
                name=_member_name(member_id)))
