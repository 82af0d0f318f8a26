"""Figure of the attendance reports: a year of attendance, from the database to the PDF."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from figures import Context, Samples, figure, last_attended_year, opened_copy, time_into

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
    from clubdesk.i18n import set_language
    from clubdesk.reports.period_attendance import build_period_attendance_report

    date_from, date_to = last_attended_year(context.database)
    repeat = min(context.repeat, 3) if context.size == "federation" else context.repeat
    samples: Samples = []
    floor: Samples = []
    set_language("fr")
    with opened_copy(context.database) as database:
        output = database.parent / "presences.pdf"
        for _ in range(repeat):
            time_into(samples, build_period_attendance_report, date_from, date_to, output)
            time_into(floor, _floor, database, date_from, date_to)
    return samples, floor
