"""A member's dues as the Members tab shows them: everyone's status for the current fiscal
year (the list's column), and one member's years with their payments (the panel).

Both come from :mod:`clubdesk.domain.dues`: the statuses from
:func:`~clubdesk.domain.dues.dues_status.dues_of_year`, the payments from
:func:`~clubdesk.domain.dues.payments.member_payments`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from clubdesk.db import Member
from clubdesk.domain.common.fiscal_years import fiscal_year_of
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.dues.dues_status import (
    DuesStatus,
    MemberDues,
    current_fiscal_year,
    dues_of_year,
)
from clubdesk.domain.dues.payments import PaymentRow, member_payments
from clubdesk.domain.dues.rates import scheduled_years
from clubdesk.domain.members.members import MemberNotFoundError

# What the dues filter of the Members tab offers beside each status.
UP_TO_DATE = "up_to_date"
OWING = "owing"
DUES_FILTERS: dict[str, frozenset[str]] = {
    UP_TO_DATE: frozenset({DuesStatus.PAID, DuesStatus.EXEMPT, DuesStatus.NOT_DUE}),
    OWING: frozenset({DuesStatus.UNPAID, DuesStatus.PARTLY_PAID}),
    **{status.value: frozenset({status}) for status in DuesStatus},
}
"""Dues filter code -> the statuses it keeps."""


def fiscal_year_label(year: int, start_month: int | None = None) -> str:
    """"2026" for a fiscal year that is a calendar year, else "2025-2026"."""
    if start_month is None:
        start_month = load_settings().fiscal_year_start_month
    return str(year) if start_month == 1 else f"{year}-{year + 1}"


@dataclass(frozen=True)
class YearDues:
    """Every member's dues for one fiscal year, by member id (those expected to pay it or
    who paid)."""

    fiscal_year: int
    label: str
    by_member: dict[int, MemberDues] = field(default_factory=dict)

    def statuses(self) -> dict[int, str]:
        """Member id -> dues status code, as the list filters on it."""
        return {member_id: dues.status.value for member_id, dues in self.by_member.items()}


def year_dues(year: int | None = None) -> YearDues:
    """Everyone's dues for fiscal year ``year`` (the current one by default), in one query
    (a tenth of a second for 20,000 members: the list reads it in the background)."""
    if year is None:
        year = current_fiscal_year()
    return YearDues(year, fiscal_year_label(year),
                    {dues.member_id: dues for dues in dues_of_year(year)})


@dataclass(frozen=True)
class DuesYear:
    """One fiscal year of a member's dues: what was due, what was paid, and how."""

    fiscal_year: int
    label: str
    status: DuesStatus
    rate_name: str
    due: Decimal
    paid: Decimal
    payments: tuple[PaymentRow, ...] = ()

    @property
    def owed(self) -> Decimal:
        return max(Decimal("0"), self.due - self.paid)


def member_dues_years(member_id: int, today: dt.date | None = None) -> list[DuesYear]:
    """The fiscal years of a member's dues, the latest first: each year they paid for, and
    each year of the fee schedule since they joined, up to the current one (owed or not).

    A few queries, and one a fiscal year; raises :class:`MemberNotFoundError`.
    """
    joined_on = (Member.select(Member.joined_on).where(Member.id == member_id)
                 .tuples().first())
    if joined_on is None:
        raise MemberNotFoundError(member_id)
    start_month = load_settings().fiscal_year_start_month
    current = fiscal_year_of(today or dt.date.today(), start_month)
    first = fiscal_year_of(joined_on[0], start_month) if joined_on[0] else None
    payments: dict[int, list[PaymentRow]] = {}
    for payment in member_payments(member_id):
        payments.setdefault(payment.fiscal_year, []).append(payment)
    years = set(payments) | {
        year for year in scheduled_years()
        if year <= current and (first is None or year >= first)}
    found = []
    for year in sorted(years, reverse=True):
        dues = dues_of_year(year, {member_id})
        paid = payments.get(year, [])
        if not dues:  # not expected to pay that year, and paid nothing
            continue
        row = dues[0]
        if not paid and row.status == DuesStatus.NOT_DUE and year != current:
            continue  # a year without anything to say
        found.append(DuesYear(year, fiscal_year_label(year, start_month), row.status,
                              row.rate_name, row.due, row.paid, tuple(paid)))
    return found
