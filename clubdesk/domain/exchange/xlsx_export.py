"""Lists written as Excel workbooks (.xlsx) with typed cells.

Dates are real dates shown dd/mm/yyyy, amounts and hours numbers with two decimals, counts
integers; the header row is bold, frozen and carries an autofilter. openpyxl's write-only
mode streams the rows, so a federation's 20,000 members take a couple of seconds.

No cell can start a formula: every text goes through :func:`csv_export.neutralise` (a text
beginning with ``= + - @``, a tab or a carriage return gets an apostrophe in front, as in
the CSV files), so openpyxl never takes a value for a formula.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from clubdesk.domain.common.files import atomic_output
from clubdesk.domain.exchange.csv_export import Cell, neutralise
from clubdesk.domain.exchange.export_lists import Progress, build_list, record_export

DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
DECIMAL_FORMAT = "#,##0.00"
MAX_TEXT = 32767  # Excel's limit for one cell
# Column widths are measured on the first rows, within these bounds (in characters).
SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 50


def text_cell(text: str) -> str:
    """``text`` as Excel may store it: no formula start, no control character, not too long."""
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", text))[:MAX_TEXT]


def _shown_width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, Decimal):
        return len(f"{value:,.2f}")
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _widths(header: Sequence[str], sample: Sequence[Sequence[Cell]]) -> list[float]:
    widths = []
    for index, title in enumerate(header):
        longest = max([len(title) + 3] + [_shown_width(row[index]) + 1 for row in sample
                                           if index < len(row)])
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest)))
    return widths


class _CellMaker:
    """Typed cells for one sheet; plain strings and integers need no cell object."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet

    def __call__(self, value: Cell) -> object:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            return text_cell(value) or None  # an empty text is an empty cell
        if isinstance(value, int):
            return value
        if isinstance(value, dt.datetime):
            return self._formatted(value, MOMENT_FORMAT)
        if isinstance(value, dt.date):
            return self._formatted(value, DATE_FORMAT)
        if isinstance(value, Decimal | float):
            return self._formatted(value, DECIMAL_FORMAT)
        return text_cell(str(value))

    def _formatted(self, value: object, number_format: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value)
        cell.number_format = number_format
        return cell


def write_xlsx(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Cell]],
               title: str = "Export") -> int:
    """Write a whole workbook or nothing; returns the number of rows written.

    The destination is tried first: a read-only folder fails before any row is read.
    """
    with atomic_output(path) as partial:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(title=_sheet_title(title))
        try:
            count = _fill(sheet, header, rows)
            book.save(partial)
        except BaseException:
            # openpyxl streams the sheet to a file of its own: close it now, not when the
            # half-written sheet is collected (a warning then).
            with contextlib.suppress(Exception):
                sheet.close()
            raise
    return count


def _fill(sheet: WriteOnlyWorksheet, header: Sequence[str],
          rows: Iterable[Sequence[Cell]]) -> int:
    rows = iter(rows)
    sample = list(islice(rows, SAMPLE_ROWS))
    for index, width in enumerate(_widths(header, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for title_text in header:
        cell = WriteOnlyCell(sheet, text_cell(title_text))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    make = _CellMaker(sheet)
    count = 0
    for row in chain(sample, rows):
        sheet.append([make(value) for value in row])
        count += 1
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    return count


def export_xlsx(kind: str, path: str | Path, date_from: dt.date | None = None,
                date_to: dt.date | None = None, ids: Iterable[int] | None = None,
                progress: Progress | None = None) -> int:
    """Write the list ``kind`` (see ``export_lists.KINDS``) of the period to ``path``, whole
    or not at all, note it in the audit trail; returns the number of rows written.

    ``ids``: only the rows of these ids, in their order (see ``export_lists.SELECTION_OF``);
    ``progress`` may stop the export (``export_selection.ExportCancelled``, nothing written)."""
    listing = build_list(kind, date_from, date_to, ids, progress)
    count = write_xlsx(path, listing.header, listing.rows, listing.title)
    record_export(kind, "xlsx", count)
    return count


def _sheet_title(title: str) -> str:
    """Excel refuses ``[]:*?/\\`` in a sheet's name and more than 31 characters."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip()
    return (cleaned or "Export")[:31]
