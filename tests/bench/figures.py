"""The registry of benchmark figures (each module of figures registers itself here), and the
helpers they share: the demo copied and opened, a call timed."""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

Samples = list[float]
T = TypeVar("T")
HERE_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Context:
    database: Path
    size: str
    repeat: int


Figure = Callable[[Context], tuple[Samples, Samples]]
FIGURES: dict[str, Figure] = {}


def figure(name: str) -> Callable[[Figure], Figure]:
    """Register a function returning (samples in ms, floor samples in ms)."""

    def register(function: Figure) -> Figure:
        FIGURES[name] = function
        return function

    return register


def elapsed_ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def time_into(samples: Samples, function: Callable[..., T], *args: object) -> T:
    """Call ``function(*args)``, add the milliseconds it took to ``samples``, return its result."""
    start = time.perf_counter()
    result = function(*args)
    samples.append(elapsed_ms(start))
    return result


def read_only(database: Path) -> sqlite3.Connection:
    """The benchmark's cached database, opened without writing anything beside it."""
    return sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


@contextmanager
def opened_copy(database: Path) -> Iterator[Path]:
    """A copy of the cached ``database`` in a temporary folder, open in clubdesk meanwhile."""
    from clubdesk.db import close_database, open_database

    with tempfile.TemporaryDirectory() as folder:
        # A copy: opening a database may migrate it, and the benchmark's cache stays as built.
        copy_path = Path(folder) / database.name
        with read_only(database) as source, sqlite3.connect(copy_path) as copy:
            source.backup(copy)
        source.close()
        copy.close()
        open_database(copy_path)
        try:
            yield copy_path
        finally:
            close_database()


def last_attended_year(database: Path) -> tuple[dt.date, dt.date]:
    """The 365 days up to the last day with attendance in the demo."""
    with read_only(database) as connection:
        last = connection.execute(
            "SELECT MAX(e.starts_at) FROM event e "
            "WHERE EXISTS (SELECT 1 FROM attendance a WHERE a.event_id = e.id)").fetchone()[0]
    connection.close()
    date_to = dt.date.fromisoformat(last[:10])
    return date_to - dt.timedelta(days=364), date_to


# Importing the modules registers their figures, in the order printed.
import bench_activity  # noqa: E402, F401
import bench_activity_render  # noqa: E402, F401
import bench_attendance  # noqa: E402, F401
import bench_dues  # noqa: E402, F401
import bench_import  # noqa: E402, F401
import bench_members  # noqa: E402, F401
import bench_referrals  # noqa: E402, F401
import bench_volunteering  # noqa: E402, F401
