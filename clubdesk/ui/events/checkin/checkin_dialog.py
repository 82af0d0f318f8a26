"""Check-in of an event: who is present, guests, and at a general assembly proxies and quorum.

Every row of the list stays in memory (:mod:`~clubdesk.ui.events.checkin.checkin_roster`),
and a status change reads back only the rows it touched, so that a click or a keystroke
stays within a frame on a list of 7,000 members. The commands are in
:mod:`~clubdesk.ui.events.checkin.checkin_actions`: the dialog hands them the rows they
apply to, and shows what their signals say changed.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clubdesk import i18n
from clubdesk.domain.common.codes import AttendanceStatus
from clubdesk.domain.common.labels import attendance_status_label, event_kind_label
from clubdesk.domain.events.checkin import (
    CheckinRow,
    active_member_count,
    checkin_event,
    checkin_rows,
)
from clubdesk.domain.events.proxies import GIVING
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_datetime
from clubdesk.ui.common.limited_text import LimitedLineDelegate
from clubdesk.ui.common.table_views import make_row_table
from clubdesk.ui.events.checkin import checkin_model as columns
from clubdesk.ui.events.checkin.checkin_actions import CheckinActions, CheckinSummary
from clubdesk.ui.events.checkin.checkin_guests import GuestsPanel
from clubdesk.ui.events.checkin.checkin_model import CheckinModel, RowRole, status_icon
from clubdesk.ui.events.checkin.checkin_panels import (
    STATUS_KEYS,
    STATUSES,
    QuorumBanner,
    RosterStartPanel,
    status_button,
    summary_text,
)
from clubdesk.ui.events.checkin.checkin_roster import ALL, Roster

COLUMN_WIDTHS = {
    columns.COL_LAST_NAME: 160, columns.COL_FIRST_NAME: 130, columns.COL_COMPANY: 220,
    columns.COL_STATUS: 120, columns.COL_SUBSTITUTE: 160, columns.COL_PROXY: 180,
}


class CheckinDialog(QDialog):
    """Check-in of ``event_id``; ``changed`` tells whether anything was written."""

    def __init__(self, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.event_id = event_id
        self.info = checkin_event(event_id)
        self.changed = False
        self.roster = Roster()
        self.setWindowTitle(_("Check-in — {title}").format(title=self.info.title))
        self._build()
        self.commands = CheckinActions(event_id, self.info.is_general_assembly, self)
        self._build_buttons()
        self._connect()
        self._layout()
        self.reload()
        self._fit_to_screen()

    @classmethod
    def ask(cls, parent: QWidget | None, event_id: int) -> bool:
        """Show the dialog modally; True if anything changed (the caller refreshes counts)."""
        dialog = cls(event_id, parent)
        try:
            dialog.exec()
            return dialog.changed
        finally:
            dialog.deleteLater()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self.info.title)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        where = f" — {self.info.location}" if self.info.location else ""
        self.subheading = QLabel(f"{event_kind_label(self.info.kind)} · "
                                 f"{format_datetime(self.info.starts_at)}{where}")
        self.banner = QuorumBanner()
        self.banner.setVisible(self.info.is_general_assembly)

        self.start_panel = RosterStartPanel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search a name or a company…"))
        self.status_filter = QComboBox()
        self.status_filter.addItem(_("All statuses"), ALL)
        for code in AttendanceStatus:
            self.status_filter.addItem(status_icon(code), attendance_status_label(code), code)
        self.counts_label = QLabel()
        self.counts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = CheckinModel(self)
        self.table = make_row_table(
            self.model, selection=QAbstractItemView.SelectionMode.ExtendedSelection,
            edit_triggers=(QAbstractItemView.EditTrigger.DoubleClicked
                           | QAbstractItemView.EditTrigger.EditKeyPressed),
            widths=COLUMN_WIDTHS)
        self.table.setColumnHidden(columns.COL_PROXY, not self.info.is_general_assembly)
        self.table.setItemDelegateForColumn(
            columns.COL_NOTE, LimitedLineDelegate("attendance", "note", self.table))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.guests = GuestsPanel(self.event_id)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

    def _build_buttons(self) -> None:
        keys = STATUS_KEYS.get(i18n.current_language(), STATUS_KEYS["en"])
        self.status_actions: dict[str, QAction] = {}
        self.status_buttons: dict[str, QPushButton] = {}
        for code in STATUSES:
            action = QAction(attendance_status_label(code), self.table)
            action.setShortcut(QKeySequence(keys[code]))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, c=code: self.mark(c))
            self.table.addAction(action)
            self.status_actions[code] = action
            button = status_button(code, keys[code])
            button.clicked.connect(action.trigger)
            self.status_buttons[code] = button
        self.mark_all_button = QPushButton(_("Mark all present"))
        self.mark_all_button.setToolTip(_(
            "Mark present every member still absent; excused members, late arrivals, "
            "substitutes and members who gave a proxy keep their status"))
        self.add_button = QPushButton(_("Add a member to the list…"))
        self.remove_button = QPushButton(_("Remove from the list"))
        self.remove_button.setToolTip(_(
            "Take off the list a member added by mistake (only while absent)"))
        self.give_proxy_button = QPushButton(_("Give proxy…"))
        self.withdraw_proxy_button = QPushButton(_("Withdraw proxy"))
        for button in (self.give_proxy_button, self.withdraw_proxy_button):
            button.setVisible(self.info.is_general_assembly)

    def _connect(self) -> None:
        actions = self.commands
        self.search.textChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self.focus_table)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.guests.changed.connect(self._mark_changed)
        self.guests.message.connect(self.show_feedback)
        self.mark_all_button.clicked.connect(
            lambda _checked=False: actions.mark_all_present(self.roster.waiting()))
        self.add_button.clicked.connect(actions.add_member)
        self.remove_button.clicked.connect(
            lambda _checked=False: actions.remove(self.selected_rows()))
        self.give_proxy_button.clicked.connect(lambda _checked=False: actions.give_proxy(
            self.selected_rows(), self.roster.rows.values()))
        self.withdraw_proxy_button.clicked.connect(
            lambda _checked=False: actions.withdraw_proxy(self.selected_rows()))
        self.start_panel.start_requested.connect(self._start_roster)
        self.start_panel.add_requested.connect(actions.add_member)
        self.model.note_edited.connect(actions.save_note)
        self.table.customContextMenuRequested.connect(self.context_menu)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        actions.rows_changed.connect(self._rows_changed)
        actions.roster_changed.connect(self._roster_changed)
        actions.member_added.connect(self._member_added)
        actions.summary_changed.connect(self._show_summary)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.status_filter)
        top.addWidget(self.counts_label, 4)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        marks = QHBoxLayout()
        for button in self.status_buttons.values():
            marks.addWidget(button)
        marks.addStretch(1)
        for button in (self.give_proxy_button, self.withdraw_proxy_button,
                       self.mark_all_button):
            marks.addWidget(button)
        roster = QWidget()
        roster_layout = QVBoxLayout(roster)
        roster_layout.setContentsMargins(0, 0, 0, 0)
        roster_layout.addLayout(top)
        roster_layout.addLayout(marks)
        roster_layout.addWidget(self.table, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_panel)
        self.stack.addWidget(roster)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.guests)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([520, 150])
        bottom = QHBoxLayout()
        bottom.addWidget(self.feedback, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(1280, screen.width() - 40), min(720, screen.height() - 48))

    # -- loading and filtering --------------------------------------------------------------

    def reload(self) -> None:
        """Read the whole list again (after a change touching many rows)."""
        self.roster.set_rows(checkin_rows(self.event_id))
        started = bool(self.roster.rows)
        self.stack.setCurrentIndex(1 if started else 0)
        if not started:
            self.start_panel.set_active_count(active_member_count())
        self.apply_filter()
        self.commands.refresh_summary()

    def apply_filter(self) -> None:
        """Show the rows matching the search and the status filter; keep the selection."""
        selected = self.selected_ids()
        self.model.set_rows(self.roster.matching(self.search.text(),
                                                 self.status_filter.currentData() or ALL))
        self.select_ids(selected)
        text = self.search.text().strip()
        if not self.selected_ids() and text and self.model.rowCount():
            self.select_ids([self.model.row_at(0).member_id])  # one click marks who was found
        elif text and not self.model.rowCount() and self.roster.rows:
            self.show_feedback(_("Nobody on the list matches “{text}”: a guest, or a "
                                 "member to add to the list?").format(text=text))
        self.update_buttons()

    # -- what the commands changed ----------------------------------------------------------

    def _rows_changed(self, rows: list[CheckinRow], message: str) -> None:
        """Show fresh rows of some members in place.

        A row that no longer matches the status filter stays until the list is filtered
        again: lines do not vanish under the pointer while the secretary works down a list.
        """
        self.roster.store(rows)
        for row in rows:
            self.model.update_row(row)
        self.update_buttons()
        self.changed = True
        self.show_feedback(message)

    def _roster_changed(self, message: str) -> None:
        self.changed = True
        self.reload()
        self.show_feedback(message)

    def _member_added(self, member_id: int) -> None:
        """Show the whole list, the member just added selected, ready to be marked."""
        self.changed = True
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.reload()
        self.select_ids([member_id])
        self.table.setFocus()
        self.show_feedback(_("{name} is on the list: mark their status.").format(
            name=self.roster.rows[member_id].full_name))

    def _show_summary(self, summary: CheckinSummary) -> None:
        """Counts; at a general assembly, proxies held and the quorum banner too."""
        self.counts_label.setText(summary_text(summary.counts))
        if summary.quorum is not None:
            self.model.set_held(summary.held)
            self.banner.show_result(summary.quorum)

    # -- commands ---------------------------------------------------------------------------

    def mark(self, status: str) -> None:
        """Give the selected members ``status``; at the door, ready to type the next name."""
        if self.commands.mark(status, self.selected_rows()) and self.search.text():
            self.search.setFocus()
            self.search.selectAll()

    def _start_roster(self) -> None:
        if self.commands.start_roster():
            self.search.setFocus()

    def context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for action in self.status_actions.values():
            menu.addAction(action)
        menu.addSeparator()
        if self.info.is_general_assembly:
            for button in (self.give_proxy_button, self.withdraw_proxy_button):
                menu.addAction(button.text(), button.click).setEnabled(button.isEnabled())
        index = self.table.indexAt(position)
        if index.isValid():
            note = self.model.index(index.row(), columns.COL_NOTE)
            menu.addAction(_("Edit the note"), lambda: self.table.edit(note))
        button = self.remove_button
        menu.addAction(button.text(), button.click).setEnabled(button.isEnabled())
        menu.popup(self.table.viewport().mapToGlobal(position))

    # -- selection --------------------------------------------------------------------------

    def selected_rows(self) -> list[CheckinRow]:
        indexes = sorted(self.table.selectionModel().selectedRows(), key=QModelIndex.row)
        return [index.data(RowRole) for index in indexes]

    def selected_ids(self) -> list[int]:
        return [row.member_id for row in self.selected_rows()]

    def select_ids(self, member_ids: list[int]) -> None:
        positions = sorted(p for p in map(self.model.row_of, member_ids) if p >= 0)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        start = previous = None
        for position in [*positions, None]:  # contiguous runs, one range each
            if start is not None and position != previous + 1:
                selection.select(self.model.index(start, 0), self.model.index(previous, last))
                start = None
            if start is None:
                start = position
            previous = position
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.table.selectionModel().select(selection, flags)
        if positions:
            current = self.model.index(positions[0], 0)
            self.table.selectionModel().setCurrentIndex(
                current, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(current)

    def update_buttons(self) -> None:
        rows = self.selected_rows()
        for code, action in self.status_actions.items():
            enabled = bool(rows) and (code != AttendanceStatus.SUBSTITUTE or len(rows) == 1)
            action.setEnabled(enabled)
            self.status_buttons[code].setEnabled(enabled)
        single = rows[0] if len(rows) == 1 else None
        self.remove_button.setEnabled(single is not None
                                      and single.status == AttendanceStatus.ABSENT
                                      and single.proxy_to_id is None)
        self.give_proxy_button.setEnabled(single is not None and single.status in GIVING)
        self.withdraw_proxy_button.setEnabled(single is not None
                                              and single.proxy_to_id is not None)
        self.mark_all_button.setEnabled(self.roster.anyone_waiting())

    def focus_table(self) -> None:
        if self.model.rowCount() and not self.selected_ids():
            self.select_ids([self.model.row_at(0).member_id])
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_feedback(self, text: str) -> None:
        self.feedback.setText(text)

    def _mark_changed(self) -> None:
        self.changed = True
