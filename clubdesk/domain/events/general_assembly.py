"""Quorum of a general assembly: members present and represented against those entitled.

The attendance list of an event is its roster: once check-in has started, every member
expected holds a row (absent until marked). Those rows are the members entitled to vote;
before the list is started, the active members are. Present means present or late; a member
absent or excused whose proxy is held by a present member is represented. A substitute
attends in someone's place and does not vote.

When the statutes say so (the setting ``quorum_dues_only``), only the members up to date
with their dues for the fiscal year of the assembly — paid, exempt or owing nothing, see
:mod:`clubdesk.domain.dues.dues_status` — are entitled to vote: the others may attend and
sign, but are neither counted nor represented, and a proxy counts only when its holder is
entitled too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import JOIN, fn

from clubdesk.db import Attendance, Event, Member
from clubdesk.domain.common.codes import AttendanceStatus, MemberStatus
from clubdesk.domain.common.fiscal_years import fiscal_year_name, fiscal_year_of
from clubdesk.domain.common.settings import Settings, load_settings
from clubdesk.domain.dues.dues_status import UP_TO_DATE, MemberDues, dues_of_year

PRESENT_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
ABSENT_STATUSES = (AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)


@dataclass(frozen=True)
class QuorumResult:
    entitled: int
    present: int
    represented: int
    share: Decimal
    required: int
    # Only members up to date with their dues vote: for which fiscal year ("2025",
    # "2025–2026"), and how many on the list (or active, before it) do not.
    dues_year: str = ""
    not_entitled: int = 0

    @property
    def counted(self) -> int:
        return self.present + self.represented

    @property
    def reached(self) -> bool:
        return self.entitled > 0 and self.counted >= self.required

    @property
    def dues_only(self) -> bool:
        return bool(self.dues_year)


@dataclass(frozen=True)
class VotingRule:
    """Who may vote at an assembly: everyone on its list, or, when ``dues_year`` is set,
    only the members up to date with their dues for that fiscal year (``dues`` holds every
    member's dues of the year)."""

    dues_year: str = ""
    fiscal_year: int | None = None
    dues: dict[int, MemberDues] = field(default_factory=dict)

    @property
    def dues_only(self) -> bool:
        return bool(self.dues_year)

    def votes(self, member_id: int) -> bool:
        if not self.dues_only:
            return True
        dues = self.dues.get(member_id)
        return dues is not None and dues.status in UP_TO_DATE

    def owed(self, member_id: int) -> Decimal | None:
        """What a member not entitled still owes for the year (None: nothing is asked of
        them that year, a prospect for instance)."""
        dues = self.dues.get(member_id)
        return None if dues is None else dues.owed


def required_votes(entitled: int, share: Decimal) -> int:
    """At least ``share`` of those entitled, rounded up: half of 41 needs 21."""
    return math.ceil(Decimal(entitled) * share)


def voting_rule(event_id: int, settings: Settings | None = None,
                member_ids: Collection[int] | None = None) -> VotingRule:
    """The rule of ``event_id``'s vote: two queries when only members up to date vote
    (the event's date, the members' dues of its fiscal year), none otherwise.
    ``member_ids``: the only members asked about (those on the list), read faster."""
    settings = settings or load_settings()
    if not settings.quorum_dues_only:
        return VotingRule()
    starts_at = Event.select(Event.starts_at).where(Event.id == event_id).scalar()
    if starts_at is None:
        return VotingRule()
    start_month = settings.fiscal_year_start_month
    day = starts_at.date() if isinstance(starts_at, dt.datetime) else \
        dt.date.fromisoformat(str(starts_at)[:10])
    year = fiscal_year_of(day, start_month)
    wanted = None if member_ids is None else set(member_ids)
    dues = {row.member_id: row
            for row in dues_of_year(year, wanted, start_month=start_month)}
    return VotingRule(fiscal_year_name(year, start_month), year, dues)


def quorum(event_id: int, share: Decimal | None = None, *, settings: Settings | None = None,
           rule: VotingRule | None = None) -> QuorumResult:
    """The quorum of ``event_id`` (``share``: the settings' by default): two queries
    (settings aside), four when only members up to date with their dues vote (two when the
    caller gives the ``rule`` it read already)."""
    settings = settings or load_settings()
    share = settings.quorum_share if share is None else share
    if settings.quorum_dues_only:
        return _quorum_of_members_up_to_date(event_id, Decimal(share), rule, settings)
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


def _quorum_of_members_up_to_date(event_id: int, share: Decimal, rule: VotingRule | None,
                                  settings: Settings) -> QuorumResult:
    """The quorum counting only the members the rule lets vote: the list's rows are read
    (one query, however long the list) and counted here; the rule is read for them when
    the caller has not."""
    holder = Attendance.alias("holder")
    rows = list(
        Attendance
        .select(Attendance.member, Attendance.status, holder.member, holder.status)
        .join(holder, JOIN.LEFT_OUTER,
              on=((holder.event == Attendance.event) & (holder.member == Attendance.proxy_to)))
        .where(Attendance.event == event_id)
        .tuples()
    )
    if not rows:
        active = Member.select(Member.id).where(Member.status == MemberStatus.ACTIVE).tuples()
        rows = [(member_id, AttendanceStatus.ABSENT, None, None) for (member_id,) in active]
    if rule is None:
        rule = voting_rule(event_id, settings, [row[0] for row in rows])
    entitled = present = represented = 0
    for member_id, status, holder_id, holder_status in rows:
        if not rule.votes(member_id):
            continue
        entitled += 1
        if status in PRESENT_STATUSES:
            present += 1
        elif (status in ABSENT_STATUSES and holder_status in PRESENT_STATUSES
              and rule.votes(holder_id)):
            represented += 1
    return QuorumResult(entitled, present, represented, share, required_votes(entitled, share),
                        rule.dues_year, len(rows) - entitled)
