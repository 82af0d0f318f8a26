"""Why a database file could not be opened; each carries a message meant for the user."""

from __future__ import annotations

from pathlib import Path

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
        super().__init__(path, _("{path} does not exist.").format(path=path))


class CorruptDatabaseError(DatabaseOpenError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            path, _("{path} is damaged and cannot be read ({detail}).").format(
                path=path, detail=detail),
        )
