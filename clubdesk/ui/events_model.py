"""Table model of the Events tab: one line per :class:`EventRow`.

The model sorts itself on keys computed in Python, as the members model does; column -1
keeps the order the rows were given in (the agenda order: upcoming first, soonest first,
then past events, the most recent first). Upcoming events, today's included, are bold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from clubdesk.db import EVENT_KINDS
from clubdesk.domain.event_list import EventRow
from clubdesk.domain.labels import event_kind_label
from clubdesk.domain.text import fold
from clubdesk.ui.formatting import format_date
from clubdesk.ui.row_model import RowListModel

COL_DATE = 0
COL_TIME = 1
COL_TITLE = 2
COL_KIND = 3
COL_ATTENDANCE = 4
COL_GUESTS = 5
COL_LOCATION = 6  # last: it takes the spare width
COLUMN_COUNT = 7

SortRole = int(Qt.ItemDataRole.UserRole) + 1  # tuple: what the column sorts on
EventIdRole = int(Qt.ItemDataRole.UserRole) + 2  # int: the event's id
RowRole = int(Qt.ItemDataRole.UserRole) + 3  # object: the EventRow itself

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NUMBERS = (COL_ATTENDANCE, COL_GUESTS)


def _time(value: dt.datetime) -> str:
    return f"{value:%H:%M}"


class EventsModel(RowListModel):
    """Events as a table; sorts itself in Python (see the module docstring)."""

    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._given: list[EventRow] = []
        self._today = dt.date.today()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = (
            self.tr("Date"), self.tr("Time"), self.tr("Event"), self.tr("Kind"),
            self.tr("Attendance"), self.tr("Guests"), self.tr("Location"),
        )
        self._kinds = {code: event_kind_label(code) for code in EVENT_KINDS}
        self._days: dict[dt.date, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._series_icon = QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_BrowserReload)
        self._series_tip = self.tr("Part of a recurring series")
        self._display: tuple[Callable[[EventRow], str], ...] = (
            lambda row: self._day_text(row.starts_at.date()),
            self._time_text,
            lambda row: row.title,
            lambda row: self._kinds.get(row.kind, row.kind),
            lambda row: f"{row.present} / {row.recorded}" if row.recorded else "",
            lambda row: str(row.guests) if row.guests else "",
            lambda row: row.location,
        )

    # Qt interface -------------------------------------------------------------------------



    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._display[column](row)
        if role == _FONT:
            return self._bold if row.is_upcoming(self._today) else None
        if role == RowRole:
            return row
        if role == EventIdRole:
            return row.id
        if role == SortRole:
            return self.sort_key(row, column)
        if role == _ALIGN and column in _NUMBERS:
            return _RIGHT
        if column == COL_TITLE and row.series_id is not None:
            if role == _DECORATION:
                return self._series_icon
            if role == _TOOLTIP:
                return f"{row.title}\n{self._series_tip}"
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> object:
        if (role == _DISPLAY and orientation == Qt.Orientation.Horizontal
                and 0 <= section < COLUMN_COUNT):
            return self._headers[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on ``column``; -1 gives back the order the rows came in."""
        self._sort_column = column if 0 <= column < COLUMN_COUNT else -1
        self._sort_order = order
        self._reorder(lambda _rows: self._sorted(self._given))

    # Rows ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[EventRow], today: dt.date | None = None) -> None:
        """Show ``rows`` (in the current sort order); ``today`` decides which are upcoming."""
        self.beginResetModel()
        self._today = today or dt.date.today()
        self._given = list(rows)
        self._rows = self._sorted(self._given)
        self._positions = None
        self.endResetModel()

    def today(self) -> dt.date:
        return self._today

    # Sorting ------------------------------------------------------------------------------

    def sort_key(self, row: EventRow, column: int) -> tuple[object, ...]:
        """What ``column`` sorts on; ties go by date."""
        when = (row.starts_at, row.id)
        if column == COL_TIME:
            return (row.starts_at.time(), *when)
        if column == COL_TITLE:
            return (fold(row.title), *when)
        if column == COL_KIND:
            return (fold(self._kinds.get(row.kind, row.kind)), *when)
        if column == COL_LOCATION:
            return (fold(row.location), *when)
        if column == COL_ATTENDANCE:
            return (row.present, row.recorded, *when)
        if column == COL_GUESTS:
            return (row.guests, *when)
        return when

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    def _sorted(self, rows: list[EventRow]) -> list[EventRow]:
        if self._sort_column < 0:
            return list(rows)
        column = self._sort_column
        return sorted(rows, key=lambda row: self.sort_key(row, column),
                      reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    # Display helpers ----------------------------------------------------------------------

    def _day_text(self, day: dt.date) -> str:
        text = self._days.get(day)
        if text is None:
            weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            text = self._days[day] = f"{weekday} {format_date(day)}"
        return text

    def _time_text(self, row: EventRow) -> str:
        start = _time(row.starts_at)
        if row.ends_at is None:
            return start
        if row.ends_at.date() != row.starts_at.date():
            return f"{start} – {format_date(row.ends_at.date())} {_time(row.ends_at)}"
        return f"{start} – {_time(row.ends_at)}"

    def _tooltip(self, row: EventRow, column: int) -> str | None:
        if column == COL_ATTENDANCE and row.recorded:
            return self.tr("{present} present out of {recorded} recorded").format(
                present=row.present, recorded=row.recorded)
        if column in (COL_TITLE, COL_LOCATION):
            return self._display[column](row) or None
        return None
