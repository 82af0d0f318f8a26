"""Table model of the Volunteering tab's entries: one line per :class:`VolunteerRow`.

The model sorts itself on keys cached per entry, as the members model does (a proxy would
call the Python ``data()`` hundreds of thousands of times for 80,000 entries); column -1
keeps the order the rows were given in, the most recent first. Dates and hours are
formatted once per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from clubdesk.domain.volunteering.volunteer_list import VolunteerRow
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date, format_hours
from clubdesk.ui.common.row_model import (
    ALIGN,
    ALIGN_RIGHT,
    DISPLAY,
    TOOLTIP,
    IdRole,
    Index,
    RowRole,
    SortedRowModel,
    SortKey,
    SortRole,
    ValueCache,
)

COL_DATE = 0
COL_MEMBER = 1
COL_HOURS = 2
COL_CATEGORY = 3
COL_EVENT = 4
COL_DESCRIPTION = 5  # last: it takes the spare width
COLUMN_COUNT = 6

EntryIdRole = IdRole  # int: the entry's id; RowRole: the VolunteerRow itself

_TEXT_COLUMNS = {COL_MEMBER: "member_name", COL_CATEGORY: "category",
                 COL_EVENT: "event_title", COL_DESCRIPTION: "description"}


class VolunteerModel(SortedRowModel):
    """Volunteer entries as a table; sorts itself in Python (see the module docstring)."""

    COLUMN_COUNT = COLUMN_COUNT
    RIGHT_HEADERS = frozenset({COL_HOURS})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dates = ValueCache(format_date)
        self._hours = ValueCache(format_hours)
        self._headers = (_("Date"), _("Member"), _("Hours"),
                         _("Category"), _("Event"), _("Description"))
        self._display: tuple[Callable[[VolunteerRow], str], ...] = (
            lambda row: self._dates[row.date],
            lambda row: row.member_name,
            lambda row: self._hours[row.hours],
            lambda row: row.category,
            lambda row: row.event_title,
            lambda row: row.description,
        )

    # Qt interface -------------------------------------------------------------------------

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._display[column](row)
        if role == ALIGN and column == COL_HOURS:
            return ALIGN_RIGHT
        if role == RowRole:
            return row
        if role == EntryIdRole:
            return row.id
        if role == SortRole:
            return self.sort_key(row, column)
        if role == TOOLTIP and column in (COL_MEMBER, COL_EVENT, COL_DESCRIPTION):
            return self._display[column](row) or None
        return None

    # Sorting ------------------------------------------------------------------------------

    def _make_key(self, row: VolunteerRow, column: int) -> SortKey:
        """The value, then the date (most recent last), then the entry."""
        when = (row.date.toordinal(), row.id)
        attribute = _TEXT_COLUMNS.get(column)
        if attribute is not None:
            return (self._folded[getattr(row, attribute)], *when)
        if column == COL_HOURS:
            return (float(row.hours), *when)
        return when

    def _unsorted(self, rows: list[VolunteerRow]) -> list[VolunteerRow]:
        """Back to the most recent first, the order the rows come in (volunteer_rows')."""
        return sorted(rows, key=lambda row: (row.date, row.id), reverse=True)
