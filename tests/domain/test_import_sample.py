"""A first look at a file to import: headers, a few values per column, the mapping offered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from clubdesk.domain.exchange.import_columns import remember_mapping
from clubdesk.domain.exchange.import_reading import ImportFileError
from clubdesk.domain.exchange.import_sample import read_sample, row_names


def test_samples_skip_empty_cells_and_keep_one_line(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "membres.csv"
    path.write_text("Nom;Prénom;Tél.;Remarque\n"
                    "Dupré;Élise;;\"deux\nlignes\"\n"
                    "Dupont;Jeanne;0612345678;\n"
                    "Martin;Léa;;\n"
                    "Nguyễn;Hoa;0698765432;\n", encoding="utf-8")
    sample = read_sample(path)
    assert sample.headers == ["Nom", "Prénom", "Tél.", "Remarque"]
    assert sample.row_count == 4
    assert sample.samples == [["Dupré", "Dupont", "Martin"], ["Élise", "Jeanne", "Léa"],
                              ["0612345678", "0698765432"], ["deux lignes"]]
    assert sample.mapping == {0: "last_name", 1: "first_name", 2: "phone", 3: "notes"}
    assert not sample.remembered


def test_the_remembered_mapping_wins(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "membres.csv"
    path.write_text("Nom;Prénom;Colonne A\nDupré;Élise;Lyon\n", encoding="utf-8")
    remember_mapping(["Nom", "Prénom", "Colonne A"], {0: "last_name", 1: "first_name",
                                                      2: "city"})
    sample = read_sample(path)
    assert sample.mapping == {0: "last_name", 1: "first_name", 2: "city"}
    assert sample.remembered


def test_excel_values_are_shown_as_the_user_reads_them(db_path: Path, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Prénom", "Adhésion", "Portable"])
    sheet.append(["Dupré", "Élise", dt.date(2021, 3, 12), 612345678.0])
    path = tmp_path / "membres.xlsx"
    workbook.save(path)
    sample = read_sample(path)
    assert sample.samples[2:] == [["12/03/2021"], ["612345678"]]


def test_an_unreadable_file_raises_the_users_message(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportFileError, match="The file is empty."):
        read_sample(path)


def test_row_names_give_the_name_of_the_lines_asked(tmp_path: Path) -> None:
    path = tmp_path / "membres.csv"
    path.write_text("Prénom;Nom;Ville\nÉlise;Dupré;Lyon\n;Sans prénom;Paris\n"
                    "Léa;\"Martin\nsur deux lignes\";Nantes\nPaul;Durand;\n",
                    encoding="utf-8")
    mapping = {0: "first_name", 1: "last_name", 2: "city"}
    assert row_names(path, mapping, [3, 4, 6]) == {
        3: "Sans prénom", 4: "Léa Martin sur deux lignes", 6: "Paul Durand"}
    assert row_names(path, mapping, []) == {}
