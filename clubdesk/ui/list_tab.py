"""A tab listing rows read-only: search as you type, sortable columns, a count.

The rows are loaded the first time the tab is shown, so that start-up only pays for the tab
the user sees.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.text import fold
from clubdesk.ui.record_model import SORT_ROLE, Column, RecordTableModel


class ReadOnlyListTab(QWidget):
    """Search field, table and count over rows having a ``search_key`` attribute."""

    status_message = Signal(str)

    def __init__(
        self,
        columns: Sequence[Column],
        load: Callable[[], list[Any]],
        count_text: Callable[[int, int], str],
        search_placeholder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._count_text = count_text
        self._all_rows: list[Any] = []
        self._loaded = False

        self.search = QLineEdit()
        self.search.setPlaceholderText(search_placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.count_label = QLabel()
        self.note_label = QLabel()
        self.note_label.setStyleSheet("color: palette(mid);")

        self.model = RecordTableModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(150)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note_label)

    def set_note(self, text: str) -> None:
        self.note_label.setText(text)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def reload(self) -> None:
        self._all_rows = self._load()
        self._loaded = True
        self.apply_filter()

    def apply_filter(self) -> None:
        terms = fold(self.search.text()).split()
        rows = self._all_rows
        if terms:
            rows = [row for row in rows if all(term in row.search_key for term in terms)]
        self.model.set_rows(rows)
        self.count_label.setText(self._count_text(len(rows), len(self._all_rows)))

    def set_column_widths(self, widths: Sequence[int]) -> None:
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
