"""Parts of the check-in dialog: the panel before the list exists, counts, quorum banner,
the status buttons."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clubdesk.domain.common.codes import AttendanceStatus
from clubdesk.domain.common.labels import attendance_status_label
from clubdesk.domain.events.general_assembly import QuorumResult
from clubdesk.i18n import _, format_count, ngettext
from clubdesk.ui.common.palette import Role, hex_colour
from clubdesk.ui.events.checkin.checkin_model import status_icon

# The statuses in the order of their buttons.
STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.SUBSTITUTE,
            AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)
# One key a status, shown on its button: the initial of the label where it is free.
STATUS_KEYS = {
    "en": {AttendanceStatus.PRESENT: "P", AttendanceStatus.ABSENT: "A",
           AttendanceStatus.EXCUSED: "E", AttendanceStatus.LATE: "L",
           AttendanceStatus.SUBSTITUTE: "S"},
    "fr": {AttendanceStatus.PRESENT: "P", AttendanceStatus.ABSENT: "A",
           AttendanceStatus.EXCUSED: "E", AttendanceStatus.LATE: "R",
           AttendanceStatus.SUBSTITUTE: "S"},
}


def status_button(code: str, key: str) -> QPushButton:
    """The button marking the selected members ``code``, its key shown."""
    text = attendance_status_label(code) + ("…" if code == AttendanceStatus.SUBSTITUTE else "")
    button = QPushButton(status_icon(code), f"{text}  ({key})")
    button.setToolTip(_("Mark the selected members “{status}” (key {key})").format(
        status=attendance_status_label(code), key=key))
    return button


def counts_text(counts: Mapping[str, int]) -> str:
    """ "12 present · 2 late · 3 excused · 25 absent": every status that has someone."""
    forms = (
        (AttendanceStatus.PRESENT, ngettext("{n} present", "{n} present",
                                            counts.get(AttendanceStatus.PRESENT, 0))),
        (AttendanceStatus.LATE, ngettext("{n} late", "{n} late",
                                         counts.get(AttendanceStatus.LATE, 0))),
        (AttendanceStatus.SUBSTITUTE, ngettext("{n} substitute", "{n} substitutes",
                                               counts.get(AttendanceStatus.SUBSTITUTE, 0))),
        (AttendanceStatus.EXCUSED, ngettext("{n} excused", "{n} excused",
                                            counts.get(AttendanceStatus.EXCUSED, 0))),
        (AttendanceStatus.ABSENT, ngettext("{n} absent", "{n} absent",
                                           counts.get(AttendanceStatus.ABSENT, 0))),
    )
    parts = [text for code, text in forms
             if counts.get(code) or code == AttendanceStatus.PRESENT]
    return " · ".join(parts)


def summary_text(counts: Mapping[str, int]) -> str:
    """ "42 on the list: 12 present · 30 absent", or nothing before the list is started."""
    total = sum(counts.values())
    if not total:
        return ""
    return ngettext("{n} on the list:", "{n} on the list:", total) + " " + counts_text(counts)


def quorum_text(result: QuorumResult) -> str:
    """What the banner says: reached or not, and the sum behind it, each number agreeing
    with its own word ("1 présent + 0 représenté = 1 sur 4 membres appelés à voter"); when
    only members up to date with their dues vote, it says so, and how many may not."""
    if result.dues_only:
        voters = ngettext("{counted} of {n} member up to date with their dues entitled to vote",
                          "{counted} of {n} members up to date with their dues entitled to "
                          "vote", result.entitled)
    else:
        voters = ngettext("{counted} of {n} member entitled to vote",
                          "{counted} of {n} members entitled to vote", result.entitled)
    parts = {
        "present": ngettext("{n} present", "{n} present", result.present),
        "represented": ngettext("{n} represented", "{n} represented", result.represented),
        "voters": voters.format(counted=format_count(result.counted)),
        "needed": ngettext("at least {n} needed", "at least {n} needed", result.required),
    }
    if result.reached:
        text = _("Quorum reached: {present} + {represented} = {voters} ({needed})").format(
            **parts)
    else:
        missing = max(result.required - result.counted, 1 if result.entitled == 0 else 0)
        text = ngettext("Quorum not reached: {n} more member needed ({present} + "
                        "{represented} = {voters}, {needed})",
                        "Quorum not reached: {n} more members needed ({present} + "
                        "{represented} = {voters}, {needed})", missing).format(**parts)
    if result.dues_only and result.not_entitled:
        text += "\n" + ngettext(
            "{n} member on the list is not up to date with their {year} dues and does not "
            "vote.",
            "{n} members on the list are not up to date with their {year} dues and do not "
            "vote.", result.not_entitled).format(year=result.dues_year)
    return text


def _band_style(background: Role, text: Role, border: Role) -> str:
    return (f"QLabel {{ background: {hex_colour(background)}; color: {hex_colour(text)};"
            f" border: 1px solid {hex_colour(border)}; border-radius: 4px;"
            " padding: 6px 10px; font-weight: bold; }")


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
        self.setStyleSheet(
            _band_style(Role.GOOD_BAND, Role.SUCCESS, Role.GOOD_BAND_BORDER) if result.reached
            else _band_style(Role.BAD_BAND, Role.BAD_BAND_TEXT, Role.BAD_BAND_BORDER))


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
