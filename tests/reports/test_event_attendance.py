"""The attendance report of one event: what a bureau member reads after the meeting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from attendance_club import Club
from pdf_text import pdf_pages
from report_text import in_order

from clubdesk import i18n
from clubdesk.db import Attendance, Event, Member
from clubdesk.domain.common.codes import AttendanceStatus, EventKind
from clubdesk.domain.common.settings import update_settings
from clubdesk.reports.event_attendance import build_event_attendance_report


def test_meeting_report_counts_lists_and_guests(club: Club, tmp_path: Path) -> None:
    output = build_event_attendance_report(club.events["e1"].id, tmp_path / "report.pdf")
    [page] = pdf_pages(output)
    assert in_order(page, "Attendance report", "Réunion de janvier",
                    "Tuesday 6 January 2026, 18:30 – 20:00", "Salle <Lumière> & Co")
    assert ("5 members expected 1 present 1 late 1 substitute 1 excused 1 absent 1 guest "
            "40% Attendance rate") in page
    assert in_order(page, "Present (1) Name Company DUPONT Jean <b>&Co",
                    "Late (1) Name Company WIŚNIEWSKI Łukasz Wiśniewski Bau",
                    "Substitute (1) Name Company Substitute's name NGUYỄN Lan Phở Lyon "
                    "Rose Remplaçante",
                    "Excused (1) Name Company Reason MARTIN Zoë Zoë Conseil Congés",
                    "Absent (1) Name Company ПЕТРОВА Жанна Петрова и партнёры",
                    "Guest (1) Name Company Invited by Became a member "
                    "Paul Invité Invité & Fils DUPONT Jean Yes")
    assert "Quorum" not in page and "Prox" not in page


def test_general_assembly_report_has_quorum_and_proxies(club: Club, tmp_path: Path) -> None:
    output = build_event_attendance_report(club.events["e3"].id, tmp_path / "ag.pdf")
    text = " ".join(pdf_pages(output))
    assert "6 members expected 1 present 1 late 0 substitutes 1 excused 3 absent" in text
    assert "33% Attendance rate" in text
    assert "Quorum reached: 4 of 6 members entitled to vote, at least 3 needed." in text
    assert ("6 entitled to vote 2 present 2 represented 4 votes counted 3 needed "
            "(50% of those entitled)") in text
    assert in_order(text, "Proxies (3) Given by Held by Counted",
                    "WIŚNIEWSKI Łukasz DUPONT Jean Yes",
                    "MARTIN Zoë NGUYỄN Lan Yes",
                    "ПЕТРОВА Жанна WIŚNIEWSKI Łukasz No")
    assert "Absent (3)" in text and "Substitute (" not in text

    update_settings(quorum_share=Decimal("0.75"))
    text = " ".join(pdf_pages(build_event_attendance_report(club.events["e3"].id,
                                                            tmp_path / "ag2.pdf")))
    assert "Quorum not reached: 4 of 6 members entitled to vote, at least 5 needed." in text


def test_french_report(club: Club, tmp_path: Path) -> None:
    i18n.set_language("fr")
    output = build_event_attendance_report(club.events["e3"].id, tmp_path / "ag.pdf")
    text = " ".join(pdf_pages(output))
    for part in ("Rapport de présences", "mardi 17 mars 2026, 18 h 30 – 20 h",
                 "6 membres attendus 1 présent 1 en retard 0 remplacé 1 excusé 3 absents",
                 "33 % Taux de présence",
                 "Quorum atteint : 4 sur 6 membres appelés à voter, au moins 3 requis.",
                 "Procurations (3) Donnée par Détenue par Comptée",
                 "Absents (3) Nom Entreprise", "Présent (1)"):
        assert part in text, part


def test_long_lists_repeat_their_header_on_every_page(club: Club, tmp_path: Path) -> None:
    for n in range(70):
        member = Member.create(first_name=f"Prénom{n}", last_name=f"Présent{n:02d}",
                               company=f"Société {n}")
        Attendance.create(event=club.events["e1"], member=member, status="present")
    pages = pdf_pages(build_event_attendance_report(club.events["e1"].id,
                                                    tmp_path / "long.pdf"))
    assert len(pages) >= 2
    assert "71 present" in pages[0] and "Present (71)" in pages[0]
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page
    assert in_order(pages[1], "Attendance report Réunion de janvier", "Name Company",
                    "PRÉSENT")
    everyone = " ".join(pages)
    assert all(f"PRÉSENT{n:02d} Prénom{n} Société {n}" in everyone for n in range(70))


def test_event_whose_attendance_was_not_taken(club: Club, tmp_path: Path) -> None:
    [page] = pdf_pages(build_event_attendance_report(club.events["e5"].id,
                                                     tmp_path / "may.pdf"))
    assert "0 members expected" in page and "— Attendance rate" in page
    assert "The attendance of this event has not been taken." in page


def test_the_quorum_of_one_member_in_french(db_path: Path, make_member, tmp_path: Path) -> None:
    i18n.set_language("fr")
    member = make_member(first_name="Zoë", last_name="Seule")
    assembly = Event.create(title="AG", kind=EventKind.GENERAL_ASSEMBLY,
                            starts_at=dt.datetime(2026, 3, 17, 18, 30))
    Attendance.create(event=assembly, member=member, status=AttendanceStatus.PRESENT)
    output = build_event_attendance_report(assembly.id, tmp_path / "ag.pdf")
    text = " ".join(pdf_pages(output))
    assert "Quorum atteint : 1 sur 1 membre appelé à voter, au moins 1 requis." in text
    assert "1 appelé à voter" in text and "1 voix comptée" in text


def test_assembly_report_counts_only_members_up_to_date(club: Club, tmp_path: Path) -> None:
    from attendance_club import count_only_members_up_to_date

    count_only_members_up_to_date(club)
    output = build_event_attendance_report(club.events["e3"].id, tmp_path / "ag.pdf")
    text = " ".join(pdf_pages(output))
    assert in_order(
        text, "Quorum reached: 3 of 3 members up to date with their 2026 dues entitled to "
              "vote, at least 2 needed.",
        "3 entitled to vote 2 present 1 represented 3 votes counted 2 needed",
        "up to date with their dues for the fiscal year 2026 — paid, exempt or owing "
        "nothing —, as the statutes require",
        "Members not entitled to vote (3) Name Company Status Still owed",
        "ANCIEN Fabrice Ancien SA Absent €50.00",
        "WIŚNIEWSKI Łukasz Wiśniewski Bau Absent €30.00",
        "ПЕТРОВА Жанна Петрова и партнёры Absent €50.00",
        "they may attend, but neither vote nor count for the quorum",
        "Proxies (3) Given by Held by Counted", "WIŚNIEWSKI Łukasz DUPONT Jean No",
        "MARTIN Zoë NGUYỄN Lan Yes", "ПЕТРОВА Жанна WIŚNIEWSKI Łukasz No")


def test_assembly_report_in_french_when_dues_count(club: Club, tmp_path: Path) -> None:
    from attendance_club import count_only_members_up_to_date

    count_only_members_up_to_date(club)
    i18n.set_language("fr")
    try:
        output = build_event_attendance_report(club.events["e3"].id, tmp_path / "ag.pdf")
    finally:
        i18n.set_language("en")
    text = " ".join(pdf_pages(output))
    assert in_order(
        text, "Quorum atteint : 3 sur 3 membres à jour de cotisation 2026 appelés à voter, "
              "au moins 2 requis.",
        "Membres non appelés à voter (3) Nom Entreprise Statut Reste dû",
        "ANCIEN Fabrice Ancien SA Absent 50,00 €")
