"""The attendance report of a period: key figures, events, members to follow up, members."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from attendance_club import PERIOD, Club, add_crowd
from pdf_text import pdf_pages, raw_pages
from report_text import in_order

from clubdesk import i18n
from clubdesk.db import close_database, open_database
from clubdesk.demo.association import build_demo
from clubdesk.domain.activity.attendance_period import InvalidPeriodError
from clubdesk.reports.formatting import format_number, format_percent
from clubdesk.reports.period_attendance import build_period_attendance_report


def test_period_report_figures(club: Club, tmp_path: Path) -> None:
    output = build_period_attendance_report(*PERIOD, tmp_path / "period.pdf")
    text = " ".join(pdf_pages(output))
    assert in_order(text, "Attendance report", "From 1 January 2026 to 30 June 2026",
                    "4 events held 6 members expected 7 attendances 1 substitute 2 excused "
                    "9 absent 2 guests 37% Attendance rate")
    header = "Expected In person Subst. Excuses Absences Rate"
    assert in_order(text, f"Events (5) Date Event {header} Guests",
                    "6 Jan 2026 Réunion de janvier 5 2 1 1 1 40% 1",
                    "3 Feb 2026 Réunion de février 5 2 0 0 3 40% 1",
                    "17 Mar 2026 Assemblée générale 2026 6 2 0 1 3 33% 0",
                    "7 Apr 2026 Réunion d'avril 3 1 0 0 2 33% 0",
                    "5 May 2026 Réunion de mai — — — — — — 0",
                    "Members to follow up (2) Name Company Recent absences Last attended Rate",
                    "WIŚNIEWSKI Łukasz Wiśniewski Bau 2 6 Jan 2026 25%",
                    "ПЕТРОВА Жанна Петрова и партнёры 2 — 0%",
                    "To follow up: more than 1 absence without excuse from 1 Mar 2026 to "
                    "30 Jun 2026",
                    f"Attendance by member (6) Name Company {header}",
                    "ANCIEN Fabrice Ancien SA 1 0 0 0 1 0%",
                    "DUPONT Jean <b>&Co 4 4 0 0 0 100%",
                    "MARTIN Zoë Zoë Conseil 3 0 0 2 1 0%",
                    "NGUYỄN Lan Phở Lyon 3 2 1 0 0 67%",
                    "WIŚNIEWSKI Łukasz Wiśniewski Bau 4 1 0 0 3 25%",
                    "ПЕТРОВА Жанна Петрова и партнёры 4 0 0 0 4 0%",
                    "Expected: the events of the period whose attendance list held the member.")
    assert "Club <Zoë> & Cie" in text and "ZOLA" not in text


def test_french_period_report(club: Club, tmp_path: Path) -> None:
    i18n.set_language("fr")
    output = build_period_attendance_report(*PERIOD, tmp_path / "période.pdf")
    text = " ".join(pdf_pages(output))
    for part in ("Rapport de présences", "Du 1er janvier 2026 au 30 juin 2026",
                 "4 événements tenus 6 membres attendus 7 présences 1 remplacé 2 excusés "
                 "9 absents 2 invités 37 % Taux de présence",
                 "Membres à relancer (2)", "Présence par membre (6)",
                 "NGUYỄN Lan Phở Lyon 3 2 1 0 0 67 %",
                 "À relancer : plus de 1 absence sans excuse du 01/03/2026 au 30/06/2026"):
        assert part in text, part
    assert "67\u202f%" in raw_pages(output)[0]  # French typography in the tables


def test_long_member_table_runs_over_pages_with_its_header(club: Club,
                                                            tmp_path: Path) -> None:
    add_crowd(club, members=120, events=2)
    pages = pdf_pages(build_period_attendance_report(*PERIOD, tmp_path / "long.pdf"))
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page
    header = "Name Company Expected In person Subst. Excuses Absences Rate"
    last = pages[-1]
    assert in_order(last, "Attendance report From 1 January 2026 to 30 June 2026", header,
                    "FOULE")
    everyone = " ".join(pages)
    assert all(f"FOULE{n} Membre{n} Co{n} 2 " in everyone for n in range(120))


def test_progress_is_reported_until_done(club: Club, tmp_path: Path) -> None:
    add_crowd(club, members=60, events=1)
    calls: list[tuple[int, int]] = []
    build_period_attendance_report(*PERIOD, tmp_path / "p.pdf",
                                   lambda done, total: calls.append((done, total)) or True)
    assert len(calls) >= 4
    dones = [done for done, _total in calls]
    assert dones == sorted(dones)
    assert len({total for _done, total in calls}) == 1
    assert calls[-1][0] == calls[-1][1]


def test_inverted_period_is_refused(club: Club, tmp_path: Path) -> None:
    with pytest.raises(InvalidPeriodError):
        build_period_attendance_report(PERIOD[1], PERIOD[0], tmp_path / "p.pdf")
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.slow
def test_federation_last_twelve_months(tmp_path: Path) -> None:
    today = dt.date(2026, 11, 29)
    database = tmp_path / "federation.db"
    open_database(database)
    try:
        build_demo("federation", seed=1, today=today)
        start = dt.date(2025, 11, 30)
        calls: list[tuple[int, int]] = []
        output = build_period_attendance_report(
            start, today, tmp_path / "federation.pdf",
            lambda done, total: calls.append((done, total)) or True)
    finally:
        close_database()
    with sqlite3.connect(database) as connection:
        members, attended, expected = connection.execute(
            "SELECT COUNT(DISTINCT a.member_id), SUM(a.status IN ('present', 'late')), "
            "COUNT(*) FROM attendance a JOIN event e ON e.id = a.event_id "
            "WHERE e.starts_at >= ? AND e.starts_at < ?",
            (f"{start} 00:00:00", f"{today + dt.timedelta(days=1)} 00:00:00")).fetchone()
        events_held = connection.execute(
            "SELECT COUNT(DISTINCT a.event_id) FROM attendance a JOIN event e "
            "ON e.id = a.event_id WHERE e.starts_at >= ? AND e.starts_at < ?",
            (f"{start} 00:00:00", f"{today + dt.timedelta(days=1)} 00:00:00")).fetchone()[0]
    connection.close()
    pages = pdf_pages(output)
    assert members > 10_000 and len(pages) > members // 60
    assert (f"{format_number(events_held)} events held {format_number(members)} members "
            f"expected {format_number(attended)} attendances") in pages[0]
    assert f"{format_percent(attended / expected)} Attendance rate" in pages[0]
    assert f"page 1 / {len(pages)}" in pages[0]
    assert f"page {len(pages)} / {len(pages)}" in pages[-1]
    assert len(calls) > 100  # the progress bar moves, page after page
