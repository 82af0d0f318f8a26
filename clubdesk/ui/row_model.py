"""The part every list model shares: rows kept in a Python list, found again by id."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class RowListModel(QAbstractTableModel):
    """A table over ``self._rows``; subclasses give ``COLUMN_COUNT``, ``data()`` and the
    order (``_order``). Rows are found again by :meth:`row_id` (``row.id`` by default)."""

    COLUMN_COUNT = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._positions: dict[int, int] | None = None

    # Qt interface -------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMN_COUNT

    # Rows ---------------------------------------------------------------------------------

    def row_id(self, row: Any) -> int:
        return int(row.id)

    def _order(self, rows: Sequence[Any]) -> list[Any]:
        """``rows`` in the model's current order; the given order by default."""
        return list(rows)

    def set_rows(self, rows: Sequence[Any], presorted: bool = False) -> None:
        """Show ``rows``, in the current order (``presorted``: already in it)."""
        self.beginResetModel()
        self._rows = list(rows) if presorted else self._order(rows)
        self._positions = None
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, row_id: int) -> int:
        """The line showing the row whose id is ``row_id``, or -1."""
        if self._positions is None:
            self._positions = {self.row_id(row): pos for pos, row in enumerate(self._rows)}
        return self._positions.get(row_id, -1)

    def _reorder(self, order: Callable[[list[Any]], list[Any]]) -> None:
        """Put the rows in a new order; selections and persistent indexes follow them."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        moved = [(index, self.row_id(self._rows[index.row()])) for index in persistent]
        self._rows = order(self._rows)
        self._positions = None
        self.changePersistentIndexList(
            persistent, [self.index(self.row_of(row_id), index.column())
                         for index, row_id in moved])
        self.layoutChanged.emit()
