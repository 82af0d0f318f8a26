"""Checking a database file: SQLite's own integrity and foreign-key checks, and the schema.

Used on backups before they are kept, on a file before it is restored, and by the ``check``
command. The file is only read.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from clubdesk.db.migrations import SCHEMA_VERSION
from clubdesk.db.side_files import is_sqlite_file
from clubdesk.i18n import _

# Tables every clubdesk database has had since schema 1.
_CORE_TABLES = ("member", "event", "attendance", "association_settings")
# More problems than this are summed up: one damaged page can give thousands of lines.
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class FileCheck:
    """What :func:`check_file` found: no problem means the file is sound."""

    schema: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems

    @property
    def readable(self) -> bool:
        """A clubdesk database of a schema this version knows, sound or damaged inside."""
        return self.schema is not None and 0 < self.schema <= SCHEMA_VERSION


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def integrity_problems(connection: sqlite3.Connection, quick: bool = False) -> list[str]:
    """SQLite's ``integrity_check`` (``quick_check``: faster, skips index contents) and
    ``foreign_key_check``, one line per problem."""
    check = "quick_check" if quick else "integrity_check"
    problems = [row[0] for row in connection.execute(
        f"PRAGMA {check}({MAX_PROBLEMS})") if row[0] != "ok"]
    for table, rowid, parent, _index in connection.execute("PRAGMA foreign_key_check"):
        if len(problems) >= MAX_PROBLEMS:
            break
        problems.append(_("row {rowid} of the table {table} refers to a missing row of "
                          "{parent}").format(rowid=rowid, table=table, parent=parent))
    return problems


def check_file(path: Path, full: bool = True, quick: bool = False) -> FileCheck:
    """Check ``path`` is a sound clubdesk database this version can read.

    ``full`` runs SQLite's complete checks (one to two seconds for a federation's file;
    ``quick`` a third of that); otherwise only the header and the schema are read.
    """
    if not path.is_file():
        return FileCheck(None, [_("{path} does not exist.").format(path=path)])
    if not is_sqlite_file(path):
        return FileCheck(None, [_("{path} is not a clubdesk database (not a SQLite "
                                  "file).").format(path=path)])
    try:
        connection = _connect_read_only(path)
    except sqlite3.DatabaseError as error:
        return FileCheck(None, [_damaged(path, error)])
    try:
        try:
            schema = int(connection.execute("PRAGMA user_version").fetchone()[0])
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as error:
            return FileCheck(None, [_damaged(path, error)])
        if schema == 0 or not set(_CORE_TABLES) <= tables:
            return FileCheck(schema, [_("{path} is not a clubdesk database.").format(
                path=path)])
        if schema > SCHEMA_VERSION:
            return FileCheck(schema, [_(
                "{path} was written by a newer version of clubdesk (schema {found}, this "
                "version reads up to {supported}).").format(
                    path=path, found=schema, supported=SCHEMA_VERSION)])
        if not full:
            return FileCheck(schema, [])
        try:
            return FileCheck(schema, integrity_problems(connection, quick))
        except sqlite3.DatabaseError as error:  # too damaged for the check to finish
            return FileCheck(schema, [str(error)])
    finally:
        connection.close()


def _damaged(path: Path, error: sqlite3.DatabaseError) -> str:
    return _("{path} is damaged and cannot be read ({detail}).").format(path=path,
                                                                       detail=error)
