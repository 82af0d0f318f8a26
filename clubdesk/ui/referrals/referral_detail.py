"""The strip under the referrals list: who passed what to whom, and each step so far."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clubdesk.domain.referrals.referral_list import ReferralRow
from clubdesk.domain.referrals.referrals import ReferralNotFoundError, status_history
from clubdesk.i18n import _
from clubdesk.ui.referrals.referrals_model import history_text


class ReferralDetail(QWidget):
    """Three lines: giver → receiver and the contact, the description, the history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.description = QLabel()
        self.history = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for label in (self.title, self.description, self.history):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        self.hint = QLabel(_("Select a referral to see its history."))
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.hint)
        layout.addStretch(1)
        # Three lines whatever is selected: the list above keeps its height.
        self.setMinimumHeight(3 * self.fontMetrics().lineSpacing() + 12)
        self.show_referral(None)

    def show_referral(self, row: ReferralRow | None) -> None:
        """Show ``row`` with its history, read now (one small query), or a hint."""
        self.hint.setVisible(row is None)
        for label in (self.title, self.description, self.history):
            label.setVisible(row is not None)
        if row is None:
            return
        try:
            steps = status_history(row.id)
        except ReferralNotFoundError:  # deleted meanwhile
            steps = []
        title = _("{giver} → {receiver}").format(giver=row.giver_name,
                                                       receiver=row.receiver_name)
        if row.is_external:
            title += " " + _("(outside the network)")
        if row.contact:
            title += " · " + _("contact: {contact}").format(contact=row.contact)
        self.title.setText(title)
        self.description.setText(row.description)
        self.description.setVisible(bool(row.description))
        self.history.setText(history_text(steps, row.amount, row.status))
