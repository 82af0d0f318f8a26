"""Proxies (pouvoirs) at a general assembly: who votes for an absent member.

The rules are those French associations' statutes usually set:

- proxies exist only for a general assembly;
- the giver is on the attendance list and not attending (absent or excused); a member who
  comes votes in person, and one who sends a substitute is not represented either (the
  substitute does not vote);
- the holder is on the list and present in person (present or late), and is not the giver;
- a holder carries at most ``max_proxies_per_holder`` proxies (settings, 2 by default; 0
  means the statutes allow none);
- a proxy cannot be passed on: a holder attends, so cannot give one, and a member who holds
  proxies cannot give theirs away;
- a member gives one proxy: giving it again moves it to the new holder.

:mod:`clubdesk.domain.events.checkin` keeps these true when statuses change afterwards.
"""

from __future__ import annotations

from peewee import fn

from clubdesk.db import Attendance, Event, Member, database
from clubdesk.domain.common.codes import AttendanceStatus, EventKind
from clubdesk.domain.common.labels import attendance_status_label
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.events.checkin import HOLDING
from clubdesk.i18n import _, ngettext

GIVING = (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)
"""Statuses of a member who may give a proxy."""


class ProxyError(ValueError):
    """A proxy was refused; the message, translated, says why."""


def _entry(event_id: int, member_id: int) -> tuple[str, str, int | None]:
    """``(name, status, proxy_to)`` of a member on the list; :class:`ProxyError` otherwise."""
    member = (Member.select(Member.first_name, Member.last_name)
              .where(Member.id == member_id).tuples().first())
    if member is None:
        raise ProxyError(_("Member {id} does not exist.").format(id=member_id))
    name = f"{member[0]} {member[1]}".strip()
    row = (Attendance.select(Attendance.status, Attendance.proxy_to)
           .where((Attendance.event == event_id) & (Attendance.member == member_id))
           .tuples().first())
    if row is None:
        raise ProxyError(_("{name} is not on the attendance list.").format(name=name))
    return name, row[0], row[1]


def _require_assembly(event_id: int) -> None:
    kind = Event.select(Event.kind).where(Event.id == event_id).scalar()
    if kind is None:
        raise ProxyError(_("This event does not exist any more."))
    if kind != EventKind.GENERAL_ASSEMBLY:
        raise ProxyError(_("Proxies are only given for a general assembly."))


def _held_count(event_id: int, holder_id: int, except_giver: int) -> int:
    return (Attendance.select()
            .where((Attendance.event == event_id) & (Attendance.proxy_to == holder_id)
                   & (Attendance.member != except_giver))
            .count())


def give_proxy(event_id: int, giver_id: int, holder_id: int) -> None:
    """Record that ``giver_id`` gives their proxy to ``holder_id`` (see the module rules)."""
    with database.atomic():
        _require_assembly(event_id)
        giver_name, giver_status, _given = _entry(event_id, giver_id)
        if giver_id == holder_id:
            raise ProxyError(_("{name} cannot give a proxy to themselves.").format(
                name=giver_name))
        holder_name, holder_status, holder_given = _entry(event_id, holder_id)
        if giver_status not in GIVING:
            raise ProxyError(_(
                "{name} is marked “{status}”: only a member who does not attend gives a "
                "proxy."
            ).format(name=giver_name, status=attendance_status_label(giver_status)))
        if holder_status not in HOLDING:
            raise ProxyError(_(
                "{name} is marked “{status}”: only a member present in person can hold a "
                "proxy."
            ).format(name=holder_name, status=attendance_status_label(holder_status)))
        if holder_given is not None:  # inconsistent data from elsewhere: refuse a chain
            raise ProxyError(_("{name} gave their own proxy and cannot hold one.").format(
                name=holder_name))
        if _held_count(event_id, giver_id, except_giver=giver_id):
            raise ProxyError(_("{name} holds proxies from other members and cannot pass "
                               "them on.").format(name=giver_name))
        limit = load_settings().max_proxies_per_holder
        if limit <= 0:
            raise ProxyError(_("The settings allow no proxies (at most 0 per member)."))
        if _held_count(event_id, holder_id, except_giver=giver_id) >= limit:
            raise ProxyError(ngettext("{name} already holds {n} proxy, the most allowed.",
                                      "{name} already holds {n} proxies, the most allowed.",
                                      limit).format(name=holder_name))
        (Attendance.update(proxy_to=holder_id)
         .where((Attendance.event == event_id) & (Attendance.member == giver_id))
         .execute())


def withdraw_proxy(event_id: int, giver_id: int) -> None:
    """Cancel the proxy ``giver_id`` gave."""
    with database.atomic():
        name, _status, given = _entry(event_id, giver_id)
        if given is None:
            raise ProxyError(_("{name} has not given a proxy.").format(name=name))
        (Attendance.update(proxy_to=None)
         .where((Attendance.event == event_id) & (Attendance.member == giver_id))
         .execute())


def proxy_holders(event_id: int) -> dict[int, int]:
    """How many proxies each holder carries at ``event_id``: holder id → count; one query."""
    query = (
        Attendance
        .select(Attendance.proxy_to, fn.COUNT(Attendance.id))
        .where((Attendance.event == event_id) & Attendance.proxy_to.is_null(False))
        .group_by(Attendance.proxy_to)
        .tuples()
    )
    return {int(holder): int(count) for holder, count in query}
