"""The small dialog that records or edits a guest of an event, validated as the user types."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.events.guests import (
    GuestError,
    GuestInput,
    GuestValidation,
    add_guest,
    guest_input,
    update_guest,
    validate_guest,
)
from clubdesk.domain.members.members import sponsor_choices
from clubdesk.i18n import _
from clubdesk.ui.common.conflict_dialog import combo_text, save_checked, value_text
from clubdesk.ui.common.form_widgets import member_search_combo
from clubdesk.ui.common.limited_text import limit_line
from clubdesk.ui.common.palette import Role, css


class GuestDialog(QDialog):
    """Add a guest to ``event_id`` (``guest_id`` None) or edit one; Save off while invalid."""

    def __init__(self, event_id: int, guest_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.event_id = event_id
        self.guest_id = guest_id
        self.saved_guest_id: int | None = None
        self._result = GuestValidation()
        self._name_seen = guest_id is not None  # "required" is noise before anything typed
        self.setWindowTitle(_("New guest") if guest_id is None else _("Edit guest"))

        self.name = limit_line(QLineEdit(), "guest", "name")
        self.name.setPlaceholderText(_("First and last name"))
        self.company = limit_line(QLineEdit(), "guest", "company")
        self.email = limit_line(QLineEdit(), "guest", "email")
        self.email.setPlaceholderText(_("name@example.fr"))
        self.invited_by = member_search_combo(sponsor_choices(),
                                              _("Nobody — type part of a name"), self)
        self.messages = {name: self._message()
                         for name in ("name", "company", "email", "invited_by_id")}
        self.labels = {"name": _("Name"), "company": _("Company"),
                       "email": _("Email"), "invited_by_id": _("Invited by")}
        form = QFormLayout()
        for widget, name in ((self.name, "name"), (self.company, "company"),
                             (self.email, "email"), (self.invited_by, "invited_by_id")):
            form.addRow(self.labels[name], widget)
            form.addRow("", self.messages[name])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self._loaded = guest_input(guest_id) if guest_id is not None else GuestInput()
        if guest_id is not None:
            self._load(self._loaded)
        for edit in (self.name, self.company, self.email):
            edit.textChanged.connect(self._revalidate)
        self.invited_by.editTextChanged.connect(self._revalidate)
        self.invited_by.currentIndexChanged.connect(self._revalidate)
        self._revalidate()
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None, event_id: int,
            guest_id: int | None = None) -> int | None:
        """Show the dialog modally; the saved guest's id, or None if cancelled."""
        dialog = cls(event_id, guest_id, parent)
        try:
            dialog.exec()
            return dialog.saved_guest_id
        finally:
            dialog.deleteLater()

    def _message(self) -> QLabel:
        label = QLabel()
        label.setStyleSheet(css(Role.ERROR))
        label.setWordWrap(True)
        label.setVisible(False)
        return label

    def _load(self, data: GuestInput) -> None:
        self.name.setText(data.name)
        self.company.setText(data.company)
        self.email.setText(data.email)
        row = self.invited_by.findData(data.invited_by_id) if data.invited_by_id else 0
        self.invited_by.setCurrentIndex(max(row, 0))

    def _inviter(self) -> tuple[int | None, bool]:
        """The chosen inviter's id, and whether the typed text names one (or nobody)."""
        text = self.invited_by.currentText()
        if not text.strip():
            return None, True
        row = self.invited_by.findText(text)
        return (self.invited_by.itemData(row), True) if row > 0 else (None, False)

    def collect(self) -> GuestInput:
        return GuestInput(self.name.text(), self.company.text(), self.email.text(),
                          self._inviter()[0])

    def errors(self) -> dict[str, str]:
        return dict(self._result.errors)

    def _revalidate(self) -> None:
        result = validate_guest(self.collect())
        if not self._inviter()[1]:
            errors = {**result.errors,
                      "invited_by_id": _("Choose the member in the list, or leave it "
                                               "empty.")}
            result = GuestValidation(errors)
        self._result = result
        self._name_seen = self._name_seen or bool(self.name.text())
        for name, label in self.messages.items():
            text = result.errors.get(name, "")
            if name == "name" and not self._name_seen:
                text = ""
            label.setText(text)
            label.setVisible(bool(text))
        self.save_button.setEnabled(result.ok)

    def accept(self) -> None:
        """Check again, then save; refuse with the reason if the domain says no."""
        self._revalidate()
        if not self._result.ok:
            return
        try:
            if self.guest_id is None:
                self.saved_guest_id = add_guest(self.event_id, self.collect())
            else:
                guest_id = self.guest_id
                if not save_checked(self, lambda values, original: update_guest(
                        guest_id, values, original=original), self.collect(), self._loaded,
                        self.labels, self.conflict_value):
                    return  # back to the form, nothing saved
                self.saved_guest_id = guest_id
        except GuestError as error:
            QMessageBox.warning(self, _("Guest not saved"), str(error))
            return
        super().accept()

    def conflict_value(self, name: str, value: object) -> str:
        """``value`` of field ``name`` as the form shows it, for the conflict dialog."""
        if name == "invited_by_id":
            return combo_text(self.invited_by, value)
        return value_text(value)
