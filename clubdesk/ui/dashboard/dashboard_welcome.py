"""What the dashboard shows above its figures while the association's file is empty."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clubdesk.i18n import _


class WelcomeBanner(QFrame):
    """How to start: import the member list, or add members one by one."""

    import_requested = Signal()
    new_member_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#welcome { background: palette(base); border-radius: 6px; }")
        title = QLabel(_("Your association's file is empty"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(_(
            "Start with your member list: import it from the Excel or CSV file you already "
            "have, or add members one by one. The figures below fill in as you record "
            "meetings, attendance, volunteer hours and referrals."))
        text.setWordWrap(True)
        self.import_button = QPushButton(_("Import members…"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_requested.emit)
        self.new_button = QPushButton(_("New member"))
        self.new_button.clicked.connect(self.new_member_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.addWidget(title)
        column.addWidget(text)
        column.addLayout(buttons)
