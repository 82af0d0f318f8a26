"""Table model of the Volunteering tab's entries: one line per :class:`VolunteerRow`.

The model sorts itself on keys cached per entry, as the members model does (a proxy would
call the Python ``data()`` hundreds of thousands of times for 80,000 entries); column -1
keeps the order the rows were given in, the most recent first. Dates and hours are
formatted once per distinct value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from clubdesk.domain.text import fold
from clubdesk.domain.volunteer_list import VolunteerRow
from clubdesk.ui.formatting import format_date, format_hours
from clubdesk.ui.row_model import RowListModel

COL_DATE = 0
COL_MEMBER = 1
COL_HOURS = 2
COL_CATEGORY = 3
COL_EVENT = 4
COL_DESCRIPTION = 5  # last: it takes the spare width
COLUMN_COUNT = 6

SortRole = int(Qt.ItemDataRole.UserRole) + 1  # tuple: what the column sorts on
EntryIdRole = int(Qt.ItemDataRole.UserRole) + 2  # int: the entry's id
RowRole = int(Qt.ItemDataRole.UserRole) + 3  # object: the VolunteerRow itself

Index = QModelIndex | QPersistentModelIndex
SortKey = tuple[object, ...]
_ROOT = QModelIndex()
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_TEXT_COLUMNS = {COL_MEMBER: "member_name", COL_CATEGORY: "category",
                 COL_EVENT: "event_title", COL_DESCRIPTION: "description"}


class VolunteerModel(RowListModel):
    """Volunteer entries as a table; sorts itself in Python (see the module docstring)."""

    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._sort_keys: dict[int, dict[int, SortKey]] = {}  # column → entry id → key
        self._folded: dict[str, str] = {}
        self._dates: dict[dt.date, str] = {}
        self._hours: dict[Decimal, str] = {}
        self._headers = (self.tr("Date"), self.tr("Member"), self.tr("Hours"),
                         self.tr("Category"), self.tr("Event"), self.tr("Description"))
        self._display: tuple[Callable[[VolunteerRow], str], ...] = (
            lambda row: self._date_text(row.date),
            lambda row: row.member_name,
            lambda row: self._hours_text(row.hours),
            lambda row: row.category,
            lambda row: row.event_title,
            lambda row: row.description,
        )

    # Qt interface -------------------------------------------------------------------------



    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._display[column](row)
        if role == _ALIGN and column == COL_HOURS:
            return _RIGHT
        if role == RowRole:
            return row
        if role == EntryIdRole:
            return row.id
        if role == SortRole:
            return self.sort_key(row, column)
        if role == _TOOLTIP and column in (COL_MEMBER, COL_EVENT, COL_DESCRIPTION):
            return self._display[column](row) or None
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _ALIGN and section == COL_HOURS:
            return _RIGHT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on ``column``; -1 gives back the most recent first."""
        column = column if 0 <= column < COLUMN_COUNT else -1
        if (column, order) == (self._sort_column, self._sort_order):
            return  # the rows are always kept in the current order (Qt asks twice a click)
        self._sort_column = column
        self._sort_order = order
        if self._sort_column < 0:  # back to the most recent first
            self._reorder(lambda rows: sorted(rows, key=lambda row: (row.date, row.id),
                                              reverse=True))
        else:
            self._reorder(self._sorted)

    # Rows ---------------------------------------------------------------------------------

    def _order(self, rows: Sequence[VolunteerRow]) -> list[VolunteerRow]:
        return self._sorted(rows)

    def forget(self, entry_ids: Sequence[int]) -> None:
        """Drop the cached sort keys of entries that changed."""
        for keys in self._sort_keys.values():
            for entry_id in entry_ids:
                keys.pop(entry_id, None)

    # Sorting ------------------------------------------------------------------------------

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_column, self._sort_order

    def sort_key(self, row: VolunteerRow, column: int) -> SortKey:
        """What ``column`` sorts on for ``row``: the value, then the date (most recent
        last), then the entry."""
        keys = self._sort_keys.setdefault(column, {})
        key = keys.get(row.id)
        if key is None:
            key = keys[row.id] = self._make_key(row, column)
        return key

    def _make_key(self, row: VolunteerRow, column: int) -> SortKey:
        when = (row.date.toordinal(), row.id)
        attribute = _TEXT_COLUMNS.get(column)
        if attribute is not None:
            text = getattr(row, attribute)
            folded = self._folded.get(text)
            if folded is None:
                folded = self._folded[text] = fold(text)
            return (folded, *when)
        if column == COL_HOURS:
            return (float(row.hours), *when)
        return when

    def ordered(self, rows: Sequence[VolunteerRow]) -> list[VolunteerRow]:
        """``rows`` in the current sort order."""
        return self._sorted(rows)

    def _sorted(self, rows: Sequence[VolunteerRow]) -> list[VolunteerRow]:
        column = self._sort_column
        if column < 0:  # rows come the most recent first (volunteer_rows' order)
            return list(rows)
        keys = self._sort_keys.setdefault(column, {})
        make = self._make_key
        row_keys = []
        for row in rows:
            key = keys.get(row.id)
            if key is None:
                key = keys[row.id] = make(row, column)
            row_keys.append(key)
        # Sorting positions on a list of keys avoids a Python call per comparison.
        order = sorted(range(len(rows)), key=row_keys.__getitem__,
                       reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        return [rows[position] for position in order]

    # Display helpers ----------------------------------------------------------------------

    def _date_text(self, day: dt.date) -> str:
        text = self._dates.get(day)
        if text is None:
            text = self._dates[day] = format_date(day)
        return text

    def _hours_text(self, hours: Decimal) -> str:
        text = self._hours.get(hours)
        if text is None:
            text = self._hours[hours] = format_hours(hours)
        return text
