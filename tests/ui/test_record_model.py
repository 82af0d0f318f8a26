"""The generic read-only table model behind the Events, Volunteering and Referrals tabs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QSortFilterProxyModel, Qt

from clubdesk.ui.common.record_model import ROW_ROLE, SORT_ROLE, Column, RecordTableModel

ROWS = [
    (dt.date(2026, 3, 1), "Zoë", Decimal("10.5")),
    (dt.date(2025, 12, 24), "Éloïse", Decimal("2")),
    (dt.date(2026, 1, 15), "Łukasz", Decimal("100")),
]
COLUMNS = [
    Column("Date", lambda r: r[0].isoformat(), lambda r: r[0]),
    Column("Name", lambda r: r[1], lambda r: r[1].casefold()),
    Column("Amount", lambda r: str(r[2]), lambda r: r[2], align_right=True),
]


def test_model_and_proxy_pass_the_model_tester(qtmodeltester) -> None:
    model = RecordTableModel(COLUMNS)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    qtmodeltester.check(proxy)


def test_sorting_uses_dates_and_amounts_not_their_text(qapp) -> None:
    model = RecordTableModel(COLUMNS)
    model.set_rows(ROWS)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 1).data() for r in range(3)] == ["Éloïse", "Zoë", "Łukasz"]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 1).data() for r in range(3)] == ["Zoë", "Łukasz", "Éloïse"]
    assert proxy.index(0, 0).data(ROW_ROLE) == ROWS[0]
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Amount"
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) == right


def test_counts_are_written_as_the_language_writes_numbers(qapp) -> None:
    from PySide6.QtCore import QLocale

    from clubdesk import i18n
    from clubdesk.ui.common.translator import install_translators

    translators = install_translators(qapp, "fr")
    try:
        text = i18n.ngettext("{n} member", "{n} members", 20000)
        assert text.replace("\u202f", " ").replace("\u00a0", " ") == "20 000 membres"
        assert i18n.ngettext("{n} member", "{n} members", 1) == "1 membre"
        # Qt's own texts speak French too (its file and print dialogs).
        from PySide6.QtCore import QCoreApplication

        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    # Back to English (the conftest installed it first): "20,000 members".
    assert i18n.ngettext("{n} member", "{n} members", 20000) == "20,000 members"
