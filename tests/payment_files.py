"""Payment files as associations get them, and the register they are imported into.

``tests/data/helloasso-adhesions-2025.csv`` is HelloAsso's export of a membership campaign
as the platform writes it (UTF-8 with a BOM, ``;``, CRLF, its French headers, orders of
September 2025): Élise Dupré pays for herself; Claire Bernard's firm pays, in one order, for
three people (Léa Martin, Thị Hoa Nguyễn, Paul Roux); Hugo Faure's order was refunded and
Inès Garnier's cancelled; Marc Petit pays for his daughter Zoé, who is not a member yet;
Chloé Lefèvre pays 120,00 € less a 20,00 € promotional code.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

from clubdesk.db import Member
from clubdesk.domain.dues.rates import Rate, save_fee_schedule

HELLOASSO_EXPORT = Path(__file__).parent / "data" / "helloasso-adhesions-2025.csv"
FULL, REDUCED = "Adhésion annuelle", "Tarif réduit"


def helloasso_export(folder: Path, name: str = "export-adhesions.csv") -> Path:
    """A copy of the HelloAsso export in ``folder``."""
    target = folder / name
    shutil.copyfile(HELLOASSO_EXPORT, target)
    return target


def register() -> dict[str, int]:
    """The members the export names (Zoé Petit aside) and 2025's fee schedule; their ids
    by first name. The database must be open."""
    people = {
        "Élise": ("Dupré", "elise.dupre@exemple.fr"),
        "Léa": ("Martin", ""),  # no email: found by her name
        "Thi Hoa": ("Nguyen", ""),  # written without accents in the register
        "Paul": ("Roux", "paul.roux@cabinet-bernard.fr"),
        "Hugo": ("Faure", "hugo.faure@exemple.fr"),
        "Inès": ("Garnier", "ines.garnier@exemple.fr"),
        "Chloé": ("Lefèvre", "chloe.lefevre@exemple.fr"),
        "Claire": ("Bernard", "compta@cabinet-bernard.fr"),
    }
    ids = {first: Member.create(first_name=first, last_name=last, email=email,
                                status="active", joined_on=dt.date(2020, 1, 1)).id
           for first, (last, email) in people.items()}
    save_fee_schedule(2025, [Rate(None, 2025, FULL, Decimal("120")),
                             Rate(None, 2025, REDUCED, Decimal("60"))])
    return ids


def write_csv(path: Path, header: list[str], rows: list[list[str]],
              encoding: str = "utf-8-sig") -> Path:
    """A CSV file as French Excel saves it: ``;``, CRLF, a BOM (cp1252 on request)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """An Excel workbook with real dates and numbers in its cells."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
