"""The small dialog that moves a referral to its next step: the date, and for a won referral
the amount of the business, typed the French way ("1 250,50")."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.amounts import parse_amount
from clubdesk.domain.common.codes import ReferralStatus
from clubdesk.domain.referrals.referral_list import referral_rows
from clubdesk.domain.referrals.referrals import (
    CLOSED_STATUSES,
    change_status,
    check_status_change,
    referral_state,
)
from clubdesk.i18n import _
from clubdesk.ui.common.form_dialog import FormDialog, date_edit
from clubdesk.ui.referrals.referrals_model import history_text


class ReferralStatusDialog(FormDialog):
    """Date (today by default) of a referral's new step; the amount when it is won."""

    def __init__(self, referral_id: int, status: str, parent: QWidget | None = None) -> None:
        self.state = referral_state(referral_id)  # raises when deleted meanwhile
        row = referral_rows(referral_ids=[referral_id])[0]
        super().__init__(parent)
        self.referral_id = referral_id
        self.status = status
        self.saved = False
        reopening = (status == ReferralStatus.IN_PROGRESS
                     and self.state.status in CLOSED_STATUSES)
        correcting = status == self.state.status and status in CLOSED_STATUSES
        titles = {
            ReferralStatus.CONTACTED: _("Contact made"),
            ReferralStatus.IN_PROGRESS: _("Referral in progress"),
            ReferralStatus.WON: _("Referral won"),
            ReferralStatus.LOST: _("Referral lost"),
        }
        dates = {
            ReferralStatus.CONTACTED: _("Contacted on"),
            ReferralStatus.IN_PROGRESS: _("In progress since"),
            ReferralStatus.WON: _("Won on"),
            ReferralStatus.LOST: _("Lost on"),
        }
        title = titles.get(status, status)
        date_label = dates.get(status, _("Date"))
        if reopening:
            title, date_label = _("Reopen the referral"), _("Reopened on")
        elif correcting:
            title = _("Correct the closing")
        self.setWindowTitle(title)

        self.who = QLabel(_("{giver} → {receiver}").format(
            giver=row.giver_name, receiver=row.receiver_name)
            + (f" · {row.contact}" if row.contact else ""))
        self.who.setWordWrap(True)
        self.who.setStyleSheet("font-weight: bold;")
        self.history = QLabel(history_text(self.state.steps, self.state.amount,
                                           self.state.status))
        self.history.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        if reopening:
            self.note.setText(_("The amount and the closing date are cleared; the "
                                      "reopening is kept in the history."))
        elif correcting:
            self.note.setText(_("This corrects the closing: no step is added to the "
                                      "history."))
        self.note.setVisible(bool(self.note.text()))
        self.date = date_edit()
        today = dt.date.today()
        self.date.setDate(self.state.closed_on if correcting and self.state.closed_on
                          else today)
        self.amount = QLineEdit()
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setPlaceholderText(QLocale().toString(0.0, "f", 2))
        self.amount.setMaximumWidth(self.fontMetrics().horizontalAdvance("0" * 16) + 16)
        if correcting and status == ReferralStatus.WON and self.state.amount is not None:
            self.amount.setText(QLocale().toString(float(self.state.amount), "f", 2))
        amount = QHBoxLayout()
        amount.addWidget(self.amount)
        amount.addWidget(QLabel("€"))
        amount.addStretch(1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add_row(form, _("So far"), self.history, "status")
        self.add_row(form, date_label, self.date, "date")
        if status == ReferralStatus.WON:
            self.add_row(form, _("Amount of the business"), amount, "amount")
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.date.dateChanged.connect(self.revalidate)
        self.amount.textChanged.connect(self.revalidate)
        self.resize(560, self.sizeHint().height())
        self.revalidate()
        (self.amount if status == ReferralStatus.WON and not correcting else self.date).setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, referral_id: int, status: str) -> bool:
        """Show the dialog modally; True once the change is saved."""
        dialog = cls(referral_id, status, parent)
        try:
            dialog.exec()
            return dialog.saved
        finally:
            dialog.deleteLater()

    def revalidate(self) -> None:
        """Check and show the messages; grow when a message takes a second line."""
        super().revalidate()
        width = self.width()
        self.adjustSize()  # the form layout does not grow for a label that wraps
        self.resize(max(width, self.width()), self.height())

    def collect(self) -> tuple[dt.date, object]:
        """The date and the amount as typed: a Decimal, None, or the ValueError met."""
        day: dt.date = self.date.date().toPython()  # type: ignore[assignment]
        if self.status != ReferralStatus.WON:
            return day, None
        try:
            return day, parse_amount(self.amount.text())
        except ValueError as error:
            return day, error

    def validate(self) -> dict[str, str]:
        day, amount = self.collect()
        if isinstance(amount, ValueError):
            errors = check_status_change(self.state, self.status, day, None)
            errors["amount"] = str(amount)
            return errors
        return check_status_change(self.state, self.status, day, amount)  # type: ignore[arg-type]

    def accept(self) -> None:
        """Check again, then save; refuse with a message if the domain says no."""
        self.save_or_refuse(self._save)

    def _save(self) -> None:
        day, amount = self.collect()
        change_status(self.referral_id, self.status, day, amount)  # type: ignore[arg-type]
        self.saved = True

    def _refuse(self, messages: list[str]) -> None:
        self.refuse(_("Step not saved"), _("The referral was not changed:"),
                    messages)
