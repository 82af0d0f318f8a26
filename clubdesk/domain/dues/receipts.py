"""What the dues papers print: the association that issues them, the member they go to, a
payment's receipt and a member's yearly statement (attestation annuelle).

The reports lay these rows out (:mod:`clubdesk.reports.receipt`,
:mod:`clubdesk.reports.dues_statement`, :mod:`clubdesk.reports.reminder_letters`); nothing
here is written to the database.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from peewee import chunked

from clubdesk.db import Member
from clubdesk.domain.common.codes import BureauRole
from clubdesk.domain.common.fiscal_years import fiscal_year_bounds
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.dues.dues_status import DuesStatus, MemberDues, dues_of_year
from clubdesk.domain.dues.payments import PaymentRow, member_payments, payment
from clubdesk.domain.members.mandates import bureau_on
from clubdesk.domain.members.members import MemberNotFoundError
from clubdesk.i18n import _

CHUNK = 500  # ids per query: well under SQLite's limit of bound values
# "69004 Lyon", "69004 LYON CEDEX 04": the town after a French postcode.
_POSTCODE_TOWN = re.compile(r"^\s*(?:F-?)?\d{5}\s+(?P<town>.+?)(?:\s+cedex(?:\s+\d+)?)?\s*$",
                            re.IGNORECASE)


@dataclass(frozen=True)
class Issuer:
    """The association as its papers show it: letterhead, where they are made, who signs."""

    name: str
    address: str          # several lines, as typed in the settings
    logo: bytes | None
    town: str             # "Lyon", for "Fait à Lyon, le …" ("" when the address has none)
    treasurer: str        # the treasurer on the day the paper is made, "" when none
    issued_on: dt.date    # the day the paper is made


@dataclass(frozen=True)
class Addressee:
    """A member as a letter is addressed to them."""

    member_id: int
    last_name: str
    first_name: str
    company: str
    address: str
    postcode: str
    city: str
    email: str
    phone: str = ""

    @property
    def name(self) -> str:
        """"Maryvonne GONÇALVES": the first name, then the last name in capitals."""
        return f"{self.first_name} {self.last_name.upper()}".strip()

    @property
    def has_postal_address(self) -> bool:
        """A letter can be posted: a street and a town (or its postcode)."""
        return bool(self.address.strip() and (self.city.strip() or self.postcode.strip()))

    @property
    def postal_lines(self) -> list[str]:
        """The lines of the address block: name, company, street, postcode and town."""
        town = " ".join(part for part in (self.postcode.strip(), self.city.strip().upper())
                        if part)
        lines = [self.name, self.company.strip(), self.address.strip(), town]
        return [line for line in lines if line]


def town_of(address: str) -> str:
    """The town of an address: the words after the postcode of its last line that has
    one ("69004 Lyon" -> "Lyon"), else ""."""
    for line in reversed(address.splitlines()):
        found = _POSTCODE_TOWN.match(line)
        if found:
            return found.group("town").strip()
    return ""


def issuer(today: dt.date | None = None) -> Issuer:
    """The association, the treasurer on ``today`` and the place of its papers."""
    today = today or dt.date.today()
    settings = load_settings()
    treasurer = next((f"{row.first_name} {row.last_name}".strip() for row in bureau_on(today)
                      if row.role == BureauRole.TREASURER), "")
    return Issuer(settings.name, settings.address, settings.logo, town_of(settings.address),
                  treasurer, today)


_ADDRESS_FIELDS = (Member.id, Member.last_name, Member.first_name, Member.company,
                   Member.address, Member.postcode, Member.city, Member.email, Member.phone)


def _addressee(row: tuple) -> Addressee:
    member_id, *texts = row
    return Addressee(member_id, *(text or "" for text in texts))


def addressees(member_ids: Iterable[int]) -> dict[int, Addressee]:
    """Member id -> how to address them, for the members of ``member_ids`` that exist."""
    found: dict[int, Addressee] = {}
    for chunk in chunked(list(dict.fromkeys(member_ids)), CHUNK):
        query = Member.select(*_ADDRESS_FIELDS).where(Member.id.in_(chunk)).tuples()
        found.update((row[0], _addressee(row)) for row in query)
    return found


def addressee(member_id: int) -> Addressee:
    """How to address member ``member_id``; :class:`MemberNotFoundError` when unknown."""
    found = addressees([member_id]).get(member_id)
    if found is None:
        raise MemberNotFoundError(member_id)
    return found


def receipt_number_label(number: int, year: int) -> str:
    """"2026-0042": the receipt's number (never given twice) after its payment's year."""
    return f"{year}-{number:04d}"


class NoReceiptError(ValueError):
    """This payment has no receipt (an exemption, or a payment without a number)."""


@dataclass(frozen=True)
class Receipt:
    """One payment's receipt (reçu de cotisation)."""

    issuer: Issuer
    member: Addressee
    payment: PaymentRow
    number: str                  # "2026-0042"
    period: tuple[dt.date, dt.date]  # the fiscal year paid for, first and last days

    @property
    def payer(self) -> str:
        """Who paid when it was not the member (a parent, an employer), else ""."""
        return self.payment.payer.strip()


def receipt(fee_id: int, today: dt.date | None = None) -> Receipt:
    """The receipt of payment ``fee_id``.

    Raises :class:`~clubdesk.domain.dues.payments.PaymentNotFoundError`, or
    :class:`NoReceiptError` for an exemption (nothing was paid) or a payment without a
    receipt number.
    """
    row = payment(fee_id)
    member = addressee(row.member_id)
    if row.exempt:
        raise NoReceiptError(_(
            "Payment {id} is an exemption ({name}, {year}): nothing was paid, so there is no "
            "receipt.").format(id=fee_id, name=member.name, year=row.fiscal_year))
    if row.receipt_number is None or row.paid_on is None:
        raise NoReceiptError(_(
            "Payment {id} has no receipt number: edit it and save it again to give it "
            "one.").format(id=fee_id))
    start_month = load_settings().fiscal_year_start_month
    return Receipt(issuer(today), member, row,
                   receipt_number_label(row.receipt_number, row.paid_on.year),
                   fiscal_year_bounds(row.fiscal_year, start_month))


@dataclass(frozen=True)
class Statement:
    """A member's dues for one fiscal year: every payment, the total and what is left."""

    issuer: Issuer
    member: Addressee
    fiscal_year: int
    period: tuple[dt.date, dt.date]
    payments: list[PaymentRow]   # in paying order, exemptions included
    dues: MemberDues | None      # None: nothing was expected of them that year

    @property
    def total(self) -> Decimal:
        return sum((row.amount for row in self.payments if not row.exempt), Decimal("0.00"))

    @property
    def due(self) -> Decimal:
        return self.dues.due if self.dues is not None else Decimal("0.00")

    @property
    def owed(self) -> Decimal:
        return self.dues.owed if self.dues is not None else Decimal("0.00")

    @property
    def status(self) -> DuesStatus:
        return self.dues.status if self.dues is not None else DuesStatus.NOT_DUE


def statement(member_id: int, year: int, today: dt.date | None = None) -> Statement:
    """Member ``member_id``'s statement for fiscal year ``year``; raises
    :class:`MemberNotFoundError` for an unknown member."""
    member = addressee(member_id)
    rows = [row for row in member_payments(member_id) if row.fiscal_year == year]
    rows.sort(key=lambda row: (row.paid_on or dt.date.min, row.id))
    dues = next(iter(dues_of_year(year, {member_id})), None)
    start_month = load_settings().fiscal_year_start_month
    return Statement(issuer(today), member, year, fiscal_year_bounds(year, start_month), rows,
                     dues)


def receipt_file_name(number: str) -> str:
    """A file name for a receipt: "recu-2026-0042.pdf" (in the user's language)."""
    return _("receipt-{number}.pdf").format(number=number)
