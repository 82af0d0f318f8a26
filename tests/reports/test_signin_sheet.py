"""The sign-in sheet: every member expected, in order, with room to sign."""

from __future__ import annotations

from pathlib import Path

import pytest
from attendance_club import Club, add_crowd
from pdf_text import line_heights, pdf_pages
from report_text import in_order

from clubdesk import i18n
from clubdesk.domain.activity.attendance_report import UnknownEventError
from clubdesk.reports.signin_sheet import build_signin_sheet

MM = 72 / 25.4


def test_general_assembly_sheet_lists_members_and_proxies(club: Club, tmp_path: Path) -> None:
    output = tmp_path / "émargement.pdf"
    assert build_signin_sheet(club.events["e3"].id, output) == output
    [page] = pdf_pages(output)
    for text in ("Club <Zoë> & Cie", "Sign-in sheet", "Assemblée générale 2026",
                 "Tuesday 17 March 2026, 18:30 – 20:00", "Salle <Lumière> & Co",
                 "6 members expected", "page 1 / 1"):
        assert text in page, text
    assert in_order(page, "No. Name Company Proxy given to Signature",
                    "1 ANCIEN Fabrice Ancien SA",
                    "2 DUPONT Jean <b>&Co",
                    "3 MARTIN Zoë Zoë Conseil NGUYỄN Lan",
                    "4 NGUYỄN Lan Phở Lyon",
                    "5 WIŚNIEWSKI Łukasz Wiśniewski Bau DUPONT Jean",
                    "6 ПЕТРОВА Жанна Петрова и партнёры WIŚNIEWSKI Łukasz",
                    "Guests Name Company Invited by Signature")
    assert "Zola" not in page.upper()  # not on the roster


def test_rows_are_tall_enough_to_sign(club: Club, tmp_path: Path) -> None:
    output = build_signin_sheet(club.events["e3"].id, tmp_path / "sheet.pdf")
    heights = line_heights(output)
    numbers = [heights[str(n)] for n in range(1, 7)]
    gaps = [upper - lower for upper, lower in zip(numbers, numbers[1:], strict=False)]
    assert min(gaps) >= 12 * MM


def test_before_check_in_every_active_member_is_on_the_sheet(club: Club,
                                                              tmp_path: Path) -> None:
    add_crowd(club, members=40, events=0)
    output = build_signin_sheet(club.events["e5"].id, tmp_path / "sheet.pdf")
    pages = pdf_pages(output)
    assert len(pages) >= 3
    first, second = pages[0], pages[1]
    assert "46 members expected" in first
    assert "The attendance list has not been started: every active member is listed." in first
    assert "Proxy given to" not in first
    assert "ZOLA Émile" in " ".join(pages)
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page
    # The table's header row is repeated above the rows of the next pages.
    assert in_order(second, "Sign-in sheet Réunion de mai", "No. Name Company Signature",
                    "FOULE")
    assert second.count("No. Name Company Signature") == 1


def test_french_sheet(club: Club, tmp_path: Path) -> None:
    i18n.set_language("fr")
    [page] = pdf_pages(build_signin_sheet(club.events["e3"].id, tmp_path / "feuille.pdf"))
    for text in ("Feuille d'émargement", "mardi 17 mars 2026, 18 h 30 – 20 h",
                 "6 membres attendus", "N° Nom Entreprise Procuration donnée à Signature",
                 "Invités Nom Entreprise Invité par Signature", "Imprimé le", "page 1 / 1"):
        assert text in page, text


def test_unknown_event_writes_nothing(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UnknownEventError, match="No event with number 42."):
        build_signin_sheet(42, folder / "sheet.pdf")
    assert list(folder.iterdir()) == []


def test_assembly_sheet_says_who_votes_when_dues_count(club: Club, tmp_path: Path,
                                                       french: None) -> None:
    from attendance_club import count_only_members_up_to_date

    count_only_members_up_to_date(club)
    [page] = pdf_pages(build_signin_sheet(club.events["e3"].id, tmp_path / "ag.pdf"))
    assert in_order(page, "6 membres attendus",
                    "Dont 3 à jour de leur cotisation 2026 et appelés à voter.",
                    "Vote : « Non » pour un membre qui n'était pas à jour de sa cotisation de "
                    "l'exercice 2026",
                    "N° Nom Entreprise Vote Procuration donnée à Signature",
                    "1 ANCIEN Fabrice Ancien SA Non",
                    "2 DUPONT Jean <b>&Co Oui",
                    "3 MARTIN Zoë Zoë Conseil Oui NGUYỄN Lan",
                    "4 NGUYỄN Lan Phở Lyon Oui",
                    "5 WIŚNIEWSKI Łukasz Wiśniewski Bau Non DUPONT Jean",
                    "6 ПЕТРОВА Жанна Петрова и партнёры Non WIŚNIEWSKI Łukasz")


def test_one_member_up_to_date_in_english(club: Club, tmp_path: Path) -> None:
    from attendance_club import count_only_members_up_to_date

    from clubdesk.db import MembershipFee

    count_only_members_up_to_date(club)
    MembershipFee.delete().where(MembershipFee.member.in_(
        [club.members["nguyen"], club.members["martin"]])).execute()
    [page] = pdf_pages(build_signin_sheet(club.events["e3"].id, tmp_path / "ag.pdf"))
    assert "1 of them is up to date with their 2026 dues and entitled to vote." in page
    assert "No. Name Company Votes Proxy given to Signature" in page
