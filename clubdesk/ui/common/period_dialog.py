"""Choosing a period: the last twelve months, a year, or two dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clubdesk.i18n import _
from clubdesk.ui.common.palette import Role, css


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def preset_periods(today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """(key, first day, last day) of the usual periods, relative to ``today``."""
    try:
        year_ago = today.replace(year=today.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28) + dt.timedelta(days=1)
    return [
        ("last_12_months", year_ago, today),
        ("this_year", dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)),
        ("last_year", dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
    ]


class PeriodDialog(QDialog):
    """Two dates, with shortcuts for the usual periods; OK only when the period is valid."""

    def __init__(self, title: str, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._presets = preset_periods(today or dt.date.today())
        labels = {
            "last_12_months": _("The last 12 months"),
            "this_year": _("This year"),
            "last_year": _("Last year"),
        }
        self.preset = QComboBox()
        for key, _first, _last in self._presets:
            self.preset.addItem(labels[key], key)
        self.preset.addItem(_("Other dates"), "custom")
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.dateChanged.connect(self._dates_edited)
        self.message = QLabel()
        self.message.setStyleSheet(css(Role.ERROR))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(_("Period"), self.preset)
        form.addRow(_("From"), self.date_from)
        form.addRow(_("To"), self.date_to)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._applying = False
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self._apply_preset()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> tuple[dt.date, dt.date] | None:
        dialog = cls(title, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.period()
        return None

    def period(self) -> tuple[dt.date, dt.date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def _apply_preset(self) -> None:
        key = self.preset.currentData()
        for preset_key, first, last in self._presets:
            if preset_key == key:
                self._applying = True
                self.date_from.setDate(_qdate(first))
                self.date_to.setDate(_qdate(last))
                self._applying = False
        self._validate()

    def _dates_edited(self) -> None:
        if not self._applying:
            self.preset.setCurrentIndex(self.preset.findData("custom"))
        self._validate()

    def _validate(self) -> bool:
        first, last = self.period()
        ok = first <= last
        self.message.setText("" if ok else _("The period ends before it starts."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def accept(self) -> None:
        if self._validate():
            super().accept()
