"""The referrals summary per member and for the period, counted by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playhouse.test_utils import count_queries

from clubdesk.db import Referral
from clubdesk.domain.referrals.referral_summary import (
    member_summaries,
    period_totals,
    referral_summary,
)
from clubdesk.domain.referrals.referrals import ReferralInput, change_status, create_referral

FROM, TO = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def _referral(giver: int, receiver: int | None, day: dt.date, status: str = "new",
              amount: str | None = None, outside: str = "") -> int:
    referral_id = create_referral(ReferralInput(giver_id=giver, receiver_id=receiver,
                                                external_recipient=outside, date=day))
    if status != "new":
        change_status(referral_id, status, day + dt.timedelta(days=10),
                      Decimal(amount) if amount else None)
    return referral_id


@pytest.fixture
def club(make_member) -> dict[str, int]:
    """Alice gives 4 in the period (2 won, 1 lost, 1 open), one before it, one outside."""
    alice = make_member(first_name="Alice", last_name="Arnaud").id
    bruno = make_member(first_name="Bruno", last_name="Bertin").id
    chloe = make_member(first_name="Chloé", last_name="Carré").id
    idle = make_member(first_name="Denis", last_name="Dupuis").id
    make_member(first_name="Émile", last_name="Ex", status="former")  # nothing: not listed
    make_member(first_name="Fanny", last_name="Futur", joined_on=dt.date(2026, 9, 1))
    _referral(alice, bruno, dt.date(2026, 2, 1), "won", "1000.10")
    _referral(alice, chloe, dt.date(2026, 2, 3), "won", "250.25")
    _referral(alice, bruno, dt.date(2026, 3, 1), "lost")
    _referral(alice, chloe, dt.date(2026, 4, 1), "contacted")
    _referral(alice, None, dt.date(2026, 4, 2), "won", "99.99", outside="Cabinet Dupré")
    _referral(alice, bruno, dt.date(2025, 12, 31), "won", "5000")  # before the period
    _referral(bruno, alice, dt.date(2026, 6, 30), "won", "10")  # its last day
    return {"alice": alice, "bruno": bruno, "chloe": chloe, "idle": idle}


def test_each_member_by_hand(club) -> None:
    rows = {row.name: row for row in member_summaries(FROM, TO)}
    assert list(rows) == ["Alice Arnaud", "Bruno Bertin", "Chloé Carré", "Denis Dupuis"]
    alice = rows["Alice Arnaud"]
    assert (alice.given, alice.won, alice.lost, alice.business_given) == (
        5, 3, 1, Decimal("1350.34"))
    assert (alice.received, alice.received_won, alice.business_received) == (
        1, 1, Decimal("10.00"))
    assert alice.conversion == pytest.approx(3 / 4)  # the open one is left out
    bruno = rows["Bruno Bertin"]
    assert (bruno.given, bruno.won, bruno.business_given) == (1, 1, Decimal("10.00"))
    assert (bruno.received, bruno.received_won, bruno.business_received) == (
        2, 1, Decimal("1000.10"))
    assert bruno.conversion == 1.0
    chloe = rows["Chloé Carré"]
    assert (chloe.given, chloe.received, chloe.business_received) == (0, 2, Decimal("250.25"))
    assert chloe.conversion is None
    idle = rows["Denis Dupuis"]  # an active member who gave nothing still shows
    assert (idle.given, idle.received, idle.conversion) == (0, 0, None)
    assert idle.search_key == "denis dupuis"


def test_the_period_totals_include_outside_the_network(club) -> None:
    totals = period_totals(FROM, TO)
    assert (totals.referrals, totals.givers, totals.receivers) == (6, 2, 3)
    assert (totals.won, totals.lost, totals.open) == (4, 1, 1)
    assert totals.business == Decimal("1360.34")
    assert (totals.external, totals.external_won, totals.external_business) == (
        1, 1, Decimal("99.99"))
    assert totals.conversion == pytest.approx(4 / 5)


def test_members_and_totals_agree(club) -> None:
    summary = referral_summary(FROM, TO)
    assert sum(row.given for row in summary.members) == summary.totals.referrals
    assert sum(row.business_given for row in summary.members) == summary.totals.business
    assert (sum(row.business_received for row in summary.members)
            + summary.totals.external_business) == summary.totals.business


def test_amounts_sum_exactly_in_cents(make_member) -> None:
    giver, receiver = make_member().id, make_member().id
    for _ in range(10):
        _referral(giver, receiver, dt.date(2026, 3, 1), "won", "0.10")
    assert period_totals(FROM, TO).business == Decimal("1.00")  # not 0.9999999999999999


def test_an_empty_period(club) -> None:
    summary = referral_summary(dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert summary.totals.referrals == 0 and summary.totals.business == Decimal("0.00")
    assert summary.totals.conversion is None
    assert [row.name for row in summary.members] == ["Alice Arnaud", "Bruno Bertin",
                                                     "Chloé Carré", "Denis Dupuis"]


def test_a_fixed_number_of_queries_whatever_the_number_of_members(make_member) -> None:
    def queries() -> int:
        with count_queries() as counter:
            referral_summary(FROM, TO)
        return counter.count

    def add_members(count: int) -> None:
        members = [make_member().id for _ in range(count)]
        for position, giver in enumerate(members):
            receiver = members[(position + 1) % len(members)]
            _referral(giver, receiver, dt.date(2026, 3, 1 + position % 28),
                      ("won", "lost", "new")[position % 3],
                      "120" if position % 3 == 0 else None)

    add_members(3)
    small = queries()
    add_members(60)
    assert queries() == small == 2
    assert Referral.select().count() == 63
