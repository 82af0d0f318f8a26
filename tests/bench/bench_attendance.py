"""Figure of the attendance reports: a year of attendance, from the database to the PDF."""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
import time
from pathlib import Path

from figures import Context, Samples, elapsed_ms, figure

# The attendance rows of the year, per member and per event: what the report aggregates.
_MEMBERS_SQL = """
    SELECT a.member_id, m.last_name, m.first_name, m.company, COUNT(*),
           SUM(a.status = 'present'), SUM(a.status = 'late'), SUM(a.status = 'substitute'),
           SUM(a.status = 'excused'), SUM(a.status = 'absent'),
           SUM(a.status = 'absent' AND e.starts_at >= :window),
           MAX(CASE WHEN a.status IN ('present', 'late') THEN e.starts_at END)
    FROM attendance a JOIN event e ON e.id = a.event_id JOIN member m ON m.id = a.member_id
    WHERE e.starts_at >= :start AND e.starts_at < :end
    GROUP BY a.member_id
"""
_EVENTS_SQL = """
    SELECT e.id, e.title, e.starts_at, COUNT(a.id),
           SUM(a.status = 'present'), SUM(a.status = 'late'), SUM(a.status = 'substitute'),
           SUM(a.status = 'excused'), SUM(a.status = 'absent'),
           (SELECT COUNT(*) FROM guest g WHERE g.event_id = e.id)
    FROM event e LEFT JOIN attendance a ON a.event_id = e.id
    WHERE e.starts_at >= :start AND e.starts_at < :end
    GROUP BY e.id ORDER BY e.starts_at
"""


def _read_only(database: Path) -> sqlite3.Connection:
    """The benchmark's cached database, opened without writing anything beside it."""
    return sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def _last_year(database: Path) -> tuple[dt.date, dt.date]:
    """The 365 days up to the last day with attendance in the demo."""
    with _read_only(database) as connection:
        last = connection.execute(
            "SELECT MAX(e.starts_at) FROM event e "
            "WHERE EXISTS (SELECT 1 FROM attendance a WHERE a.event_id = e.id)").fetchone()[0]
    connection.close()
    date_to = dt.date.fromisoformat(last[:10])
    return date_to - dt.timedelta(days=364), date_to


def _floor(database: Path, date_from: dt.date, date_to: dt.date) -> None:
    """The same aggregates as plain sqlite3 GROUP BY queries, without laying anything out."""
    window = date_to - dt.timedelta(days=182)
    values = {"start": f"{date_from} 00:00:00", "end": f"{date_to + dt.timedelta(days=1)}",
              "window": f"{window} 00:00:00"}
    with sqlite3.connect(database) as connection:
        members = connection.execute(_MEMBERS_SQL, values).fetchall()
        events = connection.execute(_EVENTS_SQL, values).fetchall()
    connection.close()
    assert members and events


@figure("attendance_period_report")
def attendance_period_report(context: Context) -> tuple[Samples, Samples]:
    """The period report of the last 365 days (data and PDF), against its SQL aggregates."""
    from clubdesk.db import close_database, open_database
    from clubdesk.i18n import set_language
    from clubdesk.reports.period_attendance import build_period_attendance_report

    date_from, date_to = _last_year(context.database)
    repeat = min(context.repeat, 3) if context.size == "federation" else context.repeat
    samples: Samples = []
    floor: Samples = []
    set_language("fr")
    with tempfile.TemporaryDirectory() as folder:
        # A copy: opening a database may migrate it, and the benchmark's cache stays as built.
        database = Path(folder) / context.database.name
        with _read_only(context.database) as source, sqlite3.connect(database) as copy:
            source.backup(copy)
        source.close()
        copy.close()
        open_database(database)
        try:
            output = Path(folder) / "presences.pdf"
            for _ in range(repeat):
                start = time.perf_counter()
                build_period_attendance_report(date_from, date_to, output)
                samples.append(elapsed_ms(start))
                start = time.perf_counter()
                _floor(database, date_from, date_to)
                floor.append(elapsed_ms(start))
        finally:
            close_database()
    return samples, floor
