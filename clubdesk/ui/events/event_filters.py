"""The filters of the Events tab: the search field, the kind and the period of the events.

:meth:`EventFilters.keep` says which events they let through; ``changed`` fires whenever
one of them changes. The tab lays the widgets out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from clubdesk.domain.common.codes import EventKind
from clubdesk.domain.common.labels import event_kind_label
from clubdesk.domain.events import event_list as periods
from clubdesk.domain.events.event_list import EventRow, filter_events, period_of
from clubdesk.i18n import _
from clubdesk.ui.common.form_widgets import choose_data

ANY = ""


class EventFilters(QObject):
    """Search, kind and period; the periods are named from ``today``'s year."""

    changed = Signal()

    def __init__(self, parent: QWidget, today: dt.date) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search title or location…"))
        self.search.setMinimumWidth(200)
        self.kind = QComboBox()
        self.kind.addItem(_("All kinds"), ANY)
        for code in EventKind:
            self.kind.addItem(event_kind_label(code), code)
        self.period = QComboBox()
        year = today.year
        for text, code in ((_("All dates"), periods.PERIOD_ALL),
                           (_("Upcoming"), periods.PERIOD_UPCOMING),
                           (_("Past 12 months"), periods.PERIOD_PAST_12_MONTHS),
                           (_("Year {year}").format(year=year), periods.PERIOD_THIS_YEAR),
                           (_("Year {year}").format(year=year - 1),
                            periods.PERIOD_LAST_YEAR)):
            self.period.addItem(text, code)
        self.search.textChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self.changed)
        self.period.currentIndexChanged.connect(self.changed)

    def widgets(self) -> list[QWidget]:
        return [self.search, self.kind, self.period]

    def keep(self, rows: Sequence[EventRow], today: dt.date) -> list[EventRow]:
        """The ``rows`` the filters let through, in their order."""
        return filter_events(rows, self.search.text(), self.kind.currentData() or None,
                             self.period.currentData(), today=today)

    def reset(self) -> None:
        """Let every event through."""
        self.search.clear()
        self.kind.setCurrentIndex(0)
        self.period.setCurrentIndex(0)

    def narrow(self, filters: Mapping[str, object]) -> None:
        """Keep what the dashboard pointed at: ``filters`` may hold "kind" (an event kind)
        and "period" (with ``start`` and ``end``). The filter knows calendar years and the
        last twelve months, not any dates: another period shows every date."""
        period = filters.get("period")
        code = periods.PERIOD_ALL
        if period is not None:
            code = period_of(period.start, period.end, dt.date.today())  # type: ignore[attr-defined]
        choose_data(self.period, code)
        if "kind" in filters:
            choose_data(self.kind, filters["kind"])
        self.search.clear()
