"""Table model of the Members tab: one line per :class:`MemberRow`.

The model sorts itself. A ``QSortFilterProxyModel`` sorting on :data:`SortRole` takes about
1 s for 20,000 members (Qt calls the Python ``data()`` twice per comparison, some 600,000
times) and sorts again after every model reset, that is at every keystroke of the search.
Sorting the Python list on cached keys takes 5 to 10 ms, so that a keystroke (filter, reset,
sort, repaint) stays around 10-15 ms. :data:`SortRole` stays available for a proxy or a view
that wants it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from clubdesk.domain.common.codes import BureauRole, MemberStatus
from clubdesk.domain.common.labels import bureau_role_label, member_status_label
from clubdesk.domain.members.member_list import ROLES_BUREAU_FIRST, MemberRow
from clubdesk.domain.members.phones import format_phone
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.row_model import (
    DISPLAY,
    FOREGROUND,
    TOOLTIP,
    IdRole,
    Index,
    RowRole,
    SortedRowModel,
    SortKey,
    SortRole,
    ValueCache,
)

COL_LAST_NAME = 0
COL_FIRST_NAME = 1
COL_COMPANY = 2
COL_PROFESSION = 3
COL_CITY = 4
COL_EMAIL = 5
COL_PHONE = 6
COL_STATUS = 7
COL_ROLE = 8
COL_JOINED = 9
COLUMN_COUNT = 10

# SortRole gives str or int here: the first part of the sort key (folded text, ISO date,
# rank); RowRole the MemberRow itself.
MemberIdRole = IdRole  # int: the member's id

_TEXT_ATTRIBUTES = {
    COL_LAST_NAME: "last_name",
    COL_FIRST_NAME: "first_name",
    COL_COMPANY: "company",
    COL_PROFESSION: "profession",
    COL_CITY: "city",
    COL_EMAIL: "email",
}
_STATUS_RANK = {code: rank for rank, code in enumerate(MemberStatus)}
_ROLE_RANK = {code: rank for rank, code in enumerate(ROLES_BUREAU_FIRST)}


def _phone_digits(phone: str) -> str:
    return "".join(char for char in phone if char.isdigit())


def _phone_text(phone: str) -> str:
    return format_phone(phone) if phone else ""


class MembersModel(SortedRowModel):
    """Members as a table; sorts in Python on cached keys (see the module docstring)."""

    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Formatting a phone number or a date costs tens of microseconds: once per value.
        self._dates = ValueCache(format_date)
        self._phones = ValueCache(_phone_text)
        self._headers = (
            _("Last name"), _("First name"), _("Company"),
            _("Profession"), _("City"), _("Email"), _("Phone"),
            _("Status"), _("Role"), _("Joined"),
        )
        self._status_labels = {code: member_status_label(code) for code in MemberStatus}
        self._role_labels = {code: bureau_role_label(code) for code in BureauRole}
        self._role_labels[BureauRole.NONE] = ""  # most members: an empty cell reads better
        self._former_brush = QBrush(
            QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                         QPalette.ColorRole.Text)
        )
        self._display: tuple[Callable[[MemberRow], str], ...] = (
            lambda row: row.last_name,
            lambda row: row.first_name,
            lambda row: row.company,
            lambda row: row.profession,
            lambda row: row.city,
            lambda row: row.email,
            lambda row: self._phones[row.phone],
            lambda row: self._status_labels.get(row.status, row.status),
            lambda row: self._role_labels.get(row.role, row.role),
            lambda row: self._dates[row.joined_on],
        )

    # Qt interface -------------------------------------------------------------------------

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == DISPLAY:
            return self._display[index.column()](row)
        if role == SortRole:
            return self.sort_key(row, index.column())[0]
        if role == RowRole:
            return row
        if role == MemberIdRole:
            return row.id
        if role == FOREGROUND and row.status == MemberStatus.FORMER:
            return self._former_brush
        if role == TOOLTIP and index.column() in (COL_EMAIL, COL_COMPANY, COL_PROFESSION):
            return self._display[index.column()](row) or None
        return None

    # Rows ---------------------------------------------------------------------------------

    def update_row(self, row: MemberRow) -> bool:
        """Replace the row of the same member; False when that member is not shown.

        The row moves to its sorted place through a layout change, which keeps selection.
        """
        position = self.row_of(row.id)
        if position < 0:
            return False
        self.forget(row.id)
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, COLUMN_COUNT - 1))
        if self._sort_column >= 0 and not self._in_order(position):
            self._reorder(self._sorted)
        return True

    # Sorting ------------------------------------------------------------------------------

    def _make_key(self, row: MemberRow, column: int) -> SortKey:
        """The :data:`SortRole` value, then the name."""
        folded = self._folded
        name = (folded[row.last_name], folded[row.first_name], row.id)
        if column == COL_LAST_NAME:
            return name
        if column == COL_FIRST_NAME:
            return (name[1], name[0], row.id)
        attribute = _TEXT_ATTRIBUTES.get(column)
        if attribute is not None:
            return (folded[getattr(row, attribute)], *name)
        if column == COL_PHONE:
            return (_phone_digits(row.phone), *name)
        if column == COL_STATUS:
            return (_STATUS_RANK.get(row.status, len(_STATUS_RANK)), *name)
        if column == COL_ROLE:
            return (_ROLE_RANK.get(row.role, len(_ROLE_RANK)), *name)
        return (row.joined_on.isoformat() if row.joined_on else "", *name)

    def _in_order(self, position: int) -> bool:
        column = self._sort_column
        key = self.sort_key(self._rows[position], column)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        for neighbour, should_precede in ((position - 1, True), (position + 1, False)):
            if 0 <= neighbour < len(self._rows):
                other = self.sort_key(self._rows[neighbour], column)
                if (other <= key) != (should_precede != descending):
                    return False
        return True
