"""Why a database file could not be opened; each carries a message meant for the user."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import DatabaseError as PeeweeDatabaseError

from clubdesk.i18n import _


class DatabaseOpenError(Exception):
    """The file was left untouched; ``str(error)`` says what is wrong and where."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


class NotADatabaseError(DatabaseOpenError):
    def __init__(self, path: Path) -> None:
        super().__init__(path, _("{path} is not a clubdesk database (not a SQLite file).").format(
            path=path))


class NewerSchemaError(DatabaseOpenError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            path,
            _("{path} was written by a newer version of clubdesk (schema {found}, this version "
              "reads up to {supported}). Update clubdesk to open it.").format(
                path=path, found=found, supported=supported),
        )


class NotWritableError(DatabaseOpenError):
    def __init__(self, path: Path, what: Path) -> None:
        super().__init__(
            path,
            _("Cannot write to {what}: check that the folder exists and that you may write "
              "to it.").format(what=what),
        )


class MissingDatabaseError(DatabaseOpenError):
    def __init__(self, path: Path) -> None:
        super().__init__(path, _("{path} does not exist. To start a new database there: "
                                 "clubdesk --db {path} init").format(path=path))


class CorruptDatabaseError(DatabaseOpenError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            path, _("{path} is damaged and cannot be read ({detail}).").format(
                path=path, detail=detail),
        )
        self.detail = detail


def storage_error_message(error: BaseException) -> str | None:
    """A sentence for the user when ``error`` is SQLite failing to read or write the file.

    Every write is one transaction, so such a failure has undone the whole change: the
    message says so. Returns None for errors that are not about storage.
    """
    if not isinstance(error, sqlite3.Error | PeeweeDatabaseError):
        return None
    # On a full disk SQLite rolls back by itself, and the transaction's own rollback then
    # fails with "no transaction is active": the cause is in the exception's context.
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    text = " | ".join(str(link) for link in chain).lower()
    if "disk is full" in text or "database or disk is full" in text:
        reason = _("the disk is full. Free some space, then try again.")
    elif "readonly" in text or "read-only" in text:
        reason = _("the file or its folder is read-only.")
    elif "locked" in text or "busy" in text:
        reason = _("another program is using the file. Close it, then try again.")
    elif "malformed" in text or "not a database" in text or "disk i/o" in text:
        reason = _("the file is damaged or the disk could not be read ({detail}).").format(
            detail=error)
    else:
        reason = str(error)
    return _("The database could not be written: {reason} Nothing was saved: the change "
             "was undone.").format(reason=reason)
