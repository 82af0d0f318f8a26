"""Merging two member records that describe the same person (duplicates).

The kept member receives the chosen field values and every row that referred to the other
one; the other member is then deleted. All of it happens in one transaction.

A referral between the two members would become a self-referral, which the database
refuses. Such a referral is kept (its history matters): the kept member becomes its giver,
its receiver is emptied and ``external_recipient`` is set to the name of the member who
received it, so the referral remains readable.

Attendance at the same event by both members is resolved by keeping the "best" status
(present > late > substitute > excused > absent); the notes are merged, and a substitute's
name or a proxy missing from the kept row is taken from the other one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Any

from clubdesk.db import (
    Attendance,
    Event,
    Guest,
    Mandate,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
    database,
)
from clubdesk.domain.common.codes import AttendanceStatus, BureauRole
from clubdesk.domain.gdpr.audit import record
from clubdesk.domain.members.member_form import FIELD_NAMES, MemberInput, validate_member
from clubdesk.domain.members.members import MemberNotFoundError, MemberValidationError, member_input
from clubdesk.domain.safety.backups import backup_before
from clubdesk.i18n import _, ngettext

# The kinds of related rows, in the order they are shown.
KINDS: tuple[str, ...] = (
    "fees", "attendances", "proxies_held", "guests_invited", "guests_converted",
    "volunteer_entries", "referrals_given", "referrals_received", "sponsored",
)

# Best first: the status kept when both members attended the same event.
STATUS_RANK: tuple[str, ...] = (AttendanceStatus.PRESENT, AttendanceStatus.LATE,
                                 AttendanceStatus.SUBSTITUTE, AttendanceStatus.EXCUSED,
                                 AttendanceStatus.ABSENT)


class MergeError(ValueError):
    """The merge was refused (a member merged with itself, for example)."""


@dataclass(frozen=True)
class AttendanceConflict:
    """One event both members have an attendance row for."""

    event_id: int
    title: str
    starts_at: dt.datetime
    keep_status: str
    other_status: str


@dataclass(frozen=True)
class MergePreview:
    keep_id: int
    other_id: int
    keep_name: str
    other_name: str
    keep_values: MemberInput
    other_values: MemberInput
    keep_counts: dict[str, int]
    other_counts: dict[str, int]
    conflicts: list[AttendanceConflict]
    referrals_between: int

    def default_values(self) -> dict[str, Any]:
        """The kept record's values, or the other's where the kept one is empty."""
        values: dict[str, Any] = {}
        for name in FIELD_NAMES:
            kept = getattr(self.keep_values, name)
            other = getattr(self.other_values, name)
            values[name] = other if _is_empty(name, kept) and not _is_empty(name, other) \
                else kept
        return values


@dataclass(frozen=True)
class MergeResult:
    keep_id: int
    keep_before: dict[str, int]
    other_before: dict[str, int]
    after: dict[str, int]
    conflicts_resolved: int
    referrals_externalised: int

    @property
    def moved(self) -> int:
        return sum(self.other_before.values())


def _is_empty(name: str, value: object) -> bool:
    if name == "status":
        return False
    if name == "role":
        return value == BureauRole.NONE
    return value is None or value == "" or value is False


def related_counts(member_id: int) -> dict[str, int]:
    """How many rows of each kind refer to member ``member_id``."""
    queries = {
        "fees": MembershipFee.select().where(MembershipFee.member == member_id),
        "attendances": Attendance.select().where(Attendance.member == member_id),
        "proxies_held": Attendance.select().where(Attendance.proxy_to == member_id),
        "guests_invited": Guest.select().where(Guest.invited_by == member_id),
        "guests_converted": Guest.select().where(Guest.converted_member == member_id),
        "volunteer_entries": VolunteerEntry.select().where(VolunteerEntry.member == member_id),
        "referrals_given": Referral.select().where(Referral.giver == member_id),
        "referrals_received": Referral.select().where(Referral.receiver == member_id),
        "sponsored": Member.select().where(Member.sponsor == member_id),
    }
    return {kind: queries[kind].count() for kind in KINDS}


def _conflicts(keep_id: int, other_id: int) -> list[AttendanceConflict]:
    other = Attendance.alias()
    rows = (Attendance
            .select(Event.id, Event.title, Event.starts_at, Attendance.status, other.status)
            .join(Event, on=(Attendance.event == Event.id))
            .switch(Attendance)
            .join(other, on=((other.event == Attendance.event) & (other.member == other_id)))
            .where(Attendance.member == keep_id)
            .order_by(Event.starts_at)
            .tuples())
    return [AttendanceConflict(*row) for row in rows]


def _between(keep_id: int, other_id: int) -> Any:
    pair = (keep_id, other_id)
    return Referral.select().where(Referral.giver.in_(pair) & Referral.receiver.in_(pair))


def _check_pair(keep_id: int, other_id: int) -> None:
    if keep_id == other_id:
        raise MergeError(_("A member cannot be merged with themselves."))


def merge_preview(keep_id: int, other_id: int) -> MergePreview:
    """Both members' values, their related rows and the events they both attended."""
    _check_pair(keep_id, other_id)
    keep_values = member_input(keep_id)
    other_values = member_input(other_id)
    return MergePreview(
        keep_id=keep_id, other_id=other_id,
        keep_name=f"{keep_values.first_name} {keep_values.last_name}".strip(),
        other_name=f"{other_values.first_name} {other_values.last_name}".strip(),
        keep_values=keep_values, other_values=other_values,
        keep_counts=related_counts(keep_id), other_counts=related_counts(other_id),
        conflicts=_conflicts(keep_id, other_id),
        referrals_between=_between(keep_id, other_id).count(),
    )


def _merge_attendance(keep_id: int, other_id: int) -> int:
    """Resolve the events both attended (the other's row is deleted); return how many."""
    conflicts = 0
    rows = Attendance.select().where(Attendance.member == other_id)
    for theirs in list(rows):
        ours = Attendance.get_or_none(
            (Attendance.event == theirs.event_id) & (Attendance.member == keep_id))
        if ours is None:
            continue
        conflicts += 1
        if STATUS_RANK.index(theirs.status) < STATUS_RANK.index(ours.status):
            ours.status = theirs.status
            ours.substitute_name = theirs.substitute_name or ours.substitute_name
        elif not ours.substitute_name:
            ours.substitute_name = theirs.substitute_name
        if ours.proxy_to_id is None:
            ours.proxy_to = theirs.proxy_to_id
        notes = [note for note in (ours.note.strip(), theirs.note.strip()) if note]
        ours.note = notes[0] if len(set(notes)) == 1 else " / ".join(notes)
        theirs.delete_instance()
        ours.save()
    return conflicts


def _move_rows(keep_id: int, other_id: int, other_name: str, keep_name: str) -> int:
    """Point every row of the other member at the kept one; return the referrals turned
    external (those between the two)."""
    externalised = 0
    for referral in list(_between(keep_id, other_id)):
        referral.external_recipient = other_name if referral.receiver_id == other_id \
            else keep_name
        referral.receiver = None
        referral.giver = keep_id
        referral.save()
        externalised += 1
    MembershipFee.update(member=keep_id).where(MembershipFee.member == other_id).execute()
    Mandate.update(member=keep_id).where(Mandate.member == other_id).execute()
    Attendance.update(member=keep_id).where(Attendance.member == other_id).execute()
    Attendance.update(proxy_to=keep_id).where(Attendance.proxy_to == other_id).execute()
    # A proxy given by one to the other would now be given to oneself.
    (Attendance.update(proxy_to=None)
     .where((Attendance.member == keep_id) & (Attendance.proxy_to == keep_id)).execute())
    Guest.update(invited_by=keep_id).where(Guest.invited_by == other_id).execute()
    Guest.update(converted_member=keep_id).where(Guest.converted_member == other_id).execute()
    VolunteerEntry.update(member=keep_id).where(VolunteerEntry.member == other_id).execute()
    Referral.update(giver=keep_id).where(Referral.giver == other_id).execute()
    Referral.update(receiver=keep_id).where(Referral.receiver == other_id).execute()
    Member.update(sponsor=keep_id).where(
        (Member.sponsor == other_id) & (Member.id != keep_id)).execute()
    Member.update(sponsor=None).where(
        (Member.id == keep_id) & (Member.sponsor.in_((keep_id, other_id)))).execute()
    return externalised


def _chosen(keep_values: MemberInput, values: dict[str, Any], keep_id: int,
            other_id: int) -> MemberInput:
    unknown = set(values) - set(FIELD_NAMES)
    if unknown:
        raise MergeError(f"unknown member fields: {', '.join(sorted(unknown))}")
    data = replace(keep_values, **values)
    if data.sponsor_id in (keep_id, other_id):
        data.sponsor_id = None
    return data


def merge_members(keep_id: int, other_id: int, values: dict[str, Any]) -> MergeResult:
    """Merge member ``other_id`` into ``keep_id`` in one transaction; see the module doc.

    ``values`` holds the chosen field values (names of :class:`MemberInput`; a field left
    out keeps the kept record's value). Raises :class:`MergeError`,
    :class:`MemberNotFoundError` or :class:`MemberValidationError` (nothing written).
    """
    _check_pair(keep_id, other_id)
    for member_id in (keep_id, other_id):  # an unknown number is refused before any backup
        member_input(member_id)
    backup_before(_("merging member no. {other} into no. {keep}").format(
        other=other_id, keep=keep_id))
    with database.atomic():
        keep_values = member_input(keep_id)
        other_values = member_input(other_id)
        data = _chosen(keep_values, values, keep_id, other_id)
        keep_before = related_counts(keep_id)
        other_before = related_counts(other_id)
        conflicts = _merge_attendance(keep_id, other_id)
        externalised = _move_rows(
            keep_id, other_id,
            f"{other_values.first_name} {other_values.last_name}".strip(),
            f"{keep_values.first_name} {keep_values.last_name}".strip())
        if Member.delete().where(Member.id == other_id).execute() != 1:
            raise MemberNotFoundError(other_id)
        # Validated once the other is gone: its email may be the one chosen.
        result = validate_member(data, keep_id)
        if result.cleaned is None:
            raise MemberValidationError(result)
        stored = {item.name: getattr(result.cleaned, item.name)
                  for item in fields(MemberInput)}
        stored["sponsor"] = stored.pop("sponsor_id")
        Member.update(**stored, updated_at=dt.datetime.now().replace(microsecond=0)).where(
            Member.id == keep_id).execute()
        after = related_counts(keep_id)
        moved = sum(other_before.values())
        record("merge", _("Member {other} merged into member {keep}: {moved}, {resolved}.")
               .format(other=other_id, keep=keep_id,
                       moved=ngettext("{n} related row moved", "{n} related rows moved",
                                      moved),
                       resolved=ngettext("{n} attendance conflict resolved",
                                         "{n} attendance conflicts resolved", conflicts)),
               moved)
    return MergeResult(keep_id, keep_before, other_before, after, conflicts, externalised)
