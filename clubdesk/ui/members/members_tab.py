"""The Members tab: search, filters, the list, and the selected member's detail.

The filters and the members kept in the table's order live in :mod:`member_filters`, the
actions in :mod:`member_actions`; the tab puts them together with the list, the detail and
what the commands do. Each member's dues status for the current fiscal year is read in the
background after the list (:meth:`MembersTab.refresh_dues`). Recording a payment, editing or
deleting one, and reminders are the window's to do: the tab asks through its signals.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from clubdesk.domain.members.member_dues import DUES_FILTERS, OWING, UP_TO_DATE, YearDues, year_dues
from clubdesk.domain.members.member_list import MemberRow, member_row, member_rows
from clubdesk.domain.members.members import MemberNotFoundError
from clubdesk.i18n import _, format_count, ngettext
from clubdesk.ui.common.background import TaskRunner
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
    columns.COL_LAST_NAME: 120,
    columns.COL_FIRST_NAME: 100,
    columns.COL_COMPANY: 145,
    columns.COL_PROFESSION: 125,
    columns.COL_CITY: 105,
    columns.COL_EMAIL: 180,
    columns.COL_PHONE: 100,
    columns.COL_STATUS: 105,
    columns.COL_DUES: 120,
    columns.COL_ROLE: 100,
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
    payment_requested = Signal(list)  # member ids: record the same payment for each
    reminder_requested = Signal(list)  # member ids: remind those who owe their dues
    payment_edit_requested = Signal(int)  # payment (fee) id, from the member panel
    payment_delete_requested = Signal(int)  # payment (fee) id, from the member panel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MembersModel(self)
        self.filters = MemberFilters(self, self.model.dues_status)
        self.dues_loader = TaskRunner(self)

        self.count_label = QLabel()
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dues_label = QLabel()
        self.dues_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.members = OrderedMembers(self.model)
        self.table = make_row_table(
            self.model, selection=QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(columns.COL_LAST_NAME, Qt.SortOrder.AscendingOrder)

        self.detail = MemberDetail()
        self.detail.payment_requested.connect(self.payment_requested)
        self.detail.payment_edit_requested.connect(self.payment_edit_requested)
        self.detail.payment_delete_requested.connect(self.payment_delete_requested)

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
            payment=self.request_payment, reminder=self.request_reminder,
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
        # The filters, then what can be done: one row would not hold both at 1366 pixels.
        filters_row = QHBoxLayout()
        search, *combos = self.filters.widgets()
        filters_row.addWidget(search, 3)
        for combo in combos:
            filters_row.addWidget(combo)
        filters_row.addWidget(self.count_label, 1)
        actions_row = QHBoxLayout()
        for button in self.actions.buttons():
            actions_row.addWidget(button)
        actions_row.addSpacing(16)
        for button in self.actions.dues_buttons():
            actions_row.addWidget(button)
        actions_row.addSpacing(16)
        actions_row.addWidget(self.dues_label, 1)
        for button in (self.import_button, self.export_button):
            actions_row.addWidget(button)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([400, 280])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(filters_row)
        layout.addLayout(actions_row)
        layout.addWidget(self.splitter, 1)

    # -- loading and filtering ------------------------------------------------------------

    def narrow(self, filters: Mapping[str, object]) -> None:
        """Show the members the dashboard pointed at: ``filters`` may hold "status" (a
        status code) and "dues" ("up_to_date", "owing" or a dues status code)."""
        self.filters.narrow(filters)

    def reload(self) -> None:
        """Read every member again from the database and show the ones the filters keep;
        their dues follow in the background."""
        self.members.set_rows(member_rows())
        self.apply_filter()
        self.refresh_detail()
        self.refresh_dues()

    def refresh_detail(self) -> None:
        """Read the member shown in the detail again (their history may have changed)."""
        if self.detail.member_id() is not None:
            self.detail.show_member(self.detail.member_id())

    def refresh_dues(self) -> None:
        """Read everyone's dues status for the current fiscal year again, in the background
        (a payment was recorded, the fee schedule changed…); the column and the dues
        filter follow when it is read. The statuses shown meanwhile stay."""
        if self.model.dues() is None:
            self.dues_label.setText(_("Reading the dues…"))
        self.dues_loader.run(lambda _progress: year_dues(), self._show_dues, self._dues_not_read)

    def dues_loaded(self) -> bool:
        """True once the dues statuses are read and no newer reading is under way."""
        return self.model.dues() is not None and not self.dues_loader.is_running()

    def _show_dues(self, dues: YearDues) -> None:
        self.model.set_dues(dues)
        self._fit_dues_header()
        self.members.forget()  # the order on the dues column and the last result changed
        if self.filters.filters_dues() or self.model.sort_state()[0] == columns.COL_DUES:
            self.apply_filter()
        else:
            self._show_count()

    def _fit_dues_header(self) -> None:
        """Widen the dues column to its header ("Cotisation 2025-2026" is longer than a
        calendar year's), room for the sort arrow included."""
        header = self.table.horizontalHeader()
        text = str(self.model.headerData(columns.COL_DUES, Qt.Orientation.Horizontal))
        wanted = header.fontMetrics().horizontalAdvance(text) + 28
        if header.sectionSize(columns.COL_DUES) < wanted:
            header.resizeSection(columns.COL_DUES, wanted)

    def _dues_not_read(self, error: BaseException) -> None:
        self.dues_label.setText(_("The dues could not be read: {error}").format(error=error))

    def apply_filter(self) -> None:
        """Show the rows matching the search text and the filters; keep the selection."""
        selected = self.selected_member_ids()
        current = self.selected_member_id()
        self.model.set_rows(self.members.matching(self.filters.values()), presorted=True)
        if not selected or not self.select_members(selected, current):
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
        if self.filters.filters_dues() and self.model.dues() is None:
            text = _("Reading the dues…")
        self.count_label.setText(text)
        self._show_dues_count()
        self.member_count_changed.emit(shown, total)

    def _show_dues_count(self) -> None:
        """How many of the members shown are up to date for the year, and how many not."""
        dues = self.model.dues()
        statuses = self.model.dues_status()
        if dues is None or statuses is None:
            return
        up_to_date, owing = DUES_FILTERS[UP_TO_DATE], DUES_FILTERS[OWING]
        counted = [statuses.get(row.id) for row in self.model.rows()]
        ok = sum(status in up_to_date for status in counted)
        late = sum(status in owing for status in counted)
        if not ok and not late:
            self.dues_label.setText("")
            return
        self.dues_label.setText(_("Dues {year}: {up_to_date}, {owing}").format(
            year=dues.label,
            up_to_date=ngettext("{n} up to date", "{n} up to date", ok),
            owing=ngettext("{n} not up to date", "{n} not up to date", late)))

    # -- selection ------------------------------------------------------------------------

    def selected_row(self) -> MemberRow | None:
        """The member the detail shows and the single-member actions act on: the current
        row when it is selected, else the first selected."""
        current = self.table.currentIndex()
        if current.isValid() and self.table.selectionModel().isRowSelected(current.row()):
            return current.siblingAtColumn(0).data(RowRole)  # type: ignore[no-any-return]
        return current_row_object(self.table, RowRole)  # type: ignore[no-any-return]

    def selected_member_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def selected_count(self) -> int:
        """How many members are selected (counted on the selection's ranges: cheap for
        20,000)."""
        return sum(part.bottom() - part.top() + 1
                   for part in self.table.selectionModel().selection())

    def selected_member_ids(self) -> list[int]:
        """Every selected member, in the list's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row).id for row in rows]

    def select_member(self, member_id: int) -> bool:
        """Select and show ``member_id``'s row; False when the filters hide it."""
        return select_line(self.table, self.model.row_of(member_id))

    def select_members(self, member_ids: list[int], current: int | None = None) -> bool:
        """Select those of ``member_ids`` still shown, ``current`` the current one (else
        the first); False when the filters hide them all."""
        positions = sorted(position for position in map(self.model.row_of, member_ids)
                           if position >= 0)
        if not positions:
            return False
        if len(positions) == 1:
            return select_line(self.table, positions[0])
        selection = self.table.selectionModel()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        blocked = selection.blockSignals(True)  # one selectionChanged, not one a row
        try:
            selection.clearSelection()
            for position in positions:
                selection.select(self.model.index(position, 0), flags)
            lead = self.model.row_of(current) if current is not None else -1
            selection.setCurrentIndex(
                self.model.index(lead if lead >= 0 else positions[0], 0),
                QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            selection.blockSignals(blocked)
        self._selection_changed()
        return True

    def _select_position(self, position: int) -> None:
        count = self.model.rowCount()
        if count:
            self.select_member(self.model.row_at(min(position, count - 1)).id)

    def _selection_changed(self) -> None:
        count = self.selected_count()
        row = self.selected_row()
        self.actions.enable_for(row, count)
        if count > 1:
            self.detail.show_several(count)
        elif self.detail.member_id() != (row.id if row else None) or row is None:
            self.detail.show_member(row.id if row else None)

    def request_payment(self) -> None:
        """Ask the window to record a payment for the selected members."""
        member_ids = self.selected_member_ids()
        if member_ids:
            self.payment_requested.emit(member_ids)

    def request_reminder(self) -> None:
        """Ask the window to remind the selected members of their dues."""
        member_ids = self.selected_member_ids()
        if member_ids:
            self.reminder_requested.emit(member_ids)

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
        self.refresh_dues()  # the joining date or the status may change what is due
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
