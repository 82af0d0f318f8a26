"""A read-only table model over a list of row objects, described by its columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject

from clubdesk.ui.common.row_model import (
    ALIGN,
    ALIGN_RIGHT,
    DISPLAY,
    Index,
    RowListModel,
    RowRole,
    SortRole,
)

SORT_ROLE = SortRole
ROW_ROLE = RowRole


@dataclass(frozen=True)
class Column:
    """One column: its header, how a row is shown, and how it sorts."""

    header: str
    display: Callable[[Any], str]
    sort_key: Callable[[Any], Any]
    align_right: bool = False


class RecordTableModel(RowListModel):
    """Rows are any objects; the columns say how to show and sort them (through a proxy
    sorting on :data:`SORT_ROLE`)."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self.COLUMN_COUNT = len(self._columns)
        self._headers = tuple(column.header for column in self._columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == DISPLAY:
            return column.display(row)
        if role == SORT_ROLE:
            return _comparable(column.sort_key(row))
        if role == ROW_ROLE:
            return row
        if role == ALIGN and column.align_right:
            return ALIGN_RIGHT
        return None


def _comparable(key: Any) -> Any:
    """A value Qt's proxy can compare: Python dates and decimals reach Qt as opaque objects."""
    if isinstance(key, dt.date):  # datetimes too
        return key.isoformat()
    if isinstance(key, Decimal):
        return float(key)
    return key
