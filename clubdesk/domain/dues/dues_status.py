"""Who is up to date with their dues for a fiscal year, worked out in SQL for every member
at once (20,000 members in one query).

A member owes, for fiscal year Y, the amount of the rate of their latest payment that year,
else of the year's first rate — only the months left when the rate is *pro rata* and they
joined during the year. Members expected to pay: those of the year (joined by its end, not
gone before its start, prospects and anonymised members aside), and anyone who paid.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from clubdesk.db import database
from clubdesk.domain.common.codes import MemberStatus
from clubdesk.domain.common.fiscal_years import fiscal_year_bounds, fiscal_year_of, months_left
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.common.text import fold
from clubdesk.i18n import _

CENT = Decimal("0.01")


class DuesStatus(StrEnum):
    PAID = "paid"
    PARTLY_PAID = "partly_paid"
    UNPAID = "unpaid"
    EXEMPT = "exempt"
    NOT_DUE = "not_due"  # no fee schedule for the year, or a rate of 0


UP_TO_DATE = (DuesStatus.PAID, DuesStatus.EXEMPT, DuesStatus.NOT_DUE)
OWING = (DuesStatus.UNPAID, DuesStatus.PARTLY_PAID)


def dues_status_label(status: str) -> str:
    labels = {DuesStatus.PAID: _("Paid"), DuesStatus.PARTLY_PAID: _("Partly paid"),
              DuesStatus.UNPAID: _("Unpaid"), DuesStatus.EXEMPT: _("Exempt"),
              DuesStatus.NOT_DUE: _("Nothing due")}
    return labels.get(status, status)


@dataclass(frozen=True)
class MemberDues:
    """One member's dues for one fiscal year."""

    member_id: int
    last_name: str
    first_name: str
    email: str
    fiscal_year: int
    rate_name: str
    due: Decimal
    paid: Decimal
    status: DuesStatus

    @property
    def owed(self) -> Decimal:
        return max(Decimal("0"), self.due - self.paid)


@dataclass(frozen=True)
class DuesTotals:
    """A fiscal year's dues in figures."""

    fiscal_year: int
    members: int          # members expected to pay, exempt ones included
    up_to_date: int       # paid, exempt or owing nothing
    expected: Decimal
    received: Decimal
    outstanding: Decimal

    @property
    def up_to_date_rate(self) -> float | None:
        return self.up_to_date / self.members if self.members else None


_TEMPLATE = """
WITH payments AS (
    SELECT member_id,
           SUM(CASE WHEN exempt THEN 0 ELSE CAST(ROUND(amount * 100) AS INTEGER) END) AS paid,
           MAX(exempt) AS exempt
    FROM membership_fee WHERE {fee_year} = :year{only} GROUP BY member_id
),
chosen AS (
    -- The rate of the latest payment: SQLite takes the bare column from the row of MAX().
    -- (A window function here was scanned again for every member: 5 s for 20,000.)
    SELECT member_id, rate_id,
           MAX(COALESCE(paid_on, '') || '#' || printf('%012d', id)) AS latest
    FROM membership_fee WHERE {fee_year} = :year AND rate_id IS NOT NULL{only}
    GROUP BY member_id
),
first_rate AS (
    SELECT id, name, CAST(ROUND(amount * 100) AS INTEGER) AS cents, pro_rata
    FROM fee_rate WHERE year = :year ORDER BY position, id LIMIT 1
)
SELECT m.id, m.last_name, m.first_name, m.email, m.joined_on,
       COALESCE(p.paid, 0), COALESCE(p.exempt, 0),
       COALESCE(CAST(ROUND(r.amount * 100) AS INTEGER), f.cents),
       COALESCE(r.pro_rata, f.pro_rata, 0), COALESCE(r.name, f.name, '')
FROM member AS m
LEFT JOIN payments AS p ON p.member_id = m.id
LEFT JOIN chosen AS c ON c.member_id = m.id
LEFT JOIN fee_rate AS r ON r.id = c.rate_id
LEFT JOIN first_rate AS f ON 1
WHERE {only_members}(p.member_id IS NOT NULL OR (
    m.status <> :prospect AND m.anonymized_on IS NULL
    AND (m.joined_on IS NULL OR m.joined_on <= :end)
    AND (m.left_on IS NULL OR m.left_on >= :start)
    AND (m.status <> :former OR m.left_on IS NOT NULL)))
"""
# Only some members (a member's panel): filtered in SQL, so that one member costs little;
# "+fiscal_year" makes SQLite read their fees through the member's index, not the year's.
_ONLY = " AND member_id IN (SELECT value FROM json_each(:ids))"
_QUERY = _TEMPLATE.format(fee_year="fiscal_year", only="", only_members="")  # every member
_QUERY_SOME = _TEMPLATE.format(fee_year="+fiscal_year", only=_ONLY,
                               only_members="m.id IN (SELECT value FROM json_each(:ids)) AND ")


def _parse_day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _status(due: Decimal, paid: Decimal, exempt: bool) -> DuesStatus:
    if exempt:
        return DuesStatus.EXEMPT
    if due <= 0:
        return DuesStatus.PAID if paid > 0 else DuesStatus.NOT_DUE
    if paid >= due:
        return DuesStatus.PAID
    return DuesStatus.PARTLY_PAID if paid > 0 else DuesStatus.UNPAID


def dues_of_year(year: int, member_ids: set[int] | None = None,
                 start_month: int | None = None) -> list[MemberDues]:
    """Every member's dues for fiscal year ``year`` (or only ``member_ids``'), by name.

    ``start_month``: the fiscal year's first month when the caller has read the settings
    already (one query then, instead of two)."""
    if start_month is None:
        start_month = load_settings().fiscal_year_start_month
    start, end = fiscal_year_bounds(year, start_month)
    parameters = {
        "year": year, "start": start.isoformat(), "end": end.isoformat(),
        "prospect": MemberStatus.PROSPECT.value, "former": MemberStatus.FORMER.value,
    }
    query = _QUERY
    if member_ids is not None:
        query = _QUERY_SOME
        parameters["ids"] = json.dumps(sorted(member_ids))
    rows = database.execute_sql(query, parameters).fetchall()
    found = []
    for (member_id, last, first, email, joined, paid_cents, exempt, due_cents, pro_rata,
         rate_name) in rows:
        due = Decimal(0) if exempt else Decimal(due_cents or 0) / 100
        joined_on = _parse_day(joined)
        if pro_rata and joined_on is not None:
            due = (due * months_left(joined_on, year, start_month) / 12).quantize(CENT)
        paid = Decimal(paid_cents) / 100
        found.append(MemberDues(member_id, last, first, email or "", year, rate_name,
                                due.quantize(CENT), paid.quantize(CENT),
                                _status(due, paid, bool(exempt))))
    return sorted(found, key=lambda dues: (fold(f"{dues.last_name}\x00{dues.first_name}"),
                                           dues.member_id))


def dues_by_member(year: int) -> dict[int, MemberDues]:
    return {dues.member_id: dues for dues in dues_of_year(year)}


def owing(year: int) -> list[MemberDues]:
    """The members not up to date for ``year``: unpaid or partly paid, by name."""
    return [dues for dues in dues_of_year(year) if dues.status in OWING]


def up_to_date_ids(year: int, start_month: int | None = None) -> set[int]:
    """The members up to date for ``year`` (paid, exempt, or owing nothing)."""
    return {dues.member_id for dues in dues_of_year(year, start_month=start_month)
            if dues.status in UP_TO_DATE}


def dues_totals(year: int, start_month: int | None = None) -> DuesTotals:
    """Expected, received and outstanding dues of fiscal year ``year``."""
    rows = dues_of_year(year, start_month=start_month)
    expected = sum((dues.due for dues in rows), Decimal("0"))
    received = sum((dues.paid for dues in rows), Decimal("0"))
    outstanding = sum((dues.owed for dues in rows), Decimal("0"))
    return DuesTotals(year, len(rows), sum(dues.status in UP_TO_DATE for dues in rows),
                      expected, received, outstanding)


def current_fiscal_year(today: dt.date | None = None) -> int:
    """The fiscal year ``today`` falls in."""
    return fiscal_year_of(today or dt.date.today(), load_settings().fiscal_year_start_month)
