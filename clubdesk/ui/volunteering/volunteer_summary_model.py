"""Table models of the Volunteering summary: by member, by category, by month.

One class for the three tables: a line has a label, hours, entries, volunteers, a value in
euros and a share of the period's hours. The total of the period is a last, bold line that
stays at the bottom whatever the sort, so that its figures sit under their columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtGui import QFont

from clubdesk.domain.common.text import fold
from clubdesk.domain.volunteering.volunteer_summary import PeriodTotals, SummaryLine
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_hours, format_money
from clubdesk.ui.common.row_model import (
    ALIGN,
    ALIGN_RIGHT,
    DISPLAY,
    FONT,
    ROOT,
    TOOLTIP,
    Index,
    RowRole,
    SortKey,
    SortRole,
    TableModel,
)

KIND_MEMBER = "member"
KIND_CATEGORY = "category"
KIND_MONTH = "month"

COL_LABEL = 0
COL_HOURS = 1
COL_ENTRIES = 2
COL_VOLUNTEERS = 3  # hidden in the members table: always one
COL_VALUE = 4
COL_SHARE = 5
COLUMN_COUNT = 6

# SortRole gives a tuple; RowRole the SummaryLine, None on the total.


def format_share(share: Decimal) -> str:
    """``39,6 %`` in French, ``39.6%`` in English."""
    locale = QLocale()
    # Rounded here, half up: as a float, 45.65 would print as 45.6.
    tenths = (share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    number = locale.toString(float(tenths), "f", 1)
    if locale.language() == QLocale.Language.French:
        return f"{number}\u00a0%"
    return f"{number}%"


def month_label(first_day: dt.date) -> str:
    """``Mars 2026``: the month's name as it stands alone, capitalised for a table cell."""
    name = QLocale().standaloneMonthName(first_day.month, QLocale.FormatType.LongFormat)
    return f"{name[:1].upper()}{name[1:]} {first_day.year}"


class SummaryModel(TableModel):
    """The lines of one summary table and its total; sorts itself, the total last.

    Not a :class:`~clubdesk.ui.common.row_model.RowListModel`: the total is a line without a row.
    """

    COLUMN_COUNT = COLUMN_COUNT
    RIGHT_HEADERS = frozenset(range(COL_LABEL + 1, COLUMN_COUNT))

    def __init__(self, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._given: list[SummaryLine] = []
        self._lines: list[SummaryLine] = []
        self._totals: PeriodTotals | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        first = {KIND_MEMBER: _("Member"), KIND_CATEGORY: _("Category"),
                 KIND_MONTH: _("Month")}[kind]
        self._headers = (first, _("Hours"), _("Entries"), _("Volunteers"),
                         _("Value"), _("Share"))
        self._no_category = _("No category")
        self._total_label = _("Total")
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # Qt interface -------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        if parent.isValid():
            return 0
        return len(self._lines) + (1 if self._totals is not None else 0)

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        column = index.column()
        line = self.line_at(index.row())
        if role == ALIGN and column != COL_LABEL:
            return ALIGN_RIGHT
        if role == RowRole:
            return line
        if line is None:  # the total
            if role == FONT:
                return self._bold
            if role == DISPLAY:
                return self._total_text(column)
            if role == SortRole:
                return ()
            return None
        if role == DISPLAY:
            return self._text(line, column)
        if role == SortRole:
            return self.sort_key(line, column)
        if role == FONT and column == COL_LABEL and self.kind == KIND_CATEGORY \
                and not line.label:
            return self._italic
        if role == TOOLTIP and column == COL_LABEL:
            return self._text(line, column)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the lines on ``column`` (-1: the order they came in); the total stays last."""
        self._sort_column = column if 0 <= column < COLUMN_COUNT else -1
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        moved = [(index, self.line_at(index.row())) for index in persistent]
        self._lines = self._sorted(self._given)
        positions = {id(line): row for row, line in enumerate(self._lines)}
        self.changePersistentIndexList(persistent, [
            self.index(len(self._lines) if line is None else positions[id(line)],
                       index.column())
            for index, line in moved])
        self.layoutChanged.emit()

    # Lines --------------------------------------------------------------------------------

    def set_rows(self, lines: Sequence[SummaryLine], totals: PeriodTotals | None) -> None:
        """Show ``lines`` in the current sort order, with ``totals`` as the last line."""
        self.beginResetModel()
        self._given = list(lines)
        self._lines = self._sorted(self._given)
        self._totals = totals
        self.endResetModel()

    def lines(self) -> list[SummaryLine]:
        return list(self._lines)

    def line_at(self, row: int) -> SummaryLine | None:
        """The line shown at ``row``; None for the total."""
        return self._lines[row] if row < len(self._lines) else None

    def label(self, line: SummaryLine) -> str:
        return self._text(line, COL_LABEL)

    # Sorting and display ------------------------------------------------------------------

    def sort_key(self, line: SummaryLine, column: int) -> SortKey:
        """What ``column`` sorts on: the value, then the label."""
        label = fold(line.label) if self.kind != KIND_MONTH else line.key
        if column == COL_LABEL:
            return (label,)
        value = {COL_HOURS: line.hours, COL_ENTRIES: line.entries,
                 COL_VOLUNTEERS: line.volunteers, COL_VALUE: line.value,
                 COL_SHARE: line.share}[column]
        return (value, label)

    def _sorted(self, lines: list[SummaryLine]) -> list[SummaryLine]:
        if self._sort_column < 0:
            return list(lines)
        column = self._sort_column
        return sorted(lines, key=lambda line: self.sort_key(line, column),
                      reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _text(self, line: SummaryLine, column: int) -> str:
        if column == COL_LABEL:
            if self.kind == KIND_MONTH and isinstance(line.key, dt.date):
                return month_label(line.key)
            return line.label or self._no_category
        if column == COL_HOURS:
            return format_hours(line.hours)
        if column == COL_ENTRIES:
            return QLocale().toString(line.entries)
        if column == COL_VOLUNTEERS:
            return QLocale().toString(line.volunteers)
        if column == COL_VALUE:
            return format_money(line.value)
        return format_share(line.share)

    def _total_text(self, column: int) -> str:
        totals = self._totals
        assert totals is not None
        if column == COL_LABEL:
            return self._total_label
        if column == COL_HOURS:
            return format_hours(totals.hours)
        if column == COL_ENTRIES:
            return QLocale().toString(totals.entries)
        if column == COL_VOLUNTEERS:
            return QLocale().toString(totals.volunteers)
        if column == COL_VALUE:
            return format_money(totals.value)
        return format_share(Decimal(1)) if totals.hours else ""
