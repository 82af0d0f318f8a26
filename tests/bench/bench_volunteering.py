"""Figure of the Volunteering summary: a year of volunteer hours by member, category, month."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from figures import Context, Samples, figure, opened_copy, read_only, time_into

# The same aggregates as the summary, written directly: what the figure is compared with.
_TOTALS_SQL = """
    SELECT SUM(hours), COUNT(*), COUNT(DISTINCT member_id), MIN(date), MAX(date)
    FROM volunteer_entry WHERE date >= :start AND date <= :end
"""
_MEMBERS_SQL = """
    SELECT m.id, m.first_name, m.last_name, g.hours, g.entries
    FROM (SELECT member_id, SUM(hours) AS hours, COUNT(*) AS entries FROM volunteer_entry
          WHERE date >= :start AND date <= :end GROUP BY member_id) AS g
    JOIN member m ON m.id = g.member_id
    ORDER BY g.hours DESC, m.last_name, m.first_name
"""
_CATEGORIES_SQL = """
    SELECT category, SUM(hours), COUNT(*), COUNT(DISTINCT member_id) FROM volunteer_entry
    WHERE date >= :start AND date <= :end GROUP BY category ORDER BY 2 DESC
"""
_MONTHS_SQL = """
    SELECT SUBSTR(date, 1, 7), SUM(hours), COUNT(*), COUNT(DISTINCT member_id)
    FROM volunteer_entry WHERE date >= :start AND date <= :end GROUP BY 1 ORDER BY 1
"""


def _last_year(database: Path) -> tuple[dt.date, dt.date]:
    """The 12 months up to the last day with volunteer hours in the demo."""
    with read_only(database) as connection:
        last = connection.execute("SELECT MAX(date) FROM volunteer_entry").fetchone()[0]
    connection.close()
    date_to = dt.date.fromisoformat(last[:10])
    return date_to - dt.timedelta(days=364), date_to


def _floor(database: Path, date_from: dt.date, date_to: dt.date) -> None:
    """The four aggregates as plain sqlite3 GROUP BY queries, rows fetched, nothing built."""
    values = {"start": date_from.isoformat(), "end": date_to.isoformat()}
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA cache_size = -32000")  # as clubdesk opens it
        results = [connection.execute(sql, values).fetchall()
                   for sql in (_TOTALS_SQL, _MEMBERS_SQL, _CATEGORIES_SQL, _MONTHS_SQL)]
    connection.close()
    assert all(results)


@figure("volunteering_summary")
def volunteering_summary(context: Context) -> tuple[Samples, Samples]:
    """The summary of the last 12 months (by member, category, month, and the totals),
    against the same aggregates as plain sqlite3 queries."""
    from clubdesk.domain.volunteering.volunteer_summary import volunteer_summary

    date_from, date_to = _last_year(context.database)
    samples: Samples = []
    floor: Samples = []
    with opened_copy(context.database) as database:
        volunteer_summary(date_from, date_to)  # warm the page cache, as the floor's is
        _floor(database, date_from, date_to)
        for _ in range(context.repeat):
            summary = time_into(samples, volunteer_summary, date_from, date_to)
            time_into(floor, _floor, database, date_from, date_to)
            assert summary.members and len(summary.months) in (12, 13)
    return samples, floor
