"""A tab's search field: the keys that go from it to the list, the shortcut that comes back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit


class _DownArrowToList(QObject):
    """Down arrow in the search field goes on to the list, as in a mail client."""

    def __init__(self, search: QLineEdit, go_to_list: Callable[[], None]) -> None:
        super().__init__(search)
        self._go_to_list = go_to_list

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Down):
            self._go_to_list()
            return True
        return False


def lead_to_list(search: QLineEdit, go_to_list: Callable[[], None]) -> None:
    """Enter or the down arrow in ``search`` call ``go_to_list`` (which selects the first
    row when none is, and gives the list the focus)."""
    search.returnPressed.connect(go_to_list)
    search.installEventFilter(_DownArrowToList(search, go_to_list))


def focus_search(search: QLineEdit) -> None:
    """The search shortcut (Ctrl+F): the field, its text selected to be typed over."""
    if search.isEnabled():
        search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        search.selectAll()
