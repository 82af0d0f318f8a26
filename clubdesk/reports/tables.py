"""Tables of any length: the header on every page, a row never split, linear time.

reportlab's ``Table`` splits a long table by copying its remaining rows into a new table
on every page and scanning them again: with 11,000 rows (a federation's members) the
layout grows with the square of the rows. :class:`PagedTable` measures each row once,
then hands every page a small ``Table`` of the rows that fit, the header row on top.

A row is never taller than ``max_row_height`` (less than a page), whatever its cells hold:
a taller cell is cut to it (:func:`~clubdesk.reports.clipping.fit_height`), so that every
row fits on a page of its own and the layout never fails.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from clubdesk.reports.clipping import fit_height

# Under half of an A4 page's text: a row, with the header row above it, always fits on a
# fresh page of any report, and a cell's text is cut long before it gets there.
MAX_ROW_HEIGHT = 110 * mm


class _Measures:
    """Row heights of one table, measured once and shared by all its pages.

    A cell taller than ``max_row_height`` allows is replaced in ``data`` by one cut to it.
    """

    def __init__(self, data: list[list[Any]], inner_widths: Sequence[float], padding: float,
                 leading: float, min_heights: Sequence[float], max_row_height: float) -> None:
        heights = []
        room = max_row_height - padding
        for index, row in enumerate(data):
            height = leading  # a plain string: one line
            for column, (value, width) in enumerate(zip(row, inner_widths, strict=True)):
                if isinstance(value, Flowable):
                    cell_height = value.wrap(width, 1e6)[1]
                    if cell_height > room:
                        row[column] = value = fit_height(value, width, room)
                        cell_height = value.wrap(width, room)[1]
                    height = max(height, cell_height)
            heights.append(min(max(height + padding, min_heights[index]), max_row_height))
        self.heights = heights
        self.ends = list(accumulate(heights))  # bottom of each row from the top of row 0


class PagedTable(Flowable):
    """Rows ``start:`` of a table, the first row of ``data`` being its header.

    ``inner_widths`` are the column widths less their left and right padding, ``padding``
    the top and bottom padding of a row, ``leading`` the height of a plain string cell:
    what ``commands`` (a ``TableStyle``) set, for measuring rows the way ``Table`` does.
    No row, the header included, is taller than ``max_row_height``.
    """

    def __init__(self, data: list[list[Any]], widths: Sequence[float],
                 commands: Sequence[tuple], inner_widths: Sequence[float], padding: float,
                 leading: float, min_heights: Sequence[float] | None = None,
                 start: int = 1, measures: _Measures | None = None,
                 max_row_height: float = MAX_ROW_HEIGHT) -> None:
        super().__init__()
        self.data = data
        self.widths = list(widths)
        self.commands = list(commands)
        self.inner_widths = list(inner_widths)
        self.padding = padding
        self.leading = leading
        self.min_heights = min_heights or [0.0] * len(data)
        self.start = start
        self._measures = measures
        self.max_row_height = max_row_height
        self.hAlign = "LEFT"

    @property
    def measures(self) -> _Measures:
        if self._measures is None:
            self._measures = _Measures(self.data, self.inner_widths, self.padding,
                                       self.leading, self.min_heights, self.max_row_height)
        return self._measures

    def _height_to(self, end: int) -> float:
        """Height of the header and rows ``start:end``."""
        ends = self.measures.ends
        return ends[0] + ends[end - 1] - ends[self.start - 1]

    def opening_height(self) -> float:
        """Height of the header and the first row: the least a page must hold of it."""
        ends = self.measures.ends
        return ends[0] + ends[min(self.start, len(ends) - 1)] - ends[self.start - 1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = sum(self.widths)
        self.height = self._height_to(len(self.data))
        return self.width, self.height

    def _fitting(self, availHeight: float) -> int:  # noqa: N803
        """The end of the rows that fit under the header in ``availHeight``."""
        ends = self.measures.ends
        limit = availHeight - ends[0] + ends[self.start - 1] + 1e-6
        return min(len(self.data), bisect_right(ends, limit, lo=self.start))

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        end = self._fitting(availHeight)
        if end <= self.start:
            return []  # not even one row: the table starts on the next page
        rest = PagedTable(self.data, self.widths, self.commands, self.inner_widths,
                          self.padding, self.leading, self.min_heights, end, self.measures,
                          self.max_row_height)
        return [self._page(end), rest]

    def _page(self, end: int) -> Table:
        rows = [self.data[0], *self.data[self.start:end]]
        heights = [self.measures.heights[0], *self.measures.heights[self.start:end]]
        table = Table(rows, colWidths=self.widths, rowHeights=heights,
                      style=TableStyle(self.commands), hAlign="LEFT", splitInRow=0)
        return table

    def draw(self) -> None:
        table = self._page(len(self.data))
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)
