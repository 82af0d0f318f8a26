"""The import refuses what the member form refuses: texts too long, control characters.

Each such cell makes its row invalid, named with its line and column; with skip-invalid the
other rows still import, and without it nothing is written. Also through the command line.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from clubdesk.cli import main
from clubdesk.db import Member, close_database, open_database
from clubdesk.domain.exchange.import_command import run_import_command
from clubdesk.domain.exchange.member_import import (
    ImportRefusedError,
    apply_import,
    preview_import,
)

HEADER = ["Nom", "Prénom", "Société", "Notes"]
LONG_COMPANY = "Société " + "x" * 1992  # 2,000 characters
ROWS = [
    ["Dupré", "Élise", "Boulangerie Œuvray", "Vient par\nle bouche-à-oreille"],
    ["Martin", "Lé\x00a", "", ""],
    ["Durand", "Paul", LONG_COMPANY, ""],
    ["Roux", "Zoé", "Atelier\x1b[0m", ""],
    ["Blanc", "Hugo", "", "Notes\r\nsur deux lignes\x0c"],
]
REASONS = {  # the first row takes two lines of the file
    4: "Column “Prénom”: This text contains an invisible control character (position 3); "
       "remove it.",
    5: "Column “Société”: At most 150 characters (this text has 2,000).",
    6: "Column “Société”: This text contains an invisible control character (position 8); "
       "remove it.",
    7: "Column “Notes”: This text contains an invisible control character (position 22); "
       "remove it.",
}


def _write_csv(path: Path, rows: list[list[str]] = ROWS, header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_csv_with_a_nul_byte_or_a_huge_cell_has_invalid_rows(db_path: Path,
                                                                tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "membres.csv")
    assert b"\x00" in path.read_bytes()
    preview = preview_import(path)
    assert {row.line: row.reason for row in preview.invalid} == REASONS
    assert [row.data.last_name for row in preview.to_add] == ["Dupré"]
    with pytest.raises(ImportRefusedError):
        apply_import(preview)
    assert Member.select().count() == 0


def test_skip_invalid_imports_the_other_rows(db_path: Path, tmp_path: Path) -> None:
    preview = preview_import(_write_csv(tmp_path / "membres.csv"))
    result = apply_import(preview, skip_invalid=True)
    assert (result.added, result.skipped) == (1, 4)
    member = Member.get()
    assert (member.last_name, member.notes) == ("Dupré", "Vient par\nle bouche-à-oreille")


def test_a_row_with_several_problems_names_each_column(db_path: Path, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "membres.csv",
                      [["Dur\x00and", "Paul", LONG_COMPANY, ""], ["", "Léa", "", ""]])
    reasons = [row.reason for row in preview_import(path).invalid]
    assert reasons[0] == (
        "Column “Nom”: This text contains an invisible control character (position 4); "
        "remove it. Column “Société”: At most 150 characters (this text has 2,000).")
    assert reasons[1] == "The last name is required."


def test_an_email_cell_too_long_or_with_a_control_character(db_path: Path,
                                                            tmp_path: Path) -> None:
    long_email = "j" * 250 + "@exemple.fr"
    path = _write_csv(tmp_path / "membres.csv",
                      [["Dupré", "Élise", long_email], ["Martin", "Léa", "lea\x1b@exemple.fr"]],
                      header=["Nom", "Prénom", "E-mail"])
    reasons = [row.reason for row in preview_import(path).invalid]
    assert reasons == [
        "Column “E-mail”: At most 254 characters (this text has 261).",
        "Column “E-mail”: This text contains an invisible control character (position 4); "
        "remove it.",
    ]


def test_an_excel_cell_of_2000_characters(db_path: Path, tmp_path: Path) -> None:
    # Excel files cannot carry control characters: XML forbids them, and openpyxl leaves
    # Excel's own escape for them ("_x001B_") as the text it is.
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["Dupré", "Élise", "Boulangerie", ""])
    sheet.append(["Durand", "Paul", LONG_COMPANY, ""])
    sheet.append(["Roux", "Zoé", "Atelier", "x" * 5001])
    path = tmp_path / "membres.xlsx"
    workbook.save(path)
    preview = preview_import(path)
    assert {row.line: row.reason for row in preview.invalid} == {
        3: "Column “Société”: At most 150 characters (this text has 2,000).",
        4: "Column “Notes”: At most 5,000 characters (this text has 5,001).",
    }
    assert [row.data.last_name for row in preview.to_add] == ["Dupré"]


def test_the_command_refuses_with_exit_2_and_writes_nothing(db_path: Path,
                                                            tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "membres.csv")
    code, report = run_import_command(path, dry_run=False, skip_invalid=False,
                                      on_duplicate="skip")
    assert code == 2
    for line, reason in REASONS.items():
        assert f"line {line}: {reason}" in report.splitlines()
    assert Member.select().count() == 0


def test_through_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = open_database(tmp_path / "club.db")
    close_database()
    source = _write_csv(tmp_path / "membres.csv")
    before = _digest(database)
    assert main(["--db", str(database), "import", "members", str(source)]) == 2
    lines = capsys.readouterr().err.splitlines()
    for line, reason in REASONS.items():
        assert lines.count(f"line {line}: {reason}") == 1
    assert _digest(database) == before  # nothing written

    assert main(["--db", str(database), "import", "members", str(source),
                 "--skip-invalid"]) == 0
    open_database(database)
    try:
        assert [member.last_name for member in Member.select()] == ["Dupré"]
    finally:
        close_database()
