"""What the dues papers and e-mails say: receipts, statements, reminders, ``.eml`` files,
amounts in words."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from dues_club import TODAY, YEAR, DuesClub, build_dues_club

from clubdesk import i18n
from clubdesk.db import MembershipFee
from clubdesk.domain.common.files import OutputFileError
from clubdesk.domain.dues.dues_status import DuesStatus
from clubdesk.domain.dues.payments import PaymentNotFoundError
from clubdesk.domain.dues.receipts import (
    NoReceiptError,
    receipt,
    receipt_number_label,
    statement,
    town_of,
)
from clubdesk.domain.dues.reminders import (
    NoEmailAddressError,
    NothingToRemindError,
    eml_bytes,
    mailto_url,
    reminder_emails,
    reminder_letters,
    reminders,
    write_eml,
)
from clubdesk.domain.dues.wording import amount_in_words, date_text, money_text
from clubdesk.domain.members.members import MemberNotFoundError


@pytest.fixture
def club(db_path: Path) -> DuesClub:
    return build_dues_club()


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("amount", "french", "english"), [
    ("0", "zéro euro", "zero euros"),
    ("1", "un euro", "one euro"),
    ("21", "vingt et un euros", "twenty-one euros"),
    ("71", "soixante et onze euros", "seventy-one euros"),
    ("80", "quatre-vingts euros", "eighty euros"),
    ("81", "quatre-vingt-un euros", "eighty-one euros"),
    ("99", "quatre-vingt-dix-neuf euros", "ninety-nine euros"),
    ("100", "cent euros", "one hundred euros"),
    ("200", "deux cents euros", "two hundred euros"),
    ("280.50", "deux cent quatre-vingts euros et cinquante centimes",
     "two hundred and eighty euros and fifty cents"),
    ("1000", "mille euros", "one thousand euros"),
    ("1980.01", "mille neuf cent quatre-vingts euros et un centime",
     "one thousand nine hundred and eighty euros and one cent"),
    ("80000", "quatre-vingt mille euros", "eighty thousand euros"),
    ("200300", "deux cent mille trois cents euros",
     "two hundred thousand three hundred euros"),
    ("0.80", "quatre-vingts centimes", "eighty cents"),
    ("1000000", "un million d'euros", "one million euros"),
])
def test_amounts_in_words(amount: str, french: str, english: str) -> None:
    assert amount_in_words(Decimal(amount), "fr") == french
    assert amount_in_words(Decimal(amount), "en") == english


def test_money_and_dates_as_the_papers_write_them() -> None:
    assert money_text(Decimal("1250.5"), "fr") == "1\u202f250,50\u202f€"
    assert money_text(Decimal("1250.5"), "en") == "€1,250.50"
    assert date_text(dt.date(2026, 2, 1), "fr") == "1er\xa0février 2026"
    assert date_text(dt.date(2026, 2, 3), "en") == "3\xa0February 2026"


@pytest.mark.parametrize(("address", "town"), [
    ("Maison des Associations\n28 rue Denfert-Rochereau\n69004 Lyon", "Lyon"),
    ("12 rue de la Paix\n75002 PARIS CEDEX 02\nFrance", "PARIS"),
    ("Quelque part", ""),
    ("", ""),
])
def test_the_town_papers_are_made_in(address: str, town: str) -> None:
    assert town_of(address) == town


def test_a_receipt_gives_the_payment_the_member_and_the_treasurer(club: DuesClub) -> None:
    paid = receipt(club.fees["wisniewski"], today=TODAY)
    assert paid.number == "2025-0002" == receipt_number_label(2, 2025)
    assert (paid.payment.amount, paid.payer, paid.payment.rate_name) == (
        Decimal("300"), "Cabinet Morel & Associés", "Plein tarif")
    assert paid.member.name == "Łukasz WIŚNIEWSKI"
    assert paid.member.postal_lines == ["Łukasz WIŚNIEWSKI", "Wiśniewski Bau",
                                        "2 rue de la République", "69002 LYON"]
    assert (paid.issuer.town, paid.issuer.treasurer, paid.issuer.issued_on) == (
        "Lyon", "Zoë Martin", TODAY)
    assert paid.period == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert receipt(club.fees["martin"]).payer == ""


def test_no_receipt_for_an_exemption_nor_an_unknown_payment(club: DuesClub) -> None:
    with pytest.raises(NoReceiptError, match="exemption .*Fabrice ANCIEN, 2025"):
        receipt(club.fees["ancien"])
    with pytest.raises(PaymentNotFoundError):
        receipt(9999)
    MembershipFee.update(receipt_number=None).where(
        MembershipFee.id == club.fees["martin"]).execute()
    with pytest.raises(NoReceiptError, match="no receipt number"):
        receipt(club.fees["martin"])


def test_a_statement_lists_the_year_and_says_what_is_left(club: DuesClub) -> None:
    dupont = statement(club.members["dupont"].id, YEAR, today=TODAY)
    assert [row.amount for row in dupont.payments] == [Decimal("100")]
    assert (dupont.total, dupont.due, dupont.owed, dupont.status) == (
        Decimal("100"), Decimal("300"), Decimal("200"), DuesStatus.PARTLY_PAID)
    martin = statement(club.members["martin"].id, YEAR)
    assert (martin.total, martin.owed, martin.status) == (Decimal("300"), 0, DuesStatus.PAID)
    exempt = statement(club.members["ancien"].id, YEAR)
    assert exempt.status == DuesStatus.EXEMPT and exempt.total == 0
    other_year = statement(club.members["martin"].id, YEAR + 1)
    assert other_year.payments == [] and other_year.status == DuesStatus.NOT_DUE
    with pytest.raises(MemberNotFoundError):
        statement(9999, YEAR)


def test_reminders_go_to_the_members_who_owe(club: DuesClub) -> None:
    found = reminders(YEAR)
    assert [item.member.last_name for item in found] == [
        "Dupont", "Nguyễn", "Nouvelle", "Zola", "Петрова"]
    nouvelle = found[2]
    assert nouvelle.pro_rata and nouvelle.dues.owed == Decimal("100")
    assert not found[0].pro_rata
    chosen = reminders(YEAR, [club.members["zola"].id, club.members["martin"].id, 9999])
    assert [item.member.last_name for item in chosen] == ["Zola"]
    letters = reminder_letters(YEAR, today=TODAY)
    assert [item.member.last_name for item in letters.letters] == [
        "Dupont", "Nguyễn", "Nouvelle", "Zola"]
    assert [item.member.last_name for item in letters.unaddressed] == ["Петрова"]
    with pytest.raises(NothingToRemindError, match="2025"):
        reminder_letters(YEAR, [club.members["martin"].id])


def test_reminder_emails_say_what_the_letters_say(club: DuesClub, french: None) -> None:
    emails = reminder_emails(YEAR, today=TODAY)
    assert [(item.name, item.to) for item in emails] == [
        ("Jean DUPONT", "jean@dupont.example"), ("Lan NGUYỄN", ""),
        ("Chloé NOUVELLE", "chloe@nouvelle.example"), ("Émile ZOLA", "emile@zola.example"),
        ("Жанна ПЕТРОВА", "zhanna@petrova.example")]
    dupont, nguyen, nouvelle = emails[:3]
    assert not nguyen.has_address and dupont.owed == Decimal("200")
    assert dupont.subject == "Votre cotisation 2025 — Club <Zoë> & Cie"
    body = dupont.body
    for part in ("Bonjour Jean,", "n'est pas encore entièrement réglée",
                 "du 1er\xa0janvier 2025 au 31\xa0décembre 2025", "Plein tarif",
                 "300,00\u202f€", "Déjà réglé", "100,00\u202f€", "Reste à régler",
                 "200,00\u202f€", "par chèque à l'ordre de «\xa0Club <Zoë> & Cie\xa0»",
                 "Zoë Martin, en charge de la trésorerie", "Pour l'association, le trésorier"):
        assert part in body, part
    assert "au prorata" in nouvelle.body and "au prorata" not in body
    assert "nous n'avons pas encore reçu" in emails[3].body


def test_an_eml_file_opens_in_a_mail_program(club: DuesClub, french: None,
                                             tmp_path: Path) -> None:
    zola = reminder_emails(YEAR, [club.members["zola"].id],
                           sender="Trésorerie <tresorerie@club.example>")[0]
    folder = tmp_path / "mails"
    folder.mkdir()
    path = write_eml(zola, folder)
    assert path.name == f"relance-2025-emile-zola-{club.members['zola'].id}.eml"
    raw = path.read_bytes()
    assert raw.isascii() and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"].addresses[0].display_name == "Émile ZOLA"
    assert message["To"].addresses[0].addr_spec == "emile@zola.example"
    assert message["Subject"] == "Votre cotisation 2025 — Club <Zoë> & Cie"
    assert message["From"].addresses[0].addr_spec == "tresorerie@club.example"
    assert message["X-Unsent"] == "1" and message["Date"] and message["Message-ID"]
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == zola.body
    again = write_eml(zola, folder)  # the same member and year: replaced
    assert again == path and len(list(folder.iterdir())) == 1


def test_an_eml_without_sender_leaves_from_to_the_mail_program(club: DuesClub) -> None:
    dupont = reminder_emails(YEAR, [club.members["dupont"].id])[0]
    message = email.message_from_bytes(eml_bytes(dupont), policy=email.policy.default)
    assert message["From"] is None and message["Message-ID"] is None
    assert message["To"].addresses[0].addr_spec == "jean@dupont.example"


def test_no_eml_without_an_address_nor_into_a_missing_folder(club: DuesClub,
                                                             tmp_path: Path) -> None:
    nguyen, zola = reminder_emails(YEAR, [club.members["nguyen"].id, club.members["zola"].id])
    folder = tmp_path / "mails"
    folder.mkdir()
    with pytest.raises(NoEmailAddressError, match="Lan NGUYỄN has no e-mail address"):
        write_eml(nguyen, folder)
    with pytest.raises(OutputFileError):
        write_eml(zola, folder / "missing")
    assert list(folder.iterdir()) == []


def test_a_mailto_link_for_one(club: DuesClub, french: None) -> None:
    zola = reminder_emails(YEAR, [club.members["zola"].id])[0]
    link = urlsplit(mailto_url(zola))
    assert (link.scheme, link.path) == ("mailto", "emile@zola.example")
    fields = parse_qs(link.query)
    assert fields["subject"] == [zola.subject]
    assert fields["body"][0] == zola.body.replace("\n", "\r\n")
    assert "%0D%0A" in mailto_url(zola) and " " not in unquote(link.query[:8])


def test_nobody_owing_gives_no_email(club: DuesClub) -> None:
    assert reminder_emails(YEAR, [club.members["martin"].id]) == []
    assert reminder_emails(YEAR + 5) == []
