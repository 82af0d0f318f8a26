"""The files that belong to a database: its SQLite side files, its lock, its backups folder.

None of them may ever be overwritten by an output the user names (a report, an export, a
backup copy): :func:`protected_reason` says why a path is refused.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from clubdesk.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
# Written by SQLite beside the database (WAL mode, and the rollback journal of older files).
SQLITE_SUFFIXES = ("-wal", "-shm", "-journal")
LOCK_SUFFIX = ".lock"


def sqlite_side_files(database: Path) -> tuple[Path, ...]:
    """``NAME.db-wal``, ``NAME.db-shm`` and ``NAME.db-journal``."""
    return tuple(database.with_name(database.name + suffix) for suffix in SQLITE_SUFFIXES)


def lock_path(database: Path) -> Path:
    """``NAME.db.lock``: who has the file open in a window."""
    return database.with_name(database.name + LOCK_SUFFIX)


def default_backup_folder(database: Path) -> Path:
    """``NAME-backups/`` beside the database."""
    return database.with_name(f"{database.stem}-backups")


def configured_backup_folder(database: Path) -> Path | None:
    """The backups folder chosen in the settings, read without opening the file for writing.

    None when none was chosen, or when the file has no such setting yet (an older schema)
    or cannot be read.
    """
    if not database.is_file():
        return None
    try:
        uri = f"{database.resolve().as_uri()}?mode=ro"
        with sqlite3.connect(uri, uri=True) as probe:
            row = probe.execute(
                "SELECT backup_folder FROM association_settings WHERE id = 1").fetchone()
        probe.close()
    except sqlite3.Error:
        return None
    return Path(row[0]).expanduser() if row and row[0] else None


def backup_folder(database: Path) -> Path:
    """Where the backups of ``database`` go: the chosen folder, else ``NAME-backups/``."""
    return configured_backup_folder(database) or default_backup_folder(database)


def is_sqlite_file(path: Path) -> bool:
    """True when ``path`` is an existing file that starts like a SQLite database."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _same(path: Path, other: Path) -> bool:
    """The same file, through links and case-insensitive file systems too."""
    try:
        return os.path.samefile(path, other)
    except OSError:
        return os.path.normcase(os.path.abspath(path)) == os.path.normcase(
            os.path.abspath(other))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def protected_reason(path: Path, database: Path | None) -> str | None:
    """Why writing ``path`` would destroy data, or None when it may be written.

    Refused: the open ``database`` itself, its side files and lock, any existing file in its
    backups folder, and any existing SQLite file (another association's database, a backup
    copy).
    """
    path = Path(path).expanduser()
    if database is not None:
        database = Path(database)
        if _same(path, database):
            return _("{path} is the database itself: choose another file name.").format(
                path=path)
        for side in (*sqlite_side_files(database), lock_path(database)):
            if _same(path, side):
                return _("{path} belongs to the database {database} (SQLite keeps its "
                         "changes there): choose another file name.").format(
                             path=path, database=database.name)
        if path.exists() and _inside(path, backup_folder(database)):
            return _("{path} is in the backups folder of the database: choose another "
                     "file name.").format(path=path)
    if is_sqlite_file(path):
        return _("{path} is a database file: it will not be overwritten. Choose another "
                 "file name.").format(path=path)
    return None
