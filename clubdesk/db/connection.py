"""Opening a database file: checks first, so that a refused file is never modified."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from clubdesk.db import migrations
from clubdesk.db.backup_files import BackupError, make_backup
from clubdesk.db.errors import (
    CorruptDatabaseError,
    DatabaseOpenError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    NotWritableError,
)
from clubdesk.db.models import database
from clubdesk.db.side_files import SQLITE_MAGIC, backup_folder
from clubdesk.i18n import _

# How long a write waits for another program's transaction before giving up.
BUSY_TIMEOUT_SECONDS = 5

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    "cache_size": -32_000,  # 32 MB: the federation lists stay in memory
}


def _check_file(path: Path) -> int | None:
    """Validate an existing file without writing to it; return its schema version."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        return None  # an empty file is an empty database: SQLite would say the same
    if not header.startswith(SQLITE_MAGIC):
        raise NotADatabaseError(path)
    if not os.access(path, os.W_OK):
        raise NotWritableError(path, path)
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with sqlite3.connect(uri, uri=True) as probe:
            version = int(probe.execute("PRAGMA user_version").fetchone()[0])
            if version == 0 and probe.execute(
                "SELECT count(*) FROM sqlite_master"
            ).fetchone()[0]:
                raise NotADatabaseError(path)  # some other application's database
        probe.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(path, str(error)) from error
    if version > migrations.SCHEMA_VERSION:
        raise NewerSchemaError(path, version, migrations.SCHEMA_VERSION)
    return version


def _backup_before_upgrade(path: Path, version: int) -> None:
    """A verified backup among the others, labelled, before the schema is changed."""
    try:
        make_backup(path, backup_folder(path), _("before the upgrade from schema {old} to "
                                                 "{new}").format(
                                                     old=version, new=migrations.SCHEMA_VERSION))
    except BackupError as error:
        raise DatabaseOpenError(path, _(
            "{path} must be upgraded for this version of clubdesk, and the backup made "
            "before upgrading failed, so the file was left as it was. {reason}").format(
                path=path, reason=error)) from error


def open_database(path: str | os.PathLike[str], create: bool = True,
                  read_only: bool = False) -> Path:
    """Open (creating if needed) and migrate ``path``; bind every model to it.

    Raises a :class:`~clubdesk.db.errors.DatabaseOpenError` with a message for the user when
    the file cannot be used; in that case the file has not been touched. ``read_only``
    refuses every write (the file is open in another window).
    """
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    version: int | None = None
    if path.exists():
        if path.is_dir():
            raise NotADatabaseError(path)
        version = _check_file(path)
    elif not create:
        raise MissingDatabaseError(path)
    # SQLite in WAL mode writes side files next to the database.
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise NotWritableError(path, folder)

    if read_only and (not version or version < migrations.SCHEMA_VERSION):
        raise DatabaseOpenError(path, _(
            "{path} cannot be opened read-only: it must first be created or upgraded by "
            "opening it normally.").format(path=path))
    if version and version < migrations.SCHEMA_VERSION:
        _backup_before_upgrade(path, version)

    if not database.is_closed():
        database.close()
    # query_only last: the journal mode is set (a no-op on our files) before writes stop.
    database.init(str(path), pragmas={**PRAGMAS, "query_only": int(read_only)},
                  timeout=BUSY_TIMEOUT_SECONDS)
    try:
        database.connect()
        if not version:
            migrations.create_schema(database)
        elif version < migrations.SCHEMA_VERSION:
            migrations.upgrade(database, version)
    except Exception:
        database.close()
        raise
    return path


def close_database() -> None:
    if not database.is_closed():
        database.close()


def open_database_path() -> Path | None:
    """The file the models are bound to, or None before any was opened."""
    name = database.database
    return Path(name) if name and name != ":memory:" else None
