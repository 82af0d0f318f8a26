"""Every colour of the window, named for what it means, light and dark.

Widgets ask for a meaning (``colour(Role.ERROR)``, ``css(Role.MUTED)``), never for a hex
value, so that the whole window follows the system's dark mode and a colour changes in one
place. Colours are chosen for contrast on both backgrounds (WCAG AA for text).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication


class Role(Enum):
    """What a colour says; its value is (light, dark)."""

    ERROR = ("#b3261e", "#f2b8b5")  # refused input, invalid rows, a fall
    SUCCESS = ("#1b5e20", "#81c995")  # done, quorum reached, a rise
    MUTED = ("#5f6368", "#9aa0a6")  # secondary text, "no change"
    TITLE = ("#3c4043", "#e8eaed")
    FIGURE = ("#202124", "#f1f3f4")  # the big numbers of the dashboard
    ACCENT = ("#1a73e8", "#8ab4f8")  # focus, the first chart series
    ACCENT_2 = ("#1e8e3e", "#81c995")  # the second chart series
    CARD = ("#ffffff", "#2d2e30")
    CARD_BORDER = ("#d0d5dd", "#5f6368")
    NOTICE = ("#fff4ce", "#4d3d00")  # read-only, damaged: a band to notice
    NOTICE_TEXT = ("#5c4400", "#fde293")
    GOOD_BAND = ("#e3f1e4", "#1e3a23")
    GOOD_BAND_BORDER = ("#81c784", "#3b7d46")
    BAD_BAND = ("#fdecea", "#4a1f1c")
    BAD_BAND_BORDER = ("#e57373", "#a8413b")
    BAD_BAND_TEXT = ("#8c1d18", "#f2b8b5")
    # Attendance statuses in check-in.
    PRESENT = ("#2e7d32", "#81c995")
    LATE = ("#e65100", "#fcad70")
    SUBSTITUTE = ("#6a1b9a", "#d7aefb")
    EXCUSED = ("#1565c0", "#8ab4f8")
    ABSENT = ("#9e9e9e", "#9aa0a6")
    # Referral steps.
    NEW = ("#1a5fb4", "#8ab4f8")
    IN_PROGRESS = ("#9a5b00", "#fdd663")
    WON = ("#1b7a33", "#81c995")


def dark_mode() -> bool:
    """True when the system asks for dark colours."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def hex_colour(role: Role) -> str:
    light, dark = role.value
    return dark if dark_mode() else light


def colour(role: Role) -> QColor:
    return QColor(hex_colour(role))


def css(role: Role) -> str:
    """``color: …;`` for a style sheet."""
    return f"color: {hex_colour(role)};"
