"""``fees record``, ``fees unpaid`` and the dues reports on the command line: what they
print, what they write, and one line with code 2 (the file untouched) for every bad value."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from clubdesk.cli import main
from clubdesk.db import AssociationSettings, Member, MembershipFee, close_database, open_database
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


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _owing_member(path: Path) -> Member:
    """A member who owes the whole 2026 dues."""
    open_database(path)
    from clubdesk.domain.dues.dues_status import DuesStatus, dues_of_year

    dues = next(row for row in dues_of_year(2026) if row.status == DuesStatus.UNPAID)
    member = Member.get_by_id(dues.member_id)
    close_database()
    return member


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)


def test_record_a_cheque_paid_by_an_employer(demo: Path, capsys) -> None:
    member = _owing_member(demo)
    open_database(demo)
    next_number = AssociationSettings.get_by_id(1).next_receipt
    close_database()
    assert main(["--db", str(demo), "--lang", "fr", "fees", "record", "--member",
                 str(member.id), "--amount", "150,50", "--paid-on", "2026-03-14",
                 "--cheque", "0004217", "--payer", "Cabinet Morel & Associés"]) == 0
    out = capsys.readouterr().out.splitlines()
    name = f"{member.first_name} {member.last_name.upper()}"
    assert out[0].startswith("Paiement ")
    assert (f"enregistré\xa0: {name}, exercice 2026, Cotisation annuelle, 150,50\u202f€, le "
            "14/03/2026, chèque n°\xa00004217, payé par Cabinet Morel & Associés.") in out[0]
    assert out[1].startswith(f"Reçu n°\xa02026-{next_number:04d}\xa0; pour l'imprimer\xa0: "
                             f"clubdesk --db {demo} report receipt --fee ")
    assert out[2] == f"Il reste 149,50\u202f€ à régler par {name} pour 2026."
    open_database(demo)
    fee = MembershipFee.select().order_by(MembershipFee.id.desc()).get()
    assert (fee.member_id, fee.fiscal_year, fee.amount, fee.method, fee.cheque_number,
            fee.payer, fee.receipt_number, fee.rate.name) == (
        member.id, 2026, Decimal("150.50"), "cheque", "0004217", "Cabinet Morel & Associés",
        next_number, "Cotisation annuelle")


def test_record_with_a_rate_a_year_and_a_french_method(demo: Path, capsys) -> None:
    member = _owing_member(demo)
    assert main(["--db", str(demo), "fees", "record", "--member", str(member.id),
                 "--amount", "150", "--paid-on", "2026-11-02", "--year", "2026",
                 "--rate", "arrivée au second SEMESTRE", "--method", "Espèces"]) == 0
    out = capsys.readouterr().out
    assert "Arrivée au second semestre, €150.00, on 2 Nov 2026, cash." in out
    open_database(demo)
    fee = MembershipFee.select().order_by(MembershipFee.id.desc()).get()
    assert (fee.method, fee.rate.name) == ("cash", "Arrivée au second semestre")


@pytest.mark.parametrize("arguments, message", [
    (["--member", "99999", "--amount", "10"], "Member 99999 does not exist."),
    (["--member", "abc", "--amount", "10"], "“abc” is not a member number"),
    (["--member", "{member}", "--amount", "-5"], "The amount must be more than 0 (got -5)."),
    (["--member", "{member}", "--amount", "0"], "The amount must be more than 0"),
    (["--member", "{member}", "--amount", "douze"], "“douze” is not an amount"),
    (["--member", "{member}", "--amount", "1000000"], "at most 100000 €"),
    (["--member", "{member}", "--amount", "10", "--paid-on", "2026-02-30"],
     "“2026-02-30” is not a date: write it YYYY-MM-DD"),
    (["--member", "{member}", "--amount", "10", "--paid-on", "30/01/2026"],
     "“30/01/2026” is not a date"),
    (["--member", "{member}", "--amount", "10", "--paid-on", "2999-01-01"],
     "cannot be dated in the future"),
    (["--member", "{member}", "--amount", "10", "--method", "troc"],
     "Unknown payment method “troc”: choose cash, cheque, transfer, card, online, other."),
    (["--member", "{member}", "--amount", "10", "--rate", "Tarif fantôme"],
     "No rate “Tarif fantôme” in the 2026 fee schedule: choose “Cotisation annuelle”, "
     "“Arrivée au second semestre”."),
    (["--member", "{member}", "--amount", "10", "--year", "1900"],
     "“1900” is not a fiscal year"),
    (["--member", "{member}", "--amount", "10", "--year", "2015", "--rate", "Plein"],
     "The 2015 fiscal year has no fee schedule"),
    (["--member", "{member}", "--amount", "10", "--method", "cash", "--cheque", "12"],
     "A cheque number goes with --method cheque, not cash."),
    (["--member", "{member}", "--amount", "10", "--payer", "x" * 300],
     "x"),
])
def test_record_refusals_write_nothing(demo: Path, capsys, arguments: list[str],
                                       message: str) -> None:
    member = _owing_member(demo)
    before = _hash(demo)
    arguments = [value.replace("{member}", str(member.id)) for value in arguments]
    assert main(["--db", str(demo), "fees", "record", *arguments]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("clubdesk: ") and message in lines[0]
    assert captured.out == ""
    close_database()
    assert _hash(demo) == before


def test_record_notes_a_member_already_up_to_date(demo: Path, capsys) -> None:
    open_database(demo)
    from clubdesk.domain.dues.dues_status import DuesStatus, dues_of_year

    paid = next(row for row in dues_of_year(2026) if row.status == DuesStatus.PAID)
    close_database()
    assert main(["--db", str(demo), "fees", "record", "--member", str(paid.member_id),
                 "--amount", "20", "--paid-on", "2026-05-02", "--method", "card"]) == 0
    assert "was already up to date for 2026 before this payment" in capsys.readouterr().out


def test_unpaid_lists_who_owes_in_text_and_json(demo: Path, capsys) -> None:
    assert main(["--db", str(demo), "--lang", "fr", "fees", "unpaid", "--year", "2026"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "ne sont pas à jour pour 2026\xa0; il reste" in lines[0]
    assert lines[1].split() == ["N°", "Nom", "Tarif", "Dû", "Réglé", "Reste", "à", "régler",
                                "Statut"]
    assert main(["--db", str(demo), "fees", "unpaid", "--year", "2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["fiscal_year"] == 2026 and data["count"] == len(lines) - 2 > 0
    assert sum(row["owed"] for row in data["members"]) == pytest.approx(data["owed"])
    first = data["members"][0]
    assert set(first) == {"member_id", "last_name", "first_name", "email", "rate", "due",
                          "paid", "owed", "status"}
    assert first["status"] in ("unpaid", "partly_paid") and first["owed"] > 0
    assert str(first["member_id"]) == lines[2].split()[0]


def test_unpaid_of_a_year_without_schedule_and_a_bad_year(demo: Path, capsys) -> None:
    assert main(["--db", str(demo), "fees", "unpaid", "--year", "2010"]) == 0
    assert "The 2010 fiscal year has no fee schedule" in capsys.readouterr().out
    assert main(["--db", str(demo), "fees", "unpaid", "--year", "deux mille"]) == 2
    assert "“deux mille” is not a fiscal year" in capsys.readouterr().err


def test_receipt_statement_and_reminders(demo: Path, tmp_path: Path, capsys) -> None:
    member = _owing_member(demo)
    assert main(["--db", str(demo), "fees", "record", "--member", str(member.id),
                 "--amount", "100", "--paid-on", "2026-03-14", "--payer", "Mutuelle"]) == 0
    fee_id = int(capsys.readouterr().out.split()[1])
    receipt = tmp_path / "recu.pdf"
    assert main(["--db", str(demo), "--lang", "fr", "report", "receipt", "--fee", str(fee_id),
                 "-o", str(receipt)]) == 0
    text = _text(receipt)
    assert "Reçu de cotisation n°" in text and "cent euros" in text and "Mutuelle" in text
    statement = tmp_path / "attestation"  # the suffix is added
    assert main(["--db", str(demo), "--lang", "fr", "report", "statement", "--member",
                 str(member.id), "--year", "2026", "-o", str(statement)]) == 0
    text = _text(tmp_path / "attestation.pdf")
    assert "Attestation de cotisation 2026" in text and "Reste 200,00 € à régler" in text
    letters = tmp_path / "relances.pdf"
    assert main(["--db", str(demo), "report", "reminders", "--year", "2026",
                 "-o", str(letters)]) == 0
    open_database(demo)
    from clubdesk.domain.dues.dues_status import owing

    assert len(PdfReader(letters).pages) == len(owing(2026))  # every demo member has an address
    assert "Report written to" in capsys.readouterr().out


@pytest.mark.parametrize("arguments, message", [
    (["report", "receipt"], "--fee"),
    (["report", "receipt", "--fee", "99999"], "Payment 99999 does not exist."),
    (["report", "receipt", "--fee", "{exempt}"], "is an exemption"),
    (["report", "statement"], "--member"),
    (["report", "statement", "--member", "99999"], "99999"),
    (["report", "statement", "--member", "1", "--year", "MMXXVI"], "is not a fiscal year"),
    (["report", "reminders", "--year", "2010"], "Nobody owes dues for 2010"),
])
def test_dues_report_refusals_leave_no_file(demo: Path, tmp_path: Path, capsys,
                                            arguments: list[str], message: str) -> None:
    open_database(demo)
    member = Member.select().order_by(Member.id).first()
    from clubdesk.domain.dues.payments import PaymentInput, record_payment

    exempt = record_payment(PaymentInput(member.id, 2026, Decimal(0), dt.date(2026, 1, 5),
                                         exempt=True))
    close_database()
    out = tmp_path / "papier.pdf"
    arguments = [value.replace("{exempt}", str(exempt)) for value in arguments]
    assert main(["--db", str(demo), *arguments, "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("clubdesk: ") and message in err[0]
    assert not out.exists()
    assert [path.name for path in tmp_path.iterdir() if path.suffix in (".pdf", ".part")] == []


def test_a_report_is_never_written_onto_the_database(demo: Path, capsys) -> None:
    before = _hash(demo)
    assert main(["--db", str(demo), "report", "reminders", "-o", str(demo)]) == 2
    assert capsys.readouterr().err.startswith("clubdesk: ")
    close_database()
    assert _hash(demo) == before
