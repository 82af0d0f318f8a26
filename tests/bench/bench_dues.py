"""Figure of the dues: the members not up to date for a fiscal year (``fees unpaid``, the
reminders), against the same query in plain sqlite3."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from figures import Context, Samples, figure, opened_copy, read_only, time_into

# What clubdesk.domain.dues.dues_status works out, all of it in SQL: each member's rate (of
# their latest payment that year, else the year's first), the months left when the rate is
# pro rata, what they paid; only the members owing, by name.
_OWING_SQL = """
WITH payments AS (
    SELECT member_id,
           SUM(CASE WHEN exempt THEN 0 ELSE CAST(ROUND(amount * 100) AS INTEGER) END) AS paid,
           MAX(exempt) AS exempt
    FROM membership_fee WHERE fiscal_year = :year GROUP BY member_id
),
chosen AS (
    SELECT member_id, rate_id FROM (
        SELECT member_id, rate_id, ROW_NUMBER() OVER (
            PARTITION BY member_id ORDER BY paid_on DESC, id DESC) AS latest
        FROM membership_fee WHERE fiscal_year = :year AND rate_id IS NOT NULL)
    WHERE latest = 1 GROUP BY member_id
),
first_rate AS (
    SELECT name, CAST(ROUND(amount * 100) AS INTEGER) AS cents, pro_rata
    FROM fee_rate WHERE year = :year ORDER BY position, id LIMIT 1
),
dues AS (
    SELECT m.id, m.last_name, m.first_name, m.email, COALESCE(p.paid, 0) AS paid,
           COALESCE(r.name, f.name, '') AS rate_name,
           CASE WHEN COALESCE(p.exempt, 0) THEN 0
                WHEN COALESCE(r.pro_rata, f.pro_rata, 0) AND m.joined_on > :start
                THEN COALESCE(CAST(ROUND(r.amount * 100) AS INTEGER), f.cents, 0)
                     * MAX(0, 12 * (:end_year - CAST(SUBSTR(m.joined_on, 1, 4) AS INTEGER))
                              + :end_month - CAST(SUBSTR(m.joined_on, 6, 2) AS INTEGER) + 1)
                     / 12
                ELSE COALESCE(CAST(ROUND(r.amount * 100) AS INTEGER), f.cents, 0) END AS due,
           COALESCE(p.exempt, 0) AS exempt
    FROM member AS m
    LEFT JOIN payments AS p ON p.member_id = m.id
    LEFT JOIN chosen AS c ON c.member_id = m.id
    LEFT JOIN fee_rate AS r ON r.id = c.rate_id
    LEFT JOIN first_rate AS f ON 1
    WHERE p.member_id IS NOT NULL OR (
        m.status <> 'prospect' AND m.anonymized_on IS NULL
        AND (m.joined_on IS NULL OR m.joined_on <= :end)
        AND (m.left_on IS NULL OR m.left_on >= :start)
        AND (m.status <> 'former' OR m.left_on IS NOT NULL))
)
SELECT id, last_name, first_name, email, rate_name, due, paid, due - paid AS owed
FROM dues WHERE NOT exempt AND due > 0 AND paid < due
ORDER BY last_name, first_name, id
"""


def _year(database: Path) -> dict[str, object]:
    """The latest fiscal year with payments in the demo (the current one), its bounds."""
    from clubdesk.domain.common.fiscal_years import fiscal_year_bounds

    with read_only(database) as connection:
        year = connection.execute("SELECT MAX(fiscal_year) FROM membership_fee").fetchone()[0]
        month = connection.execute(
            "SELECT fiscal_year_start_month FROM association_settings").fetchone()[0]
    connection.close()
    start, end = fiscal_year_bounds(int(year), int(month))
    return {"year": int(year), "start": start.isoformat(), "end": end.isoformat(),
            "end_year": end.year, "end_month": end.month}


def _floor(connection: sqlite3.Connection, values: dict[str, object]) -> int:
    return len(connection.execute(_OWING_SQL, values).fetchall())


@figure("fees_unpaid")
def fees_unpaid(context: Context) -> tuple[Samples, Samples]:
    """The members owing dues for the current fiscal year, with what they owe (``fees
    unpaid``), against the same query and filter as plain sqlite3."""
    from clubdesk.domain.dues.dues_status import owing

    values = _year(context.database)
    samples: Samples = []
    floor: Samples = []
    with opened_copy(context.database) as database, closing(read_only(database)) as plain:
        for _ in range(context.repeat):
            members = time_into(samples, owing, values["year"])
            count = time_into(floor, _floor, plain, values)
            assert len(members) == count > 0, (len(members), count)
    return samples, floor
