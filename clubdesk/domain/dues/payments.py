"""Recording what members pay: one payment, or the same for several members at once, each
with its receipt number (never given twice)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal

from peewee import JOIN, fn

from clubdesk.db import AssociationSettings, FeeRate, Member, MembershipFee, database
from clubdesk.domain.common.codes import PaymentMethod
from clubdesk.domain.common.edit_conflicts import checked_edit
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.fiscal_years import fiscal_year_bounds
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.common.text_limits import check_texts, clean_line
from clubdesk.domain.common.validation import ValidationResult
from clubdesk.domain.dues.rates import MAX_AMOUNT
from clubdesk.i18n import _

EARLIEST = dt.date(1990, 1, 1)


@dataclass
class PaymentInput:
    """What the payment form edits. ``exempt``: the member owes nothing that year (the
    amount is then 0 and no receipt is made)."""

    member_id: int
    fiscal_year: int
    amount: Decimal
    paid_on: dt.date
    method: str = PaymentMethod.TRANSFER
    rate_id: int | None = None
    cheque_number: str = ""
    payer: str = ""
    reference: str = ""
    note: str = ""
    exempt: bool = False


@dataclass(frozen=True)
class PaymentRow:
    """A stored payment, as lists and receipts show it."""

    id: int
    member_id: int
    fiscal_year: int
    amount: Decimal
    paid_on: dt.date | None
    method: str
    rate_name: str
    cheque_number: str
    payer: str
    reference: str
    receipt_number: int | None
    exempt: bool
    note: str


class PaymentNotFoundError(NotFoundError):
    def __init__(self, fee_id: int) -> None:
        super().__init__(_("Payment {id} does not exist.").format(id=fee_id))
        self.fee_id = fee_id


class PaymentValidationError(ValueError):
    """The payment was refused; ``result.errors`` says why, field by field."""

    def __init__(self, result: ValidationResult[PaymentInput]) -> None:
        super().__init__("\n".join(result.errors.values()))
        self.result = result


def _clean(data: PaymentInput) -> PaymentInput:
    return replace(data, cheque_number=clean_line(data.cheque_number),
                   payer=clean_line(data.payer), reference=clean_line(data.reference),
                   note=clean_line(data.note),
                   amount=Decimal("0") if data.exempt else data.amount)


def validate_payment(data: PaymentInput, today: dt.date | None = None,
                     members_checked: bool = False) -> ValidationResult[PaymentInput]:
    """Check a payment before it is stored; ``members_checked``: the member is known to
    exist (a batch checks them in one query)."""
    today = today or dt.date.today()
    data = _clean(data)
    errors: dict[str, str] = {}
    if not members_checked and not Member.select().where(Member.id == data.member_id).exists():
        errors["member_id"] = _("Member {id} does not exist.").format(id=data.member_id)
    if not data.exempt and not Decimal("0") < data.amount <= MAX_AMOUNT:
        errors["amount"] = _("The amount must be more than 0 and at most {most} €.").format(
            most=MAX_AMOUNT)
    if data.paid_on > today:
        errors["paid_on"] = _("A payment cannot be dated in the future.")
    elif data.paid_on < EARLIEST:
        errors["paid_on"] = _("Check the date: {day} is before 1990.").format(
            day=data.paid_on.strftime("%d/%m/%Y"))
    if data.method not in tuple(PaymentMethod):
        errors["method"] = _("Choose how it was paid.")
    if not 1990 <= data.fiscal_year <= today.year + 1:
        errors["fiscal_year"] = _("Choose a fiscal year between 1990 and {last}.").format(
            last=today.year + 1)
    if data.rate_id is not None:
        rate_year = FeeRate.select(FeeRate.year).where(FeeRate.id == data.rate_id).scalar()
        if rate_year is None:
            errors["rate_id"] = _("This rate no longer exists.")
        elif rate_year != data.fiscal_year:
            errors["rate_id"] = _("This rate belongs to another fiscal year.")
    check_texts("payment", data, errors)
    return ValidationResult(errors, None if errors else data)


def _validated(data: PaymentInput, members_checked: bool = False) -> PaymentInput:
    result = validate_payment(data, members_checked=members_checked)
    if result.cleaned is None:
        raise PaymentValidationError(result)
    return result.cleaned


def _next_receipts(count: int) -> list[int]:
    """Take ``count`` receipt numbers; inside the caller's transaction, so that a rolled
    back payment gives its number back and a committed one never shares it."""
    first = AssociationSettings.select(AssociationSettings.next_receipt).where(
        AssociationSettings.id == 1).scalar() or 1
    # A number may have been taken by a payment stored otherwise (an import, old data).
    highest = MembershipFee.select(fn.MAX(MembershipFee.receipt_number)).scalar() or 0
    first = max(first, highest + 1)
    AssociationSettings.update(next_receipt=first + count).where(
        AssociationSettings.id == 1).execute()
    return list(range(first, first + count))


def _values(data: PaymentInput, start_month: int) -> dict[str, object]:
    start, end = fiscal_year_bounds(data.fiscal_year, start_month)
    return {"member": data.member_id, "fiscal_year": data.fiscal_year, "period_start": start,
            "period_end": end, "rate": data.rate_id, "amount": data.amount,
            "paid_on": data.paid_on, "method": data.method,
            "cheque_number": data.cheque_number, "payer": data.payer,
            "reference": data.reference, "note": data.note, "exempt": data.exempt}


def record_payment(data: PaymentInput) -> int:
    """Store one payment with the next receipt number (none for an exemption); its id."""
    return record_payments([data.member_id], data)[0]


def record_payments(member_ids: Sequence[int], data: PaymentInput) -> list[int]:
    """The same payment for each of ``member_ids`` (twelve cheques from one meeting), all or
    nothing, in one transaction; each has its own receipt number. Their ids, in order.

    Raises :class:`PaymentValidationError` (nothing stored) when the payment is refused or
    a member is unknown.
    """
    ids = list(dict.fromkeys(member_ids))
    start_month = load_settings().fiscal_year_start_month
    with database.atomic():
        known = {row[0] for row in Member.select(Member.id).where(Member.id.in_(ids)).tuples()}
        unknown = [member_id for member_id in ids if member_id not in known]
        if unknown:
            raise PaymentValidationError(ValidationResult({"member_id": _(
                "Member {id} does not exist.").format(id=unknown[0])}))
        cleaned = _validated(replace(data, member_id=ids[0] if ids else 0),
                             members_checked=True)
        numbers = [None] * len(ids) if cleaned.exempt else _next_receipts(len(ids))
        stored = []
        for member_id, number in zip(ids, numbers, strict=True):
            values = _values(replace(cleaned, member_id=member_id), start_month)
            stored.append(MembershipFee.insert(**values, receipt_number=number).execute())
    return [int(fee_id) for fee_id in stored]


def record_payment_list(payments: Sequence[PaymentInput]) -> list[int]:
    """Store each of ``payments`` — its own member, amount, date… (an import's lines) —, all
    or nothing, in one transaction; receipt numbers follow on in their order (none for an
    exemption). Their ids, in order.

    Raises :class:`PaymentValidationError` (nothing stored) when a payment is refused or
    names an unknown member.
    """
    if not payments:
        return []
    start_month = load_settings().fiscal_year_start_month
    wanted = list({data.member_id for data in payments})
    with database.atomic():
        known: set[int] = set()
        for start in range(0, len(wanted), 500):  # within SQLite's limit of parameters
            known.update(row[0] for row in Member.select(Member.id).where(
                Member.id.in_(wanted[start:start + 500])).tuples())
        unknown = [data.member_id for data in payments if data.member_id not in known]
        if unknown:
            raise PaymentValidationError(ValidationResult({"member_id": _(
                "Member {id} does not exist.").format(id=unknown[0])}))
        cleaned = [_validated(data, members_checked=True) for data in payments]
        numbers = iter(_next_receipts(sum(not data.exempt for data in cleaned)))
        stored = [MembershipFee.insert(**_values(data, start_month), receipt_number=None
                                       if data.exempt else next(numbers)).execute()
                  for data in cleaned]
    return [int(fee_id) for fee_id in stored]


def payment_input(fee_id: int) -> PaymentInput:
    """The stored payment, as the form edits it."""
    row = MembershipFee.get_or_none(MembershipFee.id == fee_id)
    if row is None:
        raise PaymentNotFoundError(fee_id)
    return PaymentInput(
        member_id=row.member_id, fiscal_year=row.fiscal_year, amount=Decimal(row.amount),
        paid_on=row.paid_on, method=row.method, rate_id=row.rate_id,
        cheque_number=row.cheque_number, payer=row.payer, reference=row.reference,
        note=row.note, exempt=bool(row.exempt))


def update_payment(fee_id: int, data: PaymentInput, *,
                   original: PaymentInput | None = None) -> None:
    """Store ``data`` over payment ``fee_id``; it keeps its receipt number (an exemption
    becoming a payment takes a new one). With ``original``, a change made meanwhile
    elsewhere is kept or raises an edit conflict."""
    start_month = load_settings().fiscal_year_start_month
    with database.atomic():
        current = payment_input(fee_id)
        if original is not None:
            data = checked_edit(original, _clean(data), current)
        cleaned = _validated(data)
        values = _values(cleaned, start_month)
        number = MembershipFee.select(MembershipFee.receipt_number).where(
            MembershipFee.id == fee_id).scalar()
        if cleaned.exempt:
            values["receipt_number"] = None
        elif number is None:
            values["receipt_number"] = _next_receipts(1)[0]
        MembershipFee.update(**values).where(MembershipFee.id == fee_id).execute()


def delete_payment(fee_id: int) -> None:
    """Delete a payment; its receipt number is not given again."""
    with database.atomic():
        if MembershipFee.delete().where(MembershipFee.id == fee_id).execute() != 1:
            raise PaymentNotFoundError(fee_id)


def _row(row: tuple) -> PaymentRow:
    return PaymentRow(*row[:4], *row[4:6], row[6] or "", *row[7:10], row[10], bool(row[11]),
                      row[12])


def _select():
    return (MembershipFee
            .select(MembershipFee.id, MembershipFee.member, MembershipFee.fiscal_year,
                    MembershipFee.amount, MembershipFee.paid_on, MembershipFee.method,
                    FeeRate.name, MembershipFee.cheque_number, MembershipFee.payer,
                    MembershipFee.reference, MembershipFee.receipt_number,
                    MembershipFee.exempt, MembershipFee.note)
            .join(FeeRate, on=(MembershipFee.rate == FeeRate.id), join_type=JOIN.LEFT_OUTER))


def member_payments(member_id: int) -> list[PaymentRow]:
    """A member's payments, latest fiscal year first."""
    query = (_select().where(MembershipFee.member == member_id)
             .order_by(MembershipFee.fiscal_year.desc(), MembershipFee.paid_on.desc(),
                       MembershipFee.id.desc()))
    return [_row(row) for row in query.tuples()]


def payment(fee_id: int) -> PaymentRow:
    row = _select().where(MembershipFee.id == fee_id).tuples().first()
    if row is None:
        raise PaymentNotFoundError(fee_id)
    return _row(row)


FIELD_NAMES = tuple(item.name for item in fields(PaymentInput))
