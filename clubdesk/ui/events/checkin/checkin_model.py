"""Table model of the check-in: one line per member on the attendance list.

Rows come in the order they should show (the dialog filters them in Python over their
search keys); a status change replaces one row and repaints one line, so that a click stays
instant on a list of several thousand members.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from clubdesk.domain.common.codes import AttendanceStatus
from clubdesk.domain.common.labels import attendance_status_label
from clubdesk.domain.events.checkin import CheckinRow
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.palette import Role, colour
from clubdesk.ui.common.row_model import (
    DECORATION,
    DISPLAY,
    EDIT,
    FONT,
    FOREGROUND,
    TOOLTIP,
    IdRole,
    Index,
    RowListModel,
    RowRole,
    ValueCache,
)

COL_LAST_NAME = 0
COL_FIRST_NAME = 1
COL_COMPANY = 2
COL_STATUS = 3
COL_SUBSTITUTE = 4
COL_PROXY = 5
COL_NOTE = 6
COLUMN_COUNT = 7

MemberIdRole = IdRole  # int: the member's id; RowRole: the CheckinRow itself

# Absent stays neutral, the default.
STATUS_ROLES = {
    AttendanceStatus.PRESENT: Role.PRESENT,
    AttendanceStatus.LATE: Role.LATE,
    AttendanceStatus.SUBSTITUTE: Role.SUBSTITUTE,
    AttendanceStatus.EXCUSED: Role.EXCUSED,
    AttendanceStatus.ABSENT: Role.ABSENT,
}


def status_colour(status: str) -> QColor:
    """The colour of an attendance status, readable on the light or dark background."""
    return colour(STATUS_ROLES.get(status, Role.ABSENT))


def status_icon(status: str, size: int = 12) -> QIcon:
    """A round dot in the status colour (absent: a ring), for the table and the buttons."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    dot = status_colour(status)
    if status == AttendanceStatus.ABSENT:
        painter.setPen(dot)
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(dot)
    painter.drawEllipse(1, 1, size - 3, size - 3)
    painter.end()
    return QIcon(pixmap)


class CheckinModel(RowListModel):
    """Members on the list; the note column is editable (``note_edited`` asks to save)."""

    COLUMN_COUNT = COLUMN_COUNT

    note_edited = Signal(int, str)  # member id, new note

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held: dict[int, int] = {}  # holder id → proxies held
        self._headers = (
            _("Last name"), _("First name"), _("Company"),
            _("Status"), _("Substitute's name"), _("Proxy given to"),
            _("Note"),
        )
        self._labels = {code: attendance_status_label(code) for code in AttendanceStatus}
        self._icons: ValueCache[str, QIcon] = ValueCache(status_icon)
        self._brushes = {code: QBrush(status_colour(code))
                         for code in STATUS_ROLES if code != AttendanceStatus.ABSENT}
        self._grey = QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                         QPalette.ColorRole.Text))
        self._italic = QFont()
        self._italic.setItalic(True)
        self._display: tuple[Callable[[CheckinRow], str], ...] = (
            lambda row: row.last_name,
            lambda row: row.first_name,
            lambda row: row.company,
            lambda row: self._labels.get(row.status, row.status),
            lambda row: row.substitute_name,
            self._proxy_text,
            lambda row: row.note,
        )

    # Qt interface -------------------------------------------------------------------------

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._display[column](row)
        if role == RowRole:
            return row
        if role == MemberIdRole:
            return row.member_id
        if role == EDIT and column == COL_NOTE:
            return row.note
        if column == COL_STATUS:
            if role == DECORATION:
                return self._icons[row.status]
            if role == FOREGROUND:
                return self._brushes.get(row.status)
        if column == COL_PROXY and not row.proxy_holder_name and row.member_id in self._held:
            if role == FOREGROUND:
                return self._grey
            if role == FONT:
                return self._italic
        if role == TOOLTIP and column in (COL_COMPANY, COL_NOTE, COL_SUBSTITUTE):
            return self._display[column](row) or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == COL_NOTE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = EDIT) -> bool:  # noqa: N802
        """Ask to save a note; the dialog stores it and calls :meth:`update_row`."""
        if not index.isValid() or index.column() != COL_NOTE or role != EDIT:
            return False
        row = self._rows[index.row()]
        text = " ".join(str(value or "").split())
        if text != row.note:
            self.note_edited.emit(row.member_id, text)
        return True

    # Rows ---------------------------------------------------------------------------------

    def row_id(self, row: CheckinRow) -> int:
        return row.member_id

    def update_row(self, row: CheckinRow) -> bool:
        """Replace the same member's row in place; False when that member is not shown."""
        position = self.row_of(row.member_id)
        if position < 0:
            return False
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, COLUMN_COUNT - 1))
        return True

    def set_held(self, held: dict[int, int]) -> None:
        """How many proxies each holder carries, counted over the whole list."""
        changed = {member for member in {*held, *self._held}
                   if held.get(member) != self._held.get(member)}
        self._held = dict(held)
        for member_id in changed:
            position = self.row_of(member_id)
            if position >= 0:
                index = self.index(position, COL_PROXY)
                self.dataChanged.emit(index, index)

    # Display helpers ----------------------------------------------------------------------

    def _proxy_text(self, row: CheckinRow) -> str:
        if row.proxy_holder_name:
            return row.proxy_holder_name
        held = self._held.get(row.member_id, 0)
        return ngettext("holds {n} proxy", "holds {n} proxies", held) if held else ""
