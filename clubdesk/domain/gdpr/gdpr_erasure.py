"""Right to erasure and retention: anonymise members so that no trace of them is left.

A member is anonymised rather than deleted: the association's statistics (attendance,
volunteer hours, referrals, dues) and the other members' records stay linked to the
anonymised row, which no longer says who it was. Wherever else they are named, in any
case, with or without accents, by name, e-mail or phone, in any free-text column or in the
audit log, the anonymous label replaces them (:mod:`clubdesk.domain.gdpr.gdpr_traces`). Then
the database file is rewritten (checkpoint, VACUUM, checkpoint) so that the old name and
e-mail address are gone from the file and its write-ahead log too, not merely from the
tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import OperationalError, fn

from clubdesk.db import Attendance, Guest, Member, database
from clubdesk.domain.activity.activity_sheet import UnknownMemberError
from clubdesk.domain.common.codes import BureauRole, MemberStatus
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.gdpr.audit import record
from clubdesk.domain.gdpr.gdpr_free_text import erase_traces
from clubdesk.domain.gdpr.gdpr_traces import load_trace_finder
from clubdesk.domain.safety.backups import backup_before
from clubdesk.domain.safety.damage import format_moment
from clubdesk.domain.safety.held_backups import HeldBackup, backups_holding, last_removal
from clubdesk.i18n import _, ngettext

ANONYMOUS_NAME = "Membre anonymisé"
"""Stored (not translated) as the last name of an anonymised member, with its number."""


def anonymous_name(member_id: int) -> str:
    """What an anonymised member is called: "Membre anonymisé n° 12"."""
    return f"{ANONYMOUS_NAME} n° {member_id}"


@dataclass(frozen=True)
class ErasureResult:
    """What :func:`anonymize_members` did.

    ``purged`` is False when the write-ahead log could not be emptied (another program
    was reading the file): the old data may linger there until the next erasure or
    closing. ``backups`` are the backups made before, which still hold the members as they
    were, each with the day rotation removes it
    (:func:`clubdesk.domain.safety.held_backups.purge_backups` removes them now).
    """

    count: int
    purged: bool
    backups: tuple[HeldBackup, ...]


@dataclass(frozen=True)
class RetentionCandidate:
    id: int
    first_name: str
    last_name: str
    left_on: dt.date


def anonymize_member(member_id: int, today: dt.date | None = None) -> ErasureResult:
    """Anonymise one member; :class:`UnknownMemberError` if there is none."""
    return anonymize_members([member_id], today)


def anonymize_members(member_ids: Iterable[int],
                      today: dt.date | None = None) -> ErasureResult:
    """Anonymise these members in one transaction, then purge the file once.

    All or nothing: an unknown number raises :class:`UnknownMemberError` and changes
    nothing. Members already anonymised are anonymised again (harmless). Must be called
    outside any transaction (the file is rewritten afterwards): RuntimeError otherwise.
    A backup is made first: :class:`~clubdesk.db.backup_files.BackupError` when it fails,
    and nothing is changed.
    """
    if database.in_transaction():
        raise RuntimeError("anonymize_members() must run outside a transaction")
    ids = sorted(set(member_ids))
    if not ids:
        return ErasureResult(0, True, ())
    today = today or dt.date.today()
    unknown = sorted(set(ids) - {row.id for row in Member.select(Member.id)
                                 .where(Member.id.in_(ids))})
    if unknown:
        raise UnknownMemberError(unknown[0])
    backup_before(ngettext("anonymising {n} member (number: {numbers})",
                           "anonymising {n} members (numbers: {numbers})", len(ids))
                  .format(numbers=", ".join(map(str, ids))))
    # Freed space is overwritten with zeros, not left holding the old values.
    database.execute_sql("PRAGMA secure_delete = ON")
    with database.atomic():
        finder, people = load_trace_finder(ids)
        found = {person.id for person in people}
        for member_id in ids:
            if member_id not in found:
                raise UnknownMemberError(member_id)
        _empty_own_rows(ids, {person.email.strip().lower() for person in people} - {""},
                        today)
        # Once their own rows are emptied: every other record that still names them.
        erase_traces(finder, {member_id: anonymous_name(member_id) for member_id in ids})
        numbers = ", ".join(str(member_id) for member_id in ids)
        record("erasure", ngettext("{n} member anonymised (numbers: {numbers}).",
                                   "{n} members anonymised (numbers: {numbers}).", len(ids))
               .format(numbers=numbers), rows=len(ids))
    return ErasureResult(len(ids), purge_database(), tuple(backups_holding(ids)))


def _empty_own_rows(ids: list[int], emails: set[str], today: dt.date) -> None:
    """Empty the members' own rows, and the guest records that were them: a few
    statements, whatever the number of members (retention anonymises thousands)."""
    # anonymous_name(), written by SQLite for each row.
    label = fn.printf(f"{ANONYMOUS_NAME} n° %d", Member.id)
    if emails:  # guests invited under one of their addresses
        Guest.update(email="").where(fn.lower(Guest.email).in_(emails)).execute()
    Guest.update(name=fn.printf(f"{ANONYMOUS_NAME} n° %d", Guest.converted_member),
                 company="", email="").where(Guest.converted_member.in_(ids)).execute()
    # What the members said about their absences (possibly their health) goes too.
    Attendance.update(note="").where(Attendance.member.in_(ids)).execute()
    Member.update(
        first_name="", last_name=label, email="", phone="", company="", profession="",
        address="", city="", postcode="", notes="", role=BureauRole.NONE,
        status=MemberStatus.FORMER,
        left_on=fn.coalesce(Member.left_on, today), anonymized_on=today,
        consent_directory=False, consent_directory_on=None,
        consent_directory_withdrawn_on=None, consent_photos=False, consent_photos_on=None,
        consent_photos_withdrawn_on=None, consent_newsletter=False,
        consent_newsletter_on=None, consent_newsletter_withdrawn_on=None,
        updated_at=dt.datetime.now().replace(microsecond=0),
    ).where(Member.id.in_(ids)).execute()


def purge_database() -> bool:
    """Rewrite the file so that deleted values are gone from it and from its log.

    Outside any transaction: empty the write-ahead log into the file, rebuild the file
    (VACUUM copies the live rows only), empty the log again. True when the log could be
    emptied (no other connection was reading).
    """
    if database.in_transaction():
        raise RuntimeError("purge_database() must run outside a transaction")
    try:
        database.execute_sql("PRAGMA secure_delete = ON")
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        database.execute_sql("VACUUM")
        busy = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except OperationalError:  # locked by another connection: the rows are anonymised
        return False
    return busy == 0


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` moved back ``months`` months (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def retention_candidates(today: dt.date | None = None) -> list[RetentionCandidate]:
    """Former members who left more than ``retention_months`` ago, not yet anonymised,
    longest gone first."""
    cutoff = months_before(today or dt.date.today(), load_settings().retention_months)
    query = (Member.select(Member.id, Member.first_name, Member.last_name, Member.left_on)
             .where((Member.status == MemberStatus.FORMER) & Member.left_on.is_null(False)
                    & (Member.left_on < cutoff) & Member.anonymized_on.is_null())
             .order_by(Member.left_on, Member.id))
    return [RetentionCandidate(row.id, row.first_name, row.last_name, row.left_on)
            for row in query]


def erasure_message(member_id: int, result: ErasureResult) -> str:
    """What to tell the user once member ``member_id`` is anonymised."""
    lines = [_("Member no. {number} anonymised: their identity is erased from the database "
               "file.").format(number=member_id)]
    if not result.purged:
        lines.append(_("Another program is reading the database: close it, then run the "
                       "erasure again to clear the old data from the log file."))
    if result.backups:
        lines.append(held_backups_message(result.backups))
    return "\n".join(lines)


def held_backups_message(held: tuple[HeldBackup, ...] | list[HeldBackup]) -> str:
    """Which backups still hold the person, and until when rotation keeps them."""
    lines = [ngettext("{n} backup made before still holds their former data:",
                      "{n} backups made before still hold their former data:", len(held))]
    for item in held:
        until = (_("removed by rotation on {day} at the latest").format(
            day=item.removed_on.strftime("%d/%m/%Y")) if item.removed_on
            else _("kept until a newer backup replaces it"))
        lines.append(f"• {format_moment(item.backup.created)} — {until}")
    end = last_removal(held)
    if end is not None:
        lines.append(_("The last of them goes on {day}; they can be removed now.").format(
            day=end.strftime("%d/%m/%Y")))
    return "\n".join(lines)
