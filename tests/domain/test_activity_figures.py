"""activity_figures on a club worked out by hand (tests/activity_club.py) and on the demo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from activity_club import PERIOD, add_activity_crowd, build_activity_club
from playhouse.test_utils import count_queries

from clubdesk.domain.activity.activity_figures import Amount, Count, MonthReferrals, Period
from clubdesk.domain.activity.activity_queries import QUERIES, ActivityCancelled, activity_figures
from clubdesk.domain.activity.attendance_period import InvalidPeriodError


@pytest.fixture
def club(db_path):
    return build_activity_club()


def test_membership(club) -> None:
    m = activity_figures(PERIOD).membership
    # on 01-01: A, B, D (leaves 02-15), F (joined unknown); not C (joins 02-01), E, G
    assert m.active_at_start == 4
    # on 03-31: A, B, C, F
    assert m.active_at_end == 4
    assert (m.joined, m.left) == (1, 1)  # C, D
    assert m.retention_rate == 3 / 4  # A, B, F of A, B, D, F
    # at the end: Tech A B, "" C, Droit F; ties by label ("" first)
    assert m.by_sector == [Count("Tech", 2), Count("", 1), Count("Droit", 1)]
    assert m.by_status == [Count("prospect", 1), Count("active", 3), Count("lapsed", 1),
                           Count("former", 2)]
    dues = m.dues
    assert (dues.fiscal_year, dues.year_name) == (2026, "2026")
    assert dues.members == 5  # A B C D F: E is a prospect, G left in 2025
    assert dues.expected == Decimal("500.00")  # 5 x 100
    # A 100, B 50.50 + 30, C 80 paid after the period: it is for 2026 all the same
    assert dues.received == Decimal("260.50")
    assert dues.outstanding == Decimal("239.50")  # B 19.50, C 20, D 100, F 100
    assert dues.up_to_date == 1 and dues.up_to_date_rate == 1 / 5  # A
    assert dues.any_due


def test_dues_of_a_year_without_schedule_or_payment(club) -> None:
    dues = activity_figures(Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))).membership.dues
    assert dues.fiscal_year == 2024 and dues.expected == dues.received == 0
    assert not dues.any_due and dues.up_to_date == dues.members  # nothing is due


def test_the_dues_are_those_of_the_fiscal_year_holding_most_of_the_period(club) -> None:
    from clubdesk.domain.common.settings import update_settings

    update_settings(fiscal_year_start_month=9)
    # 2026-01-01..03-31 lies within 2025-2026 (September to August)
    dues = activity_figures(PERIOD).membership.dues
    assert (dues.fiscal_year, dues.year_name) == (2025, "2025–2026")
    # A calendar year: eight months in 2025-2026, four in 2026-2027
    year = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert activity_figures(year).membership.dues.fiscal_year == 2025
    # A fiscal year: itself
    fiscal = Period(dt.date(2026, 9, 1), dt.date(2027, 8, 31))
    assert activity_figures(fiscal).membership.dues.fiscal_year == 2026


def test_leadership_and_the_bureau_of_each_year(club) -> None:
    figures = activity_figures(PERIOD, today=dt.date(2026, 11, 29))
    lead = figures.health.leadership
    assert lead.on == PERIOD.end and lead.years == 3
    # 2023-03-31..2026-03-31: A, B (until 2025-03-14), D (until 2026-02-15); G ended 2022
    assert lead.holders == 3
    # A, the only one holding a role on 03-31, since 2024-03-15: two years
    assert (lead.longest_name, lead.longest_since) == ("Anne Alpha", dt.date(2024, 3, 15))
    assert lead.longest_role == "President" and lead.longest_months == 24
    assert list(figures.bureaus) == [2026]
    assert [(row.last_name, row.role) for row in figures.bureaus[2026]] == [
        ("Alpha", "president"), ("Dubois", "secretary")]


def test_leadership_of_a_running_period_is_measured_today(club) -> None:
    year = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    lead = activity_figures(year, today=dt.date(2026, 3, 14)).health.leadership
    assert lead.on == dt.date(2026, 3, 14)
    assert lead.longest_months == 23  # 2024-03-15 to 2026-03-14: not yet two years
    nobody = activity_figures(Period(dt.date(2019, 1, 1), dt.date(2019, 12, 31)))
    assert nobody.health.leadership.longest_months is None
    assert nobody.health.leadership.holders == 0 and nobody.bureaus == {}
    early = activity_figures(Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31)))
    assert early.health.leadership.holders == 1  # G alone, since 2020-01-01
    assert early.health.leadership.longest_role == "Communication"
    assert early.health.leadership.longest_months == 23
    assert [row.label for row in early.bureaus[2021]] == ["Communication"]


def test_meetings(club) -> None:
    m = activity_figures(PERIOD).meetings
    assert m.events == 4  # m1, m2, m3, w1 (m0 before, m4 at 04-01 00:00 after)
    assert m.by_kind == [Count("meeting", 3), Count("workshop", 1)]
    # m1 2/4, m2 1/4, w1 1/2; m3 has no list
    assert m.average_attendance_rate == pytest.approx((0.5 + 0.25 + 0.5) / 3)
    assert m.attendance_rows == 10  # 4 + 4 + 2
    assert (m.guests, m.guests_joined) == (3, 1)  # g1 g2 g3; g1 became C


def test_volunteering(club) -> None:
    v = activity_figures(PERIOD).volunteering
    assert v.hours == Decimal("8.50")  # 3 + 2.5 + 1.25 + 0.75 + 1 (F's are outside)
    assert v.hourly_rate == Decimal("20")
    assert v.value == Decimal("170.00")  # 8.5 x 20
    assert v.volunteers == 4  # A B C D
    assert v.by_category == [Amount("Bureau", Decimal("5.50")),
                             Amount("Accueil", Decimal("3.00"))]  # 1.25 + 0.75 + 1
    assert v.by_month == [Amount("2026-01", Decimal("5.25")),  # 3 + 1.25 + 1
                          Amount("2026-02", Decimal("0.00")),
                          Amount("2026-03", Decimal("3.25"))]  # 2.5 + 0.75


def test_referrals(club) -> None:
    r = activity_figures(PERIOD).referrals
    # given in the period: r1 won, r2 lost, r3 new, r5 won (closed after the period)
    assert (r.given, r.won, r.lost, r.open) == (4, 2, 1, 1)
    assert r.conversion_rate == 2 / 3
    assert r.business == Decimal("1500.00")  # closed won in the period: r1 1000 + r4 500
    assert r.to_outside == 1  # r2
    assert r.by_month == [
        MonthReferrals("2026-01", 1, 1, Decimal("500.00")),   # r1 given; r4 closed
        MonthReferrals("2026-02", 1, 0, Decimal("1000.00")),  # r2 given; r1 closed
        MonthReferrals("2026-03", 2, 1, Decimal("0.00")),     # r3, r5 (won) given
    ]


def test_health(club) -> None:
    h = activity_figures(PERIOD).health
    assert h.members == 4  # A B C F
    # A attended 3/3; B 1/3 but volunteered; C 0/2 but volunteered; F 0/1, nothing else
    assert h.active_members == 3
    assert h.active_share == 3 / 4
    assert h.hours_outside_bureau_share == pytest.approx(3.0 / 8.5)  # B C D; A president
    # ceil(4 volunteers / 10) = 1: A's 5.5 hours
    assert h.top_tenth_hours_share == pytest.approx(5.5 / 8.5)
    assert h.guests_per_meeting == 2 / 3  # g1 g2 at m1; 3 meetings (g3 at a workshop)
    assert h.guest_conversion == 1 / 3
    # window 2026-01-01..03-31: C absent twice, F excused (present at m0, before it)
    assert h.stopped_coming == ["Chloé Cohen", "Fred Fabre"]


def test_members(club) -> None:
    rows = activity_figures(PERIOD).members
    # E and G: no activity, not active at the end
    assert [(r.last_name, r.expected, r.attended, r.hours, r.referrals_given,
             r.referrals_received, r.referrals_won, r.business_generated) for r in rows] == [
        ("Alpha", 3, 3, Decimal("5.50"), 2, 1, 1, Decimal("1000.00")),  # r1 r2; r3
        ("Bernard", 3, 1, Decimal("1.25"), 2, 1, 1, Decimal("200.00")),  # r3 r5; r1
        ("Cohen", 2, 0, Decimal("0.75"), 0, 1, 0, Decimal("0.00")),  # r4 before; r5
        ("Dubois", 1, 0, Decimal("1.00"), 0, 0, 0, Decimal("0.00")),  # left, active
        ("Fabre", 1, 0, Decimal("0.00"), 0, 0, 0, Decimal("0.00")),  # active at the end
    ]
    assert [r.in_directory for r in rows] == [True, False, True, False, False]
    assert rows[0].attendance_rate == 1.0 and rows[1].attendance_rate == 1 / 3
    assert rows[0].company == "Alpha SA" and rows[0].first_name == "Anne"


def test_quiet_period_gives_none_and_zero_months(club) -> None:
    figures = activity_figures(Period(dt.date(2030, 1, 1), dt.date(2030, 2, 28)))
    assert figures.meetings.events == 0 and figures.meetings.average_attendance_rate is None
    assert figures.referrals.conversion_rate is None
    assert figures.referrals.by_month == [MonthReferrals("2030-01", 0, 0, Decimal("0.00")),
                                          MonthReferrals("2030-02", 0, 0, Decimal("0.00"))]
    assert [month.value for month in figures.volunteering.by_month] == [0, 0]
    health = figures.health
    assert health.guests_per_meeting is None and health.guest_conversion is None
    assert health.top_tenth_hours_share is None and health.hours_outside_bureau_share is None
    assert health.stopped_coming == [] and health.active_members == 0
    assert figures.membership.retention_rate == 1.0  # A B C F, nobody has left


def test_empty_database(db_path) -> None:
    figures = activity_figures(PERIOD)
    assert figures.membership.retention_rate is None
    assert figures.membership.active_at_end == 0 and figures.members == []
    assert figures.health.active_share is None
    assert figures.volunteering.hours == 0 and figures.volunteering.volunteers == 0


def test_top_tenth_of_eleven_volunteers_is_two(db_path) -> None:
    from clubdesk.db import Member, VolunteerEntry

    for n in range(11):  # 1, 2, ..., 11 hours: 66 in all
        member = Member.create(first_name="V", last_name=f"V{n}")
        VolunteerEntry.create(member=member, date=dt.date(2026, 1, 2), hours=n + 1)
    h = activity_figures(PERIOD).health
    assert h.top_tenth_hours_share == pytest.approx((11 + 10) / 66)  # ceil(11/10) = 2


def test_query_count_does_not_grow(club) -> None:
    with count_queries() as small:
        activity_figures(PERIOD)
    add_activity_crowd(40)
    with count_queries() as big:
        figures = activity_figures(PERIOD)
    assert small.count == big.count == QUERIES
    assert figures.volunteering.volunteers == 44 and figures.membership.active_at_end == 44


def test_progress_and_cancel(club) -> None:
    calls: list[tuple[int, int]] = []
    activity_figures(PERIOD, lambda done, total: calls.append((done, total)) or True)
    assert calls[-1][0] == calls[-1][1] and len(calls) == calls[-1][1]
    with pytest.raises(ActivityCancelled):
        activity_figures(PERIOD, lambda done, total: done < 3)


def test_invalid_period(db_path) -> None:
    with pytest.raises(InvalidPeriodError):
        activity_figures(Period(dt.date(2026, 2, 1), dt.date(2026, 1, 1)))


def test_small_demo_is_consistent(db_path) -> None:
    from clubdesk.demo.association import build_demo

    build_demo("small", seed=1, today=dt.date(2026, 11, 29))
    period = Period(dt.date(2025, 11, 1), dt.date(2026, 10, 31))
    f = activity_figures(period)
    assert f.association
    assert 50 <= f.membership.active_at_end <= 200
    assert sum(c.value for c in f.membership.by_sector) == f.membership.active_at_end
    assert sum(c.value for c in f.meetings.by_kind) == f.meetings.events > 0
    assert 0.3 < f.meetings.average_attendance_rate < 1
    v = f.volunteering
    assert len(v.by_month) == 12
    assert sum(a.value for a in v.by_month) == v.hours == sum(a.value for a in v.by_category)
    assert v.value == (v.hours * v.hourly_rate).quantize(Decimal("0.01"))
    r = f.referrals
    assert r.given == r.won + r.lost + r.open and len(r.by_month) == 12
    assert sum(m.given for m in r.by_month) == r.given
    assert sum(m.won for m in r.by_month) == r.won
    assert sum(m.business for m in r.by_month) == r.business
    h = f.health
    assert h.members == f.membership.active_at_end
    assert 0 < h.active_members <= h.members
    assert 0 < h.top_tenth_hours_share < 1 and 0 < h.hours_outside_bureau_share < 1
    assert sum(m.hours for m in f.members) == v.hours
    assert sum(m.referrals_given for m in f.members) == r.given
    assert sum(m.expected for m in f.members) == f.meetings.attendance_rows
