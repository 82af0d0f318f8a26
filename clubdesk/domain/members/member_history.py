"""One member's card and history, for the member detail panel.

The number of queries is fixed whatever the size of the history: totals are aggregated in
SQL and the "recent" lists are limited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import JOIN, Case, fn

from clubdesk.db import (
    Attendance,
    Event,
    Member,
    Referral,
    VolunteerEntry,
)
from clubdesk.domain.common.codes import AttendanceStatus, ReferralStatus
from clubdesk.domain.common.labels import attendance_status_label, referral_status_label
from clubdesk.domain.members.members import MemberNotFoundError

# A member attended an event when they came, even late; a substitute or an excuse is not
# attendance (the counts by status keep them apart for who wants to read them).
ATTENDED_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
RECENT = 10
_CENT = Decimal("0.01")


def _decimal(value: object) -> Decimal:
    """A SQL sum (SQLite gives a float or an int) as money with two decimals."""
    if value is None:
        return Decimal("0.00")
    return Decimal(str(value)).quantize(_CENT)


@dataclass(frozen=True)
class MemberProfile:
    """The member's card: everything the detail panel shows besides the history."""

    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    company: str
    profession: str
    sector: str
    address: str
    postcode: str
    city: str
    status: str
    role: str
    joined_on: dt.date | None
    left_on: dt.date | None
    sponsor_name: str
    consent_directory: bool
    consent_photos: bool
    consent_newsletter: bool
    notes: str
    # Consents withdrawn: "directory", "photos" or "newsletter" -> the date of withdrawal.
    withdrawals: dict[str, dt.date] = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class AttendanceItem:
    event_id: int
    date: dt.date
    title: str
    status: str
    status_label: str


@dataclass(frozen=True)
class VolunteerItem:
    date: dt.date
    hours: Decimal
    category: str
    description: str


@dataclass(frozen=True)
class ReferralItem:
    date: dt.date
    given: bool  # True: the member gave it; False: the member received it
    other_party: str  # the receiver (or external recipient) of a given one, else the giver
    contact: str
    status: str
    status_label: str
    amount: Decimal | None


@dataclass(frozen=True)
class ReferralTotals:
    count: int = 0
    won: int = 0
    won_amount: Decimal = Decimal("0.00")  # business closed: sum of the won referrals


@dataclass(frozen=True)
class MemberHistory:
    """Attendance, volunteering and referrals of one member (their dues:
    :mod:`clubdesk.domain.members.member_dues`)."""

    attendance_by_status: dict[str, int] = field(default_factory=dict)
    expected: int = 0  # events the member was expected at (one attendance row each)
    attended: int = 0
    last_attendances: list[AttendanceItem] = field(default_factory=list)
    volunteer_hours: Decimal = Decimal("0.00")
    volunteer_entries: int = 0
    recent_volunteering: list[VolunteerItem] = field(default_factory=list)
    referrals_given: ReferralTotals = ReferralTotals()
    referrals_received: ReferralTotals = ReferralTotals()
    recent_referrals: list[ReferralItem] = field(default_factory=list)

    @property
    def attendance_rate(self) -> float | None:
        """Share of the expected events attended, from 0 to 1; None when none expected."""
        return self.attended / self.expected if self.expected else None


def member_profile(member_id: int) -> MemberProfile:
    """The member's card in one query; raises :class:`MemberNotFoundError` for an unknown
    id."""
    sponsor = Member.alias()
    values = (
        Member
        .select(
            Member.id, Member.first_name, Member.last_name, Member.email, Member.phone,
            Member.company, Member.profession, Member.sector, Member.address,
            Member.postcode, Member.city, Member.status, Member.role, Member.joined_on,
            Member.left_on, sponsor.first_name, sponsor.last_name, Member.consent_directory,
            Member.consent_photos, Member.consent_newsletter, Member.notes,
            Member.consent_directory_withdrawn_on, Member.consent_photos_withdrawn_on,
            Member.consent_newsletter_withdrawn_on,
        )
        .join(sponsor, JOIN.LEFT_OUTER, on=(Member.sponsor == sponsor.id))
        .where(Member.id == member_id)
        .tuples()
        .first()
    )
    if values is None:
        raise MemberNotFoundError(member_id)
    card, (sponsor_first, sponsor_last), consents, notes, withdrawn = (
        values[:15], values[15:17], values[17:20], values[20], values[21:24]
    )
    sponsor_name = f"{sponsor_first or ''} {sponsor_last or ''}".strip()
    withdrawals = {kind: day for kind, flag, day in zip(
        ("directory", "photos", "newsletter"), consents, withdrawn, strict=True)
        if day is not None and not flag}
    return MemberProfile(*card, sponsor_name, *(bool(flag) for flag in consents), notes,
                         withdrawals)


def _attendance(member_id: int, recent: int) -> dict[str, object]:
    by_status = dict(
        Attendance
        .select(Attendance.status, fn.COUNT(Attendance.id))
        .where(Attendance.member == member_id)
        .group_by(Attendance.status)
        .tuples()
    )
    last = [
        AttendanceItem(event_id, starts_at.date(), title, status,
                       attendance_status_label(status))
        for event_id, starts_at, title, status in (
            Attendance
            .select(Event.id, Event.starts_at, Event.title, Attendance.status)
            .join(Event)
            .where(Attendance.member == member_id)
            .order_by(Event.starts_at.desc(), Event.id.desc())
            .limit(recent)
            .tuples()
        )
    ]
    return {
        "attendance_by_status": by_status,
        "expected": sum(by_status.values()),
        "attended": sum(by_status.get(status, 0) for status in ATTENDED_STATUSES),
        "last_attendances": last,
    }


def _volunteering(member_id: int, recent: int) -> dict[str, object]:
    entries, hours = (
        VolunteerEntry
        .select(fn.COUNT(VolunteerEntry.id), fn.SUM(VolunteerEntry.hours))
        .where(VolunteerEntry.member == member_id)
        .tuples()
        .get()
    )
    items = [
        VolunteerItem(*values)
        for values in (
            VolunteerEntry
            .select(VolunteerEntry.date, VolunteerEntry.hours, VolunteerEntry.category,
                    VolunteerEntry.description)
            .where(VolunteerEntry.member == member_id)
            .order_by(VolunteerEntry.date.desc(), VolunteerEntry.id.desc())
            .limit(recent)
            .tuples()
        )
    ]
    return {
        "volunteer_hours": _decimal(hours),
        "volunteer_entries": entries,
        "recent_volunteering": items,
    }


def _referrals(member_id: int, recent: int) -> dict[str, object]:
    given = Referral.giver == member_id
    received = Referral.receiver == member_id
    won = Referral.status == ReferralStatus.WON

    def count(condition: object) -> fn:
        return fn.SUM(Case(None, [(condition, 1)], 0))

    def amount(condition: object) -> fn:
        return fn.SUM(Case(None, [(condition, Referral.amount)], 0))

    totals = (
        Referral
        .select(
            count(given), count(given & won), amount(given & won),
            count(received), count(received & won), amount(received & won),
        )
        .where(given | received)
        .tuples()
        .get()
    )
    giver = Member.alias()
    receiver = Member.alias()
    items = []
    for (date, giver_id, giver_first, giver_last, receiver_first, receiver_last, external,
         contact, status, value) in (
        Referral
        .select(
            Referral.date, Referral.giver, giver.first_name, giver.last_name,
            receiver.first_name, receiver.last_name, Referral.external_recipient,
            Referral.contact, Referral.status, Referral.amount,
        )
        .join(giver, on=(Referral.giver == giver.id))
        .switch(Referral)
        .join(receiver, JOIN.LEFT_OUTER, on=(Referral.receiver == receiver.id))
        .where(given | received)
        .order_by(Referral.date.desc(), Referral.id.desc())
        .limit(recent)
        .tuples()
    ):
        is_given = giver_id == member_id
        if is_given:
            other = f"{receiver_first or ''} {receiver_last or ''}".strip() or external
        else:
            other = f"{giver_first} {giver_last}".strip()
        items.append(ReferralItem(date, is_given, other, contact, status,
                                  referral_status_label(status),
                                  None if value is None else _decimal(value)))
    return {
        "referrals_given": ReferralTotals(totals[0] or 0, totals[1] or 0, _decimal(totals[2])),
        "referrals_received": ReferralTotals(totals[3] or 0, totals[4] or 0,
                                             _decimal(totals[5])),
        "recent_referrals": items,
    }


def member_history(member_id: int, recent: int = RECENT) -> MemberHistory:
    """The member's history in six queries; ``recent`` bounds each list of latest items."""
    return MemberHistory(
        **_attendance(member_id, recent),
        **_volunteering(member_id, recent),
        **_referrals(member_id, recent),
    )
