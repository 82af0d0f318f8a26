"""The database file as the window sees it: opening and closing it, counting and refusing
writes, and what to tell the user when it cannot be used.

The window never imports :mod:`clubdesk.db` (a contract in ``pyproject.toml`` keeps it so):
what it needs of the file is here, in the domain's words.
"""

from __future__ import annotations

from clubdesk.db import close_database, open_database, open_database_path
from clubdesk.db.errors import (
    CorruptDatabaseError,
    DatabaseOpenError,
    NotADatabaseError,
    storage_error_message,
)
from clubdesk.db.models import database
from clubdesk.db.side_files import default_backup_folder

__all__ = [
    "CorruptDatabaseError",
    "DatabaseOpenError",
    "NotADatabaseError",
    "close_database",
    "default_backup_folder",
    "open_database",
    "open_database_path",
    "refuse_writes",
    "storage_error_message",
    "writes_refused",
    "writes_so_far",
]


def writes_so_far() -> int:
    """How many writing statements were sent to the file so far, from any thread (it only
    grows: compare two readings to know whether something was written in between)."""
    return database.writes


def refuse_writes() -> None:
    """Refuse every write from now on, in every thread (the file is damaged)."""
    database.pragma("query_only", 1, permanent=True)


def writes_refused() -> bool:
    """True when the open file refuses writes (opened read-only, or damaged)."""
    try:
        return bool(database.execute_sql("PRAGMA query_only").fetchone()[0])
    except Exception:  # noqa: BLE001 - a closed or broken file: not the question asked
        return False
