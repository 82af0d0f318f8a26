"""The filters of the Members tab (search, status, role, dues), and the members in the table's
order.

Filtering runs in Python over precomputed search keys (:func:`filter_rows`) and the result
replaces the model's rows; the model sorts itself on cached keys. Both stay within a frame
for 20,000 members, so the search filters at every keystroke without a timer.
:meth:`MemberFilters.values` gives what :func:`filter_rows` takes; :class:`OrderedMembers`
keeps every member in the table's order, so that a keystroke costs a scan, not a sort.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from clubdesk.domain.common.codes import MemberStatus
from clubdesk.domain.common.labels import bureau_role_label, member_status_label
from clubdesk.domain.common.text import fold
from clubdesk.domain.dues.dues_status import DuesStatus, dues_status_label
from clubdesk.domain.members.member_dues import DUES_FILTERS, OWING, UP_TO_DATE
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
DuesSource = Callable[[], Mapping[int, str] | None]
# The dues statuses the filter offers one by one ("nothing due" goes with "up to date").
DUES_CHOICES = (DuesStatus.PAID, DuesStatus.PARTLY_PAID, DuesStatus.UNPAID, DuesStatus.EXEMPT)


@dataclass(frozen=True)
class FilterValues:
    """What the filters keep: :func:`filter_rows`' arguments."""

    text: str
    status: Codes
    role: Codes
    dues: Codes = None
    # Member id -> dues status code (None: not read yet); not a filter, what it reads.
    dues_status: Mapping[int, str] | None = field(default=None, compare=False)

    def keeps(self, row: MemberRow) -> bool:
        return bool(filter_rows([row], self.text, self.status, self.role, self.dues,
                                self.dues_status))


class MemberFilters(QObject):
    """The search field and the status, role and dues combos; ``changed`` when any changes.

    ``dues_status`` gives each member's dues status for the year the list shows (None
    until they are read)."""

    changed = Signal()

    def __init__(self, parent: QWidget, dues_status: DuesSource = lambda: None) -> None:
        super().__init__(parent)
        self._dues_status = dues_status
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
        self.dues = QComboBox()
        self.dues.setToolTip(_("Who is up to date with their dues for the current fiscal "
                               "year"))
        self.dues.addItem(_("All dues"), ANY)
        self.dues.addItem(_("Up to date"), UP_TO_DATE)
        self.dues.setItemData(1, _("Paid, exempt, or nothing due"),
                              Qt.ItemDataRole.ToolTipRole)
        self.dues.addItem(_("Not up to date"), OWING)
        self.dues.setItemData(2, _("Unpaid or partly paid"), Qt.ItemDataRole.ToolTipRole)
        for code in DUES_CHOICES:
            self.dues.addItem(dues_status_label(code), code.value)

        self.search.textChanged.connect(self.changed)
        self.status.currentIndexChanged.connect(self.changed)
        self.role.currentIndexChanged.connect(self.changed)
        self.dues.currentIndexChanged.connect(self.changed)

    def widgets(self) -> list[QWidget]:
        """The search field, then the combos, as the toolbar shows them."""
        return [self.search, self.status, self.role, self.dues]

    def values(self) -> FilterValues:
        status = self.status.currentData()
        role = self.role.currentData()
        dues = self.dues.currentData()
        return FilterValues(
            self.search.text(),
            CURRENT_STATUSES if status == STATUS_CURRENT else status or None,
            BUREAU_MEMBER_ROLES if role == ROLE_BUREAU else role or None,
            DUES_FILTERS.get(dues) if dues else None,
            self._dues_status(),
        )

    def filters_dues(self) -> bool:
        """True when the dues filter is set (the list then waits for the dues)."""
        return bool(self.dues.currentData())

    def narrow(self, filters: Mapping[str, object]) -> None:
        """Show the members the dashboard pointed at, whatever was searched: ``filters``
        may hold "status" (a status code) and "dues" ("up_to_date", "owing" or a dues
        status code)."""
        if "status" in filters:
            choose_data(self.status, filters["status"])
        if "dues" in filters:
            choose_data(self.dues, filters["dues"])
        self.search.clear()

    def focus_search(self) -> None:
        focus_search(self.search)

    def loosen_for(self, row: MemberRow) -> None:
        """Clear the search, then set each filter back to "All" until ``row`` shows (each
        change says ``changed``)."""
        self.search.clear()
        for combo in (self.status, self.role, self.dues):
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
        others = (values.status, values.role, values.dues, self._model.sort_state())
        last = self._last
        # A longer text only narrows the previous result: scan that instead of everyone.
        if last is not None and last[0] == others and last[1] and text.startswith(last[1]):
            rows = last[2]
        matching = filter_rows(rows, text, values.status, values.role, values.dues,
                               values.dues_status)
        self._last = (others, text, matching)
        return matching
