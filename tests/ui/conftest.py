"""Fixtures of the widget tests: the window a tab lives in, the French catalogue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from clubdesk import i18n
from clubdesk.ui.common.translator import install_translators


@pytest.fixture
def host(qtbot) -> QWidget:
    """The laptop-sized window holding the tab under test."""
    # No layout on purpose: a shown top-level window with a layout makes the offscreen
    # platform warn "does not support propagateSizeHints()", and any Qt warning fails a test.
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1366, 700)
    return window


@pytest.fixture
def in_french(qapp) -> Iterator[None]:
    """The French catalogue installed for the test; English again after it."""
    translators = install_translators(qapp, "fr")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    i18n.set_language("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


@pytest.fixture(autouse=True)
def own_application_settings(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """What the window remembers goes to a file of the test's own, never the user's."""
    from PySide6.QtCore import QSettings

    from clubdesk.ui.common import app_settings

    path = str(tmp_path / "application.ini")
    monkeypatch.setattr(app_settings, "application_settings",
                        lambda: QSettings(path, QSettings.Format.IniFormat))
