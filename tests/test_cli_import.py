"""The import command: its report, its exit codes, and a dry run or a refusal writing nothing.

``clubdesk.cli`` is wired to :func:`run_import_command` by the lead; these tests call it
directly, on a database opened as the command line opens it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from clubdesk.db import AuditEntry, Member
from clubdesk.domain.exchange.import_command import run_import_command

HEADER = ["Nom", "Prénom", "Courriel", "Portable", "Entreprise", "Notes"]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


ROWS = [
    ["Dupré", "Élise", "elise@exemple.fr", "612345678", "Œuvray", "deux\nlignes"],
    ["", "Sans nom", "", "", "", ""],
    ["Martin", "Léa", "lea@exemple", "", "", ""],
    ["Durand", "Paul", "", "0612", "", ""],
]


def test_invalid_rows_refuse_the_import_with_exit_2(db_path: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "membres.csv", ROWS)
    before = db_path.read_bytes()
    code, report = run_import_command(path, dry_run=False, skip_invalid=False,
                                      on_duplicate="skip")
    assert code == 2
    assert "Invalid rows: 3" in report
    assert "line 4: The last name is required." in report
    assert "line 5: This email address is not valid" in report
    assert "line 6: This phone number is too short." in report
    assert db_path.read_bytes() == before


def test_skip_invalid_imports_the_rest(db_path: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "membres.csv", ROWS)
    code, report = run_import_command(path, dry_run=False, skip_invalid=True,
                                      on_duplicate="skip")
    assert code == 0
    assert "Added: 1, updated: 0, skipped: 3." in report
    member = Member.get()
    assert (member.last_name, member.phone, member.notes) == ("Dupré", "+33612345678",
                                                              "deux\nlignes")
    assert AuditEntry.get().action == "import"


def test_a_dry_run_writes_nothing(db_path: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "membres.csv", ROWS[:1])
    before = db_path.read_bytes()
    code, report = run_import_command(path, dry_run=True, skip_invalid=False,
                                      on_duplicate="skip")
    assert code == 0
    assert "New members: 1" in report and "Dry run" in report
    assert db_path.read_bytes() == before


def test_duplicates_follow_the_choice(make_member, tmp_path: Path) -> None:
    existing = make_member(last_name="Dupré", first_name="Élise", email="elise@exemple.fr")
    path = _write(tmp_path / "membres.csv", ROWS[:1])
    code, report = run_import_command(path, dry_run=False, skip_invalid=False,
                                      on_duplicate="skip")
    assert code == 0 and "line 2: duplicate of Élise Dupré" in report
    assert Member.select().count() == 1
    code, report = run_import_command(path, dry_run=False, skip_invalid=False,
                                      on_duplicate="update")
    assert "updated: 1" in report
    assert Member.get_by_id(existing.id).company == "Œuvray"


def test_unreadable_file_and_unknown_choice_exit_1(db_path: Path, tmp_path: Path) -> None:
    code, report = run_import_command(tmp_path / "absent.csv", dry_run=False,
                                      skip_invalid=False, on_duplicate="skip")
    assert code == 1 and "absent.csv" in report
    path = _write(tmp_path / "membres.csv", ROWS[:1])
    code, _report = run_import_command(path, dry_run=False, skip_invalid=False,
                                       on_duplicate="merge")
    assert code == 1
    assert Member.select().count() == 0


def test_the_report_speaks_french(db_path: Path, tmp_path: Path) -> None:
    from clubdesk import i18n

    i18n.set_language("fr")
    path = _write(tmp_path / "membres.csv", ROWS[:2])
    code, report = run_import_command(path, dry_run=True, skip_invalid=False,
                                      on_duplicate="skip")
    assert code == 2
    assert "ligne 4\u00a0: Le nom est obligatoire." in report
    assert "Lignes non valides\u00a0: 1" in report
