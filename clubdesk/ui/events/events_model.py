"""Table model of the Events tab: one line per :class:`EventRow`.

The model sorts itself on keys computed in Python, as the members model does; column -1
keeps the order the rows were given in (the agenda order: upcoming first, soonest first,
then past events, the most recent first). Upcoming events, today's included, are bold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLocale, QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from clubdesk.domain.common.codes import EventKind
from clubdesk.domain.common.labels import event_kind_label
from clubdesk.domain.events.event_list import EventRow
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.row_model import (
    ALIGN,
    ALIGN_RIGHT,
    DECORATION,
    DISPLAY,
    FONT,
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
COL_TIME = 1
COL_TITLE = 2
COL_KIND = 3
COL_ATTENDANCE = 4
COL_GUESTS = 5
COL_LOCATION = 6  # last: it takes the spare width
COLUMN_COUNT = 7

EventIdRole = IdRole  # int: the event's id; RowRole: the EventRow itself

_NUMBERS = (COL_ATTENDANCE, COL_GUESTS)


def _time(value: dt.datetime) -> str:
    return f"{value:%H:%M}"


def _day_text(day: dt.date) -> str:
    weekday = QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{weekday} {format_date(day)}"


class EventsModel(SortedRowModel):
    """Events as a table; sorts itself in Python (see the module docstring)."""

    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._given: list[EventRow] = []
        self._today = dt.date.today()
        self._headers = (
            _("Date"), _("Time"), _("Event"), _("Kind"),
            _("Attendance"), _("Guests"), _("Location"),
        )
        self._kinds = {code: event_kind_label(code) for code in EventKind}
        self._days = ValueCache(_day_text)
        self._bold = QFont()
        self._bold.setBold(True)
        self._series_icon = QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_BrowserReload)
        self._series_tip = _("Part of a recurring series")
        self._display: tuple[Callable[[EventRow], str], ...] = (
            lambda row: self._days[row.starts_at.date()],
            self._time_text,
            lambda row: row.title,
            lambda row: self._kinds.get(row.kind, row.kind),
            lambda row: f"{row.present} / {row.recorded}" if row.recorded else "",
            lambda row: str(row.guests) if row.guests else "",
            lambda row: row.location,
        )

    # Qt interface -------------------------------------------------------------------------

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._display[column](row)
        if role == FONT:
            return self._bold if row.is_upcoming(self._today) else None
        if role == RowRole:
            return row
        if role == EventIdRole:
            return row.id
        if role == SortRole:
            return self.sort_key(row, column)
        if role == ALIGN and column in _NUMBERS:
            return ALIGN_RIGHT
        if column == COL_TITLE and row.series_id is not None:
            if role == DECORATION:
                return self._series_icon
            if role == TOOLTIP:
                return f"{row.title}\n{self._series_tip}"
        if role == TOOLTIP:
            return self._tooltip(row, column)
        return None

    # Rows ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[EventRow], today: dt.date | None = None) -> None:
        """Show ``rows`` (in the current sort order); ``today`` decides which are upcoming."""
        self._today = today or dt.date.today()
        super().set_rows(rows)

    def _order(self, rows: Sequence[EventRow]) -> list[EventRow]:
        self._given = list(rows)
        # An edited event comes back under the same id: keys are cached per list shown.
        self._sort_keys.clear()
        return self._sorted(self._given)

    def _unsorted(self, rows: list[EventRow]) -> list[EventRow]:
        """Back to the order the rows were given in: the agenda's."""
        return list(self._given)

    def today(self) -> dt.date:
        return self._today

    # Sorting ------------------------------------------------------------------------------

    def _make_key(self, row: EventRow, column: int) -> SortKey:
        """The column's value; ties go by date."""
        when = (row.starts_at, row.id)
        if column == COL_TIME:
            return (row.starts_at.time(), *when)
        if column == COL_TITLE:
            return (self._folded[row.title], *when)
        if column == COL_KIND:
            return (self._folded[self._kinds.get(row.kind, row.kind)], *when)
        if column == COL_LOCATION:
            return (self._folded[row.location], *when)
        if column == COL_ATTENDANCE:
            return (row.present, row.recorded, *when)
        if column == COL_GUESTS:
            return (row.guests, *when)
        return when

    # Display helpers ----------------------------------------------------------------------

    def _time_text(self, row: EventRow) -> str:
        start = _time(row.starts_at)
        if row.ends_at is None:
            return start
        if row.ends_at.date() != row.starts_at.date():
            return f"{start} – {format_date(row.ends_at.date())} {_time(row.ends_at)}"
        return f"{start} – {_time(row.ends_at)}"

    def _tooltip(self, row: EventRow, column: int) -> str | None:
        if column == COL_ATTENDANCE and row.recorded:
            # "23 present out of 30 recorded": each number agrees with its own word.
            present = ngettext("{n} present", "{n} present", row.present)
            return ngettext("{present} out of {n} recorded", "{present} out of {n} recorded",
                            row.recorded).format(present=present)
        if column in (COL_TITLE, COL_LOCATION):
            return self._display[column](row) or None
        return None
