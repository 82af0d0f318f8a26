"""The filters of the Members tab (search, status, role), and the members in the table's order.

Filtering runs in Python over precomputed search keys (:func:`filter_rows`) and the result
replaces the model's rows; the model sorts itself on cached keys. Both stay within a frame
for 20,000 members, so the search filters at every keystroke without a timer.
:meth:`MemberFilters.values` gives what :func:`filter_rows` takes; :class:`OrderedMembers`
keeps every member in the table's order, so that a keystroke costs a scan, not a sort.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from clubdesk.domain.common.codes import MemberStatus
from clubdesk.domain.common.labels import bureau_role_label, member_status_label
from clubdesk.domain.common.text import fold
from clubdesk.domain.members.member_list import (
    BUREAU_MEMBER_ROLES,
    CURRENT_STATUSES,
    ROLES_BUREAU_FIRST,
    MemberRow,
    filter_rows,
)
from clubdesk.i18n import _
from clubdesk.ui.common.form_widgets import choose_data
from clubdesk.ui.common.search_field import focus_search
from clubdesk.ui.members.members_model import MembersModel

# Filter choices kept in the combos' item data.
STATUS_CURRENT = "current"
ANY = ""
ROLE_BUREAU = "bureau"

Codes = Collection[str] | str | None


@dataclass(frozen=True)
class FilterValues:
    """What the filters keep: :func:`filter_rows`' arguments."""

    text: str
    status: Codes
    role: Codes

    def keeps(self, row: MemberRow) -> bool:
        return bool(filter_rows([row], self.text, self.status, self.role))


class MemberFilters(QObject):
    """The search field and the status and role combos; ``changed`` when any changes."""

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            _("Search name, company, profession, email, city…"))
        self.search.setMinimumWidth(280)

        # Everyone by default (former members in grey): the list is the whole register.
        self.status = QComboBox()
        self.status.addItem(_("All statuses"), ANY)
        self.status.addItem(_("Current members"), STATUS_CURRENT)
        self.status.setItemData(
            1, _("Prospects, active and lapsed members"), Qt.ItemDataRole.ToolTipRole)
        for code in MemberStatus:
            self.status.addItem(member_status_label(code), code)
        self.role = QComboBox()
        self.role.addItem(_("All roles"), ANY)
        self.role.addItem(_("Bureau members"), ROLE_BUREAU)
        for code in ROLES_BUREAU_FIRST:
            self.role.addItem(bureau_role_label(code), code)

        self.search.textChanged.connect(self.changed)
        self.status.currentIndexChanged.connect(self.changed)
        self.role.currentIndexChanged.connect(self.changed)

    def widgets(self) -> list[QWidget]:
        """The search field, then the combos, as the toolbar shows them."""
        return [self.search, self.status, self.role]

    def values(self) -> FilterValues:
        status = self.status.currentData()
        role = self.role.currentData()
        return FilterValues(
            self.search.text(),
            CURRENT_STATUSES if status == STATUS_CURRENT else status or None,
            BUREAU_MEMBER_ROLES if role == ROLE_BUREAU else role or None,
        )

    def narrow(self, filters: Mapping[str, object]) -> None:
        """Show the members the dashboard pointed at, whatever was searched: ``filters``
        may hold "status" (a status code)."""
        if "status" in filters:
            choose_data(self.status, filters["status"])
        self.search.clear()

    def focus_search(self) -> None:
        focus_search(self.search)

    def loosen_for(self, row: MemberRow) -> None:
        """Clear the search, then set each filter back to "All" until ``row`` shows (each
        change says ``changed``)."""
        self.search.clear()
        for combo in (self.status, self.role):
            if not self.values().keeps(row):
                combo.setCurrentIndex(combo.findData(ANY))


class OrderedMembers:
    """Every member, kept in the table's sort order, and the last search's result.

    The rows are sorted again only when the table's order changes; a longer search text,
    the other filters equal, scans the previous result rather than every member.
    """

    def __init__(self, model: MembersModel) -> None:
        self._model = model
        self.all: list[MemberRow] = []
        self.forget()

    def forget(self) -> None:
        """Forget the order and the last result (the rows changed)."""
        self._ordered: tuple[tuple[int, Qt.SortOrder], list[MemberRow]] | None = None
        self._last: tuple[object, str, list[MemberRow]] | None = None

    def set_rows(self, rows: list[MemberRow]) -> None:
        self.all = rows
        self.forget()

    def store(self, row: MemberRow) -> None:
        """Put ``row`` in place of the same member's, or add it."""
        self.forget()
        for position, existing in enumerate(self.all):
            if existing.id == row.id:
                self.all[position] = row
                return
        self.all.append(row)

    def remove(self, member_id: int) -> None:
        self.all = [existing for existing in self.all if existing.id != member_id]
        self.forget()

    def _in_order(self) -> list[MemberRow]:
        state = self._model.sort_state()
        if self._ordered is None or self._ordered[0] != state:
            self._ordered = (state, self._model.ordered(self.all))
            self._last = None
        return self._ordered[1]

    def matching(self, values: FilterValues) -> list[MemberRow]:
        """The members ``values`` keep, in the table's order."""
        rows = self._in_order()
        text = fold(values.text)
        others = (values.status, values.role, self._model.sort_state())
        last = self._last
        # A longer text only narrows the previous result: scan that instead of everyone.
        if last is not None and last[0] == others and last[1] and text.startswith(last[1]):
            rows = last[2]
        matching = filter_rows(rows, text, values.status, values.role)
        self._last = (others, text, matching)
        return matching
