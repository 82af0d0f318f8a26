"""Volunteering and referral figures of a period: one grouped query a table.

Definitions (the report prints them):

- *hours*: volunteer entries dated within the period; *value*: hours x the hourly rate of
  the settings; *volunteers*: members with at least one entry; by category (most hours
  first) and by month ("YYYY-MM", every month of the period, empty months at zero);
- *bureau share*: hours of the members whose role is ``none`` / all hours;
- *top tenth*: the hours of the ceil(volunteers / 10) members with the most hours (ties
  broken by member number) / all hours;
- *referrals*: those given within the period (by their date), by status now: won, lost,
  open (anything else); *conversion*: won / (won + lost), None while none is closed;
  *to outside*: given to someone outside the network;
- *business*: the amounts of the referrals won whose ``closed_on`` falls within the period
  (whenever they were given);
- *by month*: given and won counted in the month of the referral's date, business in the
  month it was closed, so that each column adds up to the period's figure.
"""

from __future__ import annotations

from decimal import Decimal

from peewee import SQL, fn

from clubdesk.db import Member, Referral, VolunteerEntry
from clubdesk.domain.activity.activity_figures import (
    Amount,
    MonthReferrals,
    Period,
    ReferralFigures,
    VolunteeringFigures,
)
from clubdesk.domain.activity.activity_sql import (
    cents,
    count_if,
    euros,
    hours,
    hundredths,
    ratio,
    within,
)
from clubdesk.domain.common.codes import BureauRole, ReferralStatus
from clubdesk.domain.volunteering.volunteer_summary import months_between, value_of


def month_keys(period: Period) -> list[str]:
    """Every month of the period, "YYYY-MM", in order."""
    return [f"{first:%Y-%m}" for first in months_between(period.start, period.end)]


def hours_by_category(period: Period) -> list[Amount]:
    """Hours by category, most first (then by name). One query."""
    part = hundredths(VolunteerEntry.hours)
    query = (
        VolunteerEntry
        .select(VolunteerEntry.category, part)
        .where(within(VolunteerEntry.date, period))
        .group_by(VolunteerEntry.category)
        .order_by(part.desc(), VolunteerEntry.category)
        .tuples()
    )
    return [Amount(category, hours(value)) for category, value in query]


def hours_by_month(period: Period) -> list[Amount]:
    """Hours of every month of the period, empty months at zero. One query."""
    month = fn.SUBSTR(VolunteerEntry.date, 1, 7)
    found = dict(
        VolunteerEntry
        .select(month, hundredths(VolunteerEntry.hours))
        .where(within(VolunteerEntry.date, period))
        .group_by(month)
        .tuples()
    )
    return [Amount(key, hours(found.get(key, 0))) for key in month_keys(period)]


def volunteer_totals(period: Period) -> tuple[int, int, int, int]:
    """Hundredths of hours in all, by members without a bureau role, by the top tenth of
    volunteers; and the number of volunteers. One query (window functions)."""
    part = hundredths(VolunteerEntry.hours)
    per_member = (
        VolunteerEntry
        .select(VolunteerEntry.member, Member.role.alias("role"), part.alias("part"),
                fn.ROW_NUMBER().over(order_by=[part.desc(), VolunteerEntry.member])
                .alias("rank"),
                fn.COUNT(SQL("*")).over().alias("volunteers"))
        .join(Member)
        .where(within(VolunteerEntry.date, period))
        .group_by(VolunteerEntry.member)
        .alias("per_member")
    )
    c = per_member.c
    # rank <= ceil(volunteers / 10), in integers: 10 * (rank - 1) < volunteers
    top = (c.rank - 1) * 10 < c.volunteers
    row = (
        per_member
        .select_from(fn.COALESCE(fn.SUM(c.part), 0),
                     fn.COALESCE(fn.SUM(c.part).filter(c.role == BureauRole.NONE), 0),
                     fn.COALESCE(fn.SUM(c.part).filter(top), 0),
                     fn.COUNT(SQL("*")))
        .tuples()
        .get()
    )
    total, outside_bureau, top_tenth, volunteers = (int(value) for value in row)
    return total, outside_bureau, top_tenth, volunteers


def volunteering_figures(rate: Decimal, totals: tuple[int, int, int, int],
                         categories: list[Amount], months: list[Amount]
                         ) -> VolunteeringFigures:
    total = hours(totals[0])
    return VolunteeringFigures(total, value_of(total, rate), rate, totals[3], categories,
                               months)


def referral_totals(period: Period) -> tuple[int, int, int, int, object]:
    """Given, won, lost, given to outsiders, business in cents. One query."""
    given = within(Referral.date, period)
    closed_won = (Referral.status == ReferralStatus.WON) & within(Referral.closed_on, period)
    row = (
        Referral
        .select(count_if(given), count_if(given & (Referral.status == ReferralStatus.WON)),
                count_if(given & (Referral.status == ReferralStatus.LOST)),
                count_if(given & Referral.receiver.is_null()),
                cents(Referral.amount, closed_won))
        .where(given | closed_won)
        .tuples()
        .get()
    )
    return row


def referral_months(period: Period) -> list[MonthReferrals]:
    """Every month: given and won by the referral's date, business by the closing date.

    Two queries (two different dates to group by)."""
    month = fn.SUBSTR(Referral.date, 1, 7)
    counts = {
        key: (given, won)
        for key, given, won in (
            Referral
            .select(month, fn.COUNT(SQL("*")), count_if(Referral.status == ReferralStatus.WON))
            .where(within(Referral.date, period))
            .group_by(month)
            .tuples()
        )
    }
    closed = fn.SUBSTR(Referral.closed_on, 1, 7)
    business = dict(
        Referral
        .select(closed, cents(Referral.amount))
        .where((Referral.status == ReferralStatus.WON) & within(Referral.closed_on, period))
        .group_by(closed)
        .tuples()
    )
    return [MonthReferrals(key, *(int(n) for n in counts.get(key, (0, 0))),
                           euros(business.get(key, 0)))
            for key in month_keys(period)]


def referral_figures(totals: tuple, months: list[MonthReferrals]) -> ReferralFigures:
    given, won, lost, outside, business = (int(value or 0) for value in totals)
    return ReferralFigures(given, won, lost, given - won - lost, ratio(won, won + lost),
                           euros(business), outside, months)
