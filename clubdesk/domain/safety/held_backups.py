"""Backups that still hold a person after their erasure (GDPR): which, until when, and
removing them now.

Anonymising erases a member from the database, not from the backups made before: each of
those is listed with the day rotation will remove it at the latest. Purging makes a fresh
backup first (so the file is never left without one), then deletes them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from clubdesk.db.backup_files import delete_backup
from clubdesk.domain.safety.backups import Backup, list_backups, make_backup
from clubdesk.domain.safety.rotation import removal_date
from clubdesk.i18n import _


@dataclass(frozen=True)
class HeldBackup:
    """A backup holding a person, and the day rotation removes it (None: never, it is the
    newest)."""

    backup: Backup
    removed_on: dt.date | None


def _holds(backup: Backup, member_ids: Sequence[int]) -> bool:
    """True when ``backup`` has one of these members not yet anonymised."""
    marks = ", ".join("?" for _ in member_ids)
    try:
        connection = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = connection.execute(
                f"SELECT 1 FROM member WHERE id IN ({marks}) AND anonymized_on IS NULL "
                f"LIMIT 1", list(member_ids)).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return True  # unreadable: it may hold them, say so rather than hide it
    return row is not None


def backups_holding(member_ids: Iterable[int], database: Path | None = None,
                    now: dt.datetime | None = None) -> list[HeldBackup]:
    """The backups that still hold one of ``member_ids`` as they were, newest first."""
    ids = sorted(set(member_ids))
    if not ids:
        return []
    now = now or dt.datetime.now()
    backups = list_backups(database)
    return [HeldBackup(backup, removal_date(backup, backups, now))
            for backup in backups if _holds(backup, ids)]


def last_removal(held: Sequence[HeldBackup]) -> dt.date | None:
    """The day the last of ``held`` goes by rotation (None if one stays)."""
    days = [item.removed_on for item in held]
    return None if not days or None in days else max(day for day in days if day)


def purge_backups(held: Sequence[HeldBackup], database: Path | None = None) -> Backup:
    """Make a fresh backup, then delete ``held``; the fresh backup is returned.

    Raises :class:`~clubdesk.db.backup_files.BackupError` (nothing deleted) when the fresh
    backup fails.
    """
    fresh = make_backup(_("after an erasure, in place of the backups holding the person"),
                        database)
    for item in held:
        if item.backup.path != fresh.path:
            delete_backup(item.backup)
    return fresh
