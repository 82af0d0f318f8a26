"""Choosing a report's period."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from clubdesk.ui.common.period_dialog import PeriodDialog, preset_periods


def test_presets() -> None:
    presets = {key: (first, last) for key, first, last in preset_periods(dt.date(2026, 11, 29))}
    assert presets["last_12_months"] == (dt.date(2025, 11, 30), dt.date(2026, 11, 29))
    assert presets["last_year"] == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    leap = dict((k, (f, t)) for k, f, t in preset_periods(dt.date(2028, 2, 29)))
    assert leap["last_12_months"] == (dt.date(2027, 3, 1), dt.date(2028, 2, 29))


def test_dates_follow_the_preset_and_inverted_dates_are_refused(qtbot) -> None:
    dialog = PeriodDialog("Attendance", today=dt.date(2026, 11, 29))
    qtbot.addWidget(dialog)
    assert dialog.period() == (dt.date(2025, 11, 30), dt.date(2026, 11, 29))
    dialog.preset.setCurrentIndex(dialog.preset.findData("last_year"))
    assert dialog.period() == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.date_to.setDate(QDate(2024, 6, 1))
    assert dialog.preset.currentData() == "custom"
    assert not ok.isEnabled() and "ends before it starts" in dialog.message.text()
    dialog.date_to.setDate(QDate(2025, 6, 30))
    assert ok.isEnabled()
    ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.period() == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
