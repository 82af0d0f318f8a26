"""Parts of the check-in dialog: the panel before the list exists, counts, quorum banner."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clubdesk.domain.events.general_assembly import QuorumResult
from clubdesk.i18n import _, ngettext

_REACHED_STYLE = ("QLabel { background: #e3f1e4; color: #1b5e20; border: 1px solid #81c784;"
                  " border-radius: 4px; padding: 6px 10px; font-weight: bold; }")
_NOT_REACHED_STYLE = ("QLabel { background: #fdecea; color: #8c1d18; border: 1px solid "
                      "#e57373; border-radius: 4px; padding: 6px 10px; font-weight: bold; }")


def _number(value: int) -> str:
    return QLocale().toString(value)


def counts_text(counts: dict[str, int]) -> str:
    """ "12 present · 2 late · 3 excused · 25 absent": every status that has someone."""
    forms = (
        ("present", ngettext("{n} present", "{n} present", counts.get("present", 0))),
        ("late", ngettext("{n} late", "{n} late", counts.get("late", 0))),
        ("substitute", ngettext("{n} substitute", "{n} substitutes", counts.get("substitute", 0))),
        ("excused", ngettext("{n} excused", "{n} excused", counts.get("excused", 0))),
        ("absent", ngettext("{n} absent", "{n} absent", counts.get("absent", 0))),
    )
    parts = [text for code, text in forms if counts.get(code) or code == "present"]
    return " · ".join(parts)


def quorum_text(result: QuorumResult) -> str:
    """What the banner says: reached or not, and the sum behind it."""
    numbers = {
        "present": _number(result.present), "represented": _number(result.represented),
        "counted": _number(result.counted), "entitled": _number(result.entitled),
        "required": _number(result.required),
    }
    if result.reached:
        return _("Quorum reached: {present} present + {represented} represented = "
                   "{counted} of {entitled} members entitled to vote (at least {required} "
                   "needed)").format(**numbers)
    missing = max(result.required - result.counted, 1 if result.entitled == 0 else 0)
    return ngettext("Quorum not reached: {n} more member needed ({present} present + "
                    "{represented} represented = {counted} of {entitled} members entitled to "
                    "vote, at least {required} needed)",
                    "Quorum not reached: {n} more members needed ({present} present + "
                    "{represented} represented = {counted} of {entitled} members entitled to "
                    "vote, at least {required} needed)", missing).format(**numbers)


class QuorumBanner(QLabel):
    """A coloured line saying whether the general assembly may deliberate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reached: bool | None = None

    def show_result(self, result: QuorumResult) -> None:
        self.reached = result.reached
        self.setText(quorum_text(result))
        self.setStyleSheet(_REACHED_STYLE if result.reached else _NOT_REACHED_STYLE)


class RosterStartPanel(QWidget):
    """Shown while the event has no attendance list: explains it and offers to start one."""

    start_requested = Signal()
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(_("The attendance list has not been started."))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.explanation = QLabel(_(
            "Start it with the active members: each one is absent until you mark them. "
            "For a small meeting (the board, a workshop), add the members one by one "
            "instead. You can add or remove members afterwards."))
        self.explanation.setWordWrap(True)
        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.add_button = QPushButton(_("Add members one by one…"))
        self.start_button.clicked.connect(self.start_requested)
        self.add_button.clicked.connect(self.add_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        for label in (self.title, self.explanation):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # A fixed width lets the wrapped text take the height it needs.
        self.explanation.setFixedWidth(640)
        explanation = QHBoxLayout()
        explanation.addStretch(1)
        explanation.addWidget(self.explanation)
        explanation.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addLayout(explanation)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def set_active_count(self, count: int) -> None:
        self.start_button.setText(ngettext("Start with the {n} active member",
                                           "Start with the {n} active members", count))
        self.start_button.setEnabled(count > 0)
