"""Reading CSV and Excel files as spreadsheets write them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clubdesk.domain.exchange.csv_export import write_csv
from clubdesk.domain.exchange.import_columns import guess_mapping
from clubdesk.domain.exchange.import_reading import (
    ImportFileError,
    decode,
    parse_date,
    read_csv_text,
    read_table,
    sniff_delimiter,
)


@pytest.mark.parametrize(("text", "delimiter"), [
    ("Nom;Prénom\r\n", ";"), ("Nom,Prénom\n", ","), ("Nom\tPrénom\n", "\t"),
    ('"Nom;x",Prénom,Ville\n', ","), ("Nom\n", ";"),
])
def test_the_separator_is_sniffed_from_the_header(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_every_encoding_is_decoded(encoding: str) -> None:
    assert decode("Nom;Prénom;Société\r\nŒuvray;Zoé;€".encode(encoding)) == (
        "Nom;Prénom;Société\r\nŒuvray;Zoé;€")


def test_a_quoted_field_over_several_lines_keeps_its_first_line() -> None:
    table = read_csv_text('Nom;Notes\r\nA;"un\r\ndeux\r\ntrois"\r\nB;x\r\n\r\nC;y\r\n')
    assert table.headers == ["Nom", "Notes"]
    assert [(line, cells[0]) for line, cells in table.rows] == [(2, "A"), (5, "B"), (7, "C")]
    assert table.rows[0][1][1] == "un\r\ndeux\r\ntrois"


@pytest.mark.parametrize(("value", "expected"), [
    ("12/03/2021", dt.date(2021, 3, 12)), ("2021-03-12", dt.date(2021, 3, 12)),
    ("1/2/2020", dt.date(2020, 2, 1)), ("44267", dt.date(2021, 3, 12)),
    (44267, dt.date(2021, 3, 12)), (44267.0, dt.date(2021, 3, 12)),
    (dt.datetime(2021, 3, 12, 10, 30), dt.date(2021, 3, 12)), ("", None), (None, None),
    ("2021-03-12 00:00:00", dt.date(2021, 3, 12)),
])
def test_dates_in_every_form(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["31/02/2021", "hier", "12/13/2021", "-5"])
def test_unreadable_dates_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "vide.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(ImportFileError):
        read_table(path)


def test_headers_are_recognised_in_french_and_english() -> None:
    headers = ["NOM", "Prénom", "Courriel", "Tél.", "Entreprise", "Métier", "Secteur",
               "Ville", "CP", "Adresse", "Date d’adhésion", "Statut", "Remarques", "???"]
    assert guess_mapping(headers) == {
        0: "last_name", 1: "first_name", 2: "email", 3: "phone", 4: "company",
        5: "profession", 6: "sector", 7: "city", 8: "postcode", 9: "address",
        10: "joined_on", 11: "status", 12: "notes",
    }
    assert guess_mapping(["First name", "Last name", "E-mail", "Mobile", "Company",
                          "Joined"]) == {0: "first_name", 1: "last_name", 2: "email",
                                         3: "phone", 4: "company", 5: "joined_on"}


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).filter(
    lambda text: not text.startswith("'"))


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(_TEXT, _TEXT, _TEXT), min_size=1, max_size=5))
def test_what_write_csv_writes_comes_back_unchanged(tmp_path: Path,
                                                    rows: list[tuple[str, str, str]]) -> None:
    path = tmp_path / "aller-retour.csv"
    write_csv(path, ["Nom", "Société", "Notes"], rows)
    table = read_table(path)
    assert table.headers == ["Nom", "Société", "Notes"]
    # Rows of nothing but blanks are left out, as a spreadsheet user expects.
    expected = [list(row) for row in rows if any(cell.strip() for cell in row)]
    assert [cells for _line, cells in table.rows] == expected


def test_a_row_of_neutralised_blanks_is_left_out(tmp_path: Path) -> None:
    """A tab written as ``'<tab>`` (neutralised) is still a blank row when read back."""
    path = tmp_path / "blancs.csv"
    write_csv(path, ["Nom", "Société", "Notes"], [("", "", "\t"), ("Dupont", "", "")])
    assert [cells for _line, cells in read_table(path).rows] == [["Dupont", "", ""]]
