"""Opening a database file: checks first, so that a refused file is never modified."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from clubdesk.db import migrations
from clubdesk.db.errors import (
    CorruptDatabaseError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    NotWritableError,
)
from clubdesk.db.models import database

SQLITE_MAGIC = b"SQLite format 3\x00"

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


def _backup(path: Path, version: int) -> Path:
    """Copy the file beside itself before a migration, through SQLite's backup API."""
    target = path.with_name(f"{path.name}.schema{version}.bak")
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    source.close()
    copy.close()
    return target


def open_database(path: str | os.PathLike[str], create: bool = True) -> Path:
    """Open (creating if needed) and migrate ``path``; bind every model to it.

    Raises a :class:`~clubdesk.db.errors.DatabaseOpenError` with a message for the user when
    the file cannot be used; in that case the file has not been touched.
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

    if not database.is_closed():
        database.close()
    database.init(str(path), pragmas=PRAGMAS)
    try:
        database.connect()
        if not version:
            migrations.create_schema(database)
        elif version < migrations.SCHEMA_VERSION:
            _backup(path, version)
            migrations.upgrade(database, version)
    except Exception:
        database.close()
        raise
    return path


def close_database() -> None:
    if not database.is_closed():
        database.close()
