"""The Members tab: search, filters, the list, and the selected member's detail.

Filtering runs in Python over precomputed search keys (:func:`filter_rows`) and the result
replaces the model's rows; the model sorts itself on cached keys. Both stay within a frame
for 20,000 members, so the search filters at every keystroke without a timer.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clubdesk.db import BUREAU_ROLES, MEMBER_STATUSES, Member
from clubdesk.domain.common.labels import bureau_role_label, member_status_label
from clubdesk.domain.common.text import fold
from clubdesk.domain.members.member_archive import (
    MemberHasHistoryError,
    archive_member,
    check_deletable,
    delete_member,
)
from clubdesk.domain.members.member_list import (
    BUREAU_MEMBER_ROLES,
    CURRENT_STATUSES,
    MemberRow,
    filter_rows,
    member_row,
    member_rows,
)
from clubdesk.i18n import _, format_count, ngettext
from clubdesk.ui.common.export_actions import ListExport
from clubdesk.ui.common.form_widgets import choose_data
from clubdesk.ui.common.prompts import build_confirmation, confirm, inform  # noqa: F401 (tests)
from clubdesk.ui.common.search_field import focus_search, lead_to_list
from clubdesk.ui.common.table_views import (
    action_button,
    current_row_object,
    make_row_table,
    select_line,
    wire_row_table,
)
from clubdesk.ui.members import members_model as columns
from clubdesk.ui.members.member_detail import MemberDetail
from clubdesk.ui.members.members_model import MembersModel, RowRole

# Filter choices kept in the combos' item data.
STATUS_CURRENT = "current"
ANY = ""
ROLE_BUREAU = "bureau"

# Widths at 1366 pixels; the last column stretches.
COLUMN_WIDTHS = {
    columns.COL_LAST_NAME: 135,
    columns.COL_FIRST_NAME: 110,
    columns.COL_COMPANY: 170,
    columns.COL_PROFESSION: 150,
    columns.COL_CITY: 110,
    columns.COL_EMAIL: 205,
    columns.COL_PHONE: 115,
    columns.COL_STATUS: 110,
    columns.COL_ROLE: 115,
}


def edit_member_dialog(parent: QWidget, member_id: int | None) -> int | None:
    """Open the member form (new when ``member_id`` is None); the saved id or None."""
    from clubdesk.ui.members.member_dialog import MemberDialog  # written alongside this tab

    return MemberDialog.ask(parent, member_id)


class MembersTab(QWidget):
    """List, search and filters of the members, with their detail below."""

    member_count_changed = Signal(int, int)  # shown, total
    status_message = Signal(str)
    activity_sheet_requested = Signal(int)  # member id
    import_requested = Signal()  # the main window runs the import wizard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_rows: list[MemberRow] = []
        self._forget_order()

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            _("Search name, company, profession, email, city…"))
        self.search.setMinimumWidth(280)

        # Everyone by default (former members in grey): the list is the whole register.
        self.status_filter = QComboBox()
        self.status_filter.addItem(_("All statuses"), ANY)
        self.status_filter.addItem(_("Current members"), STATUS_CURRENT)
        self.status_filter.setItemData(
            1, _("Prospects, active and lapsed members"), Qt.ItemDataRole.ToolTipRole)
        for code in MEMBER_STATUSES:
            self.status_filter.addItem(member_status_label(code), code)
        self.role_filter = QComboBox()
        self.role_filter.addItem(_("All roles"), ANY)
        self.role_filter.addItem(_("Bureau members"), ROLE_BUREAU)
        for code in (*BUREAU_ROLES[1:], BUREAU_ROLES[0]):
            self.role_filter.addItem(bureau_role_label(code), code)

        self.count_label = QLabel()
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = MembersModel(self)
        self.table = make_row_table(self.model)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(columns.COL_LAST_NAME, Qt.SortOrder.AscendingOrder)

        self.detail = MemberDetail()

        self._build_actions()
        self._build_layout()

        self.search.textChanged.connect(self.apply_filter)
        lead_to_list(self.search, self._focus_table)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.role_filter.currentIndexChanged.connect(self.apply_filter)
        wire_row_table(self.table, selection_changed=self._selection_changed,
                       opened=self.edit_member, menu=self.context_menu)
        self._selection_changed()

    # -- building -------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], None], shortcuts: list[QKeySequence],
                widget: QWidget, context: Qt.ShortcutContext) -> QAction:
        action = QAction(text, widget)
        action.setShortcuts(shortcuts)
        action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        widget.addAction(action)
        return action

    def _build_actions(self) -> None:
        whole_tab = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # Enter and Delete act on the list only: in the search field Delete edits the text
        # and Enter goes on to the list; a Delete pressed on a filter combo must not delete
        # a member.
        list_only = Qt.ShortcutContext.WidgetShortcut
        self.new_action = self._action(
            _("New member"), self.new_member,
            [QKeySequence(QKeySequence.StandardKey.New)], self, whole_tab)
        self.find_action = self._action(
            _("Search"), self.focus_search,
            [QKeySequence(QKeySequence.StandardKey.Find)], self, whole_tab)
        self.edit_action = self._action(
            _("Edit"), self.edit_member,
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)],
            self.table, list_only)
        self.archive_action = self._action(
            _("Archive"), self.archive_selected, [], self, whole_tab)
        self.delete_action = self._action(
            _("Delete"), self.delete_selected,
            [QKeySequence(QKeySequence.StandardKey.Delete)], self.table, list_only)
        self.sheet_action = self._action(
            _("Activity sheet…"), self.request_activity_sheet, [], self, whole_tab)
        self.merge_action = self._action(
            _("Merge with another member…"), self.merge_selected, [], self, whole_tab)
        self.personal_data_action = self._action(
            _("Export personal data (GDPR)…"), self.export_personal_data, [], self,
            whole_tab)
        self.anonymize_action = self._action(
            _("Anonymise (GDPR)…"), self.anonymize_selected, [], self, whole_tab)

        self.new_button = action_button(self.new_action, _("New member (Ctrl+N)"))
        self.edit_button = action_button(self.edit_action,
                                        _("Edit the selected member (Enter)"))
        self.archive_button = action_button(
            self.archive_action,
            _("Archive the selected member: they become a former member and their "
                    "history is kept"))
        self.delete_button = action_button(
            self.delete_action,
            _("Delete the selected member (Delete): only for a member entered by "
                    "mistake, without any history"))
        # The members shown, or their dues: what the search and the filters keep.
        self.exporter = ListExport(self, self.table, ("members", "fees"),
                                   self.status_message.emit)
        self.export_button = self.exporter.button
        self.import_button = QPushButton(_("Import…"))
        self.import_button.setToolTip(_(
            "Add or update members from an Excel or CSV file: you check the columns and "
            "see what will change before anything is written"))
        self.import_button.clicked.connect(self.import_requested.emit)

    def _build_layout(self) -> None:
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search, 3)
        toolbar.addWidget(self.status_filter)
        toolbar.addWidget(self.role_filter)
        toolbar.addWidget(self.count_label, 1)
        for button in (self.new_button, self.edit_button, self.archive_button,
                       self.delete_button, self.import_button, self.export_button):
            toolbar.addWidget(button)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([400, 280])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.splitter, 1)

    # -- loading and filtering ------------------------------------------------------------

    def narrow(self, filters: Mapping[str, object]) -> None:
        """Show the members the dashboard pointed at: ``filters`` may hold "status" (a
        status code)."""
        if "status" in filters:
            choose_data(self.status_filter, filters["status"])
        self.search.clear()

    def reload(self) -> None:
        """Read every member again from the database and show the ones the filters keep."""
        self._all_rows = member_rows()
        self._forget_order()
        self.apply_filter()
        if self.detail.member_id() is not None:  # what is shown may have changed
            self.detail.show_member(self.detail.member_id())

    def _forget_order(self) -> None:
        self._ordered: tuple[tuple[int, Qt.SortOrder], list[MemberRow]] | None = None
        self._last_filter: tuple[object, str, list[MemberRow]] | None = None

    def _rows_in_order(self) -> list[MemberRow]:
        """Every member in the table's sort order, sorted again only when that order changes.

        Filtering keeps the order, so a keystroke costs a scan, not a sort.
        """
        state = self.model.sort_state()
        if self._ordered is None or self._ordered[0] != state:
            self._ordered = (state, self.model.ordered(self._all_rows))
            self._last_filter = None
        return self._ordered[1]

    def _matching_rows(self) -> list[MemberRow]:
        rows = self._rows_in_order()
        text = fold(self.search.text())
        filters = (self._filters(), self.model.sort_state())
        last = self._last_filter
        # A longer text only narrows the previous result: scan that instead of everyone.
        if last is not None and last[0] == filters and last[1] and text.startswith(last[1]):
            rows = last[2]
        matching = filter_rows(rows, text, *filters[0])
        self._last_filter = (filters, text, matching)
        return matching

    def apply_filter(self) -> None:
        """Show the rows matching the search text and both filters; keep the selection."""
        selected = self.selected_member_id()
        self.model.set_rows(self._matching_rows(), presorted=True)
        if selected is None or not self.select_member(selected):
            self._selection_changed()
        self._show_count()

    def _filters(self) -> tuple[Collection[str] | str | None, Collection[str] | str | None]:
        """The status and role filters as :func:`filter_rows` takes them."""
        status = self.status_filter.currentData()
        role = self.role_filter.currentData()
        return (
            CURRENT_STATUSES if status == STATUS_CURRENT else status or None,
            BUREAU_MEMBER_ROLES if role == ROLE_BUREAU else role or None,
        )

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), len(self._all_rows)
        self.detail.set_register_empty(total == 0)
        if shown == total:
            text = ngettext("{n} member", "{n} members", total)
        else:
            text = ngettext("{shown} of {n} member",
                            "{shown} of {n} members", total).format(shown=format_count(shown))
        self.count_label.setText(text)
        self.member_count_changed.emit(shown, total)

    # -- selection ------------------------------------------------------------------------

    def selected_row(self) -> MemberRow | None:
        return current_row_object(self.table, RowRole)  # type: ignore[no-any-return]

    def selected_member_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def select_member(self, member_id: int) -> bool:
        """Select and show ``member_id``'s row; False when the filters hide it."""
        return select_line(self.table, self.model.row_of(member_id))

    def _select_position(self, position: int) -> None:
        count = self.model.rowCount()
        if count:
            self.select_member(self.model.row_at(min(position, count - 1)).id)

    def _selection_changed(self) -> None:
        row = self.selected_row()
        has_row = row is not None
        self.edit_action.setEnabled(has_row)
        self.delete_action.setEnabled(has_row)
        self.sheet_action.setEnabled(has_row)
        self.personal_data_action.setEnabled(has_row)
        self.merge_action.setEnabled(has_row)
        self.anonymize_action.setEnabled(has_row)
        self.archive_action.setEnabled(has_row and row.status != "former")
        if self.detail.member_id() != (row.id if row else None) or not has_row:
            self.detail.show_member(row.id if row else None)

    def merge_selected(self) -> None:
        """Merge a duplicate record into the selected member, field by field."""
        from clubdesk.ui.members import merge_dialog

        keep_id = self.selected_member_id()
        if keep_id is None:
            return
        other_id = merge_dialog.ask_other_member(self, keep_id)
        if other_id is not None and other_id != keep_id and merge_dialog.MergeDialog.ask(
                self, keep_id, other_id):
            self.reload()
            self.select_member(keep_id)

    def export_personal_data(self) -> None:
        """Everything stored about the selected member, as JSON or PDF (right of access)."""
        from clubdesk.ui.members.personal_data_actions import export_personal_data

        member_id = self.selected_member_id()
        if member_id is not None:
            export_personal_data(self, member_id)

    def anonymize_selected(self) -> None:
        """Erase the selected member's identity (right to erasure), after confirmation."""
        from clubdesk.ui.members.personal_data_actions import anonymize

        member_id = self.selected_member_id()
        if member_id is not None and anonymize(self, member_id):
            self.reload()

    def request_activity_sheet(self) -> None:
        """Ask the window for the selected member's activity sheet (a PDF)."""
        member_id = self.selected_member_id()
        if member_id is not None:
            self.activity_sheet_requested.emit(member_id)

    def context_menu(self) -> QMenu:
        """The actions on the selected member, then the ones on the register."""
        menu = QMenu(self)
        for action in (self.edit_action, self.sheet_action, self.archive_action,
                       self.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.merge_action)
        menu.addAction(self.personal_data_action)
        menu.addAction(self.anonymize_action)
        menu.addSeparator()
        menu.addAction(self.new_action)
        return menu

    # -- keyboard -------------------------------------------------------------------------

    def focus_search(self) -> None:
        focus_search(self.search)

    def _focus_table(self) -> None:
        if self.model.rowCount() and self.selected_row() is None:
            self._select_position(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- commands -------------------------------------------------------------------------

    def new_member(self) -> None:
        member_id = edit_member_dialog(self, None)
        if member_id is not None:
            self._saved(member_id, _("{name} added."))

    def edit_member(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        member_id = edit_member_dialog(self, row.id)
        if member_id is not None:
            self._saved(member_id, _("{name} saved."))

    def _saved(self, member_id: int, message: str) -> None:
        """Refresh the saved member's row, make sure it is visible, and select it."""
        try:
            row = member_row(member_id)
        except Member.DoesNotExist:
            self.reload()
            return
        self._store(row)
        if self._row_matches_filters(row):
            if not self.model.update_row(row):  # a new member
                self.apply_filter()
        else:
            # The filters hide the member just saved: loosen them rather than lose sight of
            # the member (each change below filters the list again).
            self.search.clear()
            for combo in (self.status_filter, self.role_filter):
                if not self._row_matches_filters(row):
                    combo.setCurrentIndex(combo.findData(ANY))
            message += " " + _("Filters changed to show them.")
        self.select_member(member_id)
        self.detail.show_member(member_id)
        self._show_count()
        self.status_message.emit(message.format(name=row.full_name))

    def _row_matches_filters(self, row: MemberRow) -> bool:
        return bool(filter_rows([row], self.search.text(), *self._filters()))

    def _store(self, row: MemberRow) -> None:
        self._forget_order()
        for position, existing in enumerate(self._all_rows):
            if existing.id == row.id:
                self._all_rows[position] = row
                return
        self._all_rows.append(row)

    def archive_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.status == "former":
            return
        if confirm(
            self, _("Archive member"),
            _("Archive {name}? They become a former member, leaving today, without a "
                    "bureau role; their history is kept.").format(name=row.full_name),
            _("Archive"),
        ):
            self._archive(row)

    def _archive(self, row: MemberRow) -> None:
        position = self.model.row_of(row.id)
        try:
            archive_member(row.id)
            updated = member_row(row.id)
        except Member.DoesNotExist:  # deleted meanwhile (another window, another user)
            self.reload()
            return
        self._store(updated)
        self.apply_filter()
        if self.select_member(row.id):
            self.detail.show_member(row.id)
        else:
            self._select_position(position)
        self.status_message.emit(_("{name} archived.").format(name=row.full_name))

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            check_deletable(row.id)
        except MemberHasHistoryError as error:
            self._offer_archive(row, error)
            return
        except Member.DoesNotExist:
            self.reload()
            return
        if not confirm(
            self, _("Delete member"),
            _("Delete {name} permanently? This cannot be undone.").format(
                name=row.full_name),
            _("Delete"),
        ):
            return
        position = self.model.row_of(row.id)
        try:
            delete_member(row.id)
        except MemberHasHistoryError as error:  # history recorded meanwhile
            self._offer_archive(row, error)
            return
        except Member.DoesNotExist:
            self.reload()
            return
        self._all_rows = [existing for existing in self._all_rows if existing.id != row.id]
        self._forget_order()
        self.apply_filter()
        self._select_position(position)
        self.status_message.emit(_("{name} deleted.").format(name=row.full_name))

    def _offer_archive(self, row: MemberRow, error: MemberHasHistoryError) -> None:
        if row.status == "former":
            inform(self, _("Delete member"), str(error))
            return
        if confirm(self, _("Delete member"), str(error), _("Archive")):
            self._archive(row)
