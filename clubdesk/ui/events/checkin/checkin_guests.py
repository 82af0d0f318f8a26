"""The guests of the event being checked in: add, edit, delete, make one a member."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.events.guests import (
    GuestError,
    GuestRow,
    convert_guest_to_member,
    delete_guest,
    guest_rows,
)
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.prompts import confirm, inform
from clubdesk.ui.common.record_model import ROW_ROLE, Column, RecordTableModel
from clubdesk.ui.common.table_views import make_row_table
from clubdesk.ui.events.guest_dialog import GuestDialog

COLUMN_WIDTHS = (220, 200, 230, 180)


class GuestsPanel(QGroupBox):
    """The guests' table with its buttons; ``changed`` after any write."""

    changed = Signal()
    message = Signal(str)

    def __init__(self, event_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.event_id = event_id
        self.model = RecordTableModel([
            Column(_("Name"), lambda r: r.name, lambda r: r.name),
            Column(_("Company"), lambda r: r.company, lambda r: r.company),
            Column(_("Email"), lambda r: r.email, lambda r: r.email),
            Column(_("Invited by"), lambda r: r.invited_by_name,
                   lambda r: r.invited_by_name),
            Column(_("Became a member"), lambda r: r.converted_member_name,
                   lambda r: r.converted_member_name),
        ], self)
        self.table = make_row_table(self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)

        self.add_button = QPushButton(_("Add guest…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.delete_button = QPushButton(_("Delete"))
        self.convert_button = QPushButton(_("Make a member"))
        self.convert_button.setToolTip(_(
            "Create an active member from this guest, sponsored by whoever invited them"))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button,
                       self.convert_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add_guest)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.convert_button.clicked.connect(self.convert_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        """Read the guests again; keep (or move to ``select``) the selected guest."""
        keep = select if select is not None else self._selected_id()
        rows = guest_rows(self.event_id)
        self.model.set_rows(rows)
        self.setTitle(ngettext("Guests ({n})", "Guests ({n})", len(rows)))
        for position, row in enumerate(rows):
            if row.id == keep:
                self.table.selectRow(position)
        self._update_buttons()

    def selected(self) -> GuestRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return indexes[0].data(ROW_ROLE) if indexes else None

    def _selected_id(self) -> int | None:
        row = self.selected()
        return row.id if row else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None and row.converted_member_id is None)
        self.convert_button.setEnabled(row is not None and row.converted_member_id is None)

    def _done(self, message: str, select: int | None = None) -> None:
        self.reload(select)
        self.changed.emit()
        self.message.emit(message)

    def add_guest(self) -> None:
        guest_id = GuestDialog.ask(self, self.event_id, None)
        if guest_id is not None:
            self.reload(guest_id)
            row = self.selected()
            self._done(_("Guest {name} added.").format(name=row.name if row else ""),
                       guest_id)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None and GuestDialog.ask(self, self.event_id, row.id) is not None:
            self._done(_("Guest saved."), row.id)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or not confirm(
            self, _("Delete guest"),
            _("Delete the guest {name}?").format(name=row.name), _("Delete"),
        ):
            return
        try:
            delete_guest(row.id)
        except GuestError as error:
            inform(self, _("Delete guest"), str(error))
            self.reload()
            return
        self._done(_("Guest {name} deleted.").format(name=row.name))

    def convert_selected(self) -> None:
        row = self.selected()
        if row is None or row.converted_member_id is not None:
            return
        sponsor = (_("sponsored by {name}").format(name=row.invited_by_name)
                   if row.invited_by_name else _("without a sponsor"))
        if not confirm(
            self, _("Make a member"),
            _("Make {name} an active member from today, {sponsor}? Their details can "
                    "be completed in the Members tab.").format(name=row.name, sponsor=sponsor),
            _("Make a member"),
        ):
            return
        try:
            convert_guest_to_member(row.id)
        except GuestError as error:
            inform(self, _("Make a member"), str(error))
            return
        self._done(_("{name} is now a member.").format(name=row.name), row.id)
