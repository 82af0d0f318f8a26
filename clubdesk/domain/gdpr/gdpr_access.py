"""Right of access and portability: everything stored about one member, from every table.

:func:`personal_data` gathers it in a fixed number of queries (one per table and link),
whatever the member's history; :func:`export_personal_data_json` writes it as JSON.
:data:`MEMBER_LINKS` says where each foreign key to a member shows up: a test fails when a
new one is in no section.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from peewee import JOIN, Field

from clubdesk.db import (
    Attendance,
    Event,
    Guest,
    Mandate,
    Member,
    MembershipFee,
    Referral,
    ReferralStatusChange,
    VolunteerEntry,
)
from clubdesk.domain.activity.activity_sheet import UnknownMemberError
from clubdesk.domain.common.files import write_bytes_atomically
from clubdesk.domain.gdpr.audit import entries_about, record
from clubdesk.domain.gdpr.gdpr_erasure import anonymous_name
from clubdesk.domain.gdpr.gdpr_traces import load_trace_finder
from clubdesk.i18n import _

PersonalData = dict[str, Any]
CENT = Decimal("0.01")

SECTIONS = ("member", "sponsor", "sponsored_members", "mandates", "fees", "attendance",
            "proxies_held",
            "guests_invited", "converted_from_guest", "volunteer_entries",
            "referrals_given", "referrals_received", "audit_entries")
"""The keys of :func:`personal_data` that hold the member's data, in reading order."""

MEMBER_LINKS: dict[Field, str] = {
    Member.sponsor: "sponsored_members",  # and the member's own sponsor: "sponsor"
    MembershipFee.member: "fees",
    Mandate.member: "mandates",
    Attendance.member: "attendance",  # with the proxies they gave ("proxy_to")
    Attendance.proxy_to: "proxies_held",
    Guest.invited_by: "guests_invited",
    Guest.converted_member: "converted_from_guest",
    VolunteerEntry.member: "volunteer_entries",
    Referral.giver: "referrals_given",
    Referral.receiver: "referrals_received",
}
"""Each foreign key to a member, and the section of :func:`personal_data` that shows it."""

LINKED_ROWS: dict[Field, str] = {
    ReferralStatusChange.referral: "status_history",
}
"""Foreign keys to a member's rows (not to the member), and the key that shows them
inside each of those rows."""

EXPORT_VERSION = 3  # 2: referral status history and audit entries; 3: mandates, payments


def _name(member: Member | None) -> str | None:
    return member.full_name if member is not None else None


def _member_fields(member: Member) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in Member._meta.sorted_fields:
        if field.name == "sponsor":
            continue
        values[field.name] = getattr(member, field.name)
    return values


def personal_data(member_id: int) -> PersonalData:
    """Everything stored about member ``member_id``; :class:`UnknownMemberError` if none.

    Dates stay ``date``/``datetime`` and amounts ``Decimal``: :func:`to_json` turns them
    into text. People other than the member appear by name and number only.
    """
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise UnknownMemberError(member_id)
    sponsor = (Member.get_or_none(Member.id == member.sponsor_id)
               if member.sponsor_id is not None else None)
    sponsored = Member.select().where(Member.sponsor == member_id).order_by(Member.id)
    fees = (MembershipFee.select().where(MembershipFee.member == member_id)
            .order_by(MembershipFee.period_start, MembershipFee.id))
    mandates = (Mandate.select().where(Mandate.member == member_id)
                .order_by(Mandate.starts_on, Mandate.id))
    holder = Member.alias()
    attendance = (Attendance.select(Attendance, Event, holder)
                  .join(Event).switch(Attendance)
                  .join(holder, on=(Attendance.proxy_to == holder.id), join_type=JOIN.LEFT_OUTER)
                  .where(Attendance.member == member_id)
                  .order_by(Event.starts_at, Attendance.id))
    giver = Member.alias()
    held = (Attendance.select(Attendance, Event, giver)
            .join(Event).switch(Attendance)
            .join(giver, on=(Attendance.member == giver.id))
            .where(Attendance.proxy_to == member_id)
            .order_by(Event.starts_at, Attendance.id))
    invited = (Guest.select(Guest, Event).join(Event)
               .where(Guest.invited_by == member_id).order_by(Event.starts_at, Guest.id))
    converted = (Guest.select(Guest, Event).join(Event)
                 .where(Guest.converted_member == member_id)
                 .order_by(Event.starts_at, Guest.id))
    hours = (VolunteerEntry.select(VolunteerEntry, Event)
             .join(Event, join_type=JOIN.LEFT_OUTER)
             .where(VolunteerEntry.member == member_id)
             .order_by(VolunteerEntry.date, VolunteerEntry.id))
    receiver = Member.alias()
    given = (Referral.select(Referral, receiver)
             .join(receiver, on=(Referral.receiver == receiver.id), join_type=JOIN.LEFT_OUTER)
             .where(Referral.giver == member_id).order_by(Referral.date, Referral.id))
    sender = Member.alias()
    received = (Referral.select(Referral, sender)
                .join(sender, on=(Referral.giver == sender.id))
                .where(Referral.receiver == member_id).order_by(Referral.date, Referral.id))
    history = _status_history(member_id)
    return {
        "member": _member_fields(member),
        "sponsor": ({"id": sponsor.id, "name": sponsor.full_name}
                    if sponsor is not None else None),
        "sponsored_members": [{"id": row.id, "name": row.full_name, "joined_on": row.joined_on}
                              for row in sponsored],
        "mandates": [{"role": row.role, "title": row.title, "starts_on": row.starts_on,
                      "ends_on": row.ends_on} for row in mandates],
        "fees": [{"fiscal_year": fee.fiscal_year, "period_start": fee.period_start,
                  "period_end": fee.period_end, "amount": _cents(fee.amount),
                  "paid_on": fee.paid_on, "method": fee.method,
                  "cheque_number": fee.cheque_number, "payer": fee.payer,
                  "reference": fee.reference, "receipt_number": fee.receipt_number,
                  "exempt": bool(fee.exempt), "note": fee.note}
                 for fee in fees],
        "attendance": [{"event": row.event.title, "starts_at": row.event.starts_at,
                        "status": row.status, "substitute_name": row.substitute_name,
                        "proxy_to": _name(row.proxy_to) if row.proxy_to_id else None,
                        "note": row.note} for row in attendance],
        "proxies_held": [{"event": row.event.title, "starts_at": row.event.starts_at,
                          "given_by": row.member.full_name} for row in held],
        "guests_invited": [_guest(row) for row in invited],
        "converted_from_guest": [_guest(row) for row in converted],
        "volunteer_entries": [{"date": row.date, "hours": _cents(row.hours),
                               "category": row.category,
                               "event": row.event.title if row.event_id else None,
                               "description": row.description} for row in hours],
        "referrals_given": [{**_referral(row, history),
                             "receiver": _name(row.receiver) if row.receiver_id else None,
                             "external_recipient": row.external_recipient}
                            for row in given],
        "referrals_received": [{**_referral(row, history), "giver": row.giver.full_name}
                               for row in received],
        "audit_entries": _audit_entries(member),
    }


def _status_history(member_id: int) -> dict[int, list[dict[str, Any]]]:
    """The steps of every referral the member gave or received, by referral, in order."""
    steps = (ReferralStatusChange
             .select(ReferralStatusChange.referral, ReferralStatusChange.status,
                     ReferralStatusChange.changed_on)
             .join(Referral)
             .where((Referral.giver == member_id) | (Referral.receiver == member_id))
             .order_by(ReferralStatusChange.changed_on, ReferralStatusChange.id)
             .tuples())
    history: dict[int, list[dict[str, Any]]] = {}
    for referral_id, status, changed_on in steps:
        history.setdefault(referral_id, []).append(
            {"status": status, "changed_on": changed_on})
    return history


def _audit_entries(member: Member) -> list[dict[str, Any]]:
    """The log entries about the member: by number, or naming them (a file name, say).

    An anonymised member is found by number and by the label that replaced their name.
    """
    finder, _people = load_trace_finder([member.id])
    label = re.compile(re.escape(anonymous_name(member.id)) + r"(?![0-9])")

    def mentions(details: str) -> bool:
        return bool(label.search(details) or finder.people_in(details))

    return [{"at": entry.at, "action": entry.action, "details": entry.details,
             "rows": entry.rows} for entry in entries_about(member.id, mentions)]


def _cents(value: Decimal | None) -> Decimal | None:
    """Amounts and hours with their two decimals, as stored ("150.50", not "150.5")."""
    return Decimal(value).quantize(CENT) if value is not None else None


def _guest(row: Guest) -> dict[str, Any]:
    return {"event": row.event.title, "starts_at": row.event.starts_at, "name": row.name,
            "company": row.company, "email": row.email}


def _referral(row: Referral, history: dict[int, list[dict[str, Any]]]) -> dict[str, Any]:
    return {"date": row.date, "contact": row.contact, "description": row.description,
            "status": row.status, "amount": _cents(row.amount), "closed_on": row.closed_on,
            "status_history": history.get(row.id, [])}


def _plain(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: PersonalData) -> str:
    """``data`` as JSON text: dates in ISO 8601, amounts as strings ("12.50")."""
    return json.dumps(data, default=_plain, ensure_ascii=False, indent=2)


def export_personal_data_json(member_id: int, path: str | os.PathLike[str]) -> Path:
    """Write member ``member_id``'s data to ``path`` (UTF-8 JSON, atomically); log it."""
    data = personal_data(member_id)
    document = {"format": "clubdesk-personal-data", "version": EXPORT_VERSION,
                "exported_at": dt.datetime.now().replace(microsecond=0), **data}
    written = write_bytes_atomically(path, to_json(document).encode("utf-8"))
    record_access(member_id, "JSON")
    return written


def record_access(member_id: int, kind: str) -> None:
    """Log that member ``member_id``'s personal data was exported (no name in the log)."""
    record("access", _("Personal data of member no. {number} exported ({kind}).").format(
        number=member_id, kind=kind), rows=1)
