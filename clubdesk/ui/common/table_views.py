"""The one way clubdesk sets up a list (whole rows, fixed row height, no row numbers),
selects in it, and puts an action on a toolbar button."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)

Selection = QAbstractItemView.SelectionMode
Triggers = QAbstractItemView.EditTrigger


def make_row_table(
    model: QAbstractItemModel,
    *,
    selection: Selection = Selection.SingleSelection,
    edit_triggers: Triggers = Triggers.NoEditTriggers,
    widths: Mapping[int, int] | None = None,
    parent: QWidget | None = None,
) -> QTableView:
    """A table over ``model`` selecting whole rows; a fixed row height keeps 20,000 rows
    cheap to lay out (Qt need not measure each one)."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(edit_triggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setCornerButtonEnabled(False)
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    for column, width in (widths or {}).items():
        header.resizeSection(column, width)
    return table


def current_row_object(table: QTableView, role: int) -> Any:
    """The object (``role``) of the first selected row, or None."""
    indexes = table.selectionModel().selectedRows()
    return indexes[0].data(role) if indexes else None


def select_line(table: QTableView, position: int) -> bool:
    """Select and show line ``position`` of the table's model; False when there is none."""
    if position < 0:
        return False
    index = table.model().index(position, 0)
    table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    table.scrollTo(index)
    return True


def action_button(action: QAction, tooltip: str) -> QPushButton:
    """A toolbar button that triggers ``action`` and follows its enabled state."""
    button = QPushButton(action.text())
    button.setToolTip(tooltip)
    button.clicked.connect(action.trigger)
    action.enabledChanged.connect(button.setEnabled)
    return button


def wire_row_table(table: QTableView, *, selection_changed: Callable[[], None],
                   opened: Callable[[], None], menu: Callable[[], QMenu]) -> None:
    """A tab's list: ``selection_changed`` when the selection does, a double click
    ``opened``, a right click shows ``menu()`` — built then, deleted once it closes."""

    def show_menu(position: QPoint) -> None:
        shown = menu()
        shown.aboutToHide.connect(shown.deleteLater)
        shown.popup(table.viewport().mapToGlobal(position))

    table.selectionModel().selectionChanged.connect(selection_changed)
    table.doubleClicked.connect(lambda _index: opened())
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.customContextMenuRequested.connect(show_menu)
