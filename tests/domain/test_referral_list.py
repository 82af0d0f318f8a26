"""The referrals list: one query, folded search keys, filters and the totals on screen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playhouse.test_utils import count_queries

from clubdesk.domain.common.text import fold, search_fold
from clubdesk.domain.referrals.referral_list import (
    EXTERNAL_RECEIVER,
    PERIOD_LAST_12_MONTHS,
    PERIOD_LAST_YEAR,
    filter_referral_rows,
    people,
    period_bounds,
    referral_rows,
    referral_totals,
)
from clubdesk.domain.referrals.referrals import ReferralInput, change_status, create_referral


@pytest.fixture
def referrals(make_member) -> dict[str, int]:
    loic = make_member(first_name="Loïc", last_name="Bréhat").id
    anais = make_member(first_name="Anaïs", last_name="Dumas").id
    ids = {
        "won": create_referral(ReferralInput(giver_id=loic, receiver_id=anais,
                                             date=dt.date(2026, 5, 2), contact="Zoé Œuvray",
                                             description="Rénovation d'un café")),
        "outside": create_referral(ReferralInput(giver_id=anais,
                                                 external_recipient="Boulangerie Müller",
                                                 date=dt.date(2026, 5, 3))),
        "old": create_referral(ReferralInput(giver_id=anais, receiver_id=loic,
                                             date=dt.date(2025, 1, 10))),
    }
    change_status(ids["won"], "contacted", dt.date(2026, 5, 6))
    change_status(ids["won"], "won", dt.date(2026, 5, 20), Decimal("980.4"))
    change_status(ids["outside"], "contacted", dt.date(2026, 5, 9))
    ids.update(loic=loic, anais=anais)
    return ids


def test_rows_in_one_query_most_recent_first(referrals) -> None:
    with count_queries() as counter:
        rows = referral_rows()
    assert counter.count == 1
    assert [(r.giver_name, r.receiver_name, r.is_external, r.status, r.amount)
            for r in rows] == [
        ("Anaïs Dumas", "Boulangerie Müller", True, "contacted", None),
        ("Loïc Bréhat", "Anaïs Dumas", False, "won", Decimal("980.40")),
        ("Anaïs Dumas", "Loïc Bréhat", False, "new", None),
    ]
    outside, won, old = rows
    assert (outside.receiver_id, outside.last_change) == (None, dt.date(2026, 5, 9))
    assert (won.closed_on, won.last_change, won.date) == (dt.date(2026, 5, 20),) * 2 + (
        dt.date(2026, 5, 2),)
    assert old.last_change == dt.date(2025, 1, 10)
    assert "zoe oeuvray" in won.search_key and "renovation d'un cafe" in won.search_key
    assert [row.id for row in referral_rows(dt.date(2026, 1, 1), dt.date(2026, 5, 2))] == [
        referrals["won"]]
    assert [row.id for row in referral_rows(referral_ids=[referrals["old"]])] == [
        referrals["old"]]


def test_search_and_filters(referrals) -> None:
    rows = referral_rows()

    def ids(**kwargs) -> list[int]:
        return [row.id for row in filter_referral_rows(rows, **kwargs)]

    assert ids(text="MULLER") == [referrals["outside"]]
    assert ids(text="anais loic") == [referrals["won"], referrals["old"]]
    assert ids(text="cafe renovation") == [referrals["won"]]
    assert ids(status=("new", "contacted")) == [referrals["outside"], referrals["old"]]
    assert ids(status="won") == [referrals["won"]]
    assert ids(giver_id=referrals["anais"]) == [referrals["outside"], referrals["old"]]
    assert ids(receiver_id=EXTERNAL_RECEIVER) == [referrals["outside"]]
    assert ids(receiver_id=referrals["loic"]) == [referrals["old"]]
    assert ids(date_from=dt.date(2026, 1, 1)) == [referrals["outside"], referrals["won"]]
    assert ids(date_to=dt.date(2025, 12, 31)) == [referrals["old"]]


def test_totals_and_people(referrals) -> None:
    rows = referral_rows()
    totals = referral_totals(rows)
    assert (totals.count, totals.won, totals.business) == (3, 1, Decimal("980.40"))
    assert referral_totals([]).business == Decimal("0.00")
    assert people(rows) == [(referrals["anais"], "Anaïs Dumas", "anais dumas"),
                            (referrals["loic"], "Loïc Bréhat", "loic brehat")]
    assert people(rows, receivers=True) == [(referrals["anais"], "Anaïs Dumas", "anais dumas"),
                                            (referrals["loic"], "Loïc Bréhat", "loic brehat")]


def test_periods() -> None:
    today = dt.date(2026, 3, 15)
    assert period_bounds(PERIOD_LAST_12_MONTHS, today) == (dt.date(2025, 3, 16), today)
    assert period_bounds(PERIOD_LAST_YEAR, today) == (dt.date(2025, 1, 1),
                                                      dt.date(2025, 12, 31))
    with pytest.raises(ValueError):
        period_bounds("someday", today)


@pytest.mark.parametrize("text", ["Éloïse Œuvray", "Łukasz", "Straße", "ﬁne İstanbul",
                                  "Ǆemal", "plain ascii", "日本語", "Ἀθῆναι"])
def test_the_fast_fold_finds_what_fold_finds(text: str) -> None:
    assert search_fold(text).split() == fold(text).split()
