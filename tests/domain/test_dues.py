"""Dues: the fee schedule, payments with receipt numbers, who is up to date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clubdesk.db import MembershipFee
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.dues.dues_status import (
    DuesStatus,
    dues_by_member,
    dues_totals,
    owing,
    up_to_date_ids,
)
from clubdesk.domain.dues.payments import (
    PaymentInput,
    PaymentNotFoundError,
    PaymentValidationError,
    delete_payment,
    member_payments,
    record_payment,
    record_payments,
    update_payment,
)
from clubdesk.domain.dues.rates import (
    Rate,
    ScheduleValidationError,
    copy_schedule,
    fee_schedule,
    parse_amount,
    save_fee_schedule,
)

YEAR = 2025
PAID_ON = dt.date(2025, 2, 3)


@pytest.fixture
def schedule(db_path):
    return save_fee_schedule(YEAR, [Rate(None, YEAR, "Plein tarif", Decimal("300")),
                                    Rate(None, YEAR, "Tarif réduit", Decimal("150")),
                                    Rate(None, YEAR, "Première année", Decimal("240"), True)])


def _payment(member_id: int, amount: str = "300", **values) -> PaymentInput:
    values.setdefault("paid_on", PAID_ON)
    return PaymentInput(member_id=member_id, fiscal_year=YEAR, amount=Decimal(amount),
                        **values)


def test_the_schedule_keeps_its_order_and_refuses_duplicates(schedule) -> None:
    assert [rate.name for rate in fee_schedule(YEAR)] == ["Plein tarif", "Tarif réduit",
                                                         "Première année"]
    full, reduced, first = schedule
    stored = save_fee_schedule(YEAR, [reduced, Rate(full.id, YEAR, "Plein", Decimal("320"))])
    assert [(rate.id, rate.name, rate.amount) for rate in stored] == [
        (reduced.id, "Tarif réduit", Decimal("150")), (full.id, "Plein", Decimal("320"))]
    with pytest.raises(ScheduleValidationError) as refused:
        save_fee_schedule(YEAR, [Rate(None, YEAR, "A", Decimal(1)),
                                 Rate(None, YEAR, "a", Decimal(2))])
    assert refused.value.errors == {1: "Two rates are named “a”."}
    assert [rate.name for rate in copy_schedule(YEAR, YEAR + 1)] == ["Tarif réduit", "Plein"]


@pytest.mark.parametrize(("text", "value"), [("120", "120.00"), ("120,50", "120.50"),
                                             ("1 200,00 €", "1200.00"), ("abc", None)])
def test_amounts_as_users_write_them(text: str, value: str | None) -> None:
    assert parse_amount(text) == (Decimal(value) if value else None)


def test_a_payment_takes_the_next_receipt_number_never_given_again(schedule,
                                                                    make_member) -> None:
    anne, paul = make_member(), make_member()
    first = record_payment(_payment(anne.id, method="cheque", cheque_number="1234567"))
    delete_payment(first)
    second = record_payment(_payment(paul.id))
    assert MembershipFee.get_by_id(second).receipt_number == 2
    batch = record_payments([anne.id, paul.id], _payment(0, "150", rate_id=schedule[1].id))
    assert [MembershipFee.get_by_id(fee).receipt_number for fee in batch] == [3, 4]
    exemption = record_payment(_payment(anne.id, "0", exempt=True))
    assert MembershipFee.get_by_id(exemption).receipt_number is None


def test_a_refused_payment_stores_nothing(schedule, make_member) -> None:
    anne = make_member()
    for wrong in (_payment(anne.id, "-5"), _payment(anne.id, "0"),
                  _payment(anne.id, paid_on=dt.date.today() + dt.timedelta(days=2)),
                  _payment(anne.id, method="barter")):
        with pytest.raises(PaymentValidationError):
            record_payment(wrong)
    with pytest.raises(PaymentValidationError, match="Member 999 does not exist"):
        record_payments([anne.id, 999], _payment(anne.id))
    assert MembershipFee.select().count() == 0


def test_edit_keeps_the_receipt_and_a_deleted_payment_is_not_found(schedule,
                                                                   make_member) -> None:
    anne = make_member()
    fee = record_payment(_payment(anne.id, payer="Cabinet Morel"))
    update_payment(fee, _payment(anne.id, "250", payer="Cabinet Morel"))
    [row] = member_payments(anne.id)
    assert (row.amount, row.receipt_number, row.payer) == (Decimal("250"), 1, "Cabinet Morel")
    delete_payment(fee)
    with pytest.raises(PaymentNotFoundError):
        delete_payment(fee)


def test_statuses_of_the_year(schedule, make_member) -> None:
    full, reduced, first_year = schedule
    paid = make_member(joined_on=dt.date(2020, 1, 1))
    partly = make_member(joined_on=dt.date(2020, 1, 1))
    unpaid = make_member(joined_on=dt.date(2020, 1, 1))
    exempt = make_member(joined_on=dt.date(2020, 1, 1))
    reduced_payer = make_member(joined_on=dt.date(2020, 1, 1))
    newcomer = make_member(joined_on=dt.date(2025, 10, 1))
    make_member(status="prospect")
    make_member(status="former", left_on=dt.date(2024, 6, 30))
    record_payment(_payment(paid.id))
    record_payment(_payment(partly.id, "100"))
    record_payment(_payment(exempt.id, "0", exempt=True))
    record_payment(_payment(reduced_payer.id, "150", rate_id=reduced.id))
    record_payment(_payment(newcomer.id, "60", rate_id=first_year.id,
                            paid_on=dt.date(2025, 10, 2)))
    dues = dues_by_member(YEAR)
    assert set(dues) == {paid.id, partly.id, unpaid.id, exempt.id, reduced_payer.id,
                         newcomer.id}
    assert {member_id: row.status for member_id, row in dues.items()} == {
        paid.id: DuesStatus.PAID, partly.id: DuesStatus.PARTLY_PAID,
        unpaid.id: DuesStatus.UNPAID, exempt.id: DuesStatus.EXEMPT,
        reduced_payer.id: DuesStatus.PAID, newcomer.id: DuesStatus.PAID}
    # First year, pro rata: October to December is three months of 240 €.
    assert dues[newcomer.id].due == Decimal("60.00")
    assert [(row.member_id, row.owed) for row in owing(YEAR)] == sorted(
        [(partly.id, Decimal("200.00")), (unpaid.id, Decimal("300.00"))],
        key=lambda item: [paid.id, partly.id, unpaid.id].index(item[0]))
    assert up_to_date_ids(YEAR) == {paid.id, exempt.id, reduced_payer.id, newcomer.id}
    totals = dues_totals(YEAR)
    assert (totals.members, totals.up_to_date) == (6, 4)
    assert (totals.expected, totals.received, totals.outstanding) == (
        Decimal("1110.00"), Decimal("610.00"), Decimal("500.00"))


def test_a_fiscal_year_starting_in_september(db_path, make_member) -> None:
    update_settings(fiscal_year_start_month=9)
    save_fee_schedule(2025, [Rate(None, 2025, "Cotisation", Decimal("200"))])
    member = make_member(joined_on=dt.date(2025, 9, 20))
    fee = record_payment(PaymentInput(member.id, 2025, Decimal("200"), dt.date(2025, 9, 21)))
    row = MembershipFee.get_by_id(fee)
    assert (row.period_start, row.period_end) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    assert dues_by_member(2025)[member.id].status == DuesStatus.PAID


def test_the_dues_of_every_member_take_one_query(db_path, make_member, schedule,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from clubdesk.db import database

    for _index in range(30):
        make_member(joined_on=dt.date(2020, 1, 1))
    statements: list[str] = []
    original = database.execute_sql
    monkeypatch.setattr(database, "execute_sql", lambda sql, *args, **kwargs: (
        statements.append(sql), original(sql, *args, **kwargs))[1])
    assert len(owing(YEAR)) == 30
    assert len([sql for sql in statements if "membership_fee" in sql]) == 1


def test_the_rate_owed_is_that_of_the_latest_payment(schedule, make_member) -> None:
    """By payment date, then by the order payments were recorded on the same day."""
    full, reduced, first_year = schedule
    switched = make_member(joined_on=dt.date(2020, 1, 1))
    same_day = make_member(joined_on=dt.date(2020, 1, 1))
    record_payment(_payment(switched.id, "150", rate_id=reduced.id,
                            paid_on=dt.date(2025, 3, 1)))
    record_payment(_payment(switched.id, "10", rate_id=full.id, paid_on=dt.date(2025, 1, 5)))
    record_payment(_payment(same_day.id, "150", rate_id=reduced.id))
    record_payment(_payment(same_day.id, "100", rate_id=full.id))
    dues = dues_by_member(YEAR)
    assert (dues[switched.id].rate_name, dues[switched.id].due) == ("Tarif réduit",
                                                                    Decimal("150.00"))
    assert dues[switched.id].status == DuesStatus.PAID  # 160 of 150
    assert (dues[same_day.id].rate_name, dues[same_day.id].status) == (
        "Plein tarif", DuesStatus.PARTLY_PAID)  # 250 of 300
