"""Read-only lists of volunteer entries and referrals, one query each.

The Volunteering and Referrals tabs show these until their own issues give them editing;
the rows are plain tuples of display-ready values plus a folded search key. (The events
list lives in :mod:`clubdesk.domain.event_list`.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN

from clubdesk.db import Event, Member, Referral, VolunteerEntry
from clubdesk.domain.text import fold


@dataclass(frozen=True, slots=True)
class VolunteerRow:
    id: int
    date: dt.date
    member_name: str
    hours: Decimal
    category: str
    event_title: str
    description: str
    search_key: str


@dataclass(frozen=True, slots=True)
class ReferralRow:
    id: int
    date: dt.date
    giver_name: str
    receiver_name: str
    contact: str
    status: str
    amount: Decimal | None
    search_key: str


def _name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


def volunteer_rows() -> list[VolunteerRow]:
    """Every volunteer entry, most recent first, with the member's name."""
    query = (
        VolunteerEntry.select(
            VolunteerEntry.id, VolunteerEntry.date, Member.first_name, Member.last_name,
            VolunteerEntry.hours, VolunteerEntry.category, Event.title,
            VolunteerEntry.description,
        )
        .join(Member, on=(VolunteerEntry.member == Member.id))
        .join(Event, JOIN.LEFT_OUTER, on=(VolunteerEntry.event == Event.id), src=VolunteerEntry)
        .order_by(VolunteerEntry.date.desc(), VolunteerEntry.id.desc())
        .tuples()
    )
    rows = []
    for id_, date, first, last, hours, category, event_title, description in query:
        name = _name(first, last)
        rows.append(VolunteerRow(
            id_, _as_date(date), name, Decimal(str(hours)), category, event_title or "",
            description, fold(f"{name} {category} {event_title or ''} {description}"),
        ))
    return rows


def referral_rows() -> list[ReferralRow]:
    """Every referral, most recent first, with giver and receiver names."""
    giver = Member.alias("giver")
    receiver = Member.alias("receiver")
    query = (
        Referral.select(
            Referral.id, Referral.date, giver.first_name, giver.last_name,
            receiver.first_name, receiver.last_name, Referral.external_recipient,
            Referral.contact, Referral.status, Referral.amount,
        )
        .join(giver, on=(Referral.giver == giver.id))
        .join(receiver, JOIN.LEFT_OUTER, on=(Referral.receiver == receiver.id), src=Referral)
        .order_by(Referral.date.desc(), Referral.id.desc())
        .tuples()
    )
    rows = []
    for (id_, date, g_first, g_last, r_first, r_last, external, contact, status,
         amount) in query:
        giver_name = _name(g_first, g_last)
        receiver_name = _name(r_first, r_last) if r_last or r_first else external
        rows.append(ReferralRow(
            id_, _as_date(date), giver_name, receiver_name, contact, status,
            None if amount is None else Decimal(str(amount)).quantize(Decimal("0.01")),
            fold(f"{giver_name} {receiver_name} {contact}"),
        ))
    return rows


def _as_date(value: object) -> dt.date:
    # .tuples() skips field conversion for joined columns on some peewee versions.
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])

