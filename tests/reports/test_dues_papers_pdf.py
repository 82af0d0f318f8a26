"""The receipt, the yearly statement and the reminder letters, read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from dues_club import TODAY, YEAR, DuesClub, build_dues_club
from long_text import SHAPES, fill_every_text, head
from pdf_text import pdf_pages
from report_text import in_order

from clubdesk.db import AssociationSettings, Member, MembershipFee
from clubdesk.domain.dues.receipts import NoReceiptError
from clubdesk.domain.dues.reminders import NothingToRemindError
from clubdesk.reports.common import ReportCancelled
from clubdesk.reports.dues_statement import build_dues_statement
from clubdesk.reports.receipt import build_receipt
from clubdesk.reports.reminder_letters import build_reminder_letters

ELLIPSIS = "…"


@pytest.fixture
def dues_club(db_path: Path) -> DuesClub:
    return build_dues_club()


def test_receipt_of_a_payment_by_an_employer(dues_club: DuesClub, french: None,
                                             tmp_path: Path) -> None:
    pages = pdf_pages(build_receipt(dues_club.fees["wisniewski"], tmp_path / "recu.pdf",
                                    today=TODAY))
    assert len(pages) == 1
    assert in_order(
        pages[0], "Club <Zoë> & Cie", "Maison des Associations", "28 rue Denfert-Rochereau",
        "69004 Lyon", "Membre n° ", "Exercice 2025", "Łukasz WIŚNIEWSKI", "Wiśniewski Bau",
        "2 rue de la République", "69002 LYON", "Reçu de cotisation n° 2025-0002",
        "L'association « Club <Zoë> & Cie » reconnaît avoir reçu de Cabinet Morel & Associés, "
        "pour le compte de Łukasz WIŚNIEWSKI, la somme de 300,00 € (trois cents euros) au "
        "titre de la cotisation pour l'exercice 2025.",
        "Exercice 2025, du 1er janvier 2025 au 31 décembre 2025", "Tarif Plein tarif",
        "Montant 300,00 €", "Montant en lettres trois cents euros",
        "Date du paiement 3 février 2025", "Moyen de paiement Virement",
        "Payé par Cabinet Morel & Associés", "Fait à Lyon, le 15 janvier 2026",
        "Pour l'association, le trésorier", "Zoë Martin")
    assert "page 1" not in pages[0] and "Imprimé le" not in pages[0]


def test_receipt_of_a_cheque_in_english(dues_club: DuesClub, tmp_path: Path) -> None:
    [page] = pdf_pages(build_receipt(dues_club.fees["martin"], tmp_path / "receipt.pdf",
                                     today=TODAY))
    assert in_order(page, "Membership dues receipt no. 2025-0001",
                    "acknowledges having received from Zoë MARTIN the sum of €300.00 (three "
                    "hundred euros)", "Payment method Cheque no. 1234567",
                    "Done at Lyon, on 15 January 2026", "For the association, the treasurer")
    assert "Paid by" not in page


def test_no_receipt_for_an_exemption(dues_club: DuesClub, tmp_path: Path) -> None:
    with pytest.raises(NoReceiptError):
        build_receipt(dues_club.fees["ancien"], tmp_path / "recu.pdf")
    assert not (tmp_path / "recu.pdf").exists()


def test_statement_of_a_member_who_still_owes(dues_club: DuesClub, french: None,
                                              tmp_path: Path) -> None:
    pages = pdf_pages(build_dues_statement(dues_club.members["dupont"].id, YEAR,
                                           tmp_path / "attestation.pdf", today=TODAY))
    assert len(pages) == 1
    assert in_order(
        pages[0], "Jean DUPONT", "<b>&Co", "Attestation de cotisation 2025",
        "Exercice 2025, du 1er janvier 2025 au 31 décembre 2025",
        "atteste que Jean DUPONT (membre n° ", "a effectué le versement suivant au titre de sa "
        "cotisation pour l'exercice 2025 :", "Date Reçu n° Moyen de paiement Tarif Payé par",
        "01/03/2025 2025-0003 Espèces", "100,00 €", "Total 100,00 €",
        "Cotisation 2025 300,00 €", "Total réglé 100,00 €",
        "Situation au 15/01/2026 Reste 200,00 € à régler", "Fait à Lyon, le 15 janvier 2026")


def test_statements_up_to_date_exempt_and_without_payment(dues_club: DuesClub,
                                                          tmp_path: Path) -> None:
    martin = " ".join(pdf_pages(build_dues_statement(
        dues_club.members["martin"].id, YEAR, tmp_path / "a.pdf")))
    assert in_order(martin, "Statement of membership dues 2025", "Cheque no. 1234567",
                    "Plein tarif", "€300.00", "Up to date with the 2025 dues")
    ancien = " ".join(pdf_pages(build_dues_statement(
        dues_club.members["ancien"].id, YEAR, tmp_path / "b.pdf")))
    assert in_order(ancien, "certifies that no payment from Fabrice ANCIEN",
                    "Dues for 2025 Exemption", "Exempt from membership dues for 2025")
    zola = " ".join(pdf_pages(build_dues_statement(
        dues_club.members["zola"].id, YEAR, tmp_path / "c.pdf")))
    assert in_order(zola, "no payment from Émile ZOLA", "€300.00 still to pay")


def test_reminder_letters_one_page_each_and_the_unaddressed_at_the_end(
        dues_club: DuesClub, french: None, tmp_path: Path) -> None:
    pages = pdf_pages(build_reminder_letters(YEAR, tmp_path / "relances.pdf", today=TODAY))
    assert len(pages) == 5  # Dupont, Nguyễn, Nouvelle, Zola; then Петрова, who has no address
    dupont, nguyen, nouvelle, zola, unaddressed = pages
    assert in_order(
        dupont, "Club <Zoë> & Cie", "Jean DUPONT", "<b>&Co", "3 rue de la République",
        "69002 LYON", "Lyon, le 15 janvier 2026", "Objet : Votre cotisation 2025",
        "Madame, Monsieur,", "Sauf erreur de notre part, votre cotisation pour l'exercice 2025 "
        "(du 1er janvier 2025 au 31 décembre 2025) n'est pas encore entièrement réglée.",
        "Tarif Plein tarif", "Cotisation 2025 300,00 €", "Déjà réglé 100,00 €",
        "Reste à régler 200,00 €", "Vous pouvez la régler :",
        "par chèque à l'ordre de « Club <Zoë> & Cie »", "par virement",
        "« Cotisation 2025 »", "par carte ou en espèces", "merci de ne pas tenir compte de ce "
        "courrier", "Zoë Martin, en charge de la trésorerie",
        "salutations distinguées", "Pour l'association, le trésorier", "Zoë Martin")
    assert in_order(nguyen, "Lan NGUYỄN", "nous n'avons pas encore reçu votre cotisation",
                    "Reste à régler 300,00 €")
    assert "Déjà réglé" not in nguyen
    assert in_order(nouvelle, "Chloé NOUVELLE", "Tarif Première année",
                    "120,00 € (au prorata des mois depuis votre arrivée)",
                    "Déjà réglé 20,00 €", "Reste à régler 100,00 €")
    assert "Émile ZOLA" in zola and "ПЕТРОВА" not in " ".join(pages[:4])
    assert in_order(unaddressed, "Membres sans adresse postale", "Relances de cotisation 2025",
                    "1 membre doit sa cotisation mais n'a pas d'adresse postale",
                    "ПЕТРОВА Жанна", "zhanna@petrova.example", "Impayée", "300,00 €")
    assert not any("page " in page for page in pages)


def test_reminders_for_chosen_members_and_nobody_owing(dues_club: DuesClub,
                                                       tmp_path: Path) -> None:
    chosen = [dues_club.members["petrova"].id, dues_club.members["martin"].id]
    [page] = pdf_pages(build_reminder_letters(YEAR, tmp_path / "r.pdf", member_ids=chosen))
    assert in_order(page, "Members without a postal address", "ПЕТРОВА")
    with pytest.raises(NothingToRemindError):
        build_reminder_letters(YEAR, tmp_path / "none.pdf",
                               member_ids=[dues_club.members["martin"].id])
    assert not (tmp_path / "none.pdf").exists()


def test_a_cancelled_build_leaves_no_file(dues_club: DuesClub, tmp_path: Path) -> None:
    with pytest.raises(ReportCancelled):
        build_reminder_letters(YEAR, tmp_path / "r.pdf", progress=lambda done, total: False)
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize("shape", SHAPES)
def test_long_texts_keep_every_paper_on_its_page(db_path: Path, tmp_path: Path,
                                                 shape: str) -> None:
    club = build_dues_club()
    fill_every_text(shape)
    association = head(AssociationSettings, 1, "name")
    dupont = club.members["dupont"].id
    receipt_pages = pdf_pages(build_receipt(club.fees["martin"], tmp_path / "r.pdf"))
    assert len(receipt_pages) == 1
    for start in (association, head(AssociationSettings, 1, "address"),
                  head(Member, club.members["martin"].id, "last_name").upper(),
                  head(MembershipFee, club.fees["martin"], "cheque_number"), ELLIPSIS):
        assert start in receipt_pages[0], start
    statement_pages = pdf_pages(build_dues_statement(dupont, YEAR, tmp_path / "s.pdf"))
    assert 1 <= len(statement_pages) <= 2
    assert head(Member, dupont, "city").upper() in statement_pages[0]
    letters = pdf_pages(build_reminder_letters(YEAR, tmp_path / "l.pdf"))
    assert len(letters) == 5  # every member has a (long) address now: a page each
    for page in letters:
        assert association in page and "For the association, the treasurer" in page
    assert head(Member, dupont, "address") in letters[0]
    assert head(Member, dupont, "city").upper() in letters[0]
