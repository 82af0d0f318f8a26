"""The activity report: every section, its figures and definitions, members, privacy."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from activity_data import YEAR, activity, crowd, named_members
from pdf_text import pdf_pages
from report_text import in_order

from clubdesk.demo.association import build_demo
from clubdesk.domain.activity.activity_figures import DuesFigures, LeadershipFigures
from clubdesk.reports.activity_report import build_activity_report, build_activity_report_from
from clubdesk.reports.activity_sections import initials
from clubdesk.reports.common import ReportCancelled


def test_french_report_has_every_section_with_its_figures(french: None,
                                                          tmp_path: Path) -> None:
    output = build_activity_report_from(activity(), tmp_path / "rapport.pdf")
    pages = pdf_pages(output)
    text = " ".join(pages)
    assert in_order(pages[0], "Club <Zoë> & Cie", "Rapport d'activité",
                    "Du 1er janvier au 31 décembre 2025", "Imprimé le")
    assert in_order(
        text, "L'année en chiffres", "126 membres à la fin", "58 événements",
        "78 % Taux de présence", "1 843,5 h Heures de bénévolat",
        "27 652,50 € Valeur du bénévolat", "412 recommandations données",
        "187 recommandations conclues", "1 254 300,00 € Affaires générées",
        "Adhésion", "118 membres au début", "126 membres à la fin", "21 adhésions",
        "13 départs", "89 % Fidélisation", "Cotisations de l'exercice 2025",
        "39 000,00 € Cotisations attendues", "37 800,00 € Cotisations reçues",
        "5 400,00 € Reste dû", "86 % Membres à jour",
        "Les cotisations de l'exercice 2025, celui qui couvre la plus grande partie de la "
        "période", "(130 membres)", "(112 sur 130)",
        "Membres par secteur", "Secteur non renseigné", "Bâtiment",
        "Statut Membres Part", "Actif 126 72 %",
        "Le bureau en 2025", "Rôle Nom Du Au",
        "Président·e DUPONT Jean 15/03/2021 14/03/2025",
        "Président·e NGUYỄN Lan 15/03/2025 en fonction",
        "Trésorier·ère MARTIN Zoë 15/03/2019 en fonction",
        "Responsable <communication> & réseaux ПЕТРОВА Жанна 15/03/2024 en fonction",
        "Réunions", "Taux de présence moyen", "97 invités", "14 invités devenus membres",
        "Type d'événement Événements Part", "Réunion 46 79 %",
        "Bénévolat", "47 bénévoles", "Heures valorisées à 15,00 € de l'heure",
        "Heures par mois", "janv.", "déc.", "Heures par catégorie",
        "Organisation d'événements 683,0 37 %",
        "Recommandations", "96 perdues", "129 encore à suivre", "66 % Conversion",
        "23 recommandations ont été données à des personnes extérieures",
        "Recommandations par mois",
        "Santé du réseau", "80 % Membres actifs", "Parmi les 126 membres à la fin",
        "72 % Heures hors bureau", "La part des heures de bénévolat données par des membres",
        "38 % Heures du dixième le plus actif", "2,1 Invités par réunion",
        "14 % Invités devenus membres", "Parmi les invités de la période",
        "2 Membres qui ne viennent plus",
        "11 Direction partagée", "11 membres différents ont tenu un rôle au bureau ou dans "
        "une commission dans les 3 ans précédant le 31/12/2025",
        "6 ans Plus long mandat en cours", "Zoë Martin, trésorière <adjointe>, depuis le "
        "15/03/2019 (6 ans et 9 mois)", "Ivan Petrov, Émile Zola",
        "Activité par membre (6)")


def test_member_table_names_escaping_and_initials(tmp_path: Path) -> None:
    text = " ".join(pdf_pages(build_activity_report_from(activity(), tmp_path / "r.pdf")))
    table = text[text.index("Activity by member (6)"):]
    assert in_order(table, "Name Company Attendance rate Hours Given Received Referrals won",
                    "DUPONT Jean <b>&Co 75% 12.5 3 2 1 €1,500.00",
                    "MARTIN Zoë Zoë Conseil 80%", "€12,345.50",
                    "NGUYỄN Lan Phở Lyon", "D. S. —",
                    "WIŚNIEWSKI Łukasz Wiśniewski Bau 80% — 0 0 0 —",
                    "ПЕТРОВА Жанна Петрова и партнёры —")
    assert "Secret" not in text and "Dominique" not in text and "Discrète" not in text


def test_initials() -> None:
    assert initials("Jean", "Dupont") == "J. D."
    assert initials("Jean-Pierre", "de la Tour") == "J.-P. D. L. T."
    assert initials("Zoë", "") == "Z."


def test_long_table_pages_and_footers(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    output = build_activity_report_from(
        activity(named_members() + crowd(300)), tmp_path / "long.pdf",
        lambda done, total: calls.append((done, total)) or True)
    pages = pdf_pages(output)
    assert len(pages) >= 8
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page
    assert "Name Company Attendance rate" in pages[-1]  # the header repeats
    everyone = " ".join(pages)
    assert "FOULE1 Membre1 Société 1" in everyone and "FOULE299 Membre299" in everyone
    assert "Membre10 " not in everyone and "M. F." in everyone  # no directory consent
    assert len(calls) >= 3 and calls[-1][0] == calls[-1][1]
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    output = tmp_path / "r.pdf"
    with pytest.raises(ReportCancelled):
        build_activity_report_from(activity(named_members() + crowd(2000)), output,
                                   lambda done, total: done < total // 3)
    assert list(tmp_path.iterdir()) == []


def test_one_leader_for_a_month_and_no_dues_in_english(tmp_path: Path) -> None:
    base = activity()
    figures = dataclasses.replace(
        base,
        membership=dataclasses.replace(base.membership, dues=DuesFigures(
            2025, "2025–2026", 0, 0, Decimal(0), Decimal(0), Decimal(0))),
        health=dataclasses.replace(base.health, leadership=LeadershipFigures(
            dt.date(2025, 12, 31), 3, 1, "Zoë Martin", "President", dt.date(2025, 11, 20))),
        bureaus={})
    text = " ".join(pdf_pages(build_activity_report_from(figures, tmp_path / "r.pdf")))
    assert in_order(text, "Dues of the fiscal year 2025–2026",
                    "No dues are recorded for the fiscal year 2025–2026: it has no fee "
                    "schedule and no payment.",
                    "The bureau", "No bureau or committee role is recorded for this period.",
                    "1 Shared leadership", "1 member held a bureau or committee role in the 3 "
                    "years up to 31 Dec 2025",
                    "1 month Longest in office", "Zoë Martin, president, since 20 Nov 2025 "
                    "(1 month)")
    nobody = dataclasses.replace(figures, health=dataclasses.replace(
        base.health, leadership=LeadershipFigures(dt.date(2025, 12, 31), 3, 0, "", "", None)))
    text = " ".join(pdf_pages(build_activity_report_from(nobody, tmp_path / "n.pdf")))
    assert in_order(text, "0 Shared leadership",
                    "0 different members held a bureau or committee role",
                    "— Longest in office",
                    "Nobody held a bureau or committee role on 31 Dec 2025.")


NBSP = "\u00a0"  # French: a number and its unit stay together


@pytest.mark.parametrize(("months", "english", "french"), [
    (0, "less than a month", "moins d'un mois"), (1, "1 month", f"1{NBSP}mois"),
    (11, "11 months", f"11{NBSP}mois"), (12, "1 year", f"1{NBSP}an"),
    (13, "1 year and 1 month", f"1{NBSP}an et 1{NBSP}mois"),
    (26, "2 years and 2 months", f"2{NBSP}ans et 2{NBSP}mois"),
])
def test_tenure_words_agree_with_their_numbers(months: int, english: str,
                                               french: str) -> None:
    from clubdesk import i18n
    from clubdesk.domain.activity.activity_leadership import tenure_short, tenure_text

    assert tenure_text(months) == english
    assert tenure_short(months) == english.split(" and ")[0]
    i18n.set_language("fr")
    try:
        assert tenure_text(months) == french
    finally:
        i18n.set_language("en")


def test_empty_year_still_prints(tmp_path: Path) -> None:
    figures = activity(members=[])
    text = " ".join(pdf_pages(build_activity_report_from(figures, tmp_path / "r.pdf")))
    assert "Activity by member (0)" in text


def test_demo_report_end_to_end(db_path: Path, tmp_path: Path) -> None:
    build_demo("small", seed=1, today=dt.date(2026, 3, 1))
    calls: list[tuple[int, int]] = []
    output = build_activity_report(YEAR, tmp_path / "demo.pdf",
                                   lambda done, total: calls.append((done, total)) or True)
    pages = pdf_pages(output)
    text = " ".join(pages)
    for title in ("Activity report", "The year in figures", "Membership", "Meetings",
                  "Volunteering", "Referrals", "Network health", "Activity by member"):
        assert title in text, title
    assert f"page {len(pages)} / {len(pages)}" in pages[-1]
    assert calls[-1][0] == calls[-1][1]
    dones = [done for done, _total in calls]
    assert dones == sorted(dones)


def test_demo_report_cancelled_during_the_queries(db_path: Path, tmp_path: Path) -> None:
    build_demo("small", seed=1, today=dt.date(2026, 3, 1))
    with pytest.raises(ReportCancelled):
        build_activity_report(YEAR, tmp_path / "demo.pdf", lambda done, total: done == 0)
    assert not (tmp_path / "demo.pdf").exists()



def test_members_who_stopped_coming_keep_their_privacy() -> None:
    from decimal import Decimal

    from clubdesk.domain.activity.activity_figures import MemberActivity
    from clubdesk.reports.activity_sections import STOPPED_NAMES_SHOWN, stopped_names

    def member(first: str, last: str, consent: bool) -> MemberActivity:
        return MemberActivity(1, last, first, "", consent, 3, 0, Decimal(0), 0, 0, 0,
                              Decimal(0))

    members = [member("Jean-Pierre", "Dupont", False), member("Zoë", "Martin", True)]
    assert stopped_names(["Jean-Pierre Dupont", "Zoë Martin"], members) == (
        "J.-P. D., Zoë Martin")
    many = [f"Nom{n} Membre" for n in range(STOPPED_NAMES_SHOWN + 5)]
    assert stopped_names(many, []).endswith("and 5 others.")
