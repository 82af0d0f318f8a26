"""The referrals list and summary models: Qt's model tester, what they show, how they sort."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont

from clubdesk import i18n
from clubdesk.domain.referrals.referral_list import referral_rows
from clubdesk.domain.referrals.referral_summary import member_summaries
from clubdesk.domain.referrals.referrals import ReferralInput, change_status, create_referral
from clubdesk.ui.common.palette import Role, hex_colour
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.referrals import referral_summary_model as s
from clubdesk.ui.referrals import referrals_model as m
from clubdesk.ui.referrals.referral_summary_model import ReferralSummaryModel, format_rate
from clubdesk.ui.referrals.referrals_model import ReferralsModel, history_text

DAY = dt.date(2026, 3, 3)


@pytest.fixture
def rows(make_member):
    loic = make_member(first_name="Loïc", last_name="Bréhat", company="Bréhat").id
    anais = make_member(first_name="Anaïs", last_name="Dumas").id
    won = create_referral(ReferralInput(giver_id=loic, receiver_id=anais, date=DAY,
                                        contact="Zoé Martin", description="Bureaux\nà Lyon"))
    change_status(won, "won", dt.date(2026, 4, 20), Decimal("1250"))
    lost = create_referral(ReferralInput(giver_id=anais, receiver_id=loic,
                                         date=dt.date(2026, 3, 5)))
    change_status(lost, "lost", dt.date(2026, 3, 9))
    create_referral(ReferralInput(giver_id=anais, external_recipient="Cabinet Dupré",
                                  date=dt.date(2026, 3, 4)))
    return referral_rows()


def _column(model, column: int) -> list[object]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_list_model_passes_qt_model_tester(qtmodeltester, rows) -> None:
    model = ReferralsModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(m.COL_GIVER, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)


def test_what_the_list_shows(rows) -> None:
    model = ReferralsModel()
    model.set_rows(rows)
    assert model.columnCount() == m.COLUMN_COUNT
    assert _column(model, m.COL_RECEIVER) == ["Loïc Bréhat", "Cabinet Dupré", "Anaïs Dumas"]
    assert _column(model, m.COL_STATUS) == ["Lost", "New", "Won"]
    won = model.row_of(rows[-1].id)
    assert model.index(won, m.COL_AMOUNT).data() == f"{QLocale().toString(1250.0, 'f', 2)}\u00a0€"
    assert model.index(won, m.COL_AMOUNT).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(won, m.COL_DESCRIPTION).data() == "Bureaux"  # the first line
    assert model.index(won, m.COL_DESCRIPTION).data(Qt.ItemDataRole.ToolTipRole) == (
        "Bureaux\nà Lyon")
    status = model.index(won, m.COL_STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert status.color().name() == hex_colour(Role.WON)
    lost = model.index(0, m.COL_GIVER).data(Qt.ItemDataRole.ForegroundRole)
    assert lost is not None  # a lost referral is greyed whole
    outside = model.index(1, m.COL_RECEIVER)
    font = outside.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert outside.data(Qt.ItemDataRole.ToolTipRole) == "Cabinet Dupré\nOutside the network"
    assert model.index(won, 0).data(m.RowRole) is rows[-1]
    assert model.index(won, 0).data(m.ReferralIdRole) == rows[-1].id


def test_the_list_sorts_itself(rows) -> None:
    model = ReferralsModel()
    model.set_rows(rows)
    assert model.sort_state() == (m.COL_DATE, Qt.SortOrder.DescendingOrder)
    model.sort(m.COL_AMOUNT, Qt.SortOrder.DescendingOrder)
    assert _column(model, m.COL_STATUS)[0] == "Won"
    model.sort(m.COL_STATUS, Qt.SortOrder.AscendingOrder)
    assert _column(model, m.COL_STATUS) == ["New", "Won", "Lost"]
    model.sort(m.COL_RECEIVER, Qt.SortOrder.AscendingOrder)
    assert _column(model, m.COL_RECEIVER) == ["Anaïs Dumas", "Cabinet Dupré", "Loïc Bréhat"]
    model.sort(-1)
    assert [row.date for row in model.rows()] == sorted(
        (row.date for row in rows), reverse=True)


def test_history_reads_as_a_sentence(qapp) -> None:
    steps = [("new", DAY), ("contacted", dt.date(2026, 3, 6)), ("won", dt.date(2026, 4, 20))]
    money = f"{QLocale().toString(1250.0, 'f', 2)}\u00a0€"
    assert history_text(steps, Decimal("1250"), "won") == (
        f"given {DAY:%d/%m/%Y} · contacted 06/03/2026 · won 20/04/2026, {money}")
    reopened = [*steps, ("in_progress", dt.date(2026, 5, 1))]
    assert history_text(reopened, None, "in_progress").endswith(
        "won 20/04/2026 · reopened 01/05/2026")


def test_the_summary_model(qtmodeltester, rows) -> None:
    model = ReferralSummaryModel()
    model.set_rows(member_summaries(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    qtmodeltester.check(model)
    assert _column(model, s.COL_MEMBER) == ["Loïc Bréhat", "Anaïs Dumas"]
    assert _column(model, s.COL_GIVEN) == ["1", "2"]
    assert _column(model, s.COL_CONVERSION) == ["100%", "0%"]
    assert model.index(0, s.COL_BUSINESS_GIVEN).data().startswith(
        QLocale().toString(1250.0, "f", 2))
    assert model.index(1, s.COL_BUSINESS_GIVEN).data() == ""  # nothing: an empty cell
    model.sort(s.COL_BUSINESS_RECEIVED, Qt.SortOrder.DescendingOrder)
    assert _column(model, s.COL_MEMBER) == ["Anaïs Dumas", "Loïc Bréhat"]
    assert model.headerData(s.COL_CONVERSION, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole).startswith("Won ÷ (won + lost)")
    assert format_rate(None) == "—"


def test_rates_are_written_the_french_way(qapp) -> None:
    translators = install_translators(qapp, "fr")
    try:
        assert format_rate(0.625) == "63\u202f%"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
