"""Excel exports: typed cells, bold frozen header with a filter, no formulas, whole files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from clubdesk import i18n
from clubdesk.db import AuditEntry, Event, MembershipFee, Referral, VolunteerEntry
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.exchange.xlsx_export import export_xlsx, text_cell, write_xlsx

DANGEROUS = ['=HYPERLINK("x")', "+33", "-2", "@SUM", "\tx", "\rx"]


def _sheet(path: Path):
    return openpyxl.load_workbook(path).worksheets[0]


def test_typed_cells_and_layout(db_path: Path, make_member, tmp_path: Path) -> None:
    update_settings(volunteer_hourly_rate=Decimal("15"))
    member = make_member(first_name="Łukasz", last_name="Nguyễn")
    event = Event.create(title="Жанна présente", starts_at=dt.datetime(2026, 6, 20, 18))
    VolunteerEntry.create(member=member, date=dt.date(2026, 6, 20), hours=Decimal("2.25"),
                          category="Événements", event=event)
    i18n.set_language("fr")
    out = tmp_path / "heures.xlsx"
    assert export_xlsx("volunteering", out) == 1
    sheet = _sheet(out)
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["Date", "Nom", "Prénom", "Heures", "Valeur (€)"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H2"
    date, last, first, hours, value, category, title, _ = sheet[2]
    assert date.value == dt.datetime(2026, 6, 20) and date.number_format == "dd/mm/yyyy"
    assert (last.value, first.value, title.value) == ("Nguyễn", "Łukasz", "Жанна présente")
    assert hours.value == 2.25 and isinstance(hours.value, float)
    assert value.value == 33.75 and value.number_format == "#,##0.00"
    assert category.value == "Événements"
    assert 8 <= sheet.column_dimensions["A"].width <= 50


def test_counts_are_integers(db_path: Path, tmp_path: Path) -> None:
    Event.create(title="Petit-déjeuner", starts_at=dt.datetime(2026, 3, 10, 7, 30))
    out = tmp_path / "events.xlsx"
    assert export_xlsx("events", out) == 1
    row = [cell.value for cell in _sheet(out)[2]]
    assert row[:4] == [dt.datetime(2026, 3, 10), "07:30", None, "Petit-déjeuner"]
    assert row[6] == 0 and isinstance(row[6], int)


@pytest.mark.parametrize("text", DANGEROUS)
def test_no_cell_is_a_formula(db_path: Path, make_member, tmp_path: Path, text: str) -> None:
    giver = make_member(first_name=text, last_name="=HYPERLINK(\"x\")", company=text)
    Referral.create(giver=giver, external_recipient=text, contact=text,
                    date=dt.date(2026, 1, 1))
    for kind in ("members", "referrals"):
        out = tmp_path / f"{kind}.xlsx"
        export_xlsx(kind, out)
        cells = [cell for row in _sheet(out).iter_rows() for cell in row]
        assert not [cell.value for cell in cells if cell.data_type == "f"]
        assert all(not str(cell.value).startswith(("=", "+", "-", "@", "\t", "\r"))
                   for cell in cells if cell.value is not None)
    members = [cell.value for cell in _sheet(tmp_path / "members.xlsx")[2]]
    # (XML reads a carriage return back as a line feed.)
    assert members[0] == "'=HYPERLINK(\"x\")"
    assert members[4] == "'" + text.replace("\r", "\n")


def test_text_cell_drops_control_characters() -> None:
    assert text_cell("a\x00b\x07c") == "abc"
    assert text_cell("=1+1") == "'=1+1"
    assert text_cell("Zoë\nligne") == "Zoë\nligne"


def test_fees_amounts_and_audit(db_path: Path, make_member, tmp_path: Path) -> None:
    member = make_member(last_name="Петрова")
    MembershipFee.create(member=member, period_start=dt.date(2026, 1, 1),
                         period_end=dt.date(2026, 12, 31), amount=Decimal("1234.5"),
                         paid_on=dt.date(2026, 2, 3))
    MembershipFee.create(member=member, period_start=dt.date(2025, 1, 1),
                         period_end=dt.date(2025, 12, 31), amount=Decimal("100"),
                         paid_on=dt.date(2025, 1, 3))
    out = tmp_path / "fees.xlsx"
    assert export_xlsx("fees", out, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 1
    row = [cell.value for cell in _sheet(out)[2]]
    assert row[:6] == ["Петрова", "Prénom1", dt.datetime(2026, 1, 1),
                       dt.datetime(2026, 12, 31), 1234.5, dt.datetime(2026, 2, 3)]
    entry = AuditEntry.get()
    assert (entry.action, entry.details, entry.rows) == ("export", "fees xlsx", 1)


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"old")

    def rows():
        yield ("a",)
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        write_xlsx(out, ["A"], rows())
    assert out.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["x.xlsx"]


def test_empty_list(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "guests.xlsx"
    assert export_xlsx("guests", out) == 0
    sheet = _sheet(out)
    assert sheet.max_row == 1 and sheet["A1"].value == "Date"
