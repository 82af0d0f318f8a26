"""Archiving and deleting members: a member with a history is archived, never deleted."""

from __future__ import annotations

import datetime as dt

from peewee import SQL, fn

from clubdesk.db import (
    Attendance,
    Guest,
    Mandate,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
    database,
)
from clubdesk.domain.common.codes import BureauRole, MemberStatus
from clubdesk.domain.members.mandates import end_mandates
from clubdesk.domain.members.members import MemberNotFoundError
from clubdesk.i18n import _


class MemberHasHistoryError(Exception):
    """The member has recorded history; ``str(error)`` explains and suggests archiving."""

    def __init__(self, member_id: int, name: str, kinds: list[str]) -> None:
        super().__init__(
            _("{name} cannot be deleted: their history is recorded ({kinds}). Archive the "
              "member instead: the history is kept and the member leaves the current list.")
            .format(name=name, kinds=", ".join(kinds))
        )
        self.member_id = member_id
        self.kinds = kinds


def _kind_labels() -> dict[str, str]:
    return {
        "attendance": _("attendance"),
        "proxies": _("proxies held"),
        "volunteering": _("volunteer hours"),
        "referrals_given": _("referrals given"),
        "referrals_received": _("referrals received"),
        "fees": _("membership fees"),
        "guests": _("guests invited"),
        "converted": _("guest visits"),
        "sponsored": _("sponsored members"),
    }


def _history_kinds(member_id: int) -> list[str]:
    """Which kinds of history exist for the member, in one query of EXISTS subqueries."""
    def one() -> SQL:
        return SQL("1")

    checks = {
        "attendance": Attendance.select(one()).where(Attendance.member == member_id),
        "proxies": Attendance.select(one()).where(Attendance.proxy_to == member_id),
        "volunteering": VolunteerEntry.select(one()).where(VolunteerEntry.member == member_id),
        "referrals_given": Referral.select(one()).where(Referral.giver == member_id),
        "referrals_received": Referral.select(one()).where(Referral.receiver == member_id),
        "fees": MembershipFee.select(one()).where(MembershipFee.member == member_id),
        "mandates": Mandate.select(one()).where(Mandate.member == member_id),
        "guests": Guest.select(one()).where(Guest.invited_by == member_id),
        "converted": Guest.select(one()).where(Guest.converted_member == member_id),
        "sponsored": Member.select(one()).where(Member.sponsor == member_id),
    }
    flags = (
        Member
        .select(*(fn.EXISTS(sub).alias(name) for name, sub in checks.items()))
        .where(Member.id == member_id)
        .tuples()
        .first()
    )
    if flags is None:
        return []
    return [name for name, flag in zip(checks, flags, strict=True) if flag]


def _member(member_id: int) -> Member:
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise MemberNotFoundError(member_id)
    return member


def member_has_history(member_id: int) -> bool:
    """Whether anything is recorded about the member besides their card."""
    return bool(_history_kinds(member_id))


def archive_member(member_id: int, left_on: dt.date | None = None) -> None:
    """Make the member a former member, leaving on ``left_on`` (today by default).

    A former member holds no bureau role, so the role is cleared (the member form refuses
    the combination) and their open mandates end that day; their history stays. Archiving
    a former member again keeps their leaving date unless ``left_on`` is given. Raises
    :class:`MemberNotFoundError` for an unknown id and ``ValueError`` when ``left_on`` is
    before the joining date.
    """
    with database.atomic():
        member = _member(member_id)
        if left_on is None:
            if member.status == MemberStatus.FORMER and member.left_on is not None:
                left_on = member.left_on
            else:
                # A member whose joining date is still to come leaves on that day.
                left_on = max(dt.date.today(), member.joined_on or dt.date.min)
        elif member.joined_on is not None and left_on < member.joined_on:
            raise ValueError(_("The leaving date is before the joining date."))
        (
            Member
            .update(
                status=MemberStatus.FORMER,
                role=BureauRole.NONE,
                left_on=left_on,
                updated_at=dt.datetime.now().replace(microsecond=0),
            )
            .where(Member.id == member_id)
            .execute()
        )
        end_mandates(member_id, left_on)  # the history of their roles stays


def check_deletable(member_id: int) -> None:
    """Raise :class:`MemberHasHistoryError` when the member has history (and so may only be
    archived); raises :class:`MemberNotFoundError` for an unknown id."""
    member = _member(member_id)
    kinds = _history_kinds(member_id)
    if kinds:
        labels = _kind_labels()
        raise MemberHasHistoryError(member_id, member.full_name, [labels[k] for k in kinds])


def delete_member(member_id: int) -> None:
    """Delete a member who has no history; raise :class:`MemberHasHistoryError` otherwise.

    Raises :class:`MemberNotFoundError` for an unknown id.
    """
    with database.atomic():
        check_deletable(member_id)
        Member.delete().where(Member.id == member_id).execute()
