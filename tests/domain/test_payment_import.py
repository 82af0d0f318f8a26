"""Importing payments: HelloAsso's export and a treasurer's list, previewed line by line,
then written in one transaction, never twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from payment_files import FULL, REDUCED, helloasso_export, register, write_csv, write_xlsx

from clubdesk.db import AssociationSettings, AuditEntry, Member, MembershipFee
from clubdesk.domain.common.codes import PaymentMethod
from clubdesk.domain.dues.dues_status import DuesStatus, dues_by_member
from clubdesk.domain.dues.rates import Rate, fee_schedule, save_fee_schedule
from clubdesk.domain.exchange import payment_import
from clubdesk.domain.exchange.payment_columns import FileKind
from clubdesk.domain.exchange.payment_import import (
    LineState,
    PaymentImportRefusedError,
    PaymentPreviewCancelled,
    apply_payment_import,
    preview_payment_import,
)
from clubdesk.domain.safety.backups import list_backups

N = LineState  # short


def states(preview) -> list[tuple[int, str]]:
    return [(line.line, line.state) for line in preview.lines]


def rate_id(year: int, name: str) -> int:
    return next(item.id for item in fee_schedule(year) if item.name == name)


# -- HelloAsso's export ------------------------------------------------------------------------


def test_the_helloasso_export_is_recognised_and_read(db_path: Path, tmp_path: Path) -> None:
    ids = register()
    preview = preview_payment_import(helloasso_export(tmp_path))
    assert preview.kind == FileKind.HELLOASSO
    assert preview.column_names()["payer_email"] == "Email payeur"
    assert states(preview) == [(2, N.NEW), (3, N.NEW), (4, N.NEW), (5, N.NEW), (6, N.NOT_PAID),
                               (7, N.NOT_PAID), (8, N.MISSING), (9, N.NEW)]
    elise = preview.lines[0]
    assert (elise.member_id, elise.member_name, elise.detail) == (
        ids["Élise"], "Élise Dupré", "Found by email.")
    data = elise.payment
    assert (data.amount, data.paid_on, data.fiscal_year, data.method, data.reference,
            data.payer, data.rate_id) == (
        Decimal("120.00"), dt.date(2025, 9, 12), 2025, PaymentMethod.ONLINE, "158641041", "",
        rate_id(2025, FULL))
    # Accents, case and the order of the names set aside; "Thị Hoa Nguyễn" is "Thi Hoa Nguyen".
    assert [(line.member_id, line.detail) for line in preview.lines[1:4]] == [
        (ids["Léa"], "Found by name."), (ids["Thi Hoa"], "Found by name."),
        (ids["Paul"], "Found by email.")]
    # Less the promotional code.
    assert preview.lines[-1].payment.amount == Decimal("100.00")


def test_the_helloasso_export_saved_as_a_workbook_reads_the_same(
        db_path: Path, tmp_path: Path) -> None:
    """HelloAsso's Excel export: real dates and times, numbers for amounts and orders; its
    orders are the CSV export's, so one imported after the other doubles nothing."""
    import csv

    register()
    with helloasso_export(tmp_path).open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter=";"))
    typed = [[int(row[0]), dt.datetime.strptime(row[1], "%d/%m/%Y %H:%M"), *row[2:11],
              float(row[11].replace(",", ".")), row[12],
              float(row[13].replace(",", ".")) if row[13] else None, *row[14:]]
             for row in rows]
    workbook = write_xlsx(tmp_path / "export-adhesions.xlsx", header, typed)
    preview = preview_payment_import(workbook)
    assert preview.kind == FileKind.HELLOASSO
    assert states(preview) == [(2, N.NEW), (3, N.NEW), (4, N.NEW), (5, N.NEW), (6, N.NOT_PAID),
                               (7, N.NOT_PAID), (8, N.MISSING), (9, N.NEW)]
    assert [(line.payment.reference, line.payment.amount, line.payment.paid_on)
            for line in (preview.lines[0], preview.lines[-1])] == [
        ("158641041", Decimal("120.00"), dt.date(2025, 9, 12)),
        ("158900001", Decimal("100.00"), dt.date(2025, 10, 1))]
    apply_payment_import(preview, create_missing=True)
    again = preview_payment_import(helloasso_export(tmp_path))
    assert not again.new and not again.missing and len(again.already) == 6


def test_refunded_and_cancelled_orders_are_not_counted_as_paid(
        db_path: Path, tmp_path: Path) -> None:
    ids = register()
    preview = preview_payment_import(helloasso_export(tmp_path))
    hugo, ines = preview.not_paid
    assert (hugo.name, hugo.detail) == (
        "Hugo Faure", "Refunded order (“Remboursé”): not counted as paid.")
    assert ines.detail == "Cancelled order (“Annulé”): not counted as paid."
    assert hugo.payment is None and ines.payment is None
    apply_payment_import(preview, skip_missing=True)
    dues = dues_by_member(2025)
    assert dues[ids["Hugo"]].status == DuesStatus.UNPAID
    assert dues[ids["Inès"]].status == DuesStatus.UNPAID
    assert dues[ids["Élise"]].status == DuesStatus.PAID


def test_a_payer_paying_for_three_members_gives_each_their_payment_and_receipt(
        db_path: Path, tmp_path: Path) -> None:
    ids = register()
    preview = preview_payment_import(helloasso_export(tmp_path))
    firm = "Cabinet Bernard & Associés (Claire Bernard)"
    assert [line.payer for line in preview.lines[1:4]] == [firm] * 3
    result = apply_payment_import(preview, skip_missing=True)
    assert (result.recorded, result.members_created, result.total) == (
        5, 0, Decimal("580.00"))
    assert result.receipts == (1, 5)
    paid = {ids[first] for first in ("Léa", "Thi Hoa", "Paul")}
    fees = list(MembershipFee.select().where(MembershipFee.member.in_(paid))
                .order_by(MembershipFee.receipt_number))
    assert [(fee.payer, fee.reference, fee.receipt_number) for fee in fees] == [
        (firm, "158702233", 2), (firm, "158702233", 3), (firm, "158702233", 4)]
    dues = dues_by_member(2025)
    assert {dues[member].status for member in paid} == {DuesStatus.PAID}
    assert ids["Claire"] not in {fee.member_id for fee in MembershipFee.select()}


def test_a_second_import_of_the_same_export_doubles_nothing(
        db_path: Path, tmp_path: Path) -> None:
    register()
    path = helloasso_export(tmp_path)
    first = apply_payment_import(preview_payment_import(path), create_missing=True)
    assert (first.recorded, first.members_created) == (6, 1)
    count, next_receipt = MembershipFee.select().count(), AssociationSettings.get().next_receipt
    backups = len(list_backups())

    again = preview_payment_import(path)
    assert [state for _line, state in states(again)] == [
        N.ALREADY] * 4 + [N.NOT_PAID] * 2 + [N.ALREADY] * 2
    assert again.lines[1].detail == "Already recorded (reference 158702233)."
    result = apply_payment_import(again)
    assert result.recorded == 0 and result.skipped == 8
    assert MembershipFee.select().count() == count
    assert AssociationSettings.get().next_receipt == next_receipt
    assert len(list_backups()) == backups  # nothing to write: no backup either

    # The next export holds the same orders and a new one: only the new one is recorded.
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines.append("159000777;03/11/2025 17:05;Validé;Bernard;Claire;Bernard;Claire;"
                 "compta@cabinet-bernard.fr;;Carte bancaire;Tarif réduit;60,00;;;;;")
    later = tmp_path / "export-adhesions-novembre.csv"
    later.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    result = apply_payment_import(preview_payment_import(later))
    assert (result.recorded, result.total) == (1, Decimal("60.00"))
    assert MembershipFee.select().count() == count + 1


def test_an_order_imported_meanwhile_is_not_recorded_twice(
        db_path: Path, tmp_path: Path) -> None:
    register()
    path = helloasso_export(tmp_path)
    preview = preview_payment_import(path)
    apply_payment_import(preview_payment_import(path), skip_missing=True)  # another window
    result = apply_payment_import(preview, skip_missing=True)
    assert result.recorded == 0
    assert MembershipFee.select().count() == 5


def test_members_not_found_are_refused_left_out_or_created(
        db_path: Path, tmp_path: Path) -> None:
    register()
    preview = preview_payment_import(helloasso_export(tmp_path))
    (zoe,) = preview.missing
    assert (zoe.line, zoe.name, zoe.payer) == (8, "Zoé Petit", "Marc Petit")
    assert zoe.newcomer.email == ""  # her father's address is not hers
    assert zoe.payment.rate_id == rate_id(2025, REDUCED)
    with pytest.raises(PaymentImportRefusedError, match="1 line names no member found"):
        apply_payment_import(preview)
    assert MembershipFee.select().count() == 0

    left_out = apply_payment_import(preview, skip_missing=True)
    assert (left_out.recorded, left_out.members_created) == (5, 0)
    assert not Member.select().where(Member.first_name == "Zoé").exists()

    created = apply_payment_import(preview_payment_import(helloasso_export(tmp_path)),
                                   create_missing=True)
    assert (created.recorded, created.members_created) == (1, 1)
    member = Member.get(Member.first_name == "Zoé")
    assert (member.last_name, member.status, member.joined_on) == (
        "Petit", "active", dt.date(2025, 9, 22))
    fee = MembershipFee.get(MembershipFee.member == member.id)
    assert (fee.amount, fee.payer, fee.method) == (Decimal("60.00"), "Marc Petit", "online")


def test_the_import_is_one_transaction(db_path: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    register()
    preview = preview_payment_import(helloasso_export(tmp_path))
    real = payment_import.record_payment_list

    def written_then_failing(payments):
        real(payments)  # the payments are in the transaction…
        raise OSError("disk full")  # …when the disk fills up

    monkeypatch.setattr(payment_import, "record_payment_list", written_then_failing)
    with pytest.raises(OSError):
        apply_payment_import(preview, create_missing=True)
    assert MembershipFee.select().count() == 0
    assert not Member.select().where(Member.first_name == "Zoé").exists()
    assert AssociationSettings.get().next_receipt == 1
    assert AuditEntry.select().count() == 0


def test_payments_of_their_own_are_recorded_together(db_path: Path, make_member) -> None:
    """The payment function an import writes through: each payment its own member and
    amount, receipt numbers following on (none for an exemption), all or nothing."""
    from clubdesk.domain.dues.payments import (
        PaymentInput,
        PaymentValidationError,
        record_payment_list,
    )

    first, second = make_member().id, make_member().id
    day = dt.date(2025, 3, 1)
    ids = record_payment_list([
        PaymentInput(first, 2025, Decimal("120"), day),
        PaymentInput(second, 2025, Decimal("0"), day, exempt=True),
        PaymentInput(second, 2026, Decimal("60"), day, method=PaymentMethod.CASH),
    ])
    fees = [MembershipFee.get_by_id(fee_id) for fee_id in ids]
    assert [(fee.member_id, fee.amount, fee.receipt_number) for fee in fees] == [
        (first, Decimal("120.00"), 1), (second, Decimal("0.00"), None),
        (second, Decimal("60.00"), 2)]
    with pytest.raises(PaymentValidationError, match="Member 999 does not exist"):
        record_payment_list([PaymentInput(first, 2025, Decimal("10"), day),
                             PaymentInput(999, 2025, Decimal("10"), day)])
    with pytest.raises(PaymentValidationError, match="more than 0"):
        record_payment_list([PaymentInput(first, 2025, Decimal("10"), day),
                             PaymentInput(first, 2025, Decimal("-10"), day)])
    assert MembershipFee.select().count() == 3
    assert record_payment_list([]) == []


def test_a_cancelled_import_writes_nothing(db_path: Path, tmp_path: Path) -> None:
    register()
    preview = preview_payment_import(helloasso_export(tmp_path))
    result = apply_payment_import(preview, create_missing=True,
                                  progress=lambda done, total: False)
    assert result.cancelled
    assert MembershipFee.select().count() == 0 and Member.select().count() == 8


def test_a_backup_and_an_audit_entry_come_with_the_import(db_path: Path,
                                                          tmp_path: Path) -> None:
    register()
    apply_payment_import(preview_payment_import(helloasso_export(tmp_path)),
                         create_missing=True)
    (backup,) = list_backups()
    assert "importing the payments of export-adhesions.csv" in backup.label
    entry = AuditEntry.get()
    assert entry.action == "import" and entry.rows == 7
    assert entry.details == ("Payments imported from export-adhesions.csv: 6 payments "
                             "recorded, 1 member created.")


def test_the_preview_can_be_stopped(db_path: Path, tmp_path: Path) -> None:
    rows = [[f"Nom{n}", f"Prénom{n}", "120", "03/02/2025"] for n in range(450)]
    path = write_csv(tmp_path / "long.csv", ["Nom", "Prénom", "Montant", "Date"], rows)
    seen = []

    def stop_at_once(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    with pytest.raises(PaymentPreviewCancelled):
        preview_payment_import(path, progress=stop_at_once)
    assert seen == [(200, 450)]


# -- a treasurer's list ------------------------------------------------------------------------

LIST_HEADER = ["N° adhérent", "Nom", "Prénom", "Courriel", "Montant", "Date de paiement",
               "Mode de règlement", "N° de chèque", "Tarif", "Exercice", "Payé par"]


@pytest.fixture
def club(db_path: Path, make_member) -> dict[str, int]:
    """Four members, two of them namesakes; the 2025 and 2026 schedules."""
    for year in (2025, 2026):
        save_fee_schedule(year, [Rate(None, year, "Plein tarif", Decimal("150")),
                                 Rate(None, year, "Réduit", Decimal("75"))])
    return {
        "anais": make_member(first_name="Anaïs", last_name="Nguyễn",
                             email="anais@exemple.fr").id,
        "eric": make_member(first_name="Éric", last_name="Lebœuf").id,
        "jean1": make_member(first_name="Jean", last_name="Martin", city="Lyon").id,
        "jean2": make_member(first_name="Jean", last_name="Martin", city="Nantes").id,
    }


def list_rows(club: dict[str, int]) -> list[list[str]]:
    return [
        # 2: by number, cheque with its number, the rate named
        [str(club["eric"]), "", "", "", "150,00 €", "14/01/2026", "Chèque", "0012345",
         "Plein tarif", "2026", ""],
        # 3: by email (the name as the bank wrote it), a season written 2025-2026
        ["", "NGUYEN", "anais", "ANAIS@exemple.fr", "75", "15/01/2026", "virement", "",
         "réduit", "2025-2026", "SARL Nguyễn Conseil"],
        # 4: by name, accents and case aside; no rate, no year: the date's year
        ["", "leboeuf", "eric", "", "20", "16/01/2026", "espèces", "", "", "", ""],
        # 5 to 9: refused, each with its reason
        ["", "Martin", "Jean", "", "150", "16/01/2026", "CB", "", "", "", ""],
        ["", "Lebœuf", "Éric", "", "-150", "16/01/2026", "", "", "", "", ""],
        ["", "Lebœuf", "Éric", "", "150", "31/02/2026", "", "", "", "", ""],
        ["", "Lebœuf", "Éric", "", "150", "16/01/2026", "", "", "Bienfaiteur", "", ""],
        ["999", "", "", "", "150", "16/01/2026", "", "", "", "", ""],
        # 10: repeats line 4; 11: someone not in the register
        ["", "Lebœuf", "Éric", "", "20,00", "16/01/2026", "Espèces", "", "", "", ""],
        ["", "GARCIA", "Inès", "ines.garcia@exemple.fr", "150", "17/01/2026", "", "", "",
         "", ""],
    ]


def test_a_french_excel_list_is_read_line_by_line(club: dict[str, int],
                                                  tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cotisations.csv", LIST_HEADER, list_rows(club))
    preview = preview_payment_import(path)
    assert preview.kind == FileKind.LIST
    assert states(preview) == [
        (2, N.NEW), (3, N.NEW), (4, N.NEW), (5, N.INVALID), (6, N.INVALID), (7, N.INVALID),
        (8, N.INVALID), (9, N.INVALID), (10, N.REPEATED), (11, N.MISSING)]
    eric, anais, cash = (line.payment for line in preview.new)
    assert (eric.member_id, eric.method, eric.cheque_number, eric.rate_id, eric.amount) == (
        club["eric"], PaymentMethod.CHEQUE, "0012345", rate_id(2026, "Plein tarif"),
        Decimal("150.00"))
    assert (anais.member_id, anais.fiscal_year, anais.method, anais.payer, anais.rate_id) == (
        club["anais"], 2025, PaymentMethod.TRANSFER, "SARL Nguyễn Conseil",
        rate_id(2025, "Réduit"))
    assert (cash.member_id, cash.fiscal_year, cash.method, cash.rate_id) == (
        club["eric"], 2026, PaymentMethod.CASH, None)
    reasons = {line.line: line.detail for line in preview.invalid}
    assert reasons[5].startswith("Several members match “Jean Martin”: Jean Martin (no. "
                                 f"{club['jean1']}), Jean Martin (no. {club['jean2']}).")
    assert reasons[6] == "The amount -150 is negative: a refund is not a payment."
    assert reasons[7] == "“31/02/2026” is not a date: write it dd/mm/yyyy."
    assert reasons[8] == ("The rate “Bienfaiteur” is not one of 2026's (Plein tarif, "
                          "Réduit).")
    assert reasons[9] == "No member has the number 999."
    assert preview.repeated[0].detail == "The same payment as line 4."
    (ines,) = preview.missing
    assert (ines.newcomer.first_name, ines.newcomer.last_name, ines.newcomer.email) == (
        "Inès", "Garcia", "ines.garcia@exemple.fr")


def test_invalid_lines_refuse_the_import_unless_skipped(club: dict[str, int],
                                                        tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cotisations.csv", LIST_HEADER, list_rows(club))
    preview = preview_payment_import(path)
    with pytest.raises(PaymentImportRefusedError, match="5 lines are invalid"):
        apply_payment_import(preview, create_missing=True)
    assert MembershipFee.select().count() == 0 and Member.select().count() == 4
    result = apply_payment_import(preview, skip_invalid=True, create_missing=True)
    assert (result.recorded, result.members_created, result.skipped) == (4, 1, 6)
    assert dues_by_member(2026)[club["eric"]].paid == Decimal("170.00")


def test_a_list_imported_twice_doubles_nothing(club: dict[str, int], tmp_path: Path) -> None:
    """A line without a reference is the same payment as one of the same amount, paid the
    same day by the same member."""
    path = write_csv(tmp_path / "cotisations.csv", LIST_HEADER, list_rows(club)[:3])
    assert apply_payment_import(preview_payment_import(path)).recorded == 3
    again = preview_payment_import(path)
    assert [line.state for line in again.lines] == [N.ALREADY] * 3
    assert again.lines[0].detail == ("Already recorded: a payment of the same amount on the "
                                     "same day.")
    assert MembershipFee.select().count() == 3


def test_a_windows_1252_list_with_whole_names(club: dict[str, int], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "banque.csv", ["Adhérent", "Somme", "Réglé le"], [
        ["LEBŒUF Éric", "150,00", "02/03/2026"],
        ["Anaïs Nguyễn".replace("ễ", "e"), "75,00", "03/03/2026"],
        ["DE LA TOUR Marie-Hélène", "150,00", "04/03/2026"],
    ], encoding="cp1252")
    preview = preview_payment_import(path)
    assert [(line.state, line.member_id) for line in preview.lines[:2]] == [
        (N.NEW, club["eric"]), (N.NEW, club["anais"])]
    newcomer = preview.lines[2].newcomer
    assert (newcomer.first_name, newcomer.last_name) == ("Marie-Hélène", "De La Tour")
    assert preview.lines[0].payment.method == PaymentMethod.OTHER  # no method said


def test_an_excel_workbook_with_real_dates_and_numbers(club: dict[str, int],
                                                       tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "cotisations.xlsx",
                      ["Member number", "Amount", "Date paid", "Method", "Fiscal year"], [
                          [club["eric"], 150, dt.datetime(2026, 1, 14), "Cheque", 2026],
                          [club["anais"], 75.5, dt.date(2026, 1, 15), "Card", None],
                          [club["anais"], "", dt.date(2026, 1, 15), "Card", None],
                      ])
    preview = preview_payment_import(path)
    assert [(line.line, line.state) for line in preview.lines] == [
        (2, N.NEW), (3, N.NEW), (4, N.INVALID)]
    assert [(line.payment.amount, line.payment.paid_on, line.payment.method)
            for line in preview.new] == [
        (Decimal("150.00"), dt.date(2026, 1, 14), PaymentMethod.CHEQUE),
        (Decimal("75.50"), dt.date(2026, 1, 15), PaymentMethod.CARD)]
    assert preview.invalid[0].detail == "The amount is missing."


def test_the_fiscal_year_chosen_applies_to_every_line(club: dict[str, int],
                                                      tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cotisations.csv", LIST_HEADER, list_rows(club)[:3])
    preview = preview_payment_import(path, fiscal_year=2025)
    assert {line.payment.fiscal_year for line in preview.new} == {2025}
    # The rates are looked for in that year's schedule.
    assert preview.new[0].payment.rate_id == rate_id(2025, "Plein tarif")


def test_a_file_without_the_needed_columns_says_which(db_path: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "autre.csv", ["Nom", "Ville"], [["Dupont", "Lyon"]])
    preview = preview_payment_import(path)
    (line,) = preview.lines
    assert (line.line, line.state) == (1, N.INVALID)
    assert line.detail.startswith("No column holds the amount (Montant, Montant tarif, "
                                  "Amount), the date paid")


def test_a_line_for_one_newcomer_twice_creates_one_member(db_path: Path,
                                                          tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cotisations.csv", ["Nom", "Prénom", "Email", "Montant",
                                                    "Date"], [
        ["DUPONT", "JEAN", "jean@exemple.fr", "60", "10/01/2026"],
        ["Dupont", "Jean", "", "60", "10/06/2026"],
    ])
    preview = preview_payment_import(path)
    assert preview.newcomers == 1
    result = apply_payment_import(preview, create_missing=True)
    assert (result.recorded, result.members_created) == (2, 1)
    member = Member.get()
    assert (member.first_name, member.last_name, member.email) == (
        "Jean", "Dupont", "jean@exemple.fr")


# -- the columns and the cells -----------------------------------------------------------------


def test_headers_are_recognised_whatever_their_spelling() -> None:
    from clubdesk.domain.exchange.payment_columns import file_kind, guess_columns

    headers = ["N° d'adhérent", "NOM", "Prénom", "E-mail :", "Montant (€)", "Payée le",
               "Moyen de paiement", "N° de chèque", "Exercice"]
    assert file_kind(headers) == FileKind.LIST
    assert guess_columns(headers, FileKind.LIST) == {
        "member_number": 0, "last_name": 1, "first_name": 2, "email": 3, "amount": 4,
        "paid_on": 5, "method": 6, "cheque_number": 7, "fiscal_year": 8}
    # A bank's own numbers are not members' numbers; "Nom" alone is the whole name.
    assert guess_columns(["N°", "Nom", "Montant", "Date"], FileKind.LIST) == {
        "full_name": 1, "amount": 2, "paid_on": 3}


@pytest.mark.parametrize(("written", "status"), [
    ("Validé", "paid"), ("", "paid"), ("Remboursé", "refunded"), ("REMBOURSÉE", "refunded"),
    ("Annulé", "cancelled"), ("Refusé", "cancelled"), ("En attente", "pending"),
    ("Bizarre", None)])
def test_helloasso_order_statuses(written: str, status: str | None) -> None:
    from clubdesk.domain.exchange.payment_columns import order_status

    assert order_status(written) == status


@pytest.mark.parametrize(("written", "method"), [
    ("Chèque", "cheque"), ("CB", "card"), ("Virement bancaire", "transfer"),
    ("espèces", "cash"), ("HelloAsso", "online"), ("online", "online"), ("Bitcoin", None)])
def test_payment_methods_as_written(written: str, method: str | None) -> None:
    from clubdesk.domain.exchange.payment_columns import payment_method

    assert payment_method(written) == method


@pytest.mark.parametrize(("cell", "amount"), [
    ("120,00", "120.00"), ("120 €", "120.00"), ("1 200,50 €", "1200.50"),
    ("1.200,50", "1200.50"), (120, "120.00"), (75.5, "75.50")])
def test_amounts_as_written(cell: object, amount: str) -> None:
    from clubdesk.domain.exchange.payment_columns import read_amount

    assert read_amount(cell) == Decimal(amount)


@pytest.mark.parametrize(("cell", "day"), [
    ("04/03/2026 14:25", dt.date(2026, 3, 4)), ("2026-03-04 14:25:10", dt.date(2026, 3, 4)),
    ("4/3/2026", dt.date(2026, 3, 4)), (dt.datetime(2026, 3, 4, 14, 25), dt.date(2026, 3, 4))])
def test_dates_as_written(cell: object, day: dt.date) -> None:
    from clubdesk.domain.exchange.payment_columns import read_day

    assert read_day(cell) == day
