"""Check-in of an event: who is present, guests, and at a general assembly proxies and quorum.

Every row of the list stays in memory with a folded search key: searching is a scan of
strings, and a status change reads back only the rows it touched, so that a click or a
keystroke stays within a frame on a list of 7,000 members. Actions are in
:mod:`clubdesk.ui.events.checkin.checkin_actions`.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clubdesk import i18n
from clubdesk.db import ATTENDANCE_STATUSES
from clubdesk.domain.common.labels import attendance_status_label, event_kind_label
from clubdesk.domain.common.text import fold
from clubdesk.domain.events.checkin import CheckinRow, checkin_event, checkin_rows
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_datetime
from clubdesk.ui.common.limited_text import LimitedLineDelegate
from clubdesk.ui.common.table_views import make_row_table
from clubdesk.ui.events.checkin import checkin_model as columns
from clubdesk.ui.events.checkin.checkin_actions import CheckinActions
from clubdesk.ui.events.checkin.checkin_guests import GuestsPanel
from clubdesk.ui.events.checkin.checkin_model import CheckinModel, RowRole, status_icon
from clubdesk.ui.events.checkin.checkin_panels import QuorumBanner, RosterStartPanel

# One key a status, shown on its button: the initial of the label where it is free.
STATUS_KEYS = {
    "en": {"present": "P", "absent": "A", "excused": "E", "late": "L", "substitute": "S"},
    "fr": {"present": "P", "absent": "A", "excused": "E", "late": "R", "substitute": "S"},
}
COLUMN_WIDTHS = {
    columns.COL_LAST_NAME: 160, columns.COL_FIRST_NAME: 130, columns.COL_COMPANY: 220,
    columns.COL_STATUS: 120, columns.COL_SUBSTITUTE: 160, columns.COL_PROXY: 180,
}
ALL = ""


class CheckinDialog(QDialog):
    """Check-in of ``event_id``; ``changed`` tells whether anything was written."""

    def __init__(self, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.event_id = event_id
        self.info = checkin_event(event_id)
        self.changed = False
        self.all_rows: dict[int, CheckinRow] = {}  # member id → row, in list order
        self._last: tuple[str, str, list[CheckinRow]] | None = None  # last filter's result
        self.setWindowTitle(_("Check-in — {title}").format(title=self.info.title))
        self._build()
        self.commands = CheckinActions(self)
        self._build_buttons()
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
        for code in ATTENDANCE_STATUSES:
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

        self.search.textChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self.focus_table)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.guests.changed.connect(self._mark_changed)
        self.guests.message.connect(self.show_feedback)

    def _status_button(self, code: str, key: str) -> QPushButton:
        text = attendance_status_label(code) + ("…" if code == "substitute" else "")
        button = QPushButton(status_icon(code), f"{text}  ({key})")
        button.setToolTip(_("Mark the selected members “{status}” (key {key})").format(
            status=attendance_status_label(code), key=key))
        return button

    def _build_buttons(self) -> None:
        keys = STATUS_KEYS.get(i18n.current_language(), STATUS_KEYS["en"])
        self.status_actions: dict[str, QAction] = {}
        self.status_buttons: dict[str, QPushButton] = {}
        for code in ("present", "late", "substitute", "excused", "absent"):
            action = QAction(attendance_status_label(code), self.table)
            action.setShortcut(QKeySequence(keys[code]))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, c=code: self.commands.mark(c))
            self.table.addAction(action)
            self.status_actions[code] = action
            button = self._status_button(code, keys[code])
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
        actions = self.commands
        self.mark_all_button.clicked.connect(actions.mark_all_present)
        self.add_button.clicked.connect(actions.add_member)
        self.remove_button.clicked.connect(actions.remove_selected)
        self.give_proxy_button.clicked.connect(actions.give_proxy)
        self.withdraw_proxy_button.clicked.connect(actions.withdraw_proxy)
        self.start_panel.start_requested.connect(actions.start_roster)
        self.start_panel.add_requested.connect(actions.add_member)
        self.model.note_edited.connect(actions.save_note)
        self.table.customContextMenuRequested.connect(actions.context_menu)
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        self._layout()

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
        self.all_rows = {row.member_id: row for row in checkin_rows(self.event_id)}
        self._last = None
        started = bool(self.all_rows)
        self.stack.setCurrentIndex(1 if started else 0)
        if not started:
            self.start_panel.set_active_count(self.commands.active_count())
        self.apply_filter()
        self.refresh_summary()

    def store(self, rows: list[CheckinRow]) -> None:
        """Keep fresh rows of some members and show them in place.

        A row that no longer matches the status filter stays until the list is filtered
        again: lines do not vanish under the pointer while the secretary works down a list.
        """
        for row in rows:
            self.all_rows[row.member_id] = row
            self.model.update_row(row)
        self._last = None

    def matching_rows(self) -> list[CheckinRow]:
        text = fold(self.search.text())
        status = self.status_filter.currentData() or ALL
        rows: list[CheckinRow] | None = None
        last = self._last
        # Typing on narrows the previous result: scan that rather than everyone.
        if last is not None and last[1] == status and last[0] and text.startswith(last[0]):
            rows = last[2]
        if rows is None:
            rows = list(self.all_rows.values())
        words = text.split()
        matching = [row for row in rows
                    if (not status or row.status == status)
                    and all(word in row.search_key for word in words)]
        self._last = (text, status, matching)
        return matching

    def apply_filter(self) -> None:
        """Show the rows matching the search and the status filter; keep the selection."""
        selected = self.selected_ids()
        self.model.set_rows(self.matching_rows())
        self.select_ids(selected)
        text = self.search.text().strip()
        if not self.selected_ids() and text and self.model.rowCount():
            self.select_ids([self.model.row_at(0).member_id])  # one click marks who was found
        elif text and not self.model.rowCount() and self.all_rows:
            self.show_feedback(_("Nobody on the list matches “{text}”: a guest, or a "
                                       "member to add to the list?").format(text=text))
        self.update_buttons()

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
            enabled = bool(rows) and (code != "substitute" or len(rows) == 1)
            action.setEnabled(enabled)
            self.status_buttons[code].setEnabled(enabled)
        single = rows[0] if len(rows) == 1 else None
        self.remove_button.setEnabled(
            single is not None and single.status == "absent" and single.proxy_to_id is None)
        self.give_proxy_button.setEnabled(
            single is not None and single.status in ("absent", "excused"))
        self.withdraw_proxy_button.setEnabled(single is not None
                                              and single.proxy_to_id is not None)
        self.mark_all_button.setEnabled(any(row.status == "absent" and row.proxy_to_id is None
                                            for row in self.all_rows.values()))

    def focus_table(self) -> None:
        if self.model.rowCount() and not self.selected_ids():
            self.select_ids([self.model.row_at(0).member_id])
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- summary ----------------------------------------------------------------------------

    def refresh_summary(self) -> None:
        """Counts, proxies held and the quorum banner, from the database."""
        self.commands.refresh_summary()

    def show_feedback(self, text: str) -> None:
        self.feedback.setText(text)

    def _mark_changed(self) -> None:
        self.changed = True
