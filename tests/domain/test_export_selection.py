"""Exporting what a tab shows: only the selected ids, in their order, typed and safe."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from clubdesk import i18n
from clubdesk.db import (
    Attendance,
    AuditEntry,
    Event,
    Guest,
    MembershipFee,
    Referral,
    VolunteerEntry,
    database,
)
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.exchange import export_lists, export_selection
from clubdesk.domain.exchange.csv_export import export_csv
from clubdesk.domain.exchange.export_lists import build_list
from clubdesk.domain.exchange.export_selection import ExportCancelled
from clubdesk.domain.exchange.xlsx_export import export_xlsx


def _csv(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def _xlsx(path: Path) -> list[list[object]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _temporary_tables() -> list[str]:
    return [name for (name,) in database.execute_sql(
        "SELECT name FROM sqlite_temp_master WHERE type = 'table'").fetchall()]


@pytest.fixture
def club(make_member) -> dict[str, object]:
    """Four members (one with a dangerous name), three events, their attendance, guests,
    hours, referrals and dues."""
    anna = make_member(first_name="Anna", last_name="Abel", joined_on=dt.date(2024, 1, 10))
    bruno = make_member(first_name="Bruno", last_name="Brun", joined_on=dt.date(2025, 2, 1))
    chloe = make_member(first_name="Chloé", last_name="=Cazal", company="+33 Conseil",
                        joined_on=dt.date(2026, 3, 1))
    make_member(first_name="Denis", last_name="Dubois")
    march = Event.create(title="Mars", starts_at=dt.datetime(2026, 3, 10, 8, 30))
    april = Event.create(title="Avril", starts_at=dt.datetime(2026, 4, 14, 8, 30))
    may = Event.create(title="Mai", starts_at=dt.datetime(2026, 5, 12, 8, 30))
    for event in (march, april, may):
        Attendance.create(event=event, member=bruno, status="present")
        Attendance.create(event=event, member=anna, status="absent")
        Guest.create(event=event, name=f"Invité de {event.title}", invited_by=anna)
    entries = [VolunteerEntry.create(member=member, date=day, hours=Decimal(hours))
               for member, day, hours in ((anna, dt.date(2026, 1, 5), "1.5"),
                                          (bruno, dt.date(2026, 2, 5), "2"),
                                          (chloe, dt.date(2026, 3, 5), "0.75"))]
    referrals = [Referral.create(giver=giver, receiver=receiver, date=day, status="won",
                                 amount=Decimal(amount))
                 for giver, receiver, day, amount in (
                     (anna, bruno, dt.date(2026, 1, 2), "100"),
                     (bruno, chloe, dt.date(2026, 2, 2), "2500.5"),
                     (chloe, anna, dt.date(2026, 3, 2), "30"))]
    for member in (anna, bruno, chloe):
        for year, amount in ((2025, "100"), (2026, "120.5")):
            MembershipFee.create(member=member, period_start=dt.date(year, 1, 1),
                                 period_end=dt.date(year, 12, 31), amount=Decimal(amount),
                                 paid_on=dt.date(year, 2, 3), method="cheque")
    return {"anna": anna, "bruno": bruno, "chloe": chloe, "march": march, "april": april,
            "may": may, "entries": entries, "referrals": referrals}


def test_members_shown_in_the_tab_order(club, tmp_path: Path) -> None:
    i18n.set_language("fr")
    ids = [club["chloe"].id, club["anna"].id]  # sorted on the first name, descending, say
    out = tmp_path / "membres.csv"
    assert export_csv("members", out, ids=ids) == 2
    rows = _csv(out)
    assert rows[0][:2] == ["Nom", "Prénom"]
    assert [row[:2] for row in rows[1:]] == [["'=Cazal", "Chloé"], ["Abel", "Anna"]]
    assert rows[1][4] == "'+33 Conseil" and rows[1][13] == "01/03/2026"
    entry = AuditEntry.get()
    assert (entry.action, entry.details, entry.rows) == ("export", "members csv", 2)


def test_the_same_list_without_a_selection_is_the_whole_register(club, tmp_path: Path) -> None:
    out = tmp_path / "members.csv"
    assert export_csv("members", out) == 4
    # The usual order, by name ("=" sorts before letters), as the command line writes it.
    assert [row[0] for row in _csv(out)[1:]] == ["'=Cazal", "Abel", "Brun", "Dubois"]


def test_fees_of_the_members_shown_typed_in_xlsx(club, tmp_path: Path) -> None:
    out = tmp_path / "cotisations.xlsx"
    ids = [club["bruno"].id, club["anna"].id]
    assert export_xlsx("fees", out, ids=ids) == 4
    rows = _xlsx(out)
    assert rows[0][:2] == ["Last name", "First name"]
    # Grouped by member in the tab's order, each member's dues by period.
    assert [(row[0], row[2]) for row in rows[1:]] == [
        ("Brun", dt.datetime(2025, 1, 1)), ("Brun", dt.datetime(2026, 1, 1)),
        ("Abel", dt.datetime(2025, 1, 1)), ("Abel", dt.datetime(2026, 1, 1))]
    amount, paid_on = rows[2][4], rows[2][5]
    assert amount == 120.5 and isinstance(amount, float)
    assert paid_on == dt.datetime(2026, 2, 3)


def test_events_attendance_and_guests_of_the_events_shown(club, tmp_path: Path) -> None:
    ids = [club["may"].id, club["march"].id]  # agenda order: the most recent first
    assert [row[3] for row in build_list("events", ids=ids).rows] == ["Mai", "Mars"]
    attendance = list(build_list("attendance", ids=ids).rows)
    assert [(row[1], row[2]) for row in attendance] == [
        ("Mai", "Abel"), ("Mai", "Brun"), ("Mars", "Abel"), ("Mars", "Brun")]
    out = tmp_path / "invites.xlsx"
    assert export_xlsx("guests", out, ids=ids) == 2
    rows = _xlsx(out)
    assert [(row[0], row[2]) for row in rows[1:]] == [
        (dt.datetime(2026, 5, 12), "Invité de Mai"), (dt.datetime(2026, 3, 10), "Invité de Mars")]


def test_volunteering_and_referrals_in_the_order_shown(club, tmp_path: Path) -> None:
    update_settings(volunteer_hourly_rate=Decimal("20"))
    entries = [entry.id for entry in club["entries"]][::-1]
    out = tmp_path / "benevolat.xlsx"
    assert export_xlsx("volunteering", out, ids=entries[:2]) == 2
    rows = _xlsx(out)
    assert [row[1] for row in rows[1:]] == ["'=Cazal", "Brun"]
    assert rows[1][0] == dt.datetime(2026, 3, 5) and rows[1][3:5] == [0.75, 15.0]
    referrals = [club["referrals"][1].id, club["referrals"][2].id, club["referrals"][0].id]
    out = tmp_path / "recommandations.csv"
    assert export_csv("referrals", out, ids=referrals) == 3
    assert [row[7] for row in _csv(out)[1:]] == ["2500.50", "30.00", "100.00"]


def test_an_empty_selection_writes_the_header_only(club, tmp_path: Path) -> None:
    for kind in export_lists.KINDS:
        assert export_csv(kind, tmp_path / f"{kind}.csv", ids=[]) == 0
        assert len(_csv(tmp_path / f"{kind}.csv")) == 1
        assert export_xlsx(kind, tmp_path / f"{kind}.xlsx", ids=[]) == 0
        assert len(_xlsx(tmp_path / f"{kind}.xlsx")) == 1
    assert {entry.rows for entry in AuditEntry.select()} == {0}


def test_unknown_and_repeated_ids_and_the_period(club) -> None:
    anna, chloe = club["anna"].id, club["chloe"].id
    rows = list(build_list("members", ids=[chloe, 999_999, anna, chloe]).rows)
    assert [row[0] for row in rows] == ["=Cazal", "Abel"]
    # The period still applies: members who joined in 2026 among those shown.
    rows = list(build_list("members", dt.date(2026, 1, 1), None, ids=[anna, chloe]).rows)
    assert [row[0] for row in rows] == ["=Cazal"]


def test_more_ids_than_sqlite_takes_parameters_in_one_query(club, select_statements) -> None:
    ids = list(range(100_000, 60_000, -1)) + [club["bruno"].id]
    statements = select_statements()
    rows = list(build_list("members", ids=ids).rows)
    assert [row[0] for row in rows] == ["Brun"]
    assert len(statements) == 1
    assert _temporary_tables() == []  # dropped once read


def test_progress_and_cancel(club, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(export_selection, "PROGRESS_EVERY", 1)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    ids = [club["anna"].id, club["bruno"].id, club["chloe"].id]
    assert export_csv("members", tmp_path / "m.csv", ids=ids, progress=progress) == 3
    assert seen == [(1, 3), (2, 3), (3, 3)]

    out = tmp_path / "stopped.xlsx"
    with pytest.raises(ExportCancelled):
        export_xlsx("members", out, ids=ids, progress=lambda done, total: done < 2)
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    assert [entry.details for entry in AuditEntry.select()] == ["members csv"]
    assert _temporary_tables() == []


def test_two_lists_read_side_by_side_keep_their_selections(club) -> None:
    members = build_list("members", ids=[club["bruno"].id])
    events = build_list("events", ids=[club["april"].id])
    assert next(members.rows)[0] == "Brun"
    assert [row[3] for row in events.rows] == ["Avril"]
    assert len(_temporary_tables()) == 1  # the members' selection, still being read
    assert list(members.rows) == []
    assert _temporary_tables() == []
