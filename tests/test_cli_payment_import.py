"""``clubdesk import payments FILE``, as a treasurer types it: the preview line by line, exit
2 with one line per refused line and nothing written, the options that say what to do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from payment_files import helloasso_export, register, write_csv

from clubdesk.cli import main
from clubdesk.db import Member, MembershipFee, close_database, open_database


@pytest.fixture
def club(tmp_path: Path) -> Iterator[Path]:
    """A closed database holding the members HelloAsso's export names (Zoé Petit aside)."""
    path = open_database(tmp_path / "club.db")
    register()
    close_database()
    yield path
    close_database()


def counts(path: Path) -> tuple[int, int]:
    open_database(path)
    try:
        return Member.select().count(), MembershipFee.select().count()
    finally:
        close_database()


def run(club: Path, *args: str) -> int:
    return main(["--db", str(club), "import", "payments", *args])


def test_a_member_not_found_refuses_the_import_with_exit_2(
        club: Path, tmp_path: Path, capsys) -> None:
    export = helloasso_export(tmp_path)
    before = club.read_bytes()
    assert run(club, str(export)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "line 8: Zoé Petit — no member found (to create with --create-missing)",
        "Nothing was imported: use --create-missing to create the members not found, or "
        "--skip-missing to leave their lines out.",
    ]
    assert club.read_bytes() == before


def test_a_dry_run_prints_every_line_and_writes_nothing(
        club: Path, tmp_path: Path, capsys) -> None:
    before = club.read_bytes()
    assert run(club, str(helloasso_export(tmp_path)), "--dry-run", "--create-missing") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:7] == [
        "File: export-adhesions.csv (HelloAsso export)",
        "Payments to record: 6 (€640.00)",
        "Lines of members not found: 1 (1 member to create)",
        "Already recorded: 0",
        "Repeated in the file: 0",
        "Refunded or cancelled: 2",
        "Invalid lines: 0",
    ]
    assert out[7] == ("line 2: Élise DUPRÉ — to record: €120.00 paid on 12 Sep 2025 for 2025 "
                      "(member: Élise Dupré, found by email)")
    assert out[8].endswith("by Cabinet Bernard & Associés (Claire Bernard) (member: Léa "
                           "Martin, found by name)")
    assert out[11] == ("line 6: Hugo Faure — Refunded order (“Remboursé”): not counted as "
                       "paid.")
    assert out[13] == ("line 8: Zoé Petit — new member, to record: €60.00 paid on 22 Sep 2025 "
                       "for 2025, by Marc Petit")
    assert out[-1] == "Dry run: nothing was written."
    assert club.read_bytes() == before


def test_create_missing_records_everything_and_a_second_run_nothing(
        club: Path, tmp_path: Path, capsys) -> None:
    export = helloasso_export(tmp_path)
    assert run(club, str(export), "--create-missing") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == ("6 payments recorded (€640.00), receipts no. 1 to 6; "
                                    "1 member created.")
    assert counts(club) == (9, 6)
    assert run(club, str(export)) == 0  # every order is there already: nothing refused
    out = capsys.readouterr().out
    assert "Already recorded: 6" in out
    assert "line 3: Léa Martin — Already recorded (reference 158702233)." in out
    assert out.splitlines()[-1] == "Nothing was recorded: no line gives a payment to record."
    assert counts(club) == (9, 6)


def test_skip_missing_leaves_their_lines_out(club: Path, tmp_path: Path, capsys) -> None:
    assert run(club, str(helloasso_export(tmp_path)), "--skip-missing") == 0
    assert "5 payments recorded (€580.00), receipts no. 1 to 5." in capsys.readouterr().out
    assert counts(club) == (8, 5)


def test_invalid_lines_give_one_line_each_and_nothing_is_written(
        club: Path, tmp_path: Path, capsys) -> None:
    path = write_csv(tmp_path / "cotisations.csv", ["Nom", "Prénom", "Montant", "Date"], [
        ["Dupré", "Élise", "120", "12/01/2026"],
        ["Martin", "Léa", "-120", "12/01/2026"],
        ["Roux", "Paul", "120", "30/02/2026"],
        ["Faure", "Hugo", "cent vingt", "12/01/2026"],
    ])
    before = club.read_bytes()
    assert run(club, str(path), "--create-missing") == 2
    assert capsys.readouterr().err.splitlines() == [
        "line 3: Léa Martin — The amount -120 is negative: a refund is not a payment.",
        "line 4: Paul Roux — “30/02/2026” is not a date: write it dd/mm/yyyy.",
        "line 5: Hugo Faure — “cent vingt” is not an amount: write it like 120,00.",
        "Nothing was imported: correct the invalid lines, or use --skip-invalid.",
    ]
    assert club.read_bytes() == before
    assert run(club, str(path), "--skip-invalid") == 0
    out = capsys.readouterr().out
    assert "line 3: Léa Martin — refused: The amount -120 is negative" in out
    assert counts(club) == (8, 1)


def test_an_unreadable_file_is_one_line(club: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "cotisations.xlsx"
    path.write_bytes(b"not a workbook")
    assert run(club, str(path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("This Excel file cannot be read:") and err.count("\n") == 1


def test_the_fiscal_year_can_be_given(club: Path, tmp_path: Path, capsys) -> None:
    assert run(club, str(helloasso_export(tmp_path)), "--skip-missing", "--year", "2026") == 0
    open_database(club)
    try:
        assert {fee.fiscal_year for fee in MembershipFee.select()} == {2026}
    finally:
        close_database()
    with pytest.raises(SystemExit) as refused:  # argparse's own refusal: exit 2
        run(club, str(helloasso_export(tmp_path)), "--year", "26")
    assert refused.value.code == 2
    assert "'26' is not a fiscal year: write it YYYY" in capsys.readouterr().err


def test_the_report_speaks_french(club: Path, tmp_path: Path, capsys) -> None:
    assert main(["--lang", "fr", "--db", str(club), "import", "payments",
                 str(helloasso_export(tmp_path)), "--dry-run", "--skip-missing"]) == 0
    out = capsys.readouterr().out
    assert "Paiements à enregistrer\u00a0: 5 (580,00\u202f€)" in out
    assert ("ligne 6\u00a0: Hugo Faure — Commande remboursée («\u00a0Remboursé\u00a0»)\u00a0: "
            "non comptée comme payée.") in out
    assert ("ligne 2\u00a0: Élise DUPRÉ — à enregistrer\u00a0: 120,00\u202f€ payés le 12/09/2025 "
            "pour 2025 (membre\u00a0: Élise Dupré, trouvé par son e-mail)") in out
    assert out.splitlines()[-1] == "Simulation\u00a0: rien n'a été enregistré."
