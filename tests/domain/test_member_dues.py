"""A member's dues in the Members tab: everyone's status for a year, one member's years."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playhouse.test_utils import count_queries

from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.dues.dues_status import DuesStatus, dues_of_year
from clubdesk.domain.dues.payments import PaymentInput, record_payment
from clubdesk.domain.dues.rates import Rate, save_fee_schedule
from clubdesk.domain.members.member_dues import (
    DUES_FILTERS,
    OWING,
    UP_TO_DATE,
    fiscal_year_label,
    member_dues_years,
    year_dues,
)
from clubdesk.domain.members.members import MemberNotFoundError

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def schedules(db_path) -> None:
    for year, amount in ((2024, "100"), (2025, "110"), (2026, "120")):
        save_fee_schedule(year, [Rate(None, year, "Plein tarif", Decimal(amount)),
                                 Rate(None, year, "Réduit", Decimal("50"))])


def _pay(member_id: int, year: int, amount: str, day: dt.date, **values) -> int:
    return record_payment(PaymentInput(member_id, year, Decimal(amount), day, **values))


def test_a_members_years_latest_first_with_their_payments(schedules, make_member) -> None:
    anne = make_member(joined_on=dt.date(2024, 5, 2))
    first = _pay(anne.id, 2024, "100", dt.date(2024, 5, 3), method="cheque",
                 cheque_number="1234567")
    _pay(anne.id, 2026, "50", dt.date(2026, 1, 15))
    second = _pay(anne.id, 2026, "20", dt.date(2026, 2, 15))
    years = member_dues_years(anne.id, today=TODAY)
    assert [(year.fiscal_year, year.status, year.due, year.paid, year.owed)
            for year in years] == [
        (2026, DuesStatus.PARTLY_PAID, Decimal("120.00"), Decimal("70.00"), Decimal("50.00")),
        (2025, DuesStatus.UNPAID, Decimal("110.00"), Decimal("0.00"), Decimal("110.00")),
        (2024, DuesStatus.PAID, Decimal("100.00"), Decimal("100.00"), Decimal("0.00")),
    ]
    assert [payment.id for payment in years[0].payments] == [second, second - 1]
    assert years[1].payments == ()
    assert (years[2].payments[0].id, years[2].payments[0].cheque_number) == (first, "1234567")
    assert years[0].label == "2026"


def test_years_before_joining_or_with_nothing_due_are_left_out(schedules, make_member) -> None:
    newcomer = make_member(joined_on=dt.date(2026, 1, 20))
    prospect = make_member(status="prospect")
    assert [year.fiscal_year for year in member_dues_years(newcomer.id, today=TODAY)] == [2026]
    assert member_dues_years(prospect.id, today=TODAY) == []
    save_fee_schedule(2026, [Rate(None, 2026, "Gratuit", Decimal("0"))])  # said this year
    [year] = member_dues_years(newcomer.id, today=TODAY)
    assert (year.fiscal_year, year.status) == (2026, DuesStatus.NOT_DUE)
    save_fee_schedule(2026, [])  # no schedule: nothing to say
    assert member_dues_years(newcomer.id, today=TODAY) == []
    with pytest.raises(MemberNotFoundError):
        member_dues_years(9999)


def test_an_exemption_and_a_fiscal_year_starting_in_september(db_path, make_member) -> None:
    update_settings(fiscal_year_start_month=9)
    save_fee_schedule(2025, [Rate(None, 2025, "Cotisation", Decimal("200"))])
    member = make_member(joined_on=dt.date(2020, 1, 1))
    _pay(member.id, 2025, "0", dt.date(2025, 9, 2), exempt=True)
    [year] = member_dues_years(member.id, today=TODAY)
    assert (year.label, year.status, year.payments[0].exempt) == (
        "2025-2026", DuesStatus.EXEMPT, True)
    assert fiscal_year_label(2025) == "2025-2026" and fiscal_year_label(2025, 1) == "2025"


def test_a_members_years_take_a_query_a_year(schedules, make_member) -> None:
    anne = make_member(joined_on=dt.date(2020, 1, 1))
    with count_queries() as three_years:
        member_dues_years(anne.id, today=TODAY)
    for day in range(1, 20):
        _pay(anne.id, 2025, "5", dt.date(2025, 1, day))
    with count_queries() as many_payments:
        member_dues_years(anne.id, today=TODAY)
    assert many_payments.count == three_years.count <= 12


def test_everyones_status_of_the_year(schedules, make_member) -> None:
    paid, owing, prospect = (make_member(joined_on=dt.date(2020, 1, 1)),
                             make_member(joined_on=dt.date(2020, 1, 1)),
                             make_member(status="prospect"))
    _pay(paid.id, 2025, "110", dt.date(2025, 3, 1))
    dues = year_dues(2025)
    assert (dues.fiscal_year, dues.label) == (2025, "2025")
    assert dues.statuses() == {paid.id: "paid", owing.id: "unpaid"}
    assert prospect.id not in dues.by_member
    # Only some members: read in SQL, the same rows as everyone's.
    assert dues_of_year(2025, {owing.id}) == [dues.by_member[owing.id]]
    assert dues_of_year(2025, set()) == []


def test_the_dues_filters() -> None:
    assert DUES_FILTERS[UP_TO_DATE] == {"paid", "exempt", "not_due"}
    assert DUES_FILTERS[OWING] == {"unpaid", "partly_paid"}
    assert DUES_FILTERS["exempt"] == {"exempt"}
