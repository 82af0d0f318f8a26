"""The period of the Volunteering tab: the usual ones in a combo, or two dates.

The last 12 months come first (what a report to the members covers), then the calendar
years, the fiscal years when the association's year does not start in January, every date,
and "Other dates…", which asks for two dates and keeps them as an item of their own.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from clubdesk.domain.volunteering.volunteer_summary import fiscal_year
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.period_dialog import PeriodDialog, preset_periods

Period = tuple[dt.date | None, dt.date | None]
ALL = "all"
CUSTOM = "custom"
OTHER = "other"


def ask_period(parent: QWidget, title: str) -> tuple[dt.date, dt.date] | None:
    """Two dates from the period dialog, or None (tests replace this)."""
    return PeriodDialog.ask(parent, title)


class PeriodCombo(QComboBox):
    """Chooses a period; :meth:`period` gives its first and last days (None: open)."""

    period_changed = Signal()

    def __init__(self, today: dt.date | None = None, fiscal_start_month: int = 1,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._periods: dict[str, Period] = {}
        self._previous = 0
        self.set_today(today or dt.date.today(), fiscal_start_month)
        self.activated.connect(self._activated)
        self.currentIndexChanged.connect(self._changed)

    def set_today(self, today: dt.date, fiscal_start_month: int = 1) -> None:
        """Build the items for ``today``; the chosen period is kept when it still exists."""
        key = self.currentData()
        custom = self._periods.get(CUSTOM)
        self.blockSignals(True)
        self.clear()
        self._periods = {}
        presets = {name: (first, last) for name, first, last in preset_periods(today)}
        self._add(_("Past 12 months"), "last_12_months", presets["last_12_months"])
        self._add(_("Year {year}").format(year=today.year), "this_year",
                  presets["this_year"])
        self._add(_("Year {year}").format(year=today.year - 1), "last_year",
                  presets["last_year"])
        if fiscal_start_month != 1:
            for back, name in ((0, "this_fiscal_year"), (1, "last_fiscal_year")):
                first, last = fiscal_year(today, fiscal_start_month, back)
                self._add(_("Fiscal year {first}–{last}").format(
                    first=first.year, last=last.year), name, (first, last))
        self._add(_("All dates"), ALL, (None, None))
        if custom is not None:
            self._add_custom(*custom)  # type: ignore[arg-type]
        self.addItem(_("Other dates…"), OTHER)
        index = self.findData(key)
        self.setCurrentIndex(index if index >= 0 else 0)
        self._previous = self.currentIndex()
        self.blockSignals(False)

    def _add(self, text: str, key: str, period: Period) -> None:
        self._periods[key] = period
        self.addItem(text, key)

    def _add_custom(self, first: dt.date, last: dt.date) -> None:
        text = f"{format_date(first)} – {format_date(last)}"
        index = self.findData(CUSTOM)
        self._periods[CUSTOM] = (first, last)
        if index >= 0:
            self.setItemText(index, text)
        else:
            self.insertItem(self.findData(OTHER) if self.findData(OTHER) >= 0
                            else self.count(), text, CUSTOM)

    def period(self) -> Period:
        """The first and last days of the chosen period (None: open on that side)."""
        return self._periods.get(self.currentData(), (None, None))

    def set_period(self, first: dt.date, last: dt.date) -> None:
        """Choose two dates, as "Other dates…" would."""
        self._add_custom(first, last)
        self.setCurrentIndex(self.findData(CUSTOM))

    def choose(self, key: str) -> None:
        """Choose a period by its key ("all", "last_12_months", "this_year"…)."""
        index = self.findData(key)
        if index >= 0:
            self.setCurrentIndex(index)

    def contains(self, day: dt.date) -> bool:
        first, last = self.period()
        return (first is None or first <= day) and (last is None or day <= last)

    def _activated(self, index: int) -> None:
        if self.itemData(index) != OTHER:
            return
        chosen = ask_period(self, _("Period"))
        if chosen is None:
            self.setCurrentIndex(self._previous)
            return
        self.set_period(*chosen)

    def _changed(self, index: int) -> None:
        if self.itemData(index) == OTHER:
            return  # wait for the dates (activated follows)
        self._previous = index
        self.period_changed.emit()
