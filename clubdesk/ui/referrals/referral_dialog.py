"""The dialog that records or edits one referral, validated as the user types.

The receiver is a member or someone outside the network, chosen with two radio buttons; the
giver and the member receiving share one list of members (built once: 20,000 names cost
a fifth of a second each time).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.referrals.referrals import (
    ReferralInput,
    create_referral,
    member_choices,
    referral_input,
    status_history,
    update_referral,
    validate_referral,
)
from clubdesk.i18n import _
from clubdesk.ui.common.conflict_dialog import combo_text
from clubdesk.ui.common.form_dialog import FormDialog, date_edit
from clubdesk.ui.common.form_widgets import NotesEdit, member_search_combo
from clubdesk.ui.common.limited_text import limit_line
from clubdesk.ui.referrals.referral_filters import chosen_member


class ReferralDialog(FormDialog):
    """Record a referral (``referral_id`` None) or edit one; Save stays off while invalid."""

    def __init__(self, referral_id: int | None = None, giver_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        # Read first: a referral deleted meanwhile raises before any widget exists.
        if referral_id is not None:
            initial = referral_input(referral_id)
            steps = status_history(referral_id)
            self._next_step = steps[1] if len(steps) > 1 else None
        else:
            initial = ReferralInput(giver_id=giver_id, date=dt.date.today())
            self._next_step = None
        choices = member_choices(keep=(initial.giver_id, initial.receiver_id))
        super().__init__(parent)
        self.referral_id = referral_id
        self.saved_referral_id: int | None = None
        self._initial = initial
        self._build(choices)
        self._load(initial)
        if referral_id is None:
            self.setWindowTitle(_("New referral"))
        else:
            self.setWindowTitle(_("Edit referral — {giver} → {receiver}").format(
                giver=self.giver.currentText().split(" — ")[0],
                receiver=(self.receiver.currentText().split(" — ")[0]
                          or initial.external_recipient)))
        for signal in (self.giver.editTextChanged, self.giver.currentIndexChanged,
                       self.receiver.editTextChanged, self.receiver.currentIndexChanged,
                       self.to_member.toggled, self.external.textChanged,
                       self.date.dateChanged, self.contact.textChanged,
                       self.description.textChanged):
            signal.connect(self.revalidate)
        self.to_member.toggled.connect(self._receiver_kind_changed)
        self._receiver_kind_changed()
        self.resize(max(self.sizeHint().width(), 620), self.sizeHint().height())
        self.revalidate()
        (self.receiver if initial.giver_id is not None and referral_id is None
         else self.giver).setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, referral_id: int | None = None,
            giver_id: int | None = None) -> int | None:
        """Show the dialog modally; the id of the saved referral, or None if cancelled."""
        dialog = cls(referral_id, giver_id, parent)
        try:
            dialog.exec()
            return dialog.saved_referral_id
        finally:
            dialog.deleteLater()

    def _build(self, choices: list[tuple[int, str]]) -> None:
        self.giver = member_search_combo(choices, _("Type part of a name"), self)
        # The receiver's list is the giver's: the same model, built once.
        self.receiver = member_search_combo([], _("Type part of a name"), self)
        self.receiver.setModel(self.giver.model())
        self.receiver.completer().setModel(self.giver.model())
        self.to_member = QRadioButton(_("A member"))
        self.to_outside = QRadioButton(_("Someone outside the network"))
        kinds = QButtonGroup(self)
        kinds.addButton(self.to_member)
        kinds.addButton(self.to_outside)
        self.external = limit_line(QLineEdit(), "referral", "external_recipient")
        self.external.setPlaceholderText(_("Name, and company if any"))
        receiver = QGridLayout()
        receiver.setContentsMargins(0, 0, 0, 0)
        receiver.addWidget(self.to_member, 0, 0)
        receiver.addWidget(self.receiver, 0, 1)
        receiver.addWidget(self.to_outside, 1, 0)
        receiver.addWidget(self.external, 1, 1)
        receiver.setColumnStretch(1, 1)
        self.date = date_edit()
        self.contact = limit_line(QLineEdit(), "referral", "contact")
        self.contact.setPlaceholderText(_("The prospect: name, company, phone…"))
        self.description = NotesEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(_("What they need"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add_row(form, _("Given by"), self.giver, "giver_id")
        self.add_row(form, _("Received by"), receiver, "receiver")
        self.add_row(form, _("Date"), self.date, "date")
        self.add_row(form, _("Contact"), self.contact, "contact")
        self.add_row(form, _("Description"), self.description, "description")
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)

    def _load(self, data: ReferralInput) -> None:
        for combo, member_id in ((self.giver, data.giver_id),
                                 (self.receiver, data.receiver_id)):
            row = combo.findData(member_id) if member_id is not None else 0
            combo.setCurrentIndex(max(row, 0))
            combo.lineEdit().setCursorPosition(0)
        outside = data.receiver_id is None and bool(data.external_recipient)
        (self.to_outside if outside else self.to_member).setChecked(True)
        self.external.setText(data.external_recipient)
        self.date.setDate(data.date)
        self.contact.setText(data.contact)
        self.description.setPlainText(data.description)

    def _receiver_kind_changed(self) -> None:
        member = self.to_member.isChecked()
        self.receiver.setEnabled(member)
        self.external.setEnabled(not member)

    def collect(self) -> ReferralInput:
        """What the form holds now, as typed (the domain cleans it)."""
        member = self.to_member.isChecked()
        day: dt.date = self.date.date().toPython()  # type: ignore[assignment]
        return ReferralInput(
            giver_id=chosen_member(self.giver),
            receiver_id=chosen_member(self.receiver) if member else None,
            external_recipient="" if member else self.external.text(),
            date=day, contact=self.contact.text(),
            description=self.description.toPlainText())

    def revalidate(self) -> None:
        """Check and show the messages; grow when a message takes a second line."""
        super().revalidate()
        width = self.width()
        self.adjustSize()  # the form layout does not grow for a label that wraps
        self.resize(max(width, self.width()), self.height())

    def validate(self) -> dict[str, str]:
        errors = dict(validate_referral(self.collect(), next_step=self._next_step).errors)
        not_listed = _("Choose the member in the list.")
        if self._typed_unknown(self.giver):
            errors["giver_id"] = not_listed
        if self.to_member.isChecked() and self._typed_unknown(self.receiver):
            errors["receiver"] = not_listed
        return errors

    @staticmethod
    def _typed_unknown(combo: QComboBox) -> bool:
        return bool(combo.currentText().strip()) and chosen_member(combo) is None

    def accept(self) -> None:
        """Check again, then save; refuse with a message if the domain says no."""
        self.save_or_refuse(self._save)

    def _save(self) -> None:
        if self.referral_id is None:
            self.saved_referral_id = create_referral(self.collect())
            return
        referral_id = self.referral_id
        self.save_edit(lambda values, original: update_referral(referral_id, values,
                                                                original=original),
                       self.collect(), self._initial)
        self.saved_referral_id = referral_id

    def conflict_labels(self) -> dict[str, str]:
        return {**super().conflict_labels(), "receiver_id": _("Received by"),
                "external_recipient": _("Someone outside the network")}

    def conflict_value(self, name: str, value: object) -> str:
        if name in ("giver_id", "receiver_id"):
            return combo_text(self.giver, value)  # the receiver shares the giver's list
        return super().conflict_value(name, value)

    def _refuse(self, messages: list[str]) -> None:
        self.refuse(_("Referral not saved"), _("The referral was not saved:"),
                    messages)
