"""Figure of the member import: a 20,000-row French Excel CSV into an empty database."""

from __future__ import annotations

import csv
import sqlite3
import tempfile
import time
from pathlib import Path

from figures import Context, Samples, elapsed_ms, figure

ROWS = 20_000
_HEADER = ["Nom", "Prénom", "E-mail", "Téléphone", "Société", "Métier", "Ville", "Code postal",
           "Date d'adhésion", "Statut", "Notes"]
_COLUMNS = ("last_name", "first_name", "email", "phone", "company", "profession", "city",
            "postcode", "joined_on", "status", "notes")


def write_sample(path: Path, rows: int = ROWS) -> None:
    """A file as French Excel saves it: ``;``, UTF-8 with a BOM, dd/mm/yyyy, phones without
    their leading 0, some notes over two lines."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(_HEADER)
        for index in range(rows):
            writer.writerow([
                f"Nom{index}", f"Prénom{index}", f"membre{index}@exemple.fr",
                f"6{index:08d}", f"Société {index % 700}", "Artisan", "Saint-Étienne",
                "42000", f"{index % 28 + 1:02d}/{index % 12 + 1:02d}/2021", "Actif",
                "Rencontré au salon\nrelancé en mars" if index % 10 == 0 else "",
            ])


_FLOOR_COLUMNS = (*_COLUMNS[:-2], "notes", "status", "sector", "address", "role",
                  "consent_directory", "consent_photos", "consent_newsletter", "created_at",
                  "updated_at")
_FLOOR_CONSTANTS = ("active", "", "", "none", 0, 0, 0, "2026-01-01 00:00:00",
                    "2026-01-01 00:00:00")


def _floor(source: Path, database: Path) -> None:
    """``csv`` parsing and one ``executemany`` of the same rows in one transaction, into
    the same ``member`` table (its columns, constraints and indexes) as the import, with
    nothing converted or checked."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    connection = sqlite3.connect(database)
    columns = ", ".join(_FLOOR_COLUMNS)
    marks = ", ".join("?" * len(_FLOOR_COLUMNS))
    with connection:
        connection.executemany(
            f"INSERT INTO member ({columns}) VALUES ({marks})",
            [(*row[:9], row[10], *_FLOOR_CONSTANTS) for row in rows])
    connection.close()


@figure("import_members_20k")
def import_members_20k(context: Context) -> tuple[Samples, Samples]:
    """Preview (parse, validate, duplicates) and apply in one transaction, against csv
    parsing plus a sqlite3 executemany of the same rows into the same table."""
    from clubdesk.db import Member, close_database, open_database
    from clubdesk.domain.exchange.member_import import apply_import, preview_import

    samples: Samples = []
    floor: Samples = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "membres.csv"
        write_sample(source)
        for run in range(context.repeat):
            database = open_database(Path(folder) / f"import{run}.db")
            try:
                start = time.perf_counter()
                result = apply_import(preview_import(source))
                samples.append(elapsed_ms(start))
                assert result.added == ROWS == Member.select().count()
            finally:
                close_database()
            floor_database = Path(folder) / f"floor{run}.db"
            open_database(floor_database)  # the schema, outside the timing
            close_database()
            start = time.perf_counter()
            _floor(source, floor_database)
            floor.append(elapsed_ms(start))
            database.unlink()
    return samples, floor
