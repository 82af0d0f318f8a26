"""The SQLite database object every model is bound to, counting the writes sent through it.

The window backs the file up when it closes, and every few hours, only if something was
written since the last backup: :attr:`ClubdeskDatabase.writes` tells, whatever thread wrote.
"""

from __future__ import annotations

import itertools
from typing import Any

from peewee import SqliteDatabase

# Statements that may change the data; everything else (SELECT, PRAGMA reads) does not.
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class ClubdeskDatabase(SqliteDatabase):
    """peewee's SQLite database, plus a count of the statements that may have written."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._counter = itertools.count(1)
        self._writes = 0

    @property
    def writes(self) -> int:
        """How many writing statements were sent so far (only ever grows)."""
        return self._writes

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        if sql.lstrip()[:7].upper().startswith(_WRITES):
            # next() on a counter is atomic under the GIL: threads never lose a count.
            self._writes = next(self._counter)
        return super().execute_sql(sql, params)
