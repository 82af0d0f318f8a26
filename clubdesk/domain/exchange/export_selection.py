"""The rows a tab shows, as a selection an exported list is limited to, and the progress
of an export as its rows are read.

The ids go to a temporary table of the connection that the list's query joins: a tab may
show 20,000 members, far more than SQLite's limit on a statement's parameters, and the
query still streams its rows.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence

from peewee import OperationalError, Table

from clubdesk.db import database

Row = Sequence[object]

# Called every few hundred rows with (rows done, rows expected or 0); False stops the export.
Progress = Callable[[int, int], bool]
PROGRESS_EVERY = 500


class ExportCancelled(Exception):  # noqa: N818 - a request, not a failure
    """The progress callback asked to stop; nothing was written."""


class Selection:
    """Ids in a temporary table of this thread's connection, numbered in their order.

    The table exists while the rows are read: :meth:`around` fills it before the list's
    query runs and drops it after. Each selection has its own table, so that two lists
    built on one connection do not mix.
    """

    _numbers = itertools.count(1)

    def __init__(self, ids: Iterable[int]) -> None:
        self.ids = list(dict.fromkeys(int(item) for item in ids))  # once each, in order
        self.name = f"clubdesk_export_selection_{next(self._numbers)}"
        self.table = Table(self.name, ("position", "item_id"))

    def restrict(self, query, key, *order):
        """``query`` limited to the selected ``key``, in the selection's order, then
        ``order``."""
        return (query
                .join(self.table, on=(self.table.item_id == key))
                .order_by(self.table.position, *order))

    def around(self, rows: Iterator[Row]) -> Iterator[Row]:
        thread = threading.get_ident()
        database.execute_sql(f'CREATE TEMP TABLE "{self.name}" '
                             "(position INTEGER PRIMARY KEY, item_id INTEGER NOT NULL UNIQUE)")
        try:
            with database.atomic():
                database.cursor().executemany(
                    f'INSERT INTO temp."{self.name}" (position, item_id) VALUES (?, ?)',
                    enumerate(self.ids))
            yield from rows
        finally:
            # Rows left unread (a cancel) may still hold the table: it then goes with the
            # connection, which the export's thread closes.
            if threading.get_ident() == thread:
                try:
                    database.execute_sql(f'DROP TABLE IF EXISTS temp."{self.name}"')
                except OperationalError:
                    pass


def restricted(query, key, selection: Selection | None, *order):
    """``query`` in ``order``, or limited to the selection and in its order first."""
    if selection is None:
        return query.order_by(*order)
    return selection.restrict(query, key, *order)


def reporting(rows: Iterator[Row], progress: Progress, expected: int) -> Iterator[Row]:
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0 and not progress(done, expected):
            raise ExportCancelled
