"""How a tab's list answers selection, double click and right click."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMenu

from clubdesk.ui.common.table_views import make_row_table, wire_row_table


def test_a_wired_list_selects_opens_and_shows_a_menu_deleted_once_closed(qtbot) -> None:
    model = QStandardItemModel(0, 1)
    for name in ("Dupont", "Lefèvre"):
        model.appendRow(QStandardItem(name))
    table = make_row_table(model)
    qtbot.addWidget(table)
    seen: list[str] = []
    menus: list[QMenu] = []

    def menu() -> QMenu:
        built = QMenu(table)
        built.addAction("Edit")
        menus.append(built)
        return built

    wire_row_table(table, selection_changed=lambda: seen.append("selected"),
                   opened=lambda: seen.append("opened"), menu=menu)
    table.selectRow(1)
    table.doubleClicked.emit(model.index(1, 0))
    assert seen == ["selected", "opened"]
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu

    table.customContextMenuRequested.emit(QPoint(5, 5))
    assert len(menus) == 1 and menus[0].isVisible()
    with qtbot.waitSignal(menus[0].destroyed):
        menus[0].hide()  # closed: deleted, not left as a child of the tab
