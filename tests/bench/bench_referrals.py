"""Figure of the referrals summary: a year of referrals per member, with the period totals."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from figures import Context, Samples, figure, opened_copy, read_only, time_into

# The same aggregates as clubdesk.domain.referrals.referral_summary, in plain SQL.
_MEMBERS_SQL = """
    SELECT m.id, m.first_name, m.last_name, m.status,
           COALESCE(g.n, 0), COALESCE(g.won, 0), COALESCE(g.lost, 0), COALESCE(g.cents, 0),
           COALESCE(r.n, 0), COALESCE(r.won, 0), COALESCE(r.cents, 0)
    FROM member m
    LEFT JOIN (SELECT giver_id AS member_id, COUNT(*) AS n, SUM(status = 'won') AS won,
                      SUM(status = 'lost') AS lost,
                      SUM(CASE WHEN status = 'won' THEN ROUND(amount * 100) END) AS cents
               FROM referral WHERE date >= :start AND date <= :end GROUP BY giver_id) g
           ON g.member_id = m.id
    LEFT JOIN (SELECT receiver_id AS member_id, COUNT(*) AS n, SUM(status = 'won') AS won,
                      SUM(CASE WHEN status = 'won' THEN ROUND(amount * 100) END) AS cents
               FROM referral WHERE date >= :start AND date <= :end AND receiver_id IS NOT NULL
               GROUP BY receiver_id) r
           ON r.member_id = m.id
    WHERE g.member_id IS NOT NULL OR r.member_id IS NOT NULL
          OR (m.status = 'active' AND (m.joined_on IS NULL OR m.joined_on <= :end))
    ORDER BY m.last_name, m.first_name, m.id
"""
_TOTALS_SQL = """
    SELECT COUNT(*), COUNT(DISTINCT giver_id), COUNT(DISTINCT receiver_id),
           SUM(status = 'won'), SUM(status = 'lost'),
           SUM(CASE WHEN status = 'won' THEN ROUND(amount * 100) END),
           SUM(receiver_id IS NULL), SUM(receiver_id IS NULL AND status = 'won'),
           SUM(CASE WHEN receiver_id IS NULL AND status = 'won' THEN ROUND(amount * 100) END)
    FROM referral WHERE date >= :start AND date <= :end
"""


def _last_year(database: Path) -> tuple[dt.date, dt.date]:
    """The 12 months up to the last referral of the demo."""
    with read_only(database) as connection:
        last = connection.execute("SELECT MAX(date) FROM referral").fetchone()[0]
    connection.close()
    date_to = dt.date.fromisoformat(last[:10])
    try:
        year_ago = date_to.replace(year=date_to.year - 1)
    except ValueError:  # 29 February
        year_ago = date_to.replace(year=date_to.year - 1, day=28)
    return year_ago + dt.timedelta(days=1), date_to


def _floor(connection: sqlite3.Connection, date_from: dt.date, date_to: dt.date) -> int:
    values = {"start": date_from.isoformat(), "end": date_to.isoformat()}
    members = connection.execute(_MEMBERS_SQL, values).fetchall()
    totals = connection.execute(_TOTALS_SQL, values).fetchone()
    assert members and totals[0]
    return len(members)


@figure("referrals_summary")
def referrals_summary(context: Context) -> tuple[Samples, Samples]:
    """The per-member summary of the last 12 months, against the same SQL aggregates."""
    from clubdesk.domain.referrals.referral_summary import referral_summary

    date_from, date_to = _last_year(context.database)
    samples: Samples = []
    floor: Samples = []
    with opened_copy(context.database) as database, closing(read_only(database)) as plain:
        for _ in range(context.repeat):
            summary = time_into(samples, referral_summary, date_from, date_to)
            members = time_into(floor, _floor, plain, date_from, date_to)
            assert len(summary.members) == members
    return samples, floor
