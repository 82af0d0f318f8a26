"""Figure of the activity report: every figure of the demo's last 12 months."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench_volunteering import _last_year
from figures import Context, Samples, figure, opened_copy, time_into

_BETWEEN = "BETWEEN :start AND :end"
_EVENTS = "e.starts_at >= :start AND e.starts_at < :after"
_ACTIVE_END = ("status <> 'prospect' AND (joined_on IS NULL OR joined_on <= :end) "
               "AND (left_on IS NULL OR left_on > :end)")
# The same aggregates as activity_figures, written directly: what the figure is compared with.
_FLOOR_SQL = [
    "SELECT id FROM association_settings WHERE id = 1",
    f"""SELECT COUNT(*) FILTER (WHERE status <> 'prospect' AND (joined_on IS NULL OR
        joined_on <= :start) AND (left_on IS NULL OR left_on > :start)),
        COUNT(*) FILTER (WHERE {_ACTIVE_END}), COUNT(*) FILTER (WHERE joined_on {_BETWEEN}),
        COUNT(*) FILTER (WHERE left_on {_BETWEEN}),
        COUNT(*) FILTER (WHERE status <> 'prospect' AND (joined_on IS NULL OR
        joined_on <= :start) AND (left_on IS NULL OR left_on > :end))
        FROM member""",
    # The dues of the period's fiscal year: every member's payments and rate, one query.
    """WITH paid AS (SELECT member_id, SUM(CASE WHEN exempt THEN 0 ELSE ROUND(amount * 100)
          END) AS cents, MAX(exempt) AS exempt FROM membership_fee
          WHERE fiscal_year = :year GROUP BY member_id),
        first_rate AS (SELECT ROUND(amount * 100) AS cents, pro_rata FROM fee_rate
          WHERE year = :year ORDER BY position, id LIMIT 1)
        SELECT m.id, m.joined_on, p.cents, p.exempt, f.cents, f.pro_rata FROM member m
        LEFT JOIN paid p ON p.member_id = m.id LEFT JOIN first_rate f ON 1
        WHERE p.member_id IS NOT NULL OR (m.status <> 'prospect' AND m.anonymized_on IS NULL
          AND (m.joined_on IS NULL OR m.joined_on <= :year_end)
          AND (m.left_on IS NULL OR m.left_on >= :year_start))""",
    # Shared leadership and the bureau of each year.
    """SELECT COUNT(DISTINCT member_id) FROM mandate WHERE starts_on <= :end
        AND (ends_on IS NULL OR ends_on >= :since)""",
    """SELECT d.id, m.first_name, m.last_name, d.role, d.starts_on FROM mandate d
        JOIN member m ON m.id = d.member_id WHERE d.starts_on <= :end
        AND (d.ends_on IS NULL OR d.ends_on >= :end) ORDER BY d.starts_on, d.id LIMIT 1""",
    """SELECT d.id, m.first_name, m.last_name, d.role, d.title, d.starts_on, d.ends_on
        FROM mandate d JOIN member m ON m.id = d.member_id
        WHERE d.starts_on <= :last_day AND (d.ends_on IS NULL OR d.ends_on >= :first_day)""",
    f"SELECT sector, COUNT(*) FROM member WHERE {_ACTIVE_END} GROUP BY sector ORDER BY 2 DESC",
    "SELECT status, COUNT(*) FROM member GROUP BY status",
    f"SELECT kind, COUNT(*) FROM event e WHERE {_EVENTS} GROUP BY kind",
    f"""SELECT COUNT(*), COUNT(converted_member_id), COUNT(*) FILTER (WHERE e.kind = 'meeting')
        FROM guest g JOIN event e ON e.id = g.event_id WHERE {_EVENTS}""",
    f"""SELECT AVG(rate), SUM(n) FROM (SELECT COUNT(*) FILTER (WHERE a.status IN
        ('present', 'late')) * 1.0 / COUNT(*) AS rate, COUNT(*) AS n FROM attendance a
        JOIN event e ON e.id = a.event_id WHERE {_EVENTS} GROUP BY a.event_id)""",
    f"""SELECT SUM(h), SUM(h) FILTER (WHERE role = 'none'), COUNT(*) FROM
        (SELECT m.role, SUM(v.hours) AS h FROM volunteer_entry v JOIN member m
        ON m.id = v.member_id WHERE v.date {_BETWEEN} GROUP BY v.member_id)""",
    f"""SELECT category, SUM(hours) FROM volunteer_entry WHERE date {_BETWEEN}
        GROUP BY category ORDER BY 2 DESC""",
    f"""SELECT SUBSTR(date, 1, 7), SUM(hours) FROM volunteer_entry WHERE date {_BETWEEN}
        GROUP BY 1""",
    f"""SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'won'),
        COUNT(*) FILTER (WHERE status = 'lost'), COUNT(*) FILTER (WHERE receiver_id IS NULL)
        FROM referral WHERE date {_BETWEEN}""",
    f"""SELECT SUBSTR(date, 1, 7), COUNT(*), COUNT(*) FILTER (WHERE status = 'won')
        FROM referral WHERE date {_BETWEEN} GROUP BY 1""",
    f"""SELECT SUBSTR(closed_on, 1, 7), SUM(ROUND(amount * 100)) FROM referral
        WHERE status = 'won' AND closed_on {_BETWEEN} GROUP BY 1""",
    f"""SELECT m.id, m.last_name, a.n, a.att, v.h, g.n, g.won, r.n FROM member m
        LEFT JOIN (SELECT a.member_id, COUNT(*) AS n, COUNT(*) FILTER (WHERE a.status IN
          ('present', 'late')) AS att FROM attendance a JOIN event e ON e.id = a.event_id
          WHERE {_EVENTS} GROUP BY a.member_id) a ON a.member_id = m.id
        LEFT JOIN (SELECT member_id, SUM(hours) AS h FROM volunteer_entry
          WHERE date {_BETWEEN} GROUP BY member_id) v ON v.member_id = m.id
        LEFT JOIN (SELECT giver_id, COUNT(*) AS n, COUNT(*) FILTER (WHERE status = 'won')
          AS won FROM referral WHERE date {_BETWEEN} GROUP BY giver_id) g ON g.giver_id = m.id
        LEFT JOIN (SELECT receiver_id, COUNT(*) AS n FROM referral WHERE date {_BETWEEN}
          GROUP BY receiver_id) r ON r.receiver_id = m.id
        WHERE ({_ACTIVE_END}) OR a.member_id IS NOT NULL OR v.member_id IS NOT NULL
          OR g.giver_id IS NOT NULL OR r.receiver_id IS NOT NULL""",
    f"""SELECT m.id FROM member m JOIN attendance a ON a.member_id = m.id
        JOIN event e ON e.id = a.event_id
        WHERE {_ACTIVE_END.replace('status', 'm.status')} AND e.starts_at >= :window
        AND e.starts_at < :after GROUP BY m.id
        HAVING COUNT(*) FILTER (WHERE a.status IN ('present', 'late')) = 0""",
]


def _floor(database: Path, values: dict[str, str]) -> None:
    """The aggregates as plain sqlite3 queries, rows fetched, nothing built."""
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA cache_size = -32000")  # as clubdesk opens it
        results = [connection.execute(sql, values).fetchall() for sql in _FLOOR_SQL]
    connection.close()
    assert all(results)


@figure("activity_report_data")
def activity_report_data(context: Context) -> tuple[Samples, Samples]:
    """All the activity figures of the last 12 months, against plain sqlite3 queries."""
    import datetime as dt

    from clubdesk.domain.activity.activity_figures import Period
    from clubdesk.domain.activity.activity_queries import activity_figures
    from clubdesk.domain.activity.attendance_period import months_before
    from clubdesk.domain.common.dates import years_before
    from clubdesk.domain.common.fiscal_years import fiscal_year_bounds, main_fiscal_year

    date_from, date_to = _last_year(context.database)
    period = Period(date_from, date_to)
    window = months_before(date_to, 3) + dt.timedelta(days=1)
    with sqlite3.connect(context.database) as connection:
        start_month = connection.execute(
            "SELECT fiscal_year_start_month FROM association_settings").fetchone()[0]
    connection.close()
    year = main_fiscal_year(date_from, date_to, start_month)
    year_start, year_end = fiscal_year_bounds(year, start_month)
    values = {"start": date_from.isoformat(), "end": date_to.isoformat(),
              "after": (date_to + dt.timedelta(days=1)).isoformat(),
              "window": window.isoformat(), "year": year,
              "year_start": year_start.isoformat(), "year_end": year_end.isoformat(),
              "since": years_before(date_to, 3).isoformat(),
              "first_day": dt.date(date_from.year, 1, 1).isoformat(),
              "last_day": dt.date(date_to.year, 12, 31).isoformat()}
    samples: Samples = []
    floor: Samples = []
    with opened_copy(context.database) as database:
        activity_figures(period)  # warm the page cache, as the floor's is
        _floor(database, values)
        for _ in range(context.repeat):
            figures = time_into(samples, activity_figures, period)
            time_into(floor, _floor, database, values)
            assert figures.members and len(figures.volunteering.by_month) in (12, 13)
    return samples, floor
