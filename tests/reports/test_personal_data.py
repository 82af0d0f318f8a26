"""The personal data PDF: every section, the member's name, and the export command."""

from __future__ import annotations

import json
from pathlib import Path

from gdpr_member import EMAIL, NAME, build_subject
from pdf_text import pdf_pages

from clubdesk.db import AuditEntry, Member
from clubdesk.reports.personal_data import build_personal_data_pdf, gdpr_export_command

SECTIONS_EN = ("Identity and contact details", "Consents", "Dues", "Attendance",
               "Proxies held", "Guests invited", "Invited as a guest before joining",
               "Volunteering", "Referrals given", "Referrals received", "Members sponsored",
               "Referral history", "Audit log entries about this member")
SECTIONS_FR = ("Identité et coordonnées", "Consentements", "Cotisations", "Présences",
               "Pouvoirs reçus", "Invités", "Invité avant son adhésion", "Bénévolat",
               "Recommandations données", "Recommandations reçues", "Membres parrainés",
               "Historique des recommandations",
               "Entrées du journal d’audit concernant ce membre")
IMPORT_DETAILS = ("Members imported from adhesion_severine-querault-zylberstein.xlsx: "
                  "2 added, 0 updated, 0 skipped.")


def test_pdf_has_every_section_and_the_name(db_path: Path, tmp_path: Path) -> None:
    subject = build_subject()
    output = build_personal_data_pdf(subject.member.id, tmp_path / "data.pdf")
    text = " ".join(pdf_pages(output))
    assert NAME[0] in text and NAME[1].upper() in text
    assert EMAIL in text
    for section in SECTIONS_EN:
        assert section in text, section
    for detail in ("Gaston Invité", "Simon Filleul", "Paul Parrain", "Fanny Amie",
                   "Accueil des invités", "Assemblée générale"):
        assert detail in text, detail
    entry = AuditEntry.get()
    assert entry.action == "access" and "PDF" in entry.details


def test_pdf_in_french(db_path: Path, tmp_path: Path, french: None) -> None:
    subject = build_subject()
    AuditEntry.create(action="import", rows=2, details=IMPORT_DETAILS)
    text = " ".join(pdf_pages(build_personal_data_pdf(subject.member.id,
                                                      tmp_path / "données.pdf")))
    for section in SECTIONS_FR:
        assert section in text, section
    for detail in ("Donnée à Fanny Amie", "Reçue de Fanny Amie", "Contact pris le 05/03/2020",
                   "Conclue le 01/04/2020", "Import"):
        assert detail in text, detail


def test_pdf_shows_the_referral_history_and_the_audit_entries(db_path: Path,
                                                             tmp_path: Path) -> None:
    subject = build_subject()
    AuditEntry.create(action="import", rows=2, details=IMPORT_DETAILS)
    AuditEntry.create(action="import", rows=2, details="Members imported from autre.csv: "
                      "2 added, 0 updated, 0 skipped.")
    text = " ".join(" ".join(pdf_pages(build_personal_data_pdf(
        subject.member.id, tmp_path / "data.pdf"))).split())
    history = text[text.index("Referral history"):text.index("Audit log entries")]
    for detail in ("3 Mar 2020 Given to Fanny Amie Contrat de conseil",
                   "Contacted on 5 Mar 2020", "Won on 1 Apr 2020",
                   "4 Apr 2020 Received from Fanny Amie", "Contacted on 9 Apr 2020"):
        assert detail in history, detail
    log = text[text.index("Audit log entries"):]
    assert "adhesion_severine-querault" in log and "autre.csv" not in log


def test_pdf_of_a_member_with_no_history(db_path: Path, tmp_path: Path) -> None:
    member = Member.create(first_name="Nina", last_name="Neuve")
    text = " ".join(pdf_pages(build_personal_data_pdf(member.id, tmp_path / "n.pdf")))
    assert "NEUVE" in text and "Nothing recorded." in text
    assert "Referral history" in text and "Audit log entries about this member" in text


def test_export_command_by_suffix(db_path: Path, tmp_path: Path) -> None:
    subject = build_subject()
    status, message = gdpr_export_command(subject.member.id, tmp_path / "out.JSON")
    assert status == 0, message
    assert json.loads((tmp_path / "out.JSON").read_text("utf-8"))["member"]["email"] == EMAIL
    status, message = gdpr_export_command(subject.member.id, tmp_path / "out.pdf")
    assert status == 0 and (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert AuditEntry.select().count() == 2


def test_export_command_refusals(db_path: Path, tmp_path: Path) -> None:
    subject = build_subject()
    status, message = gdpr_export_command(subject.member.id, tmp_path / "out.txt")
    assert status == 2 and ".json" in message
    status, message = gdpr_export_command(999, tmp_path / "out.json")
    assert status == 2 and "999" in message
    assert not (tmp_path / "out.json").exists()
    status, message = gdpr_export_command(subject.member.id, tmp_path / "nowhere" / "x.pdf")
    assert status == 1 and "nowhere" in message
    assert AuditEntry.select().count() == 0
