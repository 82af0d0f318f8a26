"""The Members tab: search, filters, the list, and the selected member's detail.

The filters and the members kept in the table's order live in :mod:`member_filters`, the
actions in :mod:`member_actions`; the tab puts them together with the list, the detail and
what the commands do.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.codes import MemberStatus
from clubdesk.domain.members.member_archive import (
    MemberHasHistoryError,
    archive_member,
    check_deletable,
    delete_member,
)
from clubdesk.domain.members.member_list import MemberRow, member_row, member_rows
from clubdesk.domain.members.members import MemberNotFoundError
from clubdesk.i18n import _, format_count, ngettext
from clubdesk.ui.common.export_actions import ListExport
from clubdesk.ui.common.prompts import confirm, inform
from clubdesk.ui.common.search_field import lead_to_list
from clubdesk.ui.common.table_views import (
    current_row_object,
    make_row_table,
    select_line,
    wire_row_table,
)
from clubdesk.ui.members import members_model as columns
from clubdesk.ui.members import merge_dialog, personal_data_actions
from clubdesk.ui.members.member_actions import MemberActions, MemberCommands
from clubdesk.ui.members.member_detail import MemberDetail
from clubdesk.ui.members.member_dialog import MemberDialog
from clubdesk.ui.members.member_filters import MemberFilters, OrderedMembers
from clubdesk.ui.members.members_model import MembersModel, RowRole

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
    return MemberDialog.ask(parent, member_id)


class MembersTab(QWidget):
    """List, search and filters of the members, with their detail below."""

    member_count_changed = Signal(int, int)  # shown, total
    status_message = Signal(str)
    activity_sheet_requested = Signal(int)  # member id
    import_requested = Signal()  # the main window runs the import wizard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filters = MemberFilters(self)

        self.count_label = QLabel()
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = MembersModel(self)
        self.members = OrderedMembers(self.model)
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

        self.filters.changed.connect(self.apply_filter)
        lead_to_list(self.filters.search, self._focus_table)
        wire_row_table(self.table, selection_changed=self._selection_changed,
                       opened=self.edit_member, menu=self.context_menu)
        self._selection_changed()

    # -- building -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.actions = MemberActions(MemberCommands(
            new=self.new_member, find=self.focus_search, edit=self.edit_member,
            archive=self.archive_selected, delete=self.delete_selected,
            sheet=self.request_activity_sheet, merge=self.merge_selected,
            personal_data=self.export_personal_data, anonymize=self.anonymize_selected,
        ), self)
        self.addActions(self.actions.whole_tab())
        self.table.addActions(self.actions.list_only())
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
        search, *combos = self.filters.widgets()
        toolbar.addWidget(search, 3)
        for combo in combos:
            toolbar.addWidget(combo)
        toolbar.addWidget(self.count_label, 1)
        for button in (*self.actions.buttons(), self.import_button, self.export_button):
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
        self.filters.narrow(filters)

    def reload(self) -> None:
        """Read every member again from the database and show the ones the filters keep."""
        self.members.set_rows(member_rows())
        self.apply_filter()
        self.refresh_detail()

    def refresh_detail(self) -> None:
        """Read the member shown in the detail again (their history may have changed)."""
        if self.detail.member_id() is not None:
            self.detail.show_member(self.detail.member_id())

    def apply_filter(self) -> None:
        """Show the rows matching the search text and both filters; keep the selection."""
        selected = self.selected_member_id()
        self.model.set_rows(self.members.matching(self.filters.values()), presorted=True)
        if selected is None or not self.select_member(selected):
            self._selection_changed()
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.members.all)
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
        self.actions.enable_for(row)
        if self.detail.member_id() != (row.id if row else None) or not has_row:
            self.detail.show_member(row.id if row else None)

    def merge_selected(self) -> None:
        """Merge a duplicate record into the selected member, field by field."""
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
        member_id = self.selected_member_id()
        if member_id is not None:
            personal_data_actions.export_personal_data(self, member_id)

    def anonymize_selected(self) -> None:
        """Erase the selected member's identity (right to erasure), after confirmation."""
        member_id = self.selected_member_id()
        if member_id is not None and personal_data_actions.anonymize(self, member_id):
            self.reload()

    def request_activity_sheet(self) -> None:
        """Ask the window for the selected member's activity sheet (a PDF)."""
        member_id = self.selected_member_id()
        if member_id is not None:
            self.activity_sheet_requested.emit(member_id)

    def context_menu(self) -> QMenu:
        """The actions on the selected member, then the ones on the register."""
        return self.actions.context_menu(self)

    # -- keyboard -------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.filters.focus_search()

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
        except MemberNotFoundError:
            self.reload()
            return
        self.members.store(row)
        if self.filters.values().keeps(row):
            if not self.model.update_row(row):  # a new member
                self.apply_filter()
        else:
            # The filters hide the member just saved: loosen them rather than lose sight of
            # the member (each change filters the list again).
            self.filters.loosen_for(row)
            message += " " + _("Filters changed to show them.")
        self.select_member(member_id)
        self.detail.show_member(member_id)
        self._show_count()
        self.status_message.emit(message.format(name=row.full_name))

    def archive_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.status == MemberStatus.FORMER:
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
        except MemberNotFoundError:  # deleted meanwhile (another window, another user)
            self.reload()
            return
        self.members.store(updated)
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
        except MemberNotFoundError:
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
        except MemberNotFoundError:
            self.reload()
            return
        self.members.remove(row.id)
        self.apply_filter()
        self._select_position(position)
        self.status_message.emit(_("{name} deleted.").format(name=row.full_name))

    def _offer_archive(self, row: MemberRow, error: MemberHasHistoryError) -> None:
        if row.status == MemberStatus.FORMER:
            inform(self, _("Delete member"), str(error))
            return
        if confirm(self, _("Delete member"), str(error), _("Archive")):
            self._archive(row)
