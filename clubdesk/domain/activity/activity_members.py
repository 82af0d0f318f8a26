"""Each member's activity over a period, and the health of the network.

Definitions (the report prints them):

- a member is listed when active on the period's last day, or with any attendance row,
  volunteer hours or referral (given or received) in the period; sorted by last name,
  first name, accents and case ignored;
- *expected*: attendance rows of the period's events; *attended*: present or late;
- *referrals won*, *business generated*: the referrals they gave in the period that are
  now won, and their amounts;
- *active member* (health): a member active on the last day who, in the period, attended
  at least half of their attendance rows (with at least one row), or gave volunteer hours,
  or gave a referral;
- *stopped coming*: members active on the last day with attendance rows in the three
  months up to the period's end but not one present or late among them, by last name.
"""

from __future__ import annotations

import datetime as dt

from peewee import JOIN, SQL, fn

from clubdesk.db import Attendance, Event, Member, Referral, VolunteerEntry, database
from clubdesk.domain.activity.activity_figures import (
    HealthFigures,
    LeadershipFigures,
    MemberActivity,
    Period,
)
from clubdesk.domain.activity.activity_sql import (
    ATTENDED,
    cents,
    count_if,
    euros,
    events_within,
    hours,
    hundredths,
    member_on,
    ratio,
    within,
)
from clubdesk.domain.activity.attendance_period import months_before
from clubdesk.domain.common.codes import ReferralStatus
from clubdesk.domain.common.text import fold


def member_rows(period: Period) -> list[tuple[MemberActivity, bool]]:
    """Each listed member's activity, and whether they are active at the end. One query."""
    attendance = (
        Attendance
        .select(Attendance.member.alias("member_id"), fn.COUNT(SQL("*")).alias("n"),
                count_if(Attendance.status.in_(ATTENDED)).alias("attended"))
        .join(Event)
        .where(events_within(period))
        .group_by(Attendance.member)
        .alias("att")
    )
    volunteering = (
        VolunteerEntry
        .select(VolunteerEntry.member.alias("member_id"),
                hundredths(VolunteerEntry.hours).alias("part"))
        .where(within(VolunteerEntry.date, period))
        .group_by(VolunteerEntry.member)
        .alias("vol")
    )
    won = Referral.status == ReferralStatus.WON
    given = (
        Referral
        .select(Referral.giver.alias("member_id"), fn.COUNT(SQL("*")).alias("n"),
                count_if(won).alias("won"), cents(Referral.amount, won).alias("cents"))
        .where(within(Referral.date, period))
        .group_by(Referral.giver)
        .alias("given")
    )
    received = (
        Referral
        .select(Referral.receiver.alias("member_id"), fn.COUNT(SQL("*")).alias("n"))
        .where(within(Referral.date, period) & Referral.receiver.is_null(False))
        .group_by(Referral.receiver)
        .alias("received")
    )
    active = member_on(period.end)
    query = (
        Member
        .select(Member.id, Member.last_name, Member.first_name, Member.company,
                Member.consent_directory, fn.COALESCE(attendance.c.n, 0),
                fn.COALESCE(attendance.c.attended, 0), fn.COALESCE(volunteering.c.part, 0),
                fn.COALESCE(given.c.n, 0), fn.COALESCE(received.c.n, 0),
                fn.COALESCE(given.c.won, 0), fn.COALESCE(given.c.cents, 0),
                active.alias("active"))
        .join(attendance, JOIN.LEFT_OUTER, on=(attendance.c.member_id == Member.id))
        .join(volunteering, JOIN.LEFT_OUTER, on=(volunteering.c.member_id == Member.id),
              src=Member)
        .join(given, JOIN.LEFT_OUTER, on=(given.c.member_id == Member.id), src=Member)
        .join(received, JOIN.LEFT_OUTER, on=(received.c.member_id == Member.id), src=Member)
        .where(active | attendance.c.member_id.is_null(False)
               | volunteering.c.member_id.is_null(False) | given.c.member_id.is_null(False)
               | received.c.member_id.is_null(False))
    )
    rows = [
        (MemberActivity(member_id, last, first, company, bool(consent), int(expected),
                        int(attended), hours(part), int(n_given), int(n_received),
                        int(n_won), euros(won_cents)), bool(is_active))
        for (member_id, last, first, company, consent, expected, attended, part, n_given,
             n_received, n_won, won_cents, is_active) in database.execute(query).fetchall()
    ]
    rows.sort(key=lambda row: (fold(row[0].last_name), fold(row[0].first_name),
                               row[0].member_id))
    return rows


def stopped_coming(period: Period) -> list[str]:
    """"First Last" of the members active at the end with attendance rows in the last three
    months of the period (from the day after the same date three months earlier; the
    window may reach before the period) and not one present or
    late among them; by last name. One query."""
    window = Period(months_before(period.end, 3) + dt.timedelta(days=1), period.end)
    query = (
        Member
        .select(Member.first_name, Member.last_name)
        .join(Attendance, on=(Attendance.member == Member.id))
        .join(Event)
        .where(member_on(period.end) & events_within(window))
        .group_by(Member.id)
        .having(count_if(Attendance.status.in_(ATTENDED)) == 0)
        .tuples()
    )
    people = sorted(query, key=lambda name: (fold(name[1]), fold(name[0])))
    return [f"{first} {last}".strip() for first, last in people]


def health_figures(rows: list[tuple[MemberActivity, bool]], totals: tuple[int, int, int, int],
                   meetings: int, guests: tuple[int, int, int],
                   stopped: list[str], leadership: LeadershipFigures) -> HealthFigures:
    """The health figures from the member rows and the totals already computed."""
    current = [member for member, is_active in rows if is_active]
    active = sum(
        1 for member in current
        if (member.expected and 2 * member.attended >= member.expected)
        or member.hours > 0 or member.referrals_given > 0
    )
    total, outside_bureau, top_tenth, _volunteers = totals
    guests_total, joined, at_meetings = guests
    return HealthFigures(len(current), active, ratio(outside_bureau, total),
                         ratio(top_tenth, total), ratio(at_meetings, meetings),
                         ratio(joined, guests_total), stopped, leadership)
