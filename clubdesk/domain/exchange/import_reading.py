"""Reading the table of a CSV or Excel file as a spreadsheet user wrote it.

CSV files come from French Excel (``;``, Windows-1252 or UTF-8 with a BOM), from LibreOffice
or a web export (``,``, UTF-8), sometimes as "Unicode text" (tab, UTF-16 with a BOM). Each
record keeps the number of the line it starts on, counted as an editor counts lines, so
that an error can be found in the file.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from clubdesk.domain.exchange.csv_export import FORMULA_STARTS
from clubdesk.i18n import _

Cell = str | int | float | dt.date | dt.datetime | None
_DELIMITERS = (";", ",", "\t")
# Excel counts days from 30/12/1899 (its 1900 leap-year bug included).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FRENCH_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?")


class ImportFileError(Exception):
    """The file cannot be read; ``str(error)`` is a message for the user."""


@dataclass
class Table:
    """The header row and the records of a file, each with the line it starts on."""

    headers: list[str]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)


def decode(data: bytes) -> str:
    """The text of ``data``: by its byte-order mark, else UTF-8, else Windows-1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """The separator used in the first line: the most frequent of ``;``, ``,`` and tab
    outside quotes (``;`` when none is found, a single-column file)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def unneutralise(text: str) -> str:
    """Undo :func:`clubdesk.domain.exchange.csv_export.neutralise`: ``'=x`` read back as ``=x``."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def read_csv_text(text: str) -> Table:
    """The table in ``text``; blank records are left out."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    table: Table | None = None
    previous = 0
    try:
        for record in reader:
            first_line = previous + 1
            previous = reader.line_num
            cells: list[Cell] = [unneutralise(cell) if cell.startswith("'") else cell
                                 for cell in record]
            if not "".join(cells).strip():  # type: ignore[arg-type] (CSV cells are str)
                continue
            if table is None:
                table = Table(headers=[str(cell).strip() for cell in cells])
            else:
                table.rows.append((first_line, cells))
    except csv.Error as error:
        raise ImportFileError(_("Line {line} of the file cannot be read: {reason}").format(
            line=reader.line_num, reason=error)) from error
    if table is None:
        raise ImportFileError(_("The file is empty."))
    return table


def read_xlsx(path: Path) -> Table:
    """The first sheet of an Excel workbook; the line of a record is its row number."""
    # openpyxl takes a while to load: only when an Excel file is read.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("This Excel file cannot be read: {reason}").format(
            reason=error)) from error
    try:
        sheet = workbook.worksheets[0]
        table: Table | None = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells: list[Cell] = ["" if value is None else value for value in values]
            if not any(str(cell).strip() for cell in cells):
                continue
            if table is None:
                table = Table(headers=[str(cell).strip() for cell in cells])
            else:
                table.rows.append((number, cells))
    finally:
        workbook.close()
    if table is None:
        raise ImportFileError(_("The file is empty."))
    return table


def read_table(path: Path) -> Table:
    """The table of a ``.csv`` (or ``.txt``) or ``.xlsx`` file."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(_("The file {name} cannot be read: {reason}").format(
            name=path.name, reason=error.strerror or error)) from error
    return read_csv_text(decode(data))


def parse_date(value: Cell) -> dt.date | None:
    """A date cell: a real date, an Excel serial number, ``dd/mm/yyyy`` or ``yyyy-mm-dd``.

    Returns ``None`` for an empty cell; raises ``ValueError`` for anything else.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        return _from_serial(float(value))
    text = str(value).strip()
    if not text:
        return None
    if match := _FRENCH_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        if year < 100:  # "12/03/98": a two-digit year is this century's unless in the future
            year += 2000 if year <= dt.date.today().year % 100 else 1900
        return dt.date(year, month, day)
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    try:
        serial = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(text) from None
    return _from_serial(serial)


def _from_serial(serial: float) -> dt.date:
    if not 1 <= serial < 2958466:  # up to 31/12/9999
        raise ValueError(serial)
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def cell_text(value: Cell) -> str:
    """A cell as text: a whole number stays whole (Excel gives ``612345678.0``)."""
    if type(value) is str:  # every cell of a CSV file: the quick way first
        return value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
