"""The dashboard's period: this year, last year, the last full fiscal year, or dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from clubdesk.domain.activity.activity_figures import Period, last_full_fiscal_year
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.period_dialog import PeriodDialog

THIS_YEAR = "this_year"
LAST_YEAR = "last_year"
FISCAL_YEAR = "last_fiscal_year"
SINCE = "since"
CUSTOM = "custom"
CHOSEN = "chosen"  # the dates last asked for, kept as an item of their own


def ask_dates(parent: QWidget, title: str) -> Period | None:
    """Two dates from the period dialog, or None (tests replace this)."""
    chosen = PeriodDialog.ask(parent, title)
    return Period(*chosen) if chosen else None


def ask_since(parent: QWidget, title: str, today: dt.date) -> dt.date | None:
    """The first day of a period that runs to today, or None (tests replace this)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QDateEdit(QDate(today.year, 1, 1))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMaximumDate(QDate(today.year, today.month, today.day))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(_("From"), edit)
    form.addRow(buttons)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return edit.date().toPython()
        return None
    finally:
        dialog.deleteLater()


class DashboardPeriodCombo(QComboBox):
    """Chooses the dashboard's period; the last full fiscal year comes first and is the
    default. :attr:`period_changed` is emitted once the period is known (after the dates
    were asked for)."""

    period_changed = Signal(object)  # the Period

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._periods: dict[str, Period] = {}
        self._today = dt.date.today()
        self._previous = 0
        self.activated.connect(self._activated)

    def set_today(self, today: dt.date, fiscal_start_month: int) -> None:
        """Build the items for ``today``, keeping the chosen one; emits nothing."""
        key = self.currentData()
        chosen = self._periods.get(CHOSEN)
        self._today = today
        self._periods = {
            FISCAL_YEAR: last_full_fiscal_year(today, fiscal_start_month),
            THIS_YEAR: Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)),
            LAST_YEAR: Period(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
        }
        self.blockSignals(True)
        self.clear()
        fiscal = self._periods[FISCAL_YEAR]
        if fiscal_start_month == 1:
            self.addItem(_("Last full year ({year})").format(year=fiscal.start.year),
                         FISCAL_YEAR)
        else:
            self.addItem(_("Last full fiscal year ({first}–{last})").format(
                first=fiscal.start.year, last=fiscal.end.year), FISCAL_YEAR)
        self.addItem(_("This year ({year})").format(year=today.year), THIS_YEAR)
        self.addItem(_("Last year ({year})").format(year=today.year - 1), LAST_YEAR)
        if chosen is not None:
            self._add_chosen(chosen)
        self.addItem(_("Since a date…"), SINCE)
        self.addItem(_("Custom…"), CUSTOM)
        index = self.findData(key)
        self.setCurrentIndex(index if index >= 0 else 0)
        self._previous = self.currentIndex()
        self.blockSignals(False)

    def period(self) -> Period:
        return self._periods.get(self.currentData(), self._periods.get(FISCAL_YEAR)) \
            or last_full_fiscal_year(self._today, 1)

    def choose(self, key: str) -> None:
        """Choose a preset by its key and emit :attr:`period_changed`."""
        index = self.findData(key)
        if index >= 0 and key not in (SINCE, CUSTOM):
            self.setCurrentIndex(index)
            self._previous = index
            self.period_changed.emit(self.period())
        elif index >= 0:
            self._activated(index)

    def set_period(self, period: Period) -> None:
        """Show ``period``: its preset when it is one, else as chosen dates; emits nothing."""
        for key, known in self._periods.items():
            if known == period and key != CHOSEN:
                self.setCurrentIndex(self.findData(key))
                break
        else:
            self._add_chosen(period)
            self.setCurrentIndex(self.findData(CHOSEN))
        self._previous = self.currentIndex()

    def _add_chosen(self, period: Period) -> None:
        self._periods[CHOSEN] = period
        text = f"{format_date(period.start)} – {format_date(period.end)}"
        index = self.findData(CHOSEN)
        if index >= 0:
            self.setItemText(index, text)
        else:
            self.insertItem(self.findData(SINCE), text, CHOSEN)

    def _activated(self, index: int) -> None:
        key = self.itemData(index)
        period: Period | None
        if key == SINCE:
            start = ask_since(self, _("Since a date"), self._today)
            period = Period(start, self._today) if start and start <= self._today else None
        elif key == CUSTOM:
            period = ask_dates(self, _("Period"))
        else:
            self._previous = index
            self.period_changed.emit(self.period())
            return
        if period is None:
            self.setCurrentIndex(self._previous)
            return
        self.set_period(period)
        self.period_changed.emit(period)
