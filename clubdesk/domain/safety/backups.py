"""Backups of the association's file: made on demand, automatically, and before big changes.

Each backup is a verified copy (see :mod:`clubdesk.db.backup_files`) in the backups folder
chosen in the settings, else ``NAME-backups/`` beside the database; when the chosen folder
cannot be written (a USB key left at home), the backup goes beside the database instead, and
both folders are listed. After each new backup the older ones are thinned out
(:mod:`clubdesk.domain.safety.rotation`); a failed backup removes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from clubdesk.db import open_database_path
from clubdesk.db.backup_files import Backup, BackupError, delete_backup
from clubdesk.db.backup_files import list_backups as list_folder
from clubdesk.db.backup_files import make_backup as copy_into
from clubdesk.db.side_files import configured_backup_folder, default_backup_folder
from clubdesk.domain.safety.rotation import backups_to_remove
from clubdesk.i18n import _

__all__ = ["Backup", "BackupError", "backup_before", "backup_folder_problem", "backup_folders",
           "folder_beside_database", "list_backups", "make_backup", "newest_backup", "rotate"]


def _database(database: Path | None) -> Path:
    path = database or open_database_path()
    if path is None:
        raise BackupError(_("No database is open."))
    return path


def backup_folders(database: Path | None = None) -> list[Path]:
    """Where backups of ``database`` are written (first) and looked for."""
    path = _database(database)
    default = default_backup_folder(path)
    chosen = configured_backup_folder(path)
    return [chosen, default] if chosen and chosen.resolve() != default.resolve() else [default]


def list_backups(database: Path | None = None) -> list[Backup]:
    """Every verified backup of ``database`` (default: the open one), newest first."""
    path = _database(database)
    found = [backup for folder in backup_folders(path) for backup in list_folder(path, folder)]
    return sorted(found, key=lambda backup: (backup.created, backup.path.name), reverse=True)


def newest_backup(database: Path | None = None) -> Backup | None:
    backups = list_backups(database)
    return backups[0] if backups else None


def rotate(database: Path | None = None, now: dt.datetime | None = None) -> list[Backup]:
    """Remove the backups the rotation policy lets go; return them."""
    backups = list_backups(database)
    removed = backups_to_remove(backups, now or dt.datetime.now())
    for backup in removed:
        delete_backup(backup)
    return removed


def make_backup(label: str = "", database: Path | None = None,
                now: dt.datetime | None = None) -> Backup:
    """A verified backup of ``database`` (default: the open one), then the rotation.

    Raises :class:`BackupError` with the reason when no backup could be made; existing
    backups are then left as they were.
    """
    path = _database(database)
    folders = backup_folders(path)
    try:
        backup = copy_into(path, folders[0], label, now)
    except BackupError:
        if len(folders) == 1:
            raise
        backup = copy_into(path, folders[-1], label, now)  # the chosen folder is away
    rotate(path, now)
    return backup


def backup_before(operation: str, database: Path | None = None) -> Backup:
    """The backup made before an operation that removes or rewrites many rows.

    ``operation`` completes "before …" in the list of backups ("deleting the series
    Réunion du mardi"). Raises :class:`BackupError` when it fails: the operation must then
    not run, and the message says so.
    """
    try:
        return make_backup(_("before {operation}").format(operation=operation), database)
    except BackupError as error:
        raise BackupError(_("Nothing was changed: the backup made before {operation} "
                            "failed. {reason}").format(operation=operation,
                                                       reason=error)) from error


def backup_folder_problem(folder: str, database: Path | None = None) -> str | None:
    """Why ``folder`` cannot hold the backups (a message for the settings), or None.

    Empty means the default folder beside the database. A chosen folder must be a full
    path; it is created on the first backup if its parent exists.
    """
    if not folder.strip():
        return None
    path = Path(folder).expanduser()
    if not path.is_absolute():
        return _("Choose the backups folder with its full path.")
    if path.exists() and not path.is_dir():
        return _("{folder} is a file, not a folder.").format(folder=path)
    target = path if path.exists() else path.parent
    if not target.is_dir():
        return _("{folder} does not exist: plug in the disk or key, or choose another "
                 "folder.").format(folder=target)
    if not os.access(target, os.W_OK | os.X_OK):
        return _("You may not write in {folder}: choose another folder.").format(
            folder=target)
    database = database or open_database_path()
    if database is not None and path.resolve() == database.parent.resolve():
        return _("Keep the backups in a folder of their own, not beside the database "
                 "itself.")
    return None


def folder_beside_database(database: Path | None = None) -> Path | None:
    """``NAME-backups/`` beside ``database`` (default: the open one), where backups go when
    no folder is chosen; None when no database is open."""
    database = database or open_database_path()
    return default_backup_folder(database) if database is not None else None
