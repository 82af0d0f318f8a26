"""Table model of the Members tab: one line per :class:`MemberRow`, with each member's dues
status for the current fiscal year (:meth:`MembersModel.set_dues`, read in the background).

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
from clubdesk.domain.dues.dues_status import DuesStatus, MemberDues, dues_status_label
from clubdesk.domain.members.member_dues import YearDues
from clubdesk.domain.members.member_list import ROLES_BUREAU_FIRST, MemberRow
from clubdesk.domain.members.phones import format_phone
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date, format_money
from clubdesk.ui.common.palette import Role, colour
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
COL_DUES = 8
COL_ROLE = 9
COL_JOINED = 10
COLUMN_COUNT = 11

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
# Who owes comes first; members not expected to pay that year last.
DUES_ORDER = (DuesStatus.UNPAID, DuesStatus.PARTLY_PAID, DuesStatus.PAID, DuesStatus.EXEMPT,
              DuesStatus.NOT_DUE)
_DUES_RANK: dict[str, int] = {code: rank for rank, code in enumerate(DUES_ORDER)}
DUES_COLOURS = {
    DuesStatus.PAID: Role.SUCCESS,
    DuesStatus.PARTLY_PAID: Role.IN_PROGRESS,
    DuesStatus.UNPAID: Role.ERROR,
    DuesStatus.EXEMPT: Role.MUTED,
    DuesStatus.NOT_DUE: Role.MUTED,
}
"""What each dues status says, in the palette's colours: paid green, partly paid amber,
unpaid red, nothing owed grey."""


def dues_tooltip(dues: MemberDues, year_label: str) -> str:
    """What a member's dues for the year come to, for the status cell's tooltip."""
    lines = [_("Dues {year} — {status}").format(year=year_label,
                                                status=dues_status_label(dues.status))]
    if dues.status != DuesStatus.EXEMPT:
        if dues.rate_name:
            lines.append(_("Rate: {rate}").format(rate=dues.rate_name))
        lines.append(_("Due {due}, paid {paid}").format(due=format_money(dues.due),
                                                        paid=format_money(dues.paid)))
        if dues.owed:
            lines.append(_("Still owed: {amount}").format(amount=format_money(dues.owed)))
    return "\n".join(lines)


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
            _("Status"), _("Dues"), _("Role"), _("Joined"),
        )
        self._dues: YearDues | None = None  # not read yet
        self._dues_status: dict[int, str] = {}
        self._dues_labels = {code: dues_status_label(code) for code in DuesStatus}
        self._dues_brushes = {code: QBrush(colour(role)) for code, role in DUES_COLOURS.items()}
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
            lambda row: self._dues_labels.get(self._dues_status.get(row.id, ""), ""),
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
        if role == FOREGROUND:
            if index.column() == COL_DUES:
                return self._dues_brushes.get(self._dues_status.get(row.id, ""))
            return self._former_brush if row.status == MemberStatus.FORMER else None
        if role == TOOLTIP:
            if index.column() in (COL_EMAIL, COL_COMPANY, COL_PROFESSION):
                return self._display[index.column()](row) or None
            if index.column() == COL_DUES and self._dues is not None:
                dues = self._dues.by_member.get(row.id)
                return dues_tooltip(dues, self._dues.label) if dues is not None else None
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> object:
        if (section == COL_DUES and orientation == Qt.Orientation.Horizontal
                and self._dues is not None):
            if role == DISPLAY:
                return _("Dues {year}").format(year=self._dues.label)
            if role == TOOLTIP:
                return _("Each member's dues for fiscal year {year}").format(
                    year=self._dues.label)
        return super().headerData(section, orientation, role)

    # Dues ---------------------------------------------------------------------------------

    def set_dues(self, dues: YearDues | None) -> None:
        """Show each member's dues status for ``dues``' fiscal year (None: not read)."""
        self._dues = dues
        self._dues_status = dues.statuses() if dues is not None else {}
        self._sort_keys.pop(COL_DUES, None)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_DUES, COL_DUES)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_DUES),
                                  self.index(len(self._rows) - 1, COL_DUES))
        if self._sort_column == COL_DUES:
            self._reorder(self._sorted)

    def dues(self) -> YearDues | None:
        """The dues shown, None until they are read."""
        return self._dues

    def dues_status(self) -> dict[int, str] | None:
        """Member id -> dues status code for the year shown; None until read."""
        return self._dues_status if self._dues is not None else None

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
        if column == COL_DUES:
            return (_DUES_RANK.get(self._dues_status.get(row.id, ""), len(_DUES_RANK)), *name)
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
