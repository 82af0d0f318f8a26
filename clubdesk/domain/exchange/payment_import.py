"""Importing payments from a CSV or Excel file: a preview first, then one transaction.

Each line is matched to a member — by number, else by email, else by name, accents, case
and punctuation set aside —, checked by the payment form's own rules
(:func:`~clubdesk.domain.dues.payments.validate_payment`) and sorted into what importing
would do (:class:`LineState`): record a payment, record it for a member to create, leave it
out because it is already recorded, repeats an earlier line or was refunded or cancelled,
or refuse it with its reason. Nothing is written to build the preview.

:func:`apply_payment_import` then writes everything in one transaction, after a backup:
the members to create, then the payments through
:func:`~clubdesk.domain.dues.payments.record_payment_list`, so that receipt numbers follow
on in the order of the file.

A payment is already recorded when the member has one with the same reference (HelloAsso's
order number; one order paying for three people gives three payments with that number),
else — for a line with no reference — one of the same amount on the same day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from clubdesk.db import Member, MembershipFee, database
from clubdesk.domain.common.codes import MemberStatus, PaymentMethod
from clubdesk.domain.common.fiscal_years import fiscal_year_of
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.dues.payments import (
    PaymentInput,
    payment,
    record_payment_list,
    validate_payment,
)
from clubdesk.domain.dues.rates import Rate, fee_schedule
from clubdesk.domain.exchange.import_reading import Cell, cell_text, read_table
from clubdesk.domain.exchange.payment_columns import (
    CENT,
    FileKind,
    OrderStatus,
    file_kind,
    guess_columns,
    header_key,
    order_status,
    payment_method,
    read_amount,
    read_day,
    read_number,
    read_year,
)
from clubdesk.domain.gdpr.audit import record
from clubdesk.domain.members.member_form import MemberInput, validate_member
from clubdesk.domain.members.members import create_member
from clubdesk.domain.safety.backups import backup_before
from clubdesk.i18n import _, ngettext

Progress = Callable[[int, int], bool]
_CHUNK = 200  # lines checked or written between two progress reports


class LineState(StrEnum):
    """What importing does with a line of the file."""

    NEW = "new"  # a payment recorded for a member found
    MISSING = "missing"  # no member found: recorded only if the member is created
    ALREADY = "already"  # the member has this payment already: left out
    REPEATED = "repeated"  # the same payment as an earlier line: left out
    NOT_PAID = "not_paid"  # a refunded, cancelled or pending order: left out
    INVALID = "invalid"  # refused, with its reason


@dataclass(frozen=True)
class PreviewLine:
    """One line of the file and what importing does with it.

    ``name``: the member as the line names them; ``detail``: why it is refused or left out,
    or how the member was found; ``payment``: what is recorded (NEW and MISSING lines; its
    ``member_id`` is 0 for a member to create, ``newcomer``, whose lines share
    ``newcomer_key``).
    """

    line: int
    state: LineState
    name: str = ""
    detail: str = ""
    member_id: int | None = None
    member_name: str = ""
    amount: Decimal | None = None
    paid_on: dt.date | None = None
    fiscal_year: int | None = None
    payer: str = ""
    reference: str = ""
    payment: PaymentInput | None = None
    newcomer: MemberInput | None = None
    newcomer_key: str = ""

    @property
    def id(self) -> int:  # for the window's lists: a line of the file is one line
        return self.line


@dataclass
class PaymentPreview:
    """What importing the file would do, line by line; nothing is written to build it."""

    path: Path
    kind: FileKind
    headers: list[str]
    columns: dict[str, int]
    fiscal_year: int | None = None  # chosen for every line, else each line's own
    lines: list[PreviewLine] = field(default_factory=list)

    def of(self, *states: LineState) -> list[PreviewLine]:
        return [line for line in self.lines if line.state in states]

    @property
    def new(self) -> list[PreviewLine]:
        return self.of(LineState.NEW)

    @property
    def missing(self) -> list[PreviewLine]:
        return self.of(LineState.MISSING)

    @property
    def already(self) -> list[PreviewLine]:
        return self.of(LineState.ALREADY)

    @property
    def repeated(self) -> list[PreviewLine]:
        return self.of(LineState.REPEATED)

    @property
    def not_paid(self) -> list[PreviewLine]:
        return self.of(LineState.NOT_PAID)

    @property
    def invalid(self) -> list[PreviewLine]:
        return self.of(LineState.INVALID)

    @property
    def newcomers(self) -> int:
        """How many members the missing lines would create (one per person)."""
        return len({line.newcomer_key for line in self.missing})

    def to_record(self, create_missing: bool) -> list[PreviewLine]:
        """The lines whose payment is written, in the order of the file."""
        states = (LineState.NEW, LineState.MISSING) if create_missing else (LineState.NEW,)
        return self.of(*states)

    def column_names(self) -> dict[str, str]:
        """Field -> the header of the column read for it."""
        return {name: self.headers[index] for name, index in self.columns.items()
                if index < len(self.headers)}


@dataclass(frozen=True)
class PaymentImportResult:
    recorded: int = 0
    members_created: int = 0
    skipped: int = 0  # lines left out: refused, already recorded, repeated, not paid…
    total: Decimal = Decimal("0")
    receipts: tuple[int, int] | None = None  # the first and last receipt numbers given
    cancelled: bool = False


class PaymentImportRefusedError(ValueError):
    """The import was refused (invalid lines, members not found); nothing was written."""


class PaymentPreviewCancelled(Exception):  # noqa: N818 - a request, not a failure
    """The progress callback of :func:`preview_payment_import` asked to stop."""


class _Cancelled(Exception):
    pass


# -- reading a line ---------------------------------------------------------------------------


@dataclass
class _Fields:
    """What a line says, read but not checked yet."""

    number: int | None = None
    first_name: str = ""
    last_name: str = ""
    full_name: str = ""
    email: str = ""
    amount: Decimal | None = None
    paid_on: dt.date | None = None
    method: str = PaymentMethod.OTHER
    rate: str = ""
    year: int | None = None
    cheque_number: str = ""
    payer: str = ""
    reference: str = ""
    note: str = ""
    status: str = ""  # HelloAsso's order status, as written

    def name(self) -> str:
        """The member as the line names them, on one line."""
        name = " ".join(f"{self.first_name} {self.last_name}".split()) or " ".join(
            self.full_name.split())
        if name:
            return name
        if self.email:
            return self.email
        return _("no. {number}").format(number=self.number) if self.number else ""


def _key(text: str) -> str:
    return header_key(text)


def _texts(cells: Sequence[Cell], columns: dict[str, int]) -> dict[str, str]:
    return {name: " ".join(cell_text(cells[index]).split()) if index < len(cells) else ""
            for name, index in columns.items()}


def _cell(cells: Sequence[Cell], columns: dict[str, int], name: str) -> Cell:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else ""


def _read_common(fields: _Fields, cells: Sequence[Cell], columns: dict[str, int],
                 errors: list[str]) -> None:
    try:
        fields.amount = read_amount(_cell(cells, columns, "amount"))
    except ValueError as error:
        errors.append(str(error))
    try:
        fields.paid_on = read_day(_cell(cells, columns, "paid_on"))
    except ValueError as error:
        errors.append(str(error))


def _read_list_line(cells: Sequence[Cell], columns: dict[str, int]) -> tuple[_Fields, list[str]]:
    texts = _texts(cells, columns)
    fields = _Fields(first_name=texts.get("first_name", ""), last_name=texts.get("last_name", ""),
                     full_name=texts.get("full_name", ""),
                     email=texts.get("email", "").lower(), rate=texts.get("rate", ""),
                     cheque_number=texts.get("cheque_number", ""), payer=texts.get("payer", ""),
                     reference=texts.get("reference", ""), note=texts.get("note", ""))
    errors: list[str] = []
    try:
        fields.number = read_number(_cell(cells, columns, "member_number"))
    except ValueError as error:
        errors.append(str(error))
    _read_common(fields, cells, columns, errors)
    written = texts.get("method", "")
    method = payment_method(written) if written else None
    if written and method is None:
        errors.append(_("“{method}” is not a payment method (cash, cheque, transfer, card, "
                        "online, other).").format(method=written))
    fields.method = method or (PaymentMethod.CHEQUE if fields.cheque_number
                               else PaymentMethod.OTHER)
    try:
        fields.year = read_year(_cell(cells, columns, "fiscal_year"))
    except ValueError as error:
        errors.append(str(error))
    return fields, errors


def _payer(texts: dict[str, str], member_key: str) -> tuple[str, bool]:
    """Who paid, when not the member (a parent, a company), and whether the member paid."""
    person = " ".join(f"{texts.get('payer_first_name', '')} "
                      f"{texts.get('payer_last_name', '')}".split())
    company = texts.get("company", "")
    member_paid = not person or _key(person) == member_key
    if company:
        return (company if member_paid else f"{company} ({person})"), member_paid
    return ("" if member_paid else person), member_paid


def _read_helloasso_line(cells: Sequence[Cell],
                         columns: dict[str, int]) -> tuple[_Fields, list[str]]:
    texts = _texts(cells, columns)
    fields = _Fields(first_name=texts.get("first_name", ""), last_name=texts.get("last_name", ""),
                     email=texts.get("email", "").lower(), rate=texts.get("rate", ""),
                     reference=texts.get("reference", ""), status=texts.get("status", ""),
                     method=PaymentMethod.ONLINE)
    fields.payer, member_paid = _payer(texts, _key(f"{fields.first_name} {fields.last_name}"))
    if not fields.email and member_paid:  # the payer's address is the member's own
        fields.email = texts.get("payer_email", "").lower()
    errors: list[str] = []
    _read_common(fields, cells, columns, errors)
    discount = _cell(cells, columns, "discount")
    if fields.amount is not None and cell_text(discount).strip():
        try:
            fields.amount = max(Decimal("0"), fields.amount - read_amount(discount))
        except ValueError as error:
            errors.append(str(error))
    return fields, errors


# -- the members and the payments already known -----------------------------------------------


@dataclass(frozen=True)
class _Known:
    id: int
    name: str


class _Members:
    """Every member (anonymised ones aside) by number, email and folded name."""

    def __init__(self) -> None:
        self.by_id: dict[int, _Known] = {}
        self.by_email: dict[str, list[_Known]] = {}
        self.by_name: dict[str, list[_Known]] = {}
        self.name_keys: dict[int, set[str]] = {}
        rows = (Member.select(Member.id, Member.first_name, Member.last_name, Member.email)
                .where(Member.anonymized_on.is_null()).tuples())
        for member_id, first, last, email in rows:
            known = _Known(member_id, " ".join(f"{first} {last}".split()))
            self.by_id[member_id] = known
            if email.strip():
                self.by_email.setdefault(email.strip().lower(), []).append(known)
            keys = {_key(f"{first} {last}"), _key(f"{last} {first}")}
            self.name_keys[member_id] = keys
            for key in keys:
                self.by_name.setdefault(key, []).append(known)

    def named(self, fields: _Fields) -> list[_Known]:
        if fields.first_name or fields.last_name:
            key = _key(f"{fields.first_name} {fields.last_name}")
        else:
            key = _key(fields.full_name)
        found = {known.id: known for known in self.by_name.get(key, [])} if key else {}
        return list(found.values())

    def find(self, fields: _Fields) -> tuple[_Known | None, list[_Known], str]:
        """(the member, the members matching when several do, how the member was found)."""
        if fields.number is not None:
            known = self.by_id.get(fields.number)
            return known, [], _("Found by member number.") if known else ""
        named = self.named(fields)
        if fields.email:
            by_email = self.by_email.get(fields.email, [])
            if len(by_email) > 1 and named:  # an old register with an address twice
                by_email = [known for known in by_email if known in named]
            if len(by_email) == 1:
                return by_email[0], [], _("Found by email.")
            if len(by_email) > 1:
                return None, by_email, ""
        if len(named) == 1:
            return named[0], [], _("Found by name.")
        return None, named, ""


class _Stored:
    """The payments already recorded: by member and reference, by member, day and amount."""

    def __init__(self) -> None:
        self.references: set[tuple[int, str]] = set()
        self.days: set[tuple[int, dt.date, Decimal]] = set()
        self.unreferenced_days: set[tuple[int, dt.date, Decimal]] = set()
        rows = MembershipFee.select(MembershipFee.member, MembershipFee.reference,
                                    MembershipFee.paid_on, MembershipFee.amount).tuples()
        for member_id, reference, paid_on, amount in rows:
            if paid_on is None:
                continue
            day = paid_on if isinstance(paid_on, dt.date) else dt.date.fromisoformat(
                str(paid_on)[:10])
            key = (member_id, day, Decimal(amount).quantize(CENT))
            self.days.add(key)
            if reference:
                self.references.add((member_id, reference))
            else:
                self.unreferenced_days.add(key)

    def has(self, member_id: int, data: PaymentInput) -> bool:
        day = (member_id, data.paid_on, data.amount.quantize(CENT))
        if data.reference:
            return (member_id, data.reference) in self.references or \
                day in self.unreferenced_days
        return day in self.days


class _Rates:
    """Each fiscal year's rates, by folded name and by amount."""

    def __init__(self) -> None:
        self._years: dict[int, list[Rate]] = {}

    def of(self, year: int) -> list[Rate]:
        if year not in self._years:
            self._years[year] = fee_schedule(year)
        return self._years[year]

    def find(self, year: int, name: str, amount: Decimal | None,
             by_amount: bool) -> tuple[int | None, str]:
        """(the rate's id, or None; why a rate named in the file is refused, or "")."""
        rates = self.of(year)
        if name:
            for item in rates:
                if _key(item.name) == _key(name):
                    return item.id, ""
            if not by_amount:
                if not rates:
                    return None, _("The rate “{rate}” is unknown: {year} has no fee "
                                   "schedule.").format(rate=name, year=year)
                return None, _("The rate “{rate}” is not one of {year}'s ({rates}).").format(
                    rate=name, year=year, rates=", ".join(item.name for item in rates))
        if by_amount and amount is not None:
            same = [item.id for item in rates if item.amount == amount]
            if len(same) == 1:
                return same[0], ""
        return None, ""


# -- the preview --------------------------------------------------------------------------------


def _split_name(fields: _Fields) -> tuple[str, str]:
    """First and last name for a member to create; a whole name "DUPONT Jean" or
    "Jean Dupont" is split where the capitals end, else after the first word."""
    if fields.first_name or fields.last_name:
        return fields.first_name, fields.last_name
    words = fields.full_name.split()
    capitals = 0
    while capitals < len(words) and words[capitals].isupper() and len(words[capitals]) > 1:
        capitals += 1
    if 0 < capitals < len(words):
        return " ".join(words[capitals:]), " ".join(words[:capitals])
    return " ".join(words[:1]), " ".join(words[1:])


def _as_written(name: str) -> str:
    """A name in capitals ("DUPRÉ", "LE GALL") as the register writes names ("Le Gall");
    others as they are ("McKenzie", "de La Tour")."""
    return name.title() if name.isupper() else name


def _newcomer(fields: _Fields) -> tuple[MemberInput | None, str, str]:
    """(the member to create, the key their lines share, why none can be)."""
    first, last = (_as_written(part) for part in _split_name(fields))
    data = MemberInput(first_name=first, last_name=last, email=fields.email,
                       status=MemberStatus.ACTIVE, joined_on=fields.paid_on)
    result = validate_member(data)
    if result.cleaned is None:
        return None, "", " ".join(result.errors.values())
    cleaned = result.cleaned
    key = cleaned.email or "\x00" + _key(f"{cleaned.first_name} {cleaned.last_name}")
    return cleaned, key, ""


def _with_number(known: _Known) -> str:
    return _("{name} (no. {number})").format(name=known.name, number=known.id)


def _not_paid_detail(status: OrderStatus, written: str) -> str:
    if status == OrderStatus.REFUNDED:
        return _("Refunded order (“{status}”): not counted as paid.").format(status=written)
    if status == OrderStatus.CANCELLED:
        return _("Cancelled order (“{status}”): not counted as paid.").format(status=written)
    return _("Order not paid yet (“{status}”).").format(status=written)


def _missing_columns(kind: FileKind, columns: dict[str, int]) -> str:
    """Why the file cannot be read as payments, or ""."""
    missing = []
    if "amount" not in columns:
        missing.append(_("the amount (Montant, Montant tarif, Amount)"))
    if "paid_on" not in columns:
        missing.append(_("the date paid (Date, Date de paiement, Date de la commande)"))
    member = ({"first_name", "last_name"} <= columns.keys()) if kind == FileKind.HELLOASSO \
        else bool({"member_number", "email", "full_name", "last_name"} & columns.keys())
    if not member:
        missing.append(_("the member (Nom and Prénom, Email, or N° adhérent)"))
    if not missing:
        return ""
    return _("No column holds {what}: name the columns in the first row of the file.").format(
        what=", ".join(missing))


class _Previewer:
    def __init__(self, kind: FileKind, columns: dict[str, int], fiscal_year: int | None):
        self.kind = kind
        self.columns = columns
        self.fiscal_year = fiscal_year
        self.start_month = load_settings().fiscal_year_start_month
        self.members = _Members()
        self.stored = _Stored()
        self.rates = _Rates()
        self.seen: dict[tuple[object, ...], int] = {}
        self.newcomer_names: dict[str, str] = {}  # folded name -> a member to create's key

    def read(self, cells: Sequence[Cell]) -> tuple[_Fields, list[str]]:
        if self.kind == FileKind.HELLOASSO:
            return _read_helloasso_line(cells, self.columns)
        return _read_list_line(cells, self.columns)

    def line(self, number: int, cells: Sequence[Cell]) -> PreviewLine:
        fields, errors = self.read(cells)
        base = PreviewLine(number, LineState.INVALID, name=fields.name(), amount=fields.amount,
                           paid_on=fields.paid_on, payer=fields.payer,
                           reference=fields.reference)
        if self.kind == FileKind.HELLOASSO:
            status = order_status(fields.status)
            if status is None:
                errors.insert(0, _("Unknown order status “{status}” (expected Validé, "
                                   "Remboursé or Annulé).").format(status=fields.status))
            elif status != OrderStatus.PAID:
                return replace(base, state=LineState.NOT_PAID,
                               detail=_not_paid_detail(status, fields.status))
        if errors or fields.amount is None or fields.paid_on is None:
            return replace(base, detail=" ".join(errors))
        year = self.fiscal_year or fields.year or fiscal_year_of(fields.paid_on,
                                                                 self.start_month)
        base = replace(base, fiscal_year=year)
        rate_id, problem = self.rates.find(year, fields.rate, fields.amount,
                                           by_amount=self.kind == FileKind.HELLOASSO)
        if problem:
            return replace(base, detail=problem)
        data = PaymentInput(member_id=0, fiscal_year=year, amount=fields.amount,
                            paid_on=fields.paid_on, method=fields.method, rate_id=rate_id,
                            cheque_number=fields.cheque_number, payer=fields.payer,
                            reference=fields.reference, note=fields.note)
        # The rate comes from the year's schedule: checked without a query a line.
        result = validate_payment(replace(data, rate_id=None), members_checked=True)
        if result.cleaned is None:
            return replace(base, detail=" ".join(result.errors.values()))
        data = replace(result.cleaned, rate_id=rate_id)
        return self._matched(replace(base, payer=data.payer, reference=data.reference),
                             fields, data)

    def _matched(self, base: PreviewLine, fields: _Fields, data: PaymentInput) -> PreviewLine:
        if not fields.name():
            return replace(base, detail=_("The line names no member: give their number, "
                                          "their email or their name."))
        known, several, how = self.members.find(fields)
        if fields.number is not None and known is None:
            return replace(base, detail=_("No member has the number {number}.").format(
                number=fields.number))
        if several:
            return replace(base, detail=_(
                "Several members match “{name}”: {members}. Give their email or their member "
                "number in the file.").format(name=fields.name(), members=", ".join(
                    _with_number(item) for item in sorted(several, key=lambda k: k.id))))
        if known is None:
            newcomer, newcomer_key, problem = _newcomer(fields)
            if newcomer is None:
                return replace(base, detail=_(
                    "No member matches “{name}”, and none can be created from this line: "
                    "{reason}").format(name=fields.name() or "?", reason=problem))
            # Lines naming one person (with or without their email) create one member.
            name_key = _key(f"{newcomer.first_name} {newcomer.last_name}")
            if newcomer.email:
                self.newcomer_names.setdefault(name_key, newcomer_key)
            else:
                newcomer_key = self.newcomer_names.setdefault(name_key, newcomer_key)
            member_key: tuple[object, ...] = ("new", newcomer_key)
            line = replace(base, state=LineState.MISSING, payment=data, newcomer=newcomer,
                           newcomer_key=newcomer_key, member_name=" ".join(
                               f"{newcomer.first_name} {newcomer.last_name}".split()),
                           detail=_("No member matches: one can be created from the line."))
        else:
            member_key = ("member", known.id)
            data = replace(data, member_id=known.id)
            line = replace(base, state=LineState.NEW, payment=data, member_id=known.id,
                           member_name=known.name, detail=how)
            if self.stored.has(known.id, data):
                return replace(line, state=LineState.ALREADY, payment=None, detail=_(
                    "Already recorded (reference {reference}).").format(
                        reference=data.reference) if data.reference else _(
                    "Already recorded: a payment of the same amount on the same day."))
        same = (member_key, "reference", data.reference) if data.reference else (
            member_key, "day", data.paid_on, data.amount.quantize(CENT))
        earlier = self.seen.get(same)
        if earlier is not None:
            return replace(line, state=LineState.REPEATED, payment=None,
                           detail=_("The same payment as line {line}.").format(line=earlier))
        self.seen[same] = base.line
        return line


def preview_payment_import(path: Path, fiscal_year: int | None = None,
                           progress: Progress | None = None) -> PaymentPreview:
    """Read and check ``path`` line by line. The database must be open.

    ``fiscal_year``: the year every payment is for; else a fiscal year column, else the year
    each payment's date falls in. ``progress(done, total)`` is called every few hundred
    lines; returning False stops with :class:`PaymentPreviewCancelled`. Raises
    :class:`~clubdesk.domain.exchange.import_reading.ImportFileError` when the file cannot
    be read.
    """
    path = Path(path)
    table = read_table(path)
    kind = file_kind(table.headers)
    columns = guess_columns(table.headers, kind)
    preview = PaymentPreview(path=path, kind=kind, headers=list(table.headers),
                             columns=columns, fiscal_year=fiscal_year)
    problem = _missing_columns(kind, columns)
    if problem:
        preview.lines.append(PreviewLine(1, LineState.INVALID, detail=problem))
        return preview
    previewer = _Previewer(kind, columns, fiscal_year)
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows, start=1):
        if progress is not None and done % _CHUNK == 0 and not progress(done, total):
            raise PaymentPreviewCancelled
        preview.lines.append(previewer.line(number, cells))
    return preview


# -- the import ---------------------------------------------------------------------------------


def refusal(preview: PaymentPreview, *, create_missing: bool = False,
            skip_invalid: bool = False, skip_missing: bool = False) -> str:
    """Why importing ``preview`` with these choices is refused, or ""."""
    if preview.invalid and not skip_invalid:
        return ngettext("{n} line is invalid: correct it, or skip it.",
                        "{n} lines are invalid: correct them, or skip them.",
                        len(preview.invalid))
    if preview.missing and not (create_missing or skip_missing):
        return ngettext("{n} line names no member found: create the member, or leave the "
                        "line out.",
                        "{n} lines name no member found: create the members, or leave "
                        "the lines out.", len(preview.missing))
    return ""


def apply_payment_import(preview: PaymentPreview, *, create_missing: bool = False,
                         skip_invalid: bool = False, skip_missing: bool = False,
                         progress: Progress | None = None) -> PaymentImportResult:
    """Write the payments of ``preview`` in one transaction: all of them or none.

    ``create_missing``: create the members not found (from the line's name and email) and
    record their payments; ``skip_missing``: leave their lines out. Refused
    (:class:`PaymentImportRefusedError`, nothing written) when lines are invalid unless
    ``skip_invalid``, or when members are missing and neither is chosen. A payment recorded
    meanwhile (the same file imported elsewhere) is left out, not doubled.
    ``progress(done, total)`` is called every few hundred lines; returning False cancels
    and rolls everything back.
    """
    reason = refusal(preview, create_missing=create_missing, skip_invalid=skip_invalid,
                     skip_missing=skip_missing)
    if reason:
        raise PaymentImportRefusedError(reason)
    lines = preview.to_record(create_missing)
    if not lines:
        return PaymentImportResult(skipped=len(preview.lines))
    backup_before(_("importing the payments of {file}").format(file=preview.path.name))
    try:
        with database.atomic():
            result = _write(preview, lines, progress)
    except _Cancelled:
        return PaymentImportResult(cancelled=True)
    return result


def _write(preview: PaymentPreview, lines: list[PreviewLine],
           progress: Progress | None) -> PaymentImportResult:
    stored = _Stored()  # read again inside the transaction: what was recorded meanwhile
    created: dict[str, int] = {}
    recorded: list[int] = []
    total = Decimal("0")
    for start in range(0, len(lines), _CHUNK):
        batch: list[PaymentInput] = []
        for line in lines[start:start + _CHUNK]:
            data = line.payment
            if data is None:  # only NEW and MISSING lines are given, each with its payment
                continue
            if line.state == LineState.MISSING and line.newcomer is not None:
                if line.newcomer_key not in created:
                    created[line.newcomer_key] = create_member(line.newcomer)
                data = replace(data, member_id=created[line.newcomer_key])
            elif stored.has(data.member_id, data):
                continue
            batch.append(data)
        # Receipt numbers follow on, in the order of the file.
        recorded += record_payment_list(batch)
        total += sum((data.amount for data in batch), Decimal("0"))
        done = min(start + _CHUNK, len(lines))
        if progress is not None and not progress(done, len(lines)):
            raise _Cancelled
    numbers = [number for number in (payment(recorded[0]).receipt_number,
                                     payment(recorded[-1]).receipt_number)
               if number is not None] if recorded else []
    result = PaymentImportResult(
        recorded=len(recorded), members_created=len(created),
        skipped=len(preview.lines) - len(recorded), total=total,
        receipts=(numbers[0], numbers[-1]) if numbers else None)
    record("import", _("Payments imported from {file}: {recorded}, {created}.").format(
        file=preview.path.name,
        recorded=ngettext("{n} payment recorded", "{n} payments recorded", result.recorded),
        created=ngettext("{n} member created", "{n} members created", result.members_created)),
        rows=result.recorded + result.members_created)
    return result
