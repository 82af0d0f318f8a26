"""Quorum of a general assembly: members present and represented against those entitled.

The attendance list of an event is its roster: once check-in has started, every member
expected holds a row (absent until marked). Those rows are the members entitled to vote;
before the list is started, the active members are. Present means present or late; a member
absent or excused whose proxy is held by a present member is represented. A substitute
attends in someone's place and does not vote.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN, fn

from clubdesk.db import Attendance, Member
from clubdesk.domain.common.codes import AttendanceStatus, MemberStatus
from clubdesk.domain.common.settings import load_settings

PRESENT_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
ABSENT_STATUSES = (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)


@dataclass(frozen=True)
class QuorumResult:
    entitled: int
    present: int
    represented: int
    share: Decimal
    required: int

    @property
    def counted(self) -> int:
        return self.present + self.represented

    @property
    def reached(self) -> bool:
        return self.entitled > 0 and self.counted >= self.required


def required_votes(entitled: int, share: Decimal) -> int:
    """At least ``share`` of those entitled, rounded up: half of 41 needs 21."""
    return math.ceil(Decimal(entitled) * share)


def quorum(event_id: int, share: Decimal | None = None) -> QuorumResult:
    """The quorum of ``event_id`` in two queries (settings aside)."""
    share = load_settings().quorum_share if share is None else share
    holder = Attendance.alias("holder")
    present_sum = fn.SUM(Attendance.status.in_(PRESENT_STATUSES))
    represented_sum = fn.SUM(
        Attendance.status.in_(ABSENT_STATUSES) & holder.status.in_(PRESENT_STATUSES)
    )
    rows, present, represented = (
        Attendance.select(fn.COUNT(Attendance.id), fn.COALESCE(present_sum, 0),
                          fn.COALESCE(represented_sum, 0))
        .join(holder, JOIN.LEFT_OUTER,
              on=((holder.event == Attendance.event) & (holder.member == Attendance.proxy_to)))
        .where(Attendance.event == event_id)
        .tuples()
        .get()
    )
    entitled = rows or Member.select().where(Member.status == MemberStatus.ACTIVE).count()
    return QuorumResult(int(entitled), int(present), int(represented), Decimal(share),
                        required_votes(int(entitled), Decimal(share)))
