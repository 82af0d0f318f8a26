"""Lists written as CSV that French Excel opens as it should.

UTF-8 with a byte-order mark (so Excel does not read it as Windows-1252), ``;`` between
fields (the French list separator), dates as dd/mm/yyyy, decimals with the language's
separator. No cell can start a formula: a text beginning with ``= + - @``, a tab or a
carriage return is prefixed with an apostrophe, as OWASP advises for CSV injection.

The lists themselves (one query each) are in :mod:`clubdesk.domain.exchange.export_lists`.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from clubdesk.domain.common.files import atomic_output
from clubdesk.domain.exchange.export_lists import Progress, build_list, record_export
from clubdesk.i18n import current_language

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | Decimal | dt.date | None


def neutralise(text: str) -> str:
    """``text`` made safe to open in a spreadsheet."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def format_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        text = f"{value:.2f}"
        return text.replace(".", ",") if current_language() == "fr" else text
    if isinstance(value, int | float):
        return str(value)
    return neutralise(str(value))


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write a whole file or nothing; returns the number of rows written."""
    count = 0
    with atomic_output(path) as partial:
        with partial.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL,
                                lineterminator="\r\n")
            writer.writerow([neutralise(title) for title in header])
            for row in rows:
                writer.writerow([format_cell(value) for value in row])
                count += 1
    return count


def export_csv(kind: str, path: str | Path, date_from: dt.date | None = None,
               date_to: dt.date | None = None, ids: Iterable[int] | None = None,
               progress: Progress | None = None) -> int:
    """Write the list ``kind`` (see ``export_lists.KINDS``) of the period to ``path``, whole
    or not at all, note it in the audit trail; returns the number of rows written.

    ``ids``: only the rows of these ids, in their order (see ``export_lists.SELECTION_OF``);
    ``progress`` may stop the export (``export_selection.ExportCancelled``, nothing written)."""
    listing = build_list(kind, date_from, date_to, ids, progress)
    count = write_csv(path, listing.header, listing.rows)
    record_export(kind, "csv", count)
    return count


def export_volunteering(path: str | Path, date_from: dt.date | None = None,
                        date_to: dt.date | None = None) -> int:
    """Every volunteer entry of the period, valued at the association's hourly rate."""
    return export_csv("volunteering", path, date_from, date_to)


def export_referrals(path: str | Path, date_from: dt.date | None = None,
                     date_to: dt.date | None = None) -> int:
    """Every referral of the period with its status and closed business."""
    return export_csv("referrals", path, date_from, date_to)
