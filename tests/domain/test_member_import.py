"""Importing members: every file format to the same members, duplicates, one transaction."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from clubdesk import i18n
from clubdesk.db import AuditEntry, Member
from clubdesk.domain.exchange import import_columns
from clubdesk.domain.exchange.import_columns import (
    guess_mapping,
    remember_mapping,
    remember_mapping_if_possible,
    remembered_mapping,
)
from clubdesk.domain.exchange.member_import import (
    ImportRefusedError,
    PreviewCancelled,
    apply_import,
    preview_import,
    storage_failure,
)

HEADER = ["Nom", "Prénom", "E-mail", "Téléphone", "Société", "Ville", "Code postal",
          "Date d'adhésion", "Statut", "Notes"]
ROWS = [
    ["Dupré", "Élise", "Elise.Dupre@Exemple.fr", "612345678", "Boulangerie Œuvray", "Lyon",
     "69001", "12/03/2021", "Actif", "Vient par\nle bouche-à-oreille; \"fidèle\""],
    ["N'Diaye", "Moussa", "", "01 23 45 67 89", "", "Saint-Étienne", "42000", "2020-01-31",
     "prospect", ""],
]


def _members() -> list[tuple]:
    return list(
        Member
        .select(Member.last_name, Member.first_name, Member.email, Member.phone,
                Member.company, Member.city, Member.postcode, Member.joined_on,
                Member.status, Member.notes)
        .order_by(Member.last_name)
        .tuples()
    )


EXPECTED = [
    ("Dupré", "Élise", "elise.dupre@exemple.fr", "+33612345678", "Boulangerie Œuvray", "Lyon",
     "69001", dt.date(2021, 3, 12), "active", "Vient par\nle bouche-à-oreille; \"fidèle\""),
    ("N'Diaye", "Moussa", "", "+33123456789", "", "Saint-Étienne", "42000",
     dt.date(2020, 1, 31), "prospect", ""),
]


def _write_csv(path: Path, rows: list[list[str]], delimiter: str = ";",
               encoding: str = "utf-8-sig", newline: str = "\r\n",
               header: list[str] = HEADER) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize(("delimiter", "encoding", "newline"), [
    (";", "utf-8-sig", "\r\n"), (";", "cp1252", "\r\n"), (",", "utf-8", "\n"),
    ("\t", "utf-16", "\r\n"), (",", "utf-8-sig", "\n"), ("\t", "cp1252", "\n"),
])
def test_every_csv_flavour_imports_the_same_members(db_path: Path, tmp_path: Path,
                                                     delimiter: str, encoding: str,
                                                     newline: str) -> None:
    path = _write_csv(tmp_path / "membres.csv", ROWS, delimiter, encoding, newline)
    preview = preview_import(path)
    assert preview.invalid == [] and len(preview.to_add) == 2
    result = apply_import(preview)
    assert (result.added, result.updated, result.skipped) == (2, 0, 0)
    assert _members() == EXPECTED


def test_an_excel_workbook_imports_the_same_members(db_path: Path, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    first, second = (list(row) for row in ROWS)
    first[3] = 612345678  # a phone number read as a number: its 0 is lost
    first[6] = 69001
    first[7] = dt.datetime(2021, 3, 12)
    second[7] = 43861  # an Excel serial date: 31/01/2020
    sheet.append(first)
    sheet.append(second)
    path = tmp_path / "membres.xlsx"
    workbook.save(path)
    apply_import(preview_import(path))
    assert _members() == EXPECTED


def test_invalid_rows_are_reported_with_their_line(db_path: Path, tmp_path: Path) -> None:
    rows: list[list[str]] = []
    expected: dict[int, str] = {}
    line = 2
    for index in range(1000):
        notes = "deux\nlignes" if index % 7 == 0 else ""
        row = [f"Nom{index}", f"Prénom{index}", f"p{index}@exemple.fr", "", "", "", "",
               "", "", notes]
        if index % 97 == 5:
            row[0] = ""
            expected[line] = "The last name is required."
        elif index % 131 == 3:
            row[2] = "p@exemple"
            expected[line] = "This email address is not valid"
        elif index % 151 == 8:
            row[7] = "31/02/2021"
            expected[line] = "Unreadable date “31/02/2021” in column “Date d'adhésion”"
        elif index % 173 == 9:
            row[6] = "6900"
            row[3] = "12"
            expected[line] = "This phone number is too short."
        rows.append(row)
        line += 2 if notes else 1
    path = _write_csv(tmp_path / "mille.csv", rows)
    preview = preview_import(path)
    assert [row.line for row in preview.invalid] == sorted(expected)
    for row in preview.invalid:
        assert expected[row.line] in row.reason
    assert len(preview.to_add) == 1000 - len(expected)
    with pytest.raises(ImportRefusedError):
        apply_import(preview)
    assert Member.select().count() == 0
    result = apply_import(preview, skip_invalid=True)
    assert result.added == 1000 - len(expected)
    assert result.skipped == len(expected)


def test_cancelling_writes_nothing(db_path: Path, tmp_path: Path) -> None:
    rows = [[f"Nom{index}", "Jean"] + [""] * 8 for index in range(1200)]
    preview = preview_import(_write_csv(tmp_path / "gros.csv", rows))
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 1000

    result = apply_import(preview, progress=progress)
    assert result.cancelled
    assert calls[0] == (500, 1200) and calls[-1] == (1000, 1200)
    assert Member.select().count() == 0
    assert AuditEntry.select().count() == 0


def test_the_preview_reports_progress_and_can_be_stopped(db_path: Path,
                                                        tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "gros.csv",
                      [[f"Nom{index}", "Jean"] + [""] * 8 for index in range(1200)])
    calls: list[tuple[int, int]] = []
    preview = preview_import(path, progress=lambda done, total: calls.append(
        (done, total)) is None)
    assert calls == [(500, 1200), (1000, 1200)]
    assert len(preview.to_add) == 1200
    with pytest.raises(PreviewCancelled):
        preview_import(path, progress=lambda done, total: False)


def test_duplicates_by_email_and_by_folded_name(make_member, tmp_path: Path) -> None:
    elise = make_member(last_name="Dupré", first_name="Élise", email="elise@exemple.fr",
                        company="Autre", city="Paris")
    moussa = make_member(last_name="N'Diaye", first_name="Moussa", company="Garage Sud")
    rows = [
        ["Dupre", "Elise", "ELISE@exemple.fr", "", "", "", "", "", "", "nouvelle note"],
        ["n'diaye ", "MOUSSA", "", "", "garage  sud", "", "", "", "", ""],
        ["N'Diaye", "Moussa", "", "", "Autre garage", "", "", "", "", ""],
        ["Martin", "Léa", "lea@exemple.fr", "", "", "", "", "", "", ""],
        ["Martin", "Lea", "LEA@exemple.fr", "", "", "", "", "", "", ""],
    ]
    preview = preview_import(_write_csv(tmp_path / "doublons.csv", rows))
    assert [row.line for row in preview.to_add] == [4, 5]
    assert [(row.line, row.existing_id) for row in preview.duplicates] == [
        (2, elise.id), (3, moussa.id), (6, None)]
    assert [row.line for row in preview.to_update] == [2, 3]
    result = apply_import(preview, on_duplicate="update")
    assert (result.added, result.updated, result.skipped) == (2, 2, 1)
    elise = Member.get_by_id(elise.id)
    assert (elise.notes, elise.company, elise.last_name) == ("nouvelle note", "Autre", "Dupre")
    assert Member.select().count() == 4
    audit = AuditEntry.get()
    assert audit.action == "import" and audit.rows == 4
    assert "doublons.csv" in audit.details


def test_duplicates_added_on_request(make_member, tmp_path: Path) -> None:
    make_member(last_name="Dupré", first_name="Élise", email="elise@exemple.fr")
    preview = preview_import(_write_csv(
        tmp_path / "d.csv", [["Dupré", "Élise", "elise@exemple.fr"] + [""] * 7]))
    assert apply_import(preview, on_duplicate="skip").skipped == 1
    assert apply_import(preview, on_duplicate="add").added == 1
    assert Member.select().count() == 2


def test_the_mapping_is_remembered(db_path: Path, tmp_path: Path) -> None:
    header = ["Nom", "Prénom", "Info"]
    assert remembered_mapping(header) is None
    guessed = guess_mapping(header)
    remember_mapping(header, {**guessed, 2: "notes"})
    remember_mapping(header, {**guessed, 2: "profession"})
    assert remembered_mapping(["NOM", "prenom", "info"]) == {0: "last_name", 1: "first_name",
                                                             2: "profession"}
    path = _write_csv(tmp_path / "m.csv", [["Durand", "Paul", "Plombier"]], header=header)
    apply_import(preview_import(path))
    assert Member.get().profession == "Plombier"


def test_a_file_without_names_is_refused_at_line_1(db_path: Path, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "x.csv", [["a", "b"]], header=["Foo", "Bar"])
    preview = preview_import(path)
    assert [row.line for row in preview.invalid] == [1]


def test_the_audit_entry_counts_with_plural_forms(db_path: Path, tmp_path: Path) -> None:
    rows = [["Martin", "Léa", "lea@exemple.fr", "", "", "", "", "", "", ""],
            ["Martin", "Lea", "LEA@exemple.fr", "", "", "", "", "", "", ""]]
    preview = preview_import(_write_csv(tmp_path / "un.csv", rows))
    i18n.set_language("fr")
    apply_import(preview)
    assert AuditEntry.get().details == (
        "Membres importés depuis un.csv\u00a0: 1 ajouté, 0 mis à jour, 1 ignoré.")


def test_the_mapping_is_only_remembered_when_the_file_allows(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    headers = ["Nom", "Prénom"]
    assert remember_mapping_if_possible(headers, {0: "last_name", 1: "first_name"})
    assert remembered_mapping(headers) == {0: "last_name", 1: "first_name"}

    def locked(*args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(import_columns, "remember_mapping", locked)
    assert not remember_mapping_if_possible(headers, {0: "first_name"})

    def broken(*args: object) -> None:
        raise KeyError("a bug, not the file")

    monkeypatch.setattr(import_columns, "remember_mapping", broken)
    with pytest.raises(KeyError):
        remember_mapping_if_possible(headers, {0: "first_name"})


def test_storage_failures_say_that_nothing_was_written() -> None:
    assert "another program is using the file" in storage_failure(
        sqlite3.OperationalError("database is locked"))
    assert storage_failure(ValueError("not about storage")) is None
