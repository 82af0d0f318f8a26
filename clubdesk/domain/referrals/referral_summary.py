"""Referrals per member over a period, and the period's totals: two queries in all.

Every figure counts the referrals *given* during the period (by their date); "won" and the
business include those closed since, whenever. The conversion rate of a member is the share
of their closed referrals that were won: won ÷ (won + lost), open ones left out, so that a
recent period is not judged on deals still under way. Amounts are summed in cents by SQLite,
exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from peewee import JOIN, SQL, Expression, Function, fn

from clubdesk.db import Member, Referral, database
from clubdesk.domain.common.codes import MemberStatus, ReferralStatus
from clubdesk.domain.common.text import search_fold


class MemberReferrals(NamedTuple):
    """One member's line of the summary."""

    member_id: int
    name: str
    member_status: str
    given: int
    won: int  # of those given
    lost: int  # of those given
    business_given: Decimal  # the amount of the won referrals they gave: business generated
    received: int
    received_won: int
    business_received: Decimal
    search_key: str

    @property
    def conversion(self) -> float | None:
        """won ÷ (won + lost) among the referrals given; None while none is closed."""
        closed = self.won + self.lost
        return self.won / closed if closed else None


@dataclass(frozen=True)
class PeriodTotals:
    """The whole period, members and people outside the network together."""

    referrals: int
    givers: int  # members who gave at least one
    receivers: int  # members who received at least one
    won: int
    lost: int
    business: Decimal
    external: int  # given to someone outside the network
    external_won: int
    external_business: Decimal

    @property
    def open(self) -> int:
        return self.referrals - self.won - self.lost

    @property
    def conversion(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None


@dataclass(frozen=True)
class ReferralSummary:
    date_from: dt.date
    date_to: dt.date
    members: list[MemberReferrals]
    totals: PeriodTotals


def _in_period(date_from: dt.date, date_to: dt.date) -> Expression:
    return (Referral.date >= date_from) & (Referral.date <= date_to)


def _cents() -> Function:
    """The won amount in cents, summed exactly (the column keeps 12.5 as a float)."""
    return fn.COALESCE(fn.SUM(fn.ROUND(Referral.amount * SQL("100")))
                       .filter(Referral.status == ReferralStatus.WON), 0)


def _euros(cents: object) -> Decimal:
    return Decimal(int(cents or 0)).scaleb(-2)


def member_summaries(date_from: dt.date, date_to: dt.date) -> list[MemberReferrals]:
    """A line per member who gave or received a referral in the period, and per active
    member who had joined by its end (with zeros: who gave nothing shows). One query.

    Ordered by last then first name.
    """
    won = Referral.status == ReferralStatus.WON
    lost = Referral.status == ReferralStatus.LOST
    given = (
        Referral
        .select(Referral.giver.alias("member_id"), fn.COUNT(SQL("*")).alias("n"),
                fn.COUNT(SQL("*")).filter(won).alias("won"),
                fn.COUNT(SQL("*")).filter(lost).alias("lost"), _cents().alias("cents"))
        .where(_in_period(date_from, date_to))
        .group_by(Referral.giver)
        .alias("given")
    )
    received = (
        Referral
        .select(Referral.receiver.alias("member_id"), fn.COUNT(SQL("*")).alias("n"),
                fn.COUNT(SQL("*")).filter(won).alias("won"), _cents().alias("cents"))
        .where(_in_period(date_from, date_to) & Referral.receiver.is_null(False))
        .group_by(Referral.receiver)
        .alias("received")
    )
    query = (
        Member
        .select(Member.id, Member.first_name, Member.last_name, Member.status,
                fn.COALESCE(given.c.n, 0), fn.COALESCE(given.c.won, 0),
                fn.COALESCE(given.c.lost, 0), fn.COALESCE(given.c.cents, 0),
                fn.COALESCE(received.c.n, 0), fn.COALESCE(received.c.won, 0),
                fn.COALESCE(received.c.cents, 0))
        .join(given, JOIN.LEFT_OUTER, on=(given.c.member_id == Member.id))
        .join(received, JOIN.LEFT_OUTER, on=(received.c.member_id == Member.id), src=Member)
        .where(given.c.member_id.is_null(False) | received.c.member_id.is_null(False)
               | ((Member.status == MemberStatus.ACTIVE)
                  & (Member.joined_on.is_null() | (Member.joined_on <= date_to))))
        .order_by(Member.last_name, Member.first_name, Member.id)
    )
    return [
        MemberReferrals(member_id, name, status, n_given, n_won, n_lost, _euros(cents_given),
                        n_received, n_received_won, _euros(cents_received),
                        search_fold(name))
        for (member_id, first, last, status, n_given, n_won, n_lost, cents_given, n_received,
             n_received_won, cents_received) in database.execute(query).fetchall()
        for name in (f"{first} {last}".strip(),)
    ]


def period_totals(date_from: dt.date, date_to: dt.date) -> PeriodTotals:
    """The totals of the referrals given in the period, outside the network included.

    One query. (Referrals always come from a member: the giver is required.)
    """
    outside = Referral.receiver.is_null()
    query = (
        Referral
        .select(fn.COUNT(SQL("*")), fn.COUNT(fn.DISTINCT(Referral.giver)),
                fn.COUNT(fn.DISTINCT(Referral.receiver)),
                fn.COUNT(SQL("*")).filter(Referral.status == ReferralStatus.WON),
                fn.COUNT(SQL("*")).filter(Referral.status == ReferralStatus.LOST), _cents(),
                fn.COUNT(SQL("*")).filter(outside),
                fn.COUNT(SQL("*")).filter(outside & (Referral.status == ReferralStatus.WON)),
                fn.COALESCE(fn.SUM(fn.ROUND(Referral.amount * SQL("100")))
                            .filter(outside & (Referral.status == ReferralStatus.WON)), 0))
        .where(_in_period(date_from, date_to))
    )
    (count, givers, receivers, won, lost, cents, external, external_won,
     external_cents) = database.execute(query).fetchone()
    return PeriodTotals(count, givers, receivers, won, lost, _euros(cents), external,
                        external_won, _euros(external_cents))


def referral_summary(date_from: dt.date, date_to: dt.date) -> ReferralSummary:
    """Per member and in total, the referrals given from ``date_from`` to ``date_to``."""
    return ReferralSummary(date_from, date_to, member_summaries(date_from, date_to),
                           period_totals(date_from, date_to))
