"""member_sheet on the club worked out by hand (tests/activity_club.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from activity_club import PERIOD, add_activity_crowd, build_activity_club
from playhouse.test_utils import count_queries

from clubdesk import i18n
from clubdesk.domain.activity.activity_figures import (
    SheetAttendance,
    SheetFee,
    SheetHours,
    SheetReferral,
)
from clubdesk.domain.activity.activity_sheet import UnknownMemberError, member_sheet

D = dt.date


@pytest.fixture
def club(db_path):
    return build_activity_club()


def test_sheet_of_anne(club) -> None:
    sheet = member_sheet(club["A"].id, PERIOD)
    assert (sheet.association, sheet.first_name, sheet.last_name, sheet.status, sheet.role,
            sheet.joined_on) == ("Club Test", "Anne", "Alpha", "active", "president",
                                 D(2025, 1, 1))
    assert sheet.attendance == [SheetAttendance(D(2026, 1, 10), "m1", "meeting", "present"),
                                SheetAttendance(D(2026, 2, 14), "m2", "meeting", "present"),
                                SheetAttendance(D(2026, 3, 31), "w1", "workshop", "present")]
    assert (sheet.expected, sheet.attended, sheet.attendance_rate) == (3, 3, 1.0)
    assert [(h.day, h.hours, h.category) for h in sheet.hours] == [
        (D(2026, 1, 5), Decimal("3.00"), "Bureau"), (D(2026, 3, 31), Decimal("2.50"), "Bureau")]
    assert isinstance(sheet.hours[0], SheetHours)
    assert sheet.total_hours == Decimal("5.50") and sheet.hours_value == Decimal("110.00")
    assert sheet.referrals_given == [
        SheetReferral(D(2026, 1, 15), "Bob Bernard", "won", Decimal("1000.00")),
        SheetReferral(D(2026, 2, 20), "Ext Co", "lost", None)]
    # r4 (from Chloé, 2025-11-10) was given before the period
    assert sheet.referrals_received == [SheetReferral(D(2026, 3, 5), "Bob Bernard", "new", None)]
    assert sheet.business_generated == Decimal("1000.00")
    assert sheet.business_received == Decimal("0.00")
    assert sheet.fees == [SheetFee(D(2026, 1, 1), D(2026, 12, 31), Decimal("100.00"),
                                   D(2026, 1, 10), "2026", "transfer", None, False)]
    assert sheet.fees_total == Decimal("100.00")
    assert [(row.role, row.starts_on, row.ends_on) for row in sheet.mandates] == [
        ("president", D(2024, 3, 15), None)]


def test_sheet_names_the_fiscal_year_and_every_role_held(club) -> None:
    from clubdesk.db import Mandate, MembershipFee
    from clubdesk.domain.common.settings import update_settings

    update_settings(fiscal_year_start_month=9)
    MembershipFee.create(member=club["B"], fiscal_year=2025, period_start=D(2025, 9, 1),
                         period_end=D(2026, 8, 31), amount=0, paid_on=D(2026, 1, 3),
                         exempt=True, receipt_number=None, method="cash")
    Mandate.create(member=club["B"], role="other", title="Accueil", starts_on=D(2025, 3, 15))
    sheet = member_sheet(club["B"].id, PERIOD)
    assert [(fee.fiscal_year_name, fee.amount, fee.exempt) for fee in sheet.fees] == [
        ("2025–2026", Decimal("0.00"), True), ("2026–2027", Decimal("50.50"), False),
        ("2026–2027", Decimal("30.00"), False)]
    assert [(row.label, row.ends_on) for row in sheet.mandates] == [
        ("Accueil", None), ("Treasurer", D(2025, 3, 14))]


def test_sheet_of_bob(club) -> None:
    sheet = member_sheet(club["B"].id, PERIOD)
    assert [row.status for row in sheet.attendance] == ["late", "absent", "absent"]
    assert (sheet.expected, sheet.attended) == (3, 1)  # late counts as attended
    assert sheet.total_hours == Decimal("1.25") and sheet.hours_value == Decimal("25.00")
    assert [(r.other, r.status) for r in sheet.referrals_given] == [
        ("Anne Alpha", "new"), ("Chloé Cohen", "won")]
    assert sheet.business_generated == Decimal("200.00")  # r5, won though closed in April
    assert sheet.business_received == Decimal("1000.00")  # r1
    assert sheet.fees_total == Decimal("80.50")  # 50.50 + 30


def test_quiet_member(club) -> None:
    sheet = member_sheet(club["E"].id, PERIOD)
    assert sheet.attendance == [] and sheet.attendance_rate is None
    assert sheet.total_hours == 0 and sheet.fees == [] and sheet.joined_on is None


def test_query_count_is_fixed(club) -> None:
    with count_queries() as small:
        member_sheet(club["A"].id, PERIOD)
    add_activity_crowd(20)
    with count_queries() as big:
        member_sheet(club["A"].id, PERIOD)
    assert small.count == big.count == 8  # the roles held: one more query


def test_unknown_member(club) -> None:
    with pytest.raises(LookupError, match="No member with number 999"):
        member_sheet(999, PERIOD)
    i18n.set_language("fr")
    with pytest.raises(UnknownMemberError, match="Aucun membre ne porte le numéro 999"):
        member_sheet(999, PERIOD)
