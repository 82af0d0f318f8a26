"""A first look at a file to import: its columns, a few values of each, the mapping to offer.

The import wizard shows this before anything is checked, so that the user can say which
column holds which member field; :func:`clubdesk.domain.exchange.member_import.preview_import` then
reads the whole file with the mapping chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from clubdesk.domain.exchange.import_columns import guess_mapping, remembered_mapping
from clubdesk.domain.exchange.import_reading import Table, cell_text, read_table

SAMPLE_COUNT = 3
# A sparse column (a phone now and then) still shows something from the rows scanned.
_SCANNED_ROWS = 50


@dataclass(frozen=True)
class FileSample:
    """The header row, a few values per column, the number of records and the mapping to
    offer (``remembered``: the one the user kept last time for these headers)."""

    path: Path
    headers: list[str]
    samples: list[list[str]]
    row_count: int
    mapping: dict[int, str]
    remembered: bool


def column_samples(table: Table, count: int = SAMPLE_COUNT) -> list[list[str]]:
    """Up to ``count`` non-empty values of each column, from the first records."""
    samples: list[list[str]] = [[] for _header in table.headers]
    for _line, cells in table.rows[:_SCANNED_ROWS]:
        for index, values in enumerate(samples):
            if len(values) < count and index < len(cells):
                text = " ".join(cell_text(cells[index]).split())  # one line in the wizard
                if text:
                    values.append(text)
    return samples


def read_sample(path: Path, count: int = SAMPLE_COUNT) -> FileSample:
    """Read ``path`` and describe it. The database must be open.

    Raises :class:`~clubdesk.domain.exchange.import_reading.ImportFileError` with a message
    for the user."""
    path = Path(path)
    table = read_table(path)
    remembered = remembered_mapping(table.headers)
    mapping = remembered if remembered is not None else guess_mapping(table.headers)
    return FileSample(path=path, headers=list(table.headers),
                      samples=column_samples(table, count), row_count=len(table.rows),
                      mapping=dict(mapping), remembered=remembered is not None)


def row_names(path: Path, mapping: dict[int, str], lines: Iterable[int]) -> dict[int, str]:
    """The name ("first last", on one line) the records starting on ``lines`` give, for
    the rows a preview refuses: it tells their line and reason, the user looks for a name."""
    wanted = set(lines)
    if not wanted:
        return {}
    columns = ([index for index, field in mapping.items() if field == "first_name"]
               + [index for index, field in mapping.items() if field == "last_name"])
    names: dict[int, str] = {}
    for line, cells in read_table(Path(path)).rows:
        if line in wanted:
            parts = (cell_text(cells[index]) for index in columns if index < len(cells))
            names[line] = " ".join(" ".join(parts).split())  # one line in a table
    return names
