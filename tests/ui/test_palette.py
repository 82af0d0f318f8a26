"""The palette: each colour named for what it says, light or dark as the system asks."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QChart
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

from clubdesk.ui.common import palette
from clubdesk.ui.common.palette import Role, colour, css, dark_mode, hex_colour
from clubdesk.ui.dashboard.dashboard_cards import KeyFigureCard
from clubdesk.ui.dashboard.dashboard_charts import DashboardChart
from clubdesk.ui.main_window import notice_style


class _Hints:
    def __init__(self, scheme: Qt.ColorScheme) -> None:
        self._scheme = scheme

    def colorScheme(self) -> Qt.ColorScheme:  # noqa: N802 (Qt's name)
        return self._scheme


@pytest.fixture
def dark(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    """The system asks for dark colours."""
    monkeypatch.setattr(QGuiApplication, "styleHints",
                        lambda self: _Hints(Qt.ColorScheme.Dark))


def test_every_role_has_a_light_and_a_dark_colour() -> None:
    for role in Role:
        light, dark_value = role.value
        assert QColor(light).isValid() and QColor(dark_value).isValid(), role


def test_light_colours_by_default(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QGuiApplication, "styleHints",
                        lambda self: _Hints(Qt.ColorScheme.Light))
    assert not dark_mode()
    assert hex_colour(Role.ERROR) == "#b3261e"
    assert css(Role.MUTED) == "color: #5f6368;"


def test_dark_mode_gives_the_dark_colours(dark) -> None:
    assert dark_mode()
    assert hex_colour(Role.ERROR) == Role.ERROR.value[1]
    assert colour(Role.ACCENT) == QColor(Role.ACCENT.value[1])
    assert css(Role.MUTED) == f"color: {Role.MUTED.value[1]};"


def test_widgets_built_in_dark_mode_use_the_dark_colours(qtbot, dark) -> None:
    card = KeyFigureCard("Membres")
    qtbot.addWidget(card)
    assert Role.CARD.value[1] in card.styleSheet()
    assert Role.FIGURE.value[1] in card.value.styleSheet()
    assert Role.NOTICE.value[1] in notice_style()
    chart = DashboardChart("Heures")
    qtbot.addWidget(chart)
    assert chart.chart().theme() == QChart.ChartTheme.ChartThemeDark


def test_without_an_application_the_colours_are_light(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(palette.QGuiApplication, "instance", staticmethod(lambda: None))
    assert not dark_mode()
    assert hex_colour(Role.SUCCESS) == Role.SUCCESS.value[0]
