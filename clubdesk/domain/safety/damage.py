"""A damaged database file: recognising it, and telling the user how to get their data back."""

from __future__ import annotations

import datetime as dt
import shlex
import sqlite3
from pathlib import Path

from peewee import DatabaseError as PeeweeDatabaseError

from clubdesk.db.errors import CorruptDatabaseError
from clubdesk.db.file_check import check_file
from clubdesk.domain.safety.backups import Backup, list_backups
from clubdesk.i18n import _, current_language

# What SQLite says when the bytes on disk are not a valid database any more.
_DAMAGE_MARKERS = ("malformed", "not a database", "database corruption", "file is encrypted")


def is_damage(error: BaseException) -> bool:
    """True when ``error`` (or what caused it) says the file is damaged."""
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        if isinstance(current, CorruptDatabaseError):
            return True
        if isinstance(current, sqlite3.DatabaseError | PeeweeDatabaseError) and any(
                marker in str(current).lower() for marker in _DAMAGE_MARKERS):
            return True
        current = current.__cause__ or current.__context__
    return False


def damage_found(database: Path) -> str | None:
    """SQLite's quick check of a clubdesk file: its first problem, or None when it is sound
    (or not a clubdesk file this version reads: opening it says so)."""
    result = check_file(database, quick=True)
    return result.problems[0] if result.problems and result.readable else None


def format_moment(moment: dt.datetime) -> str:
    """A backup's date and time as the user writes them."""
    if current_language() == "fr":
        return moment.strftime("%d/%m/%Y %H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def restore_command(database: Path, backup: Path) -> str:
    """The command line that restores ``backup`` over ``database``."""
    return f"clubdesk --db {shlex.quote(str(database))} restore {shlex.quote(str(backup))}"


def newest_sound_backup(database: Path) -> Backup | None:
    """The newest verified backup, or None (an unreadable backups folder counts as none)."""
    try:
        backups = list_backups(database)
    except OSError:
        return None
    return backups[0] if backups else None


def damage_message(database: Path, detail: str) -> str:
    """One line for the command line: what is wrong, and the way back."""
    backup = newest_sound_backup(database)
    line = _("{database} is damaged ({detail}); it was left as it is.").format(
        database=database, detail=detail)
    if backup is None:
        return line + " " + _("No backup of it was found: restore a copy you keep elsewhere "
                              "with “clubdesk --db {database} restore FILE”.").format(
                                  database=database)
    return line + " " + _("The newest verified backup is from {when}: restore it with "
                          "“{command}”.").format(when=format_moment(backup.created),
                                                 command=restore_command(database,
                                                                         backup.path))
