"""Command-line reports and exports: files written whole, or a clear refusal with code 2."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from clubdesk.cli import main
from clubdesk.db import Event, close_database, open_database
from clubdesk.demo.association import build_demo

TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "small.db"
    open_database(path)
    build_demo("small", seed=1, today=TODAY)
    close_database()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "club.db"
    copy.write_bytes(demo_file.read_bytes())
    return copy


@pytest.fixture(autouse=True)
def _close() -> None:
    yield
    close_database()


def _event_id(path: Path, kind: str) -> int:
    open_database(path)
    event = (Event.select().where(Event.kind == kind, Event.starts_at < dt.datetime(2026, 11, 1))
             .order_by(Event.starts_at.desc()).get())
    close_database()
    return event.id


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_export_events_to_ics(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "agenda.ics"
    assert main(["--db", str(demo), "export", "events", "-o", str(out),
                 "--from", "2026-01-01", "--to", "2026-12-31"]) == 0
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert len(events) > 40
    assert all(e.decoded("dtstart").year == 2026 for e in events)
    assert "agenda.ics" in capsys.readouterr().out


def test_export_refuses_inverted_dates_and_bad_names(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "agenda.ics"
    assert main(["--db", str(demo), "export", "events", "-o", str(out),
                 "--from", "2026-12-31", "--to", "2026-01-01"]) == 2
    assert "before it starts" in capsys.readouterr().err
    assert main(["--db", str(demo), "export", "events", "-o", str(tmp_path / "a.pdf")]) == 2
    assert ".ics" in capsys.readouterr().err
    assert not out.exists()


def test_signin_and_attendance_reports(demo: Path, tmp_path: Path) -> None:
    meeting = _event_id(demo, "meeting")
    signin = tmp_path / "signin.pdf"
    assert main(["--db", str(demo), "report", "signin", "--event", str(meeting),
                 "-o", str(signin)]) == 0
    assert PdfReader(signin).pages
    attendance = tmp_path / "attendance.pdf"
    assert main(["--db", str(demo), "report", "attendance", "--event", str(meeting),
                 "-o", str(attendance)]) == 0
    assert PdfReader(attendance).pages
    period = tmp_path / "period.pdf"
    assert main(["--db", str(demo), "report", "attendance", "--from", "2025-12-01",
                 "--to", "2026-11-29", "-o", str(period)]) == 0
    assert len(PdfReader(period).pages) >= 2


@pytest.mark.parametrize("arguments, message", [
    (["report", "signin", "--event", "99999"], "99999"),
    (["report", "attendance", "--from", "2026-12-01", "--to", "2026-01-01"], "before"),
    (["report", "attendance"], "--event"),
    (["report", "signin"], "--event"),
])
def test_report_refusals_leave_no_file(
    demo: Path, tmp_path: Path, capsys, arguments: list[str], message: str
) -> None:
    out = tmp_path / "report.pdf"
    assert main(["--db", str(demo), *arguments, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("clubdesk: ") and message in err
    assert not out.exists()
    leftovers = [p.name for p in tmp_path.iterdir() if p.suffix in (".part", ".pdf")]
    assert leftovers == []


def test_unwritable_output_folder(demo: Path, tmp_path: Path, capsys) -> None:
    meeting = _event_id(demo, "meeting")
    out = tmp_path / "missing" / "signin.pdf"
    assert main(["--db", str(demo), "report", "signin", "--event", str(meeting),
                 "-o", str(out)]) == 2
    assert "missing" in capsys.readouterr().err
    assert not out.parent.exists()


def test_bad_date_is_a_usage_error(demo: Path, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(demo), "report", "attendance", "--from", "31/12/2026",
              "--to", "2027-01-01", "-o", str(tmp_path / "x.pdf")])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_report_text_names_the_event(demo: Path, tmp_path: Path) -> None:
    assembly = _event_id(demo, "general_assembly")
    out = tmp_path / "ag.pdf"
    assert main(["--db", str(demo), "report", "attendance", "--event", str(assembly),
                 "-o", str(out)]) == 0
    assert "Quorum" in _text(out) or "quorum" in _text(out)


@pytest.mark.parametrize("kind", ["volunteering", "referrals"])
def test_export_lists_to_csv(demo: Path, tmp_path: Path, capsys, kind: str) -> None:
    import csv

    out = tmp_path / f"{kind}.csv"
    assert main(["--db", str(demo), "--lang", "fr", "export", kind, "-o", str(out),
                 "--from", "2026-01-01", "--to", "2026-06-30"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) > 20 and rows[0][0] == "Date"
    assert all(r[0].endswith("/2026") and r[0][3:5] <= "06" for r in rows[1:])
    assert "lignes écrites" in capsys.readouterr().out
    assert main(["--db", str(demo), "export", kind, "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "*.csv" in err and "*.xlsx" in err and ".pdf" in err
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("kind", ["members", "events", "attendance", "guests", "volunteering",
                                  "referrals", "fees"])
def test_export_every_list_to_csv_and_xlsx(demo: Path, tmp_path: Path, capsys,
                                           kind: str) -> None:
    import csv

    import openpyxl

    csv_file, xlsx_file = tmp_path / f"{kind}.csv", tmp_path / f"{kind}.XLSX"
    for out in (csv_file, xlsx_file):
        assert main(["--db", str(demo), "--lang", "fr", "export", kind, "-o", str(out)]) == 0
        assert "écrite" in capsys.readouterr().out
    with csv_file.open(encoding="utf-8-sig", newline="") as handle:
        from_csv = list(csv.reader(handle, delimiter=";"))
    sheet = openpyxl.load_workbook(xlsx_file, read_only=True).worksheets[0]
    from_xlsx = list(sheet.iter_rows(values_only=True))
    assert len(from_csv) == len(from_xlsx) > 1
    assert from_csv[0] == list(from_xlsx[0])
    assert not any(str(value).startswith("=") for row in from_xlsx for value in row)


def test_export_period_and_unknown_suffix_for_events(demo: Path, tmp_path: Path,
                                                     capsys) -> None:
    import openpyxl

    out = tmp_path / "events.xlsx"
    assert main(["--db", str(demo), "export", "events", "-o", str(out),
                 "--from", "2026-03-01", "--to", "2026-03-31"]) == 0
    rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(min_row=2,
                                                                     values_only=True))
    assert rows and all(isinstance(r[0], dt.datetime) and r[0].month == 3 for r in rows)
    assert main(["--db", str(demo), "export", "events", "-o", str(tmp_path / "e.txt")]) == 2
    assert "*.ics" in capsys.readouterr().err


def test_activity_report_and_member_sheet(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "activite.pdf"
    assert main(["--db", str(demo), "report", "activity", "--from", "2025-12-01",
                 "--to", "2026-11-29", "-o", str(out)]) == 0
    text = _text(out)
    assert "Activity report" in text and "Network health" in text
    assert main(["--db", str(demo), "report", "activity", "-o", str(tmp_path / "d.pdf")]) == 0
    sheet = tmp_path / "fiche.pdf"
    assert main(["--db", str(demo), "report", "member", "--member", "1", "-o", str(sheet)]) == 0
    assert len(PdfReader(sheet).pages) >= 1


@pytest.mark.parametrize("arguments, message", [
    (["report", "member"], "--member"),
    (["report", "member", "--member", "99999"], "99999"),
    (["report", "activity", "--from", "2026-01-01"], "--to"),
    (["report", "activity", "--from", "2026-12-01", "--to", "2026-01-01"], "before"),
])
def test_activity_refusals(demo: Path, tmp_path: Path, capsys, arguments, message) -> None:
    out = tmp_path / "r.pdf"
    assert main(["--db", str(demo), *arguments, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
