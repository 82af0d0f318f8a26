"""Helpers of the tab tests: a tab ready to use, and shown as the user sees it."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

Tab = TypeVar("Tab", bound=QWidget)


def loaded_tab(tab_class: type[Tab], host: QWidget) -> Tab:
    """A ``tab_class`` tab filling ``host``, its rows read."""
    tab = tab_class(host)
    tab.setGeometry(host.rect())
    tab.reload()  # type: ignore[attr-defined]
    return tab


def show_active(qtbot, tab: QWidget) -> None:
    """Show the tab in an active window, as shortcuts and mouse clicks need."""
    host = tab.window()
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
