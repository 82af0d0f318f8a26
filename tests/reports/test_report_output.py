"""Every report: Cancel stops it, a failure leaves no file, an old file survives both."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from attendance_club import PERIOD, Club, add_crowd
from pypdf import PdfReader

from clubdesk.domain.common.settings import update_settings
from clubdesk.reports.common import ReportCancelled, ReportOutputError
from clubdesk.reports.event_attendance import build_event_attendance_report
from clubdesk.reports.period_attendance import build_period_attendance_report
from clubdesk.reports.signin_sheet import build_signin_sheet

Build = Callable[[Club, Path, object], Path]

BUILDERS: dict[str, Build] = {
    "signin": lambda club, out, progress: build_signin_sheet(club.events["e3"].id, out,
                                                             progress),
    "event": lambda club, out, progress: build_event_attendance_report(club.events["e3"].id,
                                                                       out, progress),
    "period": lambda club, out, progress: build_period_attendance_report(*PERIOD, out,
                                                                         progress),
}
OLD = b"%PDF- the report printed last week"


def _stop_at(call: int) -> Callable[[int, int], bool]:
    calls = {"n": 0}

    def progress(done: int, total: int) -> bool:
        calls["n"] += 1
        return calls["n"] < call

    return progress


@pytest.fixture(params=sorted(BUILDERS))
def build(request: pytest.FixtureRequest) -> Build:
    return BUILDERS[request.param]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the reports (the database lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_builds_a_pdf_and_replaces_an_old_one(club: Club, build: Build,
                                              out: Path) -> None:
    output = out / "report.pdf"
    output.write_bytes(OLD)
    assert build(club, output, None) == output
    assert output.read_bytes().startswith(b"%PDF-1.")
    assert len(PdfReader(output).pages) >= 1
    assert [path.name for path in out.iterdir()] == ["report.pdf"]


@pytest.mark.parametrize("call", [1, 2, 3])
def test_cancel_leaves_no_file_and_the_old_one_as_it_was(club: Club, build: Build,
                                                         out: Path, call: int) -> None:
    fresh = out / "fresh.pdf"
    with pytest.raises(ReportCancelled):
        build(club, fresh, _stop_at(call))
    assert list(out.iterdir()) == []
    existing = out / "existing.pdf"
    existing.write_bytes(OLD)
    with pytest.raises(ReportCancelled):
        build(club, existing, _stop_at(call))
    assert existing.read_bytes() == OLD
    assert [path.name for path in out.iterdir()] == ["existing.pdf"]


def test_cancel_during_the_layout_of_a_long_report(club: Club, out: Path) -> None:
    add_crowd(club, members=150, events=2)
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < total * 0.6

    with pytest.raises(ReportCancelled):
        build_period_attendance_report(*PERIOD, out / "p.pdf", progress)
    assert seen[-1][0] >= seen[-1][1] * 0.6 and len(seen) > 3
    assert list(out.iterdir()) == []


def test_a_missing_folder_is_explained(club: Club, build: Build, out: Path) -> None:
    output = out / "no such folder" / "report.pdf"
    with pytest.raises(ReportOutputError, match="does not exist"):
        build(club, output, None)
    assert list(out.iterdir()) == []


def test_a_folder_as_output_is_refused(club: Club, build: Build, out: Path) -> None:
    folder = out / "report.pdf"
    folder.mkdir()
    with pytest.raises(ReportOutputError, match="it is a folder"):
        build(club, folder, None)
    assert list(folder.iterdir()) == [] and list(out.iterdir()) == [folder]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_a_read_only_folder_is_explained(club: Club, out: Path) -> None:
    out.chmod(0o555)
    try:
        with pytest.raises(ReportOutputError, match="permission denied"):
            build_signin_sheet(club.events["e3"].id, out / "sheet.pdf")
        assert list(out.iterdir()) == []
    finally:
        out.chmod(0o755)


def test_a_damaged_logo_is_left_out(club: Club, out: Path) -> None:
    update_settings(logo=b"\x89PNG\r\n\x1a\n but not really an image")
    output = build_signin_sheet(club.events["e3"].id, out / "sheet.pdf")
    assert "Club <Zoë> & Cie" in PdfReader(output).pages[0].extract_text()


def test_reports_build_side_by_side_on_worker_threads(club: Club, out: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from clubdesk.db import database

    def run(name: str) -> Path:
        try:
            return BUILDERS[name](club, out / f"{name}.pdf", None)
        finally:
            database.close()  # this thread's own connection, as the GUI's worker does

    with ThreadPoolExecutor(max_workers=3) as pool:
        paths = list(pool.map(run, sorted(BUILDERS) * 2))
    assert sorted(path.name for path in out.iterdir()) == [
        "event.pdf", "period.pdf", "signin.pdf"]
    assert all(len(PdfReader(path).pages) >= 1 for path in paths)
