"""Where the window keeps what it remembers between sessions (size, last tab, language,
the folder of the last export): Qt's settings for the organisation and application."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "clubdesk"
APPLICATION = "clubdesk"


def application_settings() -> QSettings:
    """The user's settings (tests replace this function with a file of their own)."""
    return QSettings(ORGANIZATION, APPLICATION)
