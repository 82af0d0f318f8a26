"""The member activity sheet: identity, every list with its totals, escaping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from activity_data import YEAR, sheet
from pdf_text import pdf_pages
from report_text import in_order

from clubdesk.db import Member
from clubdesk.demo.association import build_demo
from clubdesk.reports.common import ReportCancelled
from clubdesk.reports.member_sheet import build_member_sheet, build_member_sheet_from


def test_sheet_lists_and_totals(french: None, tmp_path: Path) -> None:
    pages = pdf_pages(build_member_sheet_from(sheet(), tmp_path / "fiche.pdf"))
    text = " ".join(pages)
    assert in_order(
        text, "Zoë MARTIN", "Activité du 1er janvier au 31 décembre 2025",
        "<b>&Co — Conseil en Łódź", "Statut : Actif", "Membre depuis le 01/09/2019",
        "67 % Taux de présence", "6,5 h Heures de bénévolat", "3 recommandations données",
        "1 recommandation reçue", "2 000,50 € Affaires générées", "300,00 € Cotisations payées",
        "Présences", "14/01/2025 Réunion de janvier Réunion Présent",
        "11/03/2025 Assemblée générale Assemblée générale Absent",
        "2 événements suivis (présent ou en retard) sur 3 : 67 %",
        "Bénévolat", "20/06/2025 Communication Лист новостей 4,0", "Total 6,5",
        "6,5 h valorisées à 15,00 € de l'heure : 97,50 €",
        "Recommandations données", "NGUYỄN Lan Conclue 1 200,00 €",
        "Жанна ПЕТРОВА Perdue —", "Extérieur <SA> Conclue 800,50 €",
        "Total 3 recommandations 2 000,50 €",
        "Recommandations reçues", "WIŚNIEWSKI Łukasz Conclue 450,00 €",
        "Total 1 recommandation 450,00 €",
        "Cotisations", "Exercice Payée le Moyen de paiement Reçu n° Montant",
        "2025 20/01/2025 Chèque 41 300,00 €", "2024 01/02/2025 — — Exonéré",
        "Total 300,00 €", "quel que soit l'exercice qu'ils règlent",
        "Rôles dans l'association", "Rôle Du Au", "Trésorier·ère 15/03/2019 en fonction",
        "Responsable accueil 15/03/2017 14/03/2019")
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page


def test_cancelled_sheet_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(ReportCancelled):
        build_member_sheet_from(sheet(), tmp_path / "fiche.pdf", lambda done, total: False)
    assert list(tmp_path.iterdir()) == []


def test_demo_member_sheet(db_path: Path, tmp_path: Path) -> None:
    build_demo("small", seed=1, today=dt.date(2026, 3, 1))
    member = Member.select().order_by(Member.id).first()
    output = build_member_sheet(member.id, YEAR, tmp_path / "fiche.pdf")
    text = " ".join(pdf_pages(output))
    assert in_order(text, f"{member.first_name} {member.last_name.upper()}", "Attendance",
                    "Volunteering", "Referrals given", "Referrals received", "Dues",
                    "Roles in the association")
