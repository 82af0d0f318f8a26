"""The Volunteering tab's table models: Qt's checks, display, sorting, the total line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, QPersistentModelIndex, Qt

from clubdesk import i18n
from clubdesk.domain.common.text import fold
from clubdesk.domain.volunteering.volunteer_list import VolunteerRow
from clubdesk.domain.volunteering.volunteer_summary import PeriodTotals, SummaryLine
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.volunteering import volunteer_model as m
from clubdesk.ui.volunteering import volunteer_summary_model as s
from clubdesk.ui.volunteering.volunteer_model import EntryIdRole, RowRole, SortRole, VolunteerModel
from clubdesk.ui.volunteering.volunteer_summary_model import SummaryModel, format_share, month_label

DISPLAY = Qt.ItemDataRole.DisplayRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
D = Decimal


def _row(entry_id: int, day: dt.date, name: str, hours: str, category: str = "Events",
         title: str = "", description: str = "") -> VolunteerRow:
    return VolunteerRow(entry_id, day, entry_id * 10, name, D(hours), category, None, title,
                        description, fold(f"{name} {category} {title} {description}"))


@pytest.fixture
def rows() -> list[VolunteerRow]:
    """The most recent first, as volunteer_rows gives them."""
    return [
        _row(4, dt.date(2026, 3, 10), "Zoë Abel", "1.25", "Communication", "Réunion",
             "Mise en place de la salle"),
        _row(3, dt.date(2026, 3, 10), "Élodie Martin", "10"),
        _row(2, dt.date(2026, 3, 3), "Bruno Dumas", "0.5", "Mentoring"),
        _row(1, dt.date(2026, 2, 24), "adèle Roux", "2.75"),
    ]


def _column(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_entries_model_passes_qt_checks(qtmodeltester, rows) -> None:
    model = VolunteerModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(m.COL_MEMBER, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_entries_are_shown_with_hours_right_aligned(rows) -> None:
    model = VolunteerModel()
    model.set_rows(rows)
    assert model.columnCount() == m.COLUMN_COUNT == 6
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Date", "Member", "Hours", "Category", "Event", "Description"]
    assert _column(model, m.COL_HOURS) == ["1.25", "10.00", "0.50", "2.75"]
    assert _column(model, m.COL_DATE)[0] == "10/03/2026"
    assert model.index(0, m.COL_HOURS).data(ALIGN) == RIGHT
    assert model.headerData(m.COL_HOURS, Qt.Orientation.Horizontal, ALIGN) == RIGHT
    assert model.index(0, m.COL_MEMBER).data(ALIGN) is None
    assert model.index(0, m.COL_DESCRIPTION).data(Qt.ItemDataRole.ToolTipRole) == (
        "Mise en place de la salle")
    assert model.index(2, 0).data(RowRole) is rows[2]
    assert model.index(2, 0).data(EntryIdRole) == 2
    assert model.row_of(1) == 3 and model.row_of(99) == -1


def test_entries_sort_on_folded_text_and_come_back_to_the_most_recent(rows) -> None:
    model = VolunteerModel()
    model.set_rows(rows)
    model.sort(m.COL_MEMBER)
    assert _column(model, m.COL_MEMBER) == ["adèle Roux", "Bruno Dumas", "Élodie Martin",
                                            "Zoë Abel"]
    model.sort(m.COL_HOURS, Qt.SortOrder.DescendingOrder)
    assert _column(model, m.COL_HOURS) == ["10.00", "2.75", "1.25", "0.50"]
    assert model.index(0, m.COL_HOURS).data(SortRole)[0] == 10.0
    persistent = QPersistentModelIndex(model.index(3, 0))  # Bruno's
    model.sort(-1)
    assert [row.id for row in model.rows()] == [4, 3, 2, 1]
    assert persistent.row() == 2  # followed its row
    model.sort(m.COL_DATE)  # ties by entry
    assert [row.id for row in model.rows()] == [1, 2, 3, 4]
    assert [row.id for row in model.ordered(rows)] == [1, 2, 3, 4]


def _line(key: object, label: str, hours: str, entries: int, volunteers: int, value: str,
          share: str) -> SummaryLine:
    return SummaryLine(key, label, D(hours), entries, volunteers, D(value), D(share))


TOTALS = PeriodTotals(D("11.50"), D("172.50"), 5, 2, D("15"), dt.date(2026, 1, 5),
                      dt.date(2026, 3, 31))


@pytest.fixture
def summary_models() -> dict[str, SummaryModel]:
    members = SummaryModel(s.KIND_MEMBER)
    members.set_rows([_line(1, "Anne Bessière", "7.75", 3, 1, "116.25", "0.6739"),
                      _line(2, "Bruno Aubry", "3.75", 2, 1, "56.25", "0.3261")], TOTALS)
    categories = SummaryModel(s.KIND_CATEGORY)
    categories.set_rows([_line("Communication", "Communication", "5.5", 2, 2, "82.5", "0.4783"),
                         _line("", "", "6", 3, 2, "90", "0.5217")], TOTALS)
    months = SummaryModel(s.KIND_MONTH)
    months.set_rows([_line(dt.date(2026, 1, 1), "", "6.75", 3, 2, "101.25", "0.587"),
                     _line(dt.date(2026, 2, 1), "", "0", 0, 0, "0", "0"),
                     _line(dt.date(2026, 3, 1), "", "4.75", 2, 2, "71.25", "0.413")], TOTALS)
    return {"member": members, "category": categories, "month": months}


def test_summary_models_pass_qt_checks(qtmodeltester, summary_models) -> None:
    for model in summary_models.values():
        qtmodeltester.check(model)
        model.sort(s.COL_HOURS)
        qtmodeltester.check(model)
    empty = SummaryModel(s.KIND_MONTH)
    qtmodeltester.check(empty)
    assert empty.rowCount() == 0


def test_summary_lines_end_with_a_bold_total_that_sorting_leaves_last(summary_models) -> None:
    members = summary_models["member"]
    assert [members.index(2, c).data() for c in range(6)] == [
        "Total", "11.50", "5", "2", "172.50\u00a0€", "100.0%"]
    assert members.index(2, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert members.index(2, 0).data(s.RowRole) is None
    assert [members.index(0, c).data() for c in range(6)] == [
        "Anne Bessière", "7.75", "3", "1", "116.25\u00a0€", "67.4%"]
    assert members.index(0, s.COL_VALUE).data(ALIGN) == RIGHT
    members.sort(s.COL_LABEL)
    assert _column(members, s.COL_LABEL) == ["Anne Bessière", "Bruno Aubry", "Total"]
    members.sort(s.COL_HOURS, Qt.SortOrder.AscendingOrder)
    assert _column(members, s.COL_LABEL) == ["Bruno Aubry", "Anne Bessière", "Total"]
    categories = summary_models["category"]
    assert _column(categories, s.COL_LABEL) == ["Communication", "No category", "Total"]
    assert categories.index(1, 0).data(Qt.ItemDataRole.FontRole).italic()


def test_months_are_named_and_shares_written_by_language(summary_models) -> None:
    assert _column(summary_models["month"], s.COL_LABEL) == [
        "January 2026", "February 2026", "March 2026", "Total"]
    assert month_label(dt.date(2026, 8, 1)) == "August 2026"
    assert format_share(D("0.4565")) == "45.7%"


def test_french_hours_money_months_and_shares(qapp, rows, summary_models) -> None:
    translators = install_translators(qapp, "fr")
    try:
        model = VolunteerModel()
        model.set_rows(rows)
        assert _column(model, m.COL_HOURS)[:2] == ["1,25", "10,00"]
        assert model.headerData(m.COL_MEMBER, Qt.Orientation.Horizontal) == "Membre"
        months = SummaryModel(s.KIND_MONTH)
        months.set_rows(summary_models["month"].lines(), TOTALS)
        assert [months.index(0, c).data() for c in range(6)] == [
            "Janvier 2026", "6,75", "3", "2", "101,25\u00a0€", "58,7\u00a0%"]
        assert months.index(3, s.COL_LABEL).data() == "Total"
        assert format_share(D("0.4565")) == "45,7\u00a0%"
        assert month_label(dt.date(2026, 8, 1)) == "Août 2026"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
