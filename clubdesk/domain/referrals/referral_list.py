"""The referrals list: one light row a referral, fast filters, and the totals shown on screen.

Every referral is read in one query with its giver's and receiver's names; each row carries
a folded search key (names, contact, description), so that filtering as the user types is a
scan of strings, as in the members list. Totals are sums over the rows on screen.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from typing import Any, NamedTuple

from peewee import JOIN, fn

from clubdesk.db import Member, Referral, ReferralStatusChange, database
from clubdesk.domain.common.codes import ReferralStatus
from clubdesk.domain.common.dates import years_before
from clubdesk.domain.common.text import fold, search_fold

EXTERNAL_RECEIVER = -1
"""The receiver filter's value for "someone outside the network" (member ids start at 1)."""

PERIOD_ALL = "all"
PERIOD_LAST_12_MONTHS = "last_12_months"
PERIOD_THIS_YEAR = "this_year"
PERIOD_LAST_YEAR = "last_year"
PERIODS = (PERIOD_ALL, PERIOD_LAST_12_MONTHS, PERIOD_THIS_YEAR, PERIOD_LAST_YEAR)

_CENT = Decimal("0.01")


class ReferralRow(NamedTuple):
    """What the referrals list shows of one referral, plus its folded search key.

    A named tuple rather than a frozen dataclass: building 41,000 of them takes 15 ms
    instead of 65.
    """

    id: int
    date: dt.date
    giver_id: int
    giver_name: str
    receiver_id: int | None
    receiver_name: str  # the member's name, or the outsider's as typed
    is_external: bool
    contact: str
    description: str
    status: str
    amount: Decimal | None
    closed_on: dt.date | None
    last_change: dt.date
    search_key: str


@dataclass(frozen=True)
class ReferralTotals:
    """What the count line says of the rows on screen."""

    count: int
    won: int
    business: Decimal


Person = tuple[int, str, str]


class _Memo(dict[Any, Any]):
    """A value computed once per distinct key: ``memo[key]`` (a hit costs a dict lookup).

    41,000 referrals share 1,100 days, a few hundred amounts, and names and phrasings that
    repeat; parsing or folding each once divides the time of :func:`referral_rows`.
    """

    def __init__(self, make: Callable[[Any], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self._make(key)
        return value


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _money(value: object) -> Decimal:
    return Decimal(str(value)).quantize(_CENT)


def referral_rows(
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    referral_ids: Collection[int] | None = None,
) -> list[ReferralRow]:
    """Referrals given from ``date_from`` to ``date_to`` (included), the most recent first.

    ``referral_ids`` keeps some referrals (to refresh them after an edit). One query.
    """
    giver = Member.alias("giver")
    receiver = Member.alias("receiver")
    conditions = []
    if date_from is not None:
        conditions.append(Referral.date >= date_from)
    if date_to is not None:
        conditions.append(Referral.date <= date_to)
    if referral_ids is not None:
        conditions.append(Referral.id.in_(list(referral_ids)))
    last_step = (ReferralStatusChange
                 .select(fn.MAX(ReferralStatusChange.changed_on))
                 .where(ReferralStatusChange.referral == Referral.id))
    query = (
        Referral
        .select(Referral.id, Referral.date, giver.id, giver.first_name, giver.last_name,
                receiver.id, receiver.first_name, receiver.last_name,
                Referral.external_recipient, Referral.contact, Referral.description,
                Referral.status, Referral.amount, Referral.closed_on,
                # A closed referral's last step is its closing: the history is only read
                # for open ones (a quarter of them), which saves 60 ms at 41,000.
                fn.COALESCE(Referral.closed_on, last_step, Referral.date))
        .join(giver, on=(Referral.giver == giver.id))
        .join(receiver, JOIN.LEFT_OUTER, on=(Referral.receiver == receiver.id), src=Referral)
        .order_by(Referral.date.desc(), Referral.id.desc())
    )
    if conditions:
        query = query.where(reduce(operator.and_, conditions))
    key, days, money = _Memo(search_fold), _Memo(_day), _Memo(_money)
    rows = []
    # The cursor's plain values: peewee's converters took 500 ms of 800 at 41,000 rows;
    # dates are parsed once per distinct day instead.
    for (id_, date, giver_id, g_first, g_last, receiver_id, r_first, r_last, external,
         contact, description, status, amount, closed_on, last_change) in (
            database.execute(query).fetchall()):
        giver_name = f"{g_first} {g_last}".strip()
        receiver_name = (f"{r_first} {r_last}".strip() if receiver_id is not None
                         else external)
        rows.append(ReferralRow(
            id_, days[date], giver_id, giver_name, receiver_id, receiver_name,
            receiver_id is None, contact, description, status,
            None if amount is None else money[amount],
            None if closed_on is None else days[closed_on], days[last_change],
            f"{key[giver_name]}\n{key[receiver_name]}\n{key[contact]}\n{key[description]}",
        ))
    return rows


def period_bounds(period: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first and last days (included; None: open) of a period of :data:`PERIODS`.

    The last 12 months end today and start a year ago, the day after.
    """
    if period == PERIOD_ALL:
        return None, None
    if period == PERIOD_LAST_12_MONTHS:
        return years_before(today, 1) + dt.timedelta(days=1), today
    if period == PERIOD_THIS_YEAR:
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    if period == PERIOD_LAST_YEAR:
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    raise ValueError(f"unknown period: {period}")


def filter_referral_rows(
    rows: Sequence[ReferralRow],
    text: str = "",
    status: str | Collection[str] | None = None,
    giver_id: int | None = None,
    receiver_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[ReferralRow]:
    """The rows matching every term of ``text`` (accents aside), a status or several, a
    giver, a receiver (:data:`EXTERNAL_RECEIVER`: anyone outside) and a period.

    The order of ``rows`` is kept.
    """
    selected: Iterable[ReferralRow] = rows
    for term in fold(text).split():  # each term scans what the previous one kept
        selected = [row for row in selected if term in row.search_key]
    if date_from is not None or date_to is not None:
        first, last = date_from or dt.date.min, date_to or dt.date.max
        selected = [row for row in selected if first <= row.date <= last]
    if isinstance(status, str):
        selected = [row for row in selected if row.status == status]
    elif status is not None:
        statuses = frozenset(status)
        selected = [row for row in selected if row.status in statuses]
    if giver_id is not None:
        selected = [row for row in selected if row.giver_id == giver_id]
    if receiver_id == EXTERNAL_RECEIVER:
        selected = [row for row in selected if row.is_external]
    elif receiver_id is not None:
        selected = [row for row in selected if row.receiver_id == receiver_id]
    return list(selected)


def referral_totals(rows: Sequence[ReferralRow]) -> ReferralTotals:
    """How many rows, how many won, and the business they closed."""
    won = [row.amount for row in rows if row.status == ReferralStatus.WON]
    return ReferralTotals(len(rows), len(won),
                          sum((amount for amount in won if amount), Decimal("0.00")))


def people(rows: Iterable[ReferralRow], receivers: bool = False) -> list[Person]:
    """``(member id, name, folded name)`` of the givers (or the member receivers) of
    ``rows``, by name. The folded names come from the search keys: nothing is folded again.
    """
    names: dict[int, tuple[str, str]] = {}
    line = 1 if receivers else 0
    for row in rows:
        member_id = row.receiver_id if receivers else row.giver_id
        if member_id is not None and member_id not in names:
            names[member_id] = (row.receiver_name if receivers else row.giver_name,
                                row.search_key.split("\n", 2)[line])
    found = [(member_id, name, folded) for member_id, (name, folded) in names.items()]
    found.sort(key=lambda person: (person[2], person[0]))
    return found
