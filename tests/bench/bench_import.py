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


def _floor(source: Path, database: Path) -> None:
    """``csv`` parsing and one ``executemany`` of the same rows in one transaction."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    connection = sqlite3.connect(database)
    columns = ", ".join(_COLUMNS)
    with connection:
        connection.execute(f"CREATE TABLE IF NOT EXISTS member ({columns})")
        connection.executemany(
            f"INSERT INTO member ({columns}) VALUES ({', '.join('?' * len(_COLUMNS))})", rows)
    connection.close()


@figure("import_members_20k")
def import_members_20k(context: Context) -> tuple[Samples, Samples]:
    """Preview (parse, validate, duplicates) and apply in one transaction, against csv
    parsing plus a sqlite3 executemany of the same rows."""
    from clubdesk.db import Member, close_database, open_database
    from clubdesk.domain.member_import import apply_import, preview_import

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
            start = time.perf_counter()
            _floor(source, Path(folder) / f"floor{run}.db")
            floor.append(elapsed_ms(start))
            database.unlink()
    return samples, floor
