"""The Summary view of the Volunteering tab: a period's hours by member, category, month.

The figures come from :func:`volunteer_summary` (five grouped queries, about 0.1 s for the
federation's 80,000 entries on a small laptop): they are computed off the GUI thread, once
per period, and again only after an entry changed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.volunteering.volunteer_summary import VolunteerSummary, volunteer_summary
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.background import TaskRunner
from clubdesk.ui.common.formatting import format_date, format_hours, format_money
from clubdesk.ui.common.table_views import make_row_table
from clubdesk.ui.volunteering import volunteer_summary_model as columns
from clubdesk.ui.volunteering.volunteer_summary_model import (
    KIND_CATEGORY,
    KIND_MEMBER,
    KIND_MONTH,
    RowRole,
    SummaryModel,
)

Period = tuple[dt.date | None, dt.date | None]
# Widths of the figures' columns; the label takes the rest.
FIGURE_WIDTHS = {columns.COL_HOURS: 90, columns.COL_ENTRIES: 70, columns.COL_VOLUNTEERS: 85,
                 columns.COL_VALUE: 115, columns.COL_SHARE: 70}


class VolunteerSummaryView(QWidget):
    """Headline figures, the valuation note, and the three tables of a period."""

    summary_ready = Signal()
    member_chosen = Signal(int)  # a double-click on a member: show their entries
    category_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._period: Period | None = None  # of the figures shown
        self._wanted: Period = (None, None)
        self._stale = True
        self._runner = TaskRunner(self)
        self._computed: dict[Period, VolunteerSummary] = {}
        self.summary: VolunteerSummary | None = None

        self.headline = QLabel()
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.valuation = QLabel()
        self.valuation.setWordWrap(True)
        self.valuation.setStyleSheet("color: palette(placeholder-text);")

        self.models = {kind: SummaryModel(kind, self)
                       for kind in (KIND_MEMBER, KIND_CATEGORY, KIND_MONTH)}
        self.tables = {kind: self._table(model) for kind, model in self.models.items()}
        self.tables[KIND_MEMBER].setColumnHidden(columns.COL_VOLUNTEERS, True)
        self.tables[KIND_MEMBER].setToolTip(_("Double-click a member to see their "
                                                    "entries."))
        self.tables[KIND_CATEGORY].setToolTip(_("Double-click a category to see its "
                                                      "entries."))
        for kind in (KIND_MEMBER, KIND_CATEGORY):
            self.tables[kind].doubleClicked.connect(
                lambda index, kind=kind: self._chosen(kind, index))

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self._box(_("By category"), self.tables[KIND_CATEGORY]))
        right.addWidget(self._box(_("By month"), self.tables[KIND_MONTH]))
        right.setChildrenCollapsible(False)
        right.setSizes([200, 330])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._box(_("By member"), self.tables[KIND_MEMBER]))
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([560, 640])

        top = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.valuation)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _table(self, model: SummaryModel) -> QTableView:
        table = make_row_table(model)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(columns.COL_LABEL, header.ResizeMode.Stretch)
        for column, width in FIGURE_WIDTHS.items():
            header.resizeSection(column, width)
        table.setSortingEnabled(True)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        return table

    @staticmethod
    def _box(title: str, table: QTableView) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(table)
        return box

    # -- computing ------------------------------------------------------------------------

    def invalidate(self) -> None:
        """Entries changed: the figures are computed again when next shown."""
        self._runner.cancel()  # figures on their way would be out of date
        self._stale = True
        self._computed.clear()

    def show_period(self, first: dt.date | None, last: dt.date | None) -> None:
        """Show the figures of a period, computing them unless they are known already."""
        self._wanted = (first, last)
        if not self._stale and self._period == self._wanted:
            return
        self._stale = False
        wanted = self._wanted
        if wanted in self._computed:  # back to a period seen since the last change
            self._runner.cancel()  # what is being computed was asked for before
            self._done(wanted, self._computed[wanted])
            return
        self.headline.setText(_("Computing…"))
        # Another period chosen meanwhile makes this one's figures arrive nowhere.
        self._runner.run(lambda _progress: volunteer_summary(*wanted),
                         lambda summary: self._done(wanted, summary), self._failed)

    def _failed(self, error: BaseException) -> None:
        self._stale = True
        self.headline.setText(_("The summary could not be computed: {error}")
                              .format(error=error))

    def _done(self, period: Period, summary: VolunteerSummary) -> None:
        self._period = period
        self._computed[period] = summary
        self.summary = summary
        totals = summary.totals
        self.models[KIND_MEMBER].set_rows(summary.members, totals)
        self.models[KIND_CATEGORY].set_rows(summary.categories, totals)
        self.models[KIND_MONTH].set_rows(summary.months, totals)
        for table in self.tables.values():  # without a rate, euros would all be zero
            table.setColumnHidden(columns.COL_VALUE, not summary.rate)
        self.headline.setText(self._headline(summary))
        self.valuation.setText(self._valuation(summary))
        self.summary_ready.emit()

    # -- texts ----------------------------------------------------------------------------

    def _headline(self, summary: VolunteerSummary) -> str:
        totals = summary.totals
        first, last = summary.date_from, summary.date_to
        if first is None:
            first = totals.first_date
        if last is None:
            last = totals.last_date
        if not totals.entries:
            return _("No volunteer hours in this period.")
        text = ngettext("{hours} h given by {n} volunteer",
                        "{hours} h given by {n} volunteers", totals.volunteers).format(
            hours=format_hours(totals.hours))
        if first is not None and last is not None:
            text += " " + _("from {first} to {last}").format(
                first=format_date(first), last=format_date(last))
        if summary.rate:
            text += _(", valued at {value}").format(value=format_money(totals.value))
        return text

    def _valuation(self, summary: VolunteerSummary) -> str:
        if not summary.rate:
            return _("No hourly rate is set: enter one in the association settings to "
                           "value the hours in euros.")
        return _("Valued at {rate} per hour (association settings), as the "
                       "“contributions volontaires en nature” of the accounts.").format(
            rate=format_money(summary.rate))

    def _chosen(self, kind: str, index: QModelIndex) -> None:
        line = index.data(RowRole)
        if line is None:
            return
        if kind == KIND_MEMBER:
            self.member_chosen.emit(int(line.key))
        else:
            self.category_chosen.emit(str(line.key))
