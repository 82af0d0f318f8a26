"""The dialog that creates or edits one member, validated as the user types.

The member's roles are a history edited in the form (:mod:`mandate_editor`), saved with
the member in one transaction; the current role is the one of the mandate running today,
shown read-only beside the status."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.codes import BureauRole, MemberStatus
from clubdesk.domain.common.labels import bureau_role_label, member_status_label
from clubdesk.domain.members.mandates import (
    MandateInput,
    MandatesChangedError,
    MandateValidationError,
    current_role,
    form_mandates,
    mandate_inputs,
    validate_mandates,
)
from clubdesk.domain.members.member_form import MemberInput, ValidationResult, validate_member
from clubdesk.domain.members.members import (
    MemberNotFoundError,
    MemberValidationError,
    create_member,
    member_input,
    sponsor_choices,
    update_member,
)
from clubdesk.domain.members.phones import PhoneError, format_phone, normalize_phone
from clubdesk.i18n import _
from clubdesk.ui.common.conflict_dialog import combo_text, save_checked
from clubdesk.ui.common.form_widgets import NotesEdit, OptionalDate, member_search_combo
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.limited_text import limit_line
from clubdesk.ui.common.palette import Role, css
from clubdesk.ui.members.consent_widgets import consent_rows, consents_box
from clubdesk.ui.members.mandate_editor import MandateEditor
from clubdesk.ui.members.member_fields import field_labels, field_text
from clubdesk.ui.members.member_form_layout import FieldMessages, Row, align_labels, form_box

_HINT_STYLE = "color: palette(placeholder-text);"
_MAX_HEIGHT = 700
_MIN_WIDTH = 860


class MemberDialog(QDialog):
    """Create a member (``member_id`` None) or edit one; Save stays off while invalid."""

    def __init__(self, member_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.member_id = member_id
        self.saved_member_id: int | None = None
        self._messages = FieldMessages()
        self.labels: dict[str, QLabel] = {}
        self._error_box: QMessageBox | None = None
        self._last_result = ValidationResult()
        self._mandate_errors: dict[int, str] = {}

        self._build()
        data = member_input(member_id) if member_id is not None else MemberInput()
        self._loaded = data  # what an edit is checked against when saved
        # The history stored, against which the form's is checked when saved.
        self._loaded_mandates = (mandate_inputs(member_id) if member_id is not None else [])
        self._load(data)
        self.mandates.set_values(form_mandates(member_id) if member_id is not None else [])
        if member_id is None:
            self.setWindowTitle(_("New member"))
        else:
            name = f"{data.first_name} {data.last_name}".strip()
            self.setWindowTitle(_("Edit member — {name}").format(name=name))
        self._connect()
        self._revalidate()
        # Only now: the scroll area measures its widget at once, and the layouts would keep
        # sizes computed while the messages of the first validation were still hidden.
        self._scroll.setWidget(self._content)
        self._fit_to_screen()

    @classmethod
    def ask(cls, parent: QWidget | None, member_id: int | None = None) -> int | None:
        """Show the dialog modally; the id of the saved member, or None if cancelled."""
        dialog = cls(member_id, parent)
        try:
            dialog.exec()
            return dialog.saved_member_id
        finally:
            dialog.deleteLater()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.first_name = self._line("first_name")
        self.last_name = self._line("last_name")
        self.company = self._line("company")
        self.profession = self._line("profession")
        self.sector = self._line("sector")
        identity = self._form(_("Identity"), [
            (_("First name"), self.first_name, "first_name"),
            (_("Last name"), self.last_name, "last_name"),
            (_("Company"), self.company, "company"),
            (_("Profession"), self.profession, "profession"),
            (_("Sector"), self.sector, "sector"),
        ])

        self.email = self._line("email")
        self.email.setPlaceholderText(_("name@example.fr"))
        self.phone = self._line("phone")
        self.phone.setPlaceholderText(_("06 12 34 56 78"))
        self.address = self._line("address")
        self.postcode = QLineEdit()
        self.postcode.setMaxLength(6)  # "69 003": tighter than the limit for pasted text
        self.postcode.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000000") + 16)
        self.city = self._line("city")
        place = QWidget()
        place_row = QHBoxLayout(place)
        place_row.setContentsMargins(0, 0, 0, 0)
        place_row.addWidget(self.postcode)
        place_row.addWidget(self.city, 1)
        contact = self._form(_("Contact"), [
            (_("Email"), self.email, "email"),
            (_("Phone"), self.phone, "phone"),
            (_("Address"), self.address, "address"),
            (_("Postcode, city"), place, "postcode"),
        ])

        self.status = QComboBox()
        for code in MemberStatus:
            self.status.addItem(member_status_label(code), code)
        # Read-only: the role of the mandate running today, edited in the roles below.
        self.role = QLabel()
        self.role.setToolTip(_("The role held today, from the history of roles below"))
        self.sponsor = self._sponsor_combo()
        self.joined_on = OptionalDate(QCheckBox(_("Joined on")))
        self.left_on = OptionalDate(QCheckBox(_("Left on")))
        membership = self._form(_("Membership"), [
            (_("Status"), self.status, "status"),
            (_("Current role"), self.role, "role"),
            (_("Sponsor"), self.sponsor, "sponsor_id"),
            (self.joined_on.check, self.joined_on.edit, "joined_on"),
            (self.left_on.check, self.left_on.edit, "left_on"),
        ])

        self.consents = consent_rows(dt.date.today(), self)
        consents = consents_box(self.consents, self._messages)

        self.notes = NotesEdit()
        self.notes.setTabChangesFocus(True)
        notes = QGroupBox(_("Notes"))
        notes_column = QVBoxLayout(notes)
        notes_column.addWidget(self.notes)
        notes_column.addWidget(self._messages.make("notes"))

        align_labels(identity, contact)
        align_labels(membership)
        left = QVBoxLayout()
        left.addWidget(identity)
        left.addWidget(contact)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(membership)
        right.addWidget(consents)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.mandates = MandateEditor()

        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(columns)
        body.addWidget(self.mandates)
        body.addWidget(notes, 1)  # spare height goes to the notes
        self._content = content
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(self._scroll, 1)
        outer.addWidget(self.buttons)

        self._field_labels = field_labels()

    def _line(self, name: str) -> QLineEdit:
        return limit_line(QLineEdit(), "member", name)

    def _form(self, title: str, rows: list[Row]) -> QGroupBox:
        box, labels = form_box(title, rows, self._messages)
        self.labels.update(labels)
        return box

    def _sponsor_combo(self) -> QComboBox:
        """An editable combo over every member; typing any part of a name filters it."""
        return member_search_combo(sponsor_choices(exclude_id=self.member_id),
                                   _("None — type part of a name"), self)

    def _fit_to_screen(self) -> None:
        content = self._content.sizeHint()
        width = max(content.width() + self._scroll.verticalScrollBar().sizeHint().width() + 24,
                    _MIN_WIDTH)
        # Room for a few more messages before a scroll bar is needed.
        spare = 3 * self.fontMetrics().lineSpacing()
        height = content.height() + self.buttons.sizeHint().height() + 36 + spare
        screen = self.screen().availableGeometry()
        self.resize(min(width, screen.width() - 40),
                    min(height, _MAX_HEIGHT, screen.height() - 60))

    # -- loading and reading ----------------------------------------------------------------

    def _load(self, data: MemberInput) -> None:
        for name in ("first_name", "last_name", "company", "profession", "sector", "email",
                     "address", "city", "postcode"):
            getattr(self, name).setText(getattr(data, name))
        self.phone.setText(format_phone(data.phone))
        self.status.setCurrentIndex(max(self.status.findData(data.status), 0))
        row = self.sponsor.findData(data.sponsor_id) if data.sponsor_id is not None else 0
        self.sponsor.setCurrentIndex(max(row, 0))
        self.sponsor.lineEdit().setCursorPosition(0)  # show the name, not the company's end
        self.joined_on.set_value(data.joined_on is not None, data.joined_on)
        self.left_on.set_value(data.left_on is not None, data.left_on)
        for name, consent in self.consents.items():
            consent.set_value(getattr(data, name), getattr(data, f"{name}_on"),
                              getattr(data, f"{name}_withdrawn_on"))
        self.notes.setPlainText(data.notes)

    def _sponsor_id(self) -> tuple[int | None, bool]:
        """The chosen sponsor's id, and whether the typed text names one (or nobody)."""
        text = self.sponsor.currentText().strip()
        if not text:
            return None, True
        row = self.sponsor.currentIndex()
        if row <= 0 or self.sponsor.itemText(row) != self.sponsor.currentText():
            row = self.sponsor.findText(self.sponsor.currentText(),
                                        Qt.MatchFlag.MatchExactly)
        if row <= 0:
            return None, False
        return self.sponsor.itemData(row), True

    def collect(self) -> MemberInput:
        """What the form holds now, as typed (the domain cleans it)."""
        consents: dict[str, object] = {}
        for name, consent in self.consents.items():
            consents[name] = consent.check.isChecked()
            consents[f"{name}_on"] = consent.given_on()
            consents[f"{name}_withdrawn_on"] = consent.withdrawn_on()
        return MemberInput(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            company=self.company.text(),
            profession=self.profession.text(),
            sector=self.sector.text(),
            address=self.address.text(),
            city=self.city.text(),
            postcode=self.postcode.text(),
            status=self.status.currentData(),
            role=current_role(self.mandates.values(), dt.date.today()),
            sponsor_id=self._sponsor_id()[0],
            joined_on=self.joined_on.value(),
            left_on=self.left_on.value(),
            notes=self.notes.toPlainText(),
            **consents,  # type: ignore[arg-type]
        )

    # -- validation -------------------------------------------------------------------------

    def _connect(self) -> None:
        for edit in (self.first_name, self.last_name, self.company, self.profession,
                     self.sector, self.email, self.phone, self.address, self.city,
                     self.postcode):
            edit.textChanged.connect(self._revalidate)
        self.phone.editingFinished.connect(self._tidy_phone)
        self.status.currentIndexChanged.connect(self._revalidate)
        self.mandates.changed.connect(self._revalidate)
        self.sponsor.editTextChanged.connect(self._revalidate)
        self.sponsor.currentIndexChanged.connect(self._revalidate)
        for optional in (self.joined_on, self.left_on):
            optional.check.toggled.connect(self._revalidate)
            optional.edit.dateChanged.connect(self._revalidate)
        for consent in self.consents.values():
            consent.connect_changes(self._revalidate)
        self.notes.textChanged.connect(self._revalidate)

    def errors(self) -> dict[str, str]:
        """The messages currently refusing the member's fields, by field name."""
        return dict(self._last_result.errors)

    def mandate_errors(self) -> dict[int, str]:
        """The messages currently refusing mandates, by line (0: the top one)."""
        return dict(self._mandate_errors)

    def _validate(self) -> ValidationResult:
        result = validate_member(self.collect(), self.member_id)
        errors = dict(result.errors)
        if not self._sponsor_id()[1]:
            errors["sponsor_id"] = _("Choose the sponsor in the list, or leave it empty.")
        if "role" in errors and self.status.currentData() == MemberStatus.FORMER:
            errors["role"] = _("A former member holds no role: give their roles an end "
                               "date, at the latest the day they left.")
        if errors != result.errors:
            result = ValidationResult(errors=errors, cleaned=None)
        return result

    def _revalidate(self) -> None:
        result = self._validate()
        self._last_result = result
        self._mandate_errors = validate_mandates(self.mandates.values())
        self.mandates.show_errors(self._mandate_errors, result.errors.get("role", ""))
        for name in self._messages:
            if name in result.errors:
                self._messages.show(name, result.errors[name], css(Role.ERROR))
            elif name == "phone" and self.phone.text().strip():
                self._messages.show(name, self._phone_hint(), _HINT_STYLE)
            else:
                self._messages.show(name, "", "")
        self._show_role()
        ok = result.ok and not self._mandate_errors
        if self.save_button.isEnabled() != ok:
            self.save_button.setEnabled(ok)
        tooltip = self._save_tooltip(result)
        if self.save_button.toolTip() != tooltip:
            self.save_button.setToolTip(tooltip)

    def _show_role(self) -> None:
        """The role held today, and since when: what the lists will show."""
        today = dt.date.today()
        mandates = self.mandates.values()
        role = current_role(mandates, today)
        if role == BureauRole.NONE:
            text = bureau_role_label(role)
        else:
            held = min((item for item in mandates if item.role == role
                        and item.starts_on <= today
                        and (item.ends_on is None or item.ends_on >= today)),
                       key=lambda item: item.starts_on)
            name = (held.title.strip() if role == BureauRole.OTHER and held.title.strip()
                    else bureau_role_label(role))
            text = _("{role} since {date}").format(role=name,
                                                   date=format_date(held.starts_on))
        if self.role.text() != text:
            self.role.setText(text)

    def _phone_hint(self) -> str:
        try:
            number = normalize_phone(self.phone.text())
        except PhoneError:
            return ""
        return _("Saved as {number}").format(number=number)

    def _tidy_phone(self) -> None:
        """Once the number is valid, show it the usual way (06 12 34 56 78)."""
        try:
            number = normalize_phone(self.phone.text())
        except PhoneError:
            return
        tidy = format_phone(number)
        if tidy != self.phone.text():
            self.phone.setText(tidy)

    def _save_tooltip(self, result: ValidationResult) -> str:
        if result.ok and not self._mandate_errors:
            return ""
        lines = [_("Cannot save yet:")]
        for name, message in result.errors.items():
            field = self._field_labels.get(name, name)
            lines.append(_("• {field}: {message}").format(field=field, message=message))
        for position, message in sorted(self._mandate_errors.items()):
            lines.append(_("• Role on line {line}: {message}").format(line=position + 1,
                                                                     message=message))
        return "\n".join(lines)

    # -- saving -----------------------------------------------------------------------------

    def accept(self) -> None:
        """Check again, then save; refuse with a message if the domain says no."""
        self._revalidate()
        if not self._last_result.ok or self._mandate_errors:
            self._refuse([*self._last_result.errors.values(),
                          *self._mandate_errors.values()])
            return
        data = self.collect()
        mandates = self.mandates.values()
        try:
            if self.member_id is None:
                self.saved_member_id = create_member(data, mandates=mandates)
            else:
                member_id = self.member_id
                if not save_checked(self, lambda values, original: update_member(
                        member_id, values, original=original, mandates=mandates,
                        original_mandates=self._loaded_mandates), data, self._loaded,
                        self._field_labels, self.conflict_value):
                    return  # back to the form, nothing saved
                self.saved_member_id = member_id
        except MemberValidationError as error:
            self._revalidate()
            self._refuse(list(error.result.errors.values()))
            return
        except MandateValidationError as error:
            self._revalidate()
            self._refuse(list(error.errors.values()))
            return
        except MandatesChangedError as error:
            self._roles_changed_meanwhile(error.stored)
            return
        except MemberNotFoundError as error:
            self._refuse([str(error)])
            return
        super().accept()

    def _roles_changed_meanwhile(self, stored: list[MandateInput]) -> None:
        """The roles were changed elsewhere too: show them as stored now, to be changed
        again; the rest of the form stays as typed."""
        self._loaded_mandates = list(stored)
        self.mandates.set_values(stored)
        self._refuse([_("The roles of this member were changed elsewhere while this form "
                        "was open. The form now shows them as saved: make your change "
                        "again, then save.")])

    def conflict_value(self, name: str, value: object) -> str:
        """``value`` of field ``name`` as the form shows it, for the conflict dialog."""
        if name == "sponsor_id":
            return combo_text(self.sponsor, value)
        return field_text(name, value)

    def _refuse(self, messages: list[str]) -> None:
        """Say why the member was not saved; window-modal, so the form stays as typed."""
        box = QMessageBox(QMessageBox.Icon.Warning, _("Member not saved"),
                          _("The member was not saved:") + "\n\n" + "\n".join(
                              f"• {message}" for message in messages),
                          QMessageBox.StandardButton.Ok, self)
        if self._error_box is not None:
            self._error_box.deleteLater()
        self._error_box = box
        box.open()
