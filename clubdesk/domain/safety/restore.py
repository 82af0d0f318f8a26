"""Putting a backup back: checked first, the current file backed up (or, if damaged, kept
aside), then replaced in one step.

A sound file is replaced through SQLite's backup API, in one transaction: a reader never sees
half of it and a crash leaves the old content. A damaged file is renamed
``NAME.db.damaged-DATE`` (with its side files) before a fresh copy takes its place, so that
nothing the user had is ever deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from clubdesk.db import close_database, open_database, open_database_path
from clubdesk.db.backup_files import read_backup
from clubdesk.db.file_check import check_file
from clubdesk.db.side_files import lock_path, sqlite_side_files
from clubdesk.domain.safety.backups import Backup, BackupError, make_backup
from clubdesk.domain.safety.damage import format_moment
from clubdesk.domain.safety.lock import current_holder
from clubdesk.i18n import _


class RestoreError(Exception):
    """Nothing was restored and the database is as it was; ``str(error)`` says why."""


@dataclass(frozen=True)
class RestoreResult:
    """What :func:`restore_backup` did."""

    database: Path
    source: Path
    safety_backup: Backup | None  # the file as it was, backed up first
    damaged_copy: Path | None  # where a damaged file was kept instead


def _same(path: Path, other: Path) -> bool:
    try:
        return path.exists() and other.exists() and os.path.samefile(path, other)
    except OSError:
        return False


def check_restorable(source: Path, database: Path) -> int:
    """Refuse a ``source`` that cannot replace ``database``; return its schema version."""
    source = source.expanduser()
    for own in (database, *sqlite_side_files(database), lock_path(database)):
        if _same(source, own):
            raise RestoreError(_("{source} is the database itself, not a backup of it: "
                                 "nothing was restored.").format(source=source))
    result = check_file(source)
    if not result.sound:
        raise RestoreError(_("{source} cannot be restored: {problem} {database} was not "
                             "changed.").format(source=source, problem=result.problems[0],
                                                database=database))
    return result.schema or 0


def _refuse_if_open_elsewhere(database: Path) -> None:
    holder = current_holder(database)
    if holder is not None and not holder.is_this_process():
        raise RestoreError(_("{database} is open in clubdesk by {user} on {host} since "
                             "{since}: close that window first. Nothing was restored.").format(
                                 database=database, user=holder.user, host=holder.host,
                                 since=format_moment(holder.since)))


def _label(source: Path) -> str:
    backup = read_backup(source)
    if backup is not None:
        return _("restoring the backup of {when}").format(when=format_moment(backup.created))
    return _("restoring {file}").format(file=source.name)


def _copy_pages(source: Path, target: Path) -> None:
    """Every page of ``source`` into ``target``, in one transaction of ``target``."""
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    writer = sqlite3.connect(target, timeout=30)
    try:
        try:
            reader.backup(writer)
        except sqlite3.OperationalError:
            # A WAL file only takes pages of its own size: leave WAL for the copy.
            mode = writer.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() != "wal":
                raise
            writer.execute("PRAGMA journal_mode = DELETE")
            reader.backup(writer)
        writer.execute("PRAGMA journal_mode = WAL")
    finally:
        writer.close()
        reader.close()


def _moves(database: Path, kept: Path) -> list[tuple[Path, Path]]:
    """The file and its side files, each with the name it is kept under."""
    return [(database, kept)] + [
        (side, kept.with_name(kept.name + side.name[len(database.name):]))
        for side in sqlite_side_files(database)]


def keep_damaged(database: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged file and its side files out of the way; return the new name."""
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d_%H-%M-%S")
    kept = database.with_name(f"{database.name}.damaged-{stamp}")
    for original, renamed in _moves(database, kept):
        if original.exists():
            os.replace(original, renamed)
    return kept


def _put_back(kept: Path, database: Path) -> None:
    """Undo :func:`keep_damaged` when no fresh copy could take the file's place."""
    for original, renamed in _moves(database, kept):
        if renamed.exists() and not original.exists():
            os.replace(renamed, original)


def _fresh_copy(source: Path, database: Path) -> None:
    """``source`` as a new file at ``database``, written aside then renamed into place."""
    partial = database.with_name(f".{database.name}.restoring")
    partial.unlink(missing_ok=True)
    try:
        _copy_pages(source, partial)
        os.replace(partial, database)
    finally:
        partial.unlink(missing_ok=True)


def restore_backup(source: Path, database: Path | None = None,
                   now: dt.datetime | None = None) -> RestoreResult:
    """Replace ``database`` (default: the open one) by the backup ``source``.

    The current file is backed up first (or kept as ``NAME.db.damaged-DATE`` when it is
    damaged); an older backup is upgraded on the way. Afterwards ``database`` is the open
    database. Raises :class:`RestoreError` (nothing changed) when ``source`` is not a sound
    clubdesk database, the file is open in another window, or the first backup fails.
    """
    database = database or open_database_path()
    if database is None:
        raise RestoreError(_("No database is open."))
    source = source.expanduser()
    _refuse_if_open_elsewhere(database)
    check_restorable(source, database)
    safety: Backup | None = None
    damaged: Path | None = None
    current_sound = database.exists() and check_file(database).sound
    if current_sound:
        try:
            safety = make_backup(_("before {operation}").format(operation=_label(source)),
                                 database, now)
        except BackupError as error:
            raise RestoreError(_("Nothing was restored: the backup of the current file "
                                 "failed. {reason}").format(reason=error)) from error
    was_open = open_database_path() == database
    if was_open:
        close_database()
    try:
        if current_sound:
            _copy_pages(source, database)
        else:
            if database.exists():
                damaged = keep_damaged(database, now)
            _fresh_copy(source, database)
    except (OSError, sqlite3.Error) as error:
        if damaged is not None:
            _put_back(damaged, database)
        if was_open and current_sound:
            open_database(database)
        raise RestoreError(_("The backup could not be restored ({reason}); {database} is "
                             "as it was.").format(reason=error, database=database)) from error
    open_database(database)
    return RestoreResult(database, source, safety, damaged)
