"""The keys between a tab's search field and its list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from clubdesk.ui.common.search_field import focus_search, lead_to_list


def test_enter_and_down_arrow_go_to_the_list_other_keys_type(qtbot) -> None:
    search = QLineEdit()
    qtbot.addWidget(search)
    went: list[str] = []
    lead_to_list(search, lambda: went.append("list"))
    qtbot.keyClicks(search, "Dupont")  # QTest types ASCII only
    assert search.text() == "Dupont" and went == []
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert went == ["list", "list"]


def test_focus_search_selects_the_text_to_type_over(qtbot) -> None:
    search = QLineEdit("Lyon")
    qtbot.addWidget(search)
    search.show()
    qtbot.waitExposed(search)
    focus_search(search)
    assert search.selectedText() == "Lyon"
    search.setEnabled(False)
    search.deselect()
    focus_search(search)  # a disabled field (the summary view) is left alone
    assert search.selectedText() == ""
