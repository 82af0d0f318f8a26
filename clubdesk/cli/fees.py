"""``clubdesk fees record``: a payment of dues, with its receipt number; ``clubdesk fees
unpaid``: the members not up to date for a fiscal year, with what they owe.

Every value is read here rather than by argparse, so that each bad one gets one line of its
own (exit code 2) and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
from decimal import Decimal

from clubdesk.cli.arguments import database_path, open_for
from clubdesk.cli.errors import EXIT_OK, CommandError
from clubdesk.domain.common.codes import PaymentMethod
from clubdesk.domain.common.fiscal_years import fiscal_year_of
from clubdesk.domain.common.labels import payment_method_label
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.common.text import fold
from clubdesk.domain.dues.dues_status import (
    DuesStatus,
    current_fiscal_year,
    dues_of_year,
    dues_status_label,
    owing,
)
from clubdesk.domain.dues.payments import (
    PaymentInput,
    PaymentValidationError,
    payment,
    record_payment,
)
from clubdesk.domain.dues.rates import fee_schedule, parse_amount, scheduled_years
from clubdesk.domain.dues.receipts import addressee, receipt_file_name, receipt_number_label
from clubdesk.domain.members.members import MemberNotFoundError
from clubdesk.i18n import _, ngettext
from clubdesk.reports.formatting import abridged, format_date, format_money

FIRST_YEAR, LAST_YEAR = 1990, 2100
NAME_WIDTH = 34
RATE_WIDTH = 22


def member_number(text: str) -> int:
    """``--member``: a member's number."""
    try:
        number = int(text.strip())
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(_("“{text}” is not a member number: give the number clubdesk "
                             "shows, e.g. --member 42.").format(text=text))
    return number


def fiscal_year_argument(text: str | None) -> int | None:
    """``--year``: a fiscal year written YYYY (None when not given)."""
    if text is None:
        return None
    try:
        year = int(text.strip())
    except ValueError:
        year = 0
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CommandError(_("“{text}” is not a fiscal year: write it YYYY, e.g. "
                             "2026.").format(text=text))
    return year


def _amount(text: str) -> Decimal:
    amount = parse_amount(text)
    if amount is None:
        raise CommandError(_("“{text}” is not an amount: write it like 120 or "
                             "120,50.").format(text=text))
    if amount <= 0:
        raise CommandError(_("The amount must be more than 0 (got {amount}).").format(
            amount=text.strip()))
    return amount


def _day(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(_("“{text}” is not a date: write it YYYY-MM-DD, e.g. "
                             "2026-03-31.").format(text=text)) from None


def payment_method(text: str | None, cheque: str) -> str:
    """``--method``: a code (cheque) or its label in French or English (chèque)."""
    if text is None:
        return PaymentMethod.CHEQUE if cheque else PaymentMethod.TRANSFER
    wanted = fold(text)
    for method in PaymentMethod:
        if wanted in {fold(method.value), fold(payment_method_label(method))} | _french(method):
            return method
    raise CommandError(_("Unknown payment method “{text}”: choose {methods}.").format(
        text=text, methods=", ".join(method.value for method in PaymentMethod)))


# The words a French treasurer types, whatever the language of the messages.
_FRENCH_METHODS = {
    PaymentMethod.CASH: {"especes", "liquide"},
    PaymentMethod.CHEQUE: {"cheque", "check"},
    PaymentMethod.TRANSFER: {"virement", "virement bancaire"},
    PaymentMethod.CARD: {"carte", "carte bancaire", "cb"},
    PaymentMethod.ONLINE: {"en ligne", "helloasso", "plateforme en ligne"},
    PaymentMethod.OTHER: {"autre"},
}


def _french(method: PaymentMethod) -> set[str]:
    return _FRENCH_METHODS.get(method, set())


def _rate_id(name: str | None, year: int, member_id: int) -> int | None:
    """``--rate`` among the year's rates; by default the rate the member owes that year
    (the one of their latest payment, else the year's first), None without a schedule."""
    rates = fee_schedule(year)
    if name is None:
        owed = next(iter(dues_of_year(year, {member_id})), None)
        current = owed.rate_name if owed is not None else ""
        chosen = next((rate for rate in rates if rate.name == current), None)
        return (chosen or rates[0]).id if rates else None
    if not rates:
        raise CommandError(_("The {year} fiscal year has no fee schedule: record the payment "
                             "without --rate, or set the year's rates first.").format(
                                 year=year))
    for rate in rates:
        if fold(rate.name) == fold(name):
            return rate.id
    names = ", ".join(_("“{name}”").format(name=rate.name) for rate in rates)
    raise CommandError(_("No rate “{name}” in the {year} fee schedule: choose {names}.").format(
        name=name, year=year, names=names))


def cmd_fees_record(args: argparse.Namespace) -> int:
    open_for(args, create=False, writes=True)
    member_id = member_number(args.member)
    amount = _amount(args.amount)
    paid_on = _day(args.paid_on)
    year = fiscal_year_argument(args.year)
    if year is None:
        year = fiscal_year_of(paid_on, load_settings().fiscal_year_start_month)
    cheque = (args.cheque or "").strip()
    method = payment_method(args.method, cheque)
    if cheque and method != PaymentMethod.CHEQUE:
        raise CommandError(_("A cheque number goes with --method cheque, not {method}.").format(
            method=method.value))
    try:
        member = addressee(member_id)
    except MemberNotFoundError as error:
        raise CommandError(str(error)) from error
    data = PaymentInput(member_id=member_id, fiscal_year=year, amount=amount, paid_on=paid_on,
                        method=method, rate_id=_rate_id(args.rate, year, member_id),
                        cheque_number=cheque, payer=args.payer or "")
    before = next(iter(dues_of_year(year, {member_id})), None)
    try:
        fee_id = record_payment(data)
    except PaymentValidationError as error:
        raise CommandError(" ".join(error.result.errors.values())) from error
    _print_recorded(args, fee_id, member.name)
    if before is not None and before.status in (DuesStatus.PAID, DuesStatus.EXEMPT):
        print(_("Note: {name} was already up to date for {year} before this payment.").format(
            name=member.name, year=year))
    return EXIT_OK


def _print_recorded(args: argparse.Namespace, fee_id: int, name: str) -> None:
    row = payment(fee_id)
    method = payment_method_label(row.method)
    method = method[:1].lower() + method[1:]  # within the sentence
    if row.cheque_number:
        method = _("{method} no. {number}").format(method=method, number=row.cheque_number)
    details = [name, _("fiscal year {year}").format(year=row.fiscal_year)]
    if row.rate_name:
        details.append(row.rate_name)
    details += [format_money(row.amount), _("on {date}").format(
        date=format_date(row.paid_on)), method]
    if row.payer:
        details.append(_("paid by {payer}").format(payer=row.payer))
    print(_("Payment {id} recorded: {details}.").format(id=fee_id, details=", ".join(details)))
    number = receipt_number_label(row.receipt_number, row.paid_on.year)
    command = (f"clubdesk --db {shlex.quote(str(database_path(args)))} report receipt "
               f"--fee {fee_id} -o {shlex.quote(receipt_file_name(number))}")
    print(_("Receipt no. {number}; to print it: {command}").format(number=number,
                                                                   command=command))
    standing = next(iter(dues_of_year(row.fiscal_year, {row.member_id})), None)
    if standing is not None and standing.status in (DuesStatus.UNPAID, DuesStatus.PARTLY_PAID):
        print(_("{name} still owes {amount} for {year}.").format(
            name=name, amount=format_money(standing.owed), year=row.fiscal_year))
    elif standing is not None and standing.status == DuesStatus.PAID:
        print(_("{name} is up to date for {year}.").format(name=name, year=row.fiscal_year))


def _json_amount(amount: Decimal) -> float:
    return float(amount)


def cmd_fees_unpaid(args: argparse.Namespace) -> int:
    open_for(args, create=False)
    year = fiscal_year_argument(args.year) or current_fiscal_year()
    rows = owing(year)
    total = sum((row.owed for row in rows), Decimal("0.00"))
    if args.json:
        print(json.dumps({
            "fiscal_year": year, "count": len(rows), "owed": _json_amount(total),
            "members": [{"member_id": row.member_id, "last_name": row.last_name,
                         "first_name": row.first_name, "email": row.email,
                         "rate": row.rate_name, "due": _json_amount(row.due),
                         "paid": _json_amount(row.paid), "owed": _json_amount(row.owed),
                         "status": row.status.value} for row in rows],
        }, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rows:
        if year not in scheduled_years():
            print(_("The {year} fiscal year has no fee schedule: no dues are expected.").format(
                year=year))
        else:
            print(_("Every member is up to date for {year}.").format(year=year))
        return EXIT_OK
    print(ngettext("{n} member is not up to date for {year}, owing {amount}:",
                   "{n} members are not up to date for {year}, owing {amount} in all:",
                   len(rows)).format(year=year, amount=format_money(total)))
    header = [_("No."), _("Name"), _("Membership rate"), _("Amount due"), _("Amount paid"),
              _("Left to pay"), _("Status")]
    lines = [[str(row.member_id),
              abridged(f"{row.last_name.upper()} {row.first_name}", NAME_WIDTH),
              abridged(row.rate_name, RATE_WIDTH), format_money(row.due),
              format_money(row.paid), format_money(row.owed), dues_status_label(row.status)]
             for row in rows]
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(7)]
    right = {0, 3, 4, 5}
    for line in [header, *lines]:
        cells = [cell.rjust(widths[column]) if column in right else cell.ljust(widths[column])
                 for column, cell in enumerate(line)]
        print("  ".join(cells).rstrip())
    return EXIT_OK


def add_command(commands: argparse._SubParsersAction) -> None:
    fees = commands.add_parser(
        "fees", help=_("record a payment of dues, list the members who owe"),
        description=_("Membership dues: record a payment (with its receipt number), or list "
                      "the members not up to date for a fiscal year."),
    )
    actions = fees.add_subparsers(title=_("actions"), metavar="ACTION", dest="action",
                                  required=True)
    record = actions.add_parser(
        "record", help=_("record a payment"),
        description=_("Record a member's payment of dues; it takes the next receipt number. "
                      "Nothing is written when a value is refused."),
    )
    record.add_argument("--member", required=True, metavar="ID", help=_("the member's number"))
    record.add_argument("--amount", required=True, metavar="AMOUNT",
                        help=_("the amount paid, e.g. 120 or 120,50"))
    record.add_argument("--paid-on", metavar="YYYY-MM-DD",
                        help=_("the day it was paid (default: today)"))
    record.add_argument("--method", metavar="METHOD",
                        help=_("cash, cheque, transfer, card, online or other (default: "
                               "transfer, or cheque with --cheque)"))
    record.add_argument("--year", metavar="YYYY",
                        help=_("the fiscal year paid for (default: the one the payment day "
                               "falls in)"))
    record.add_argument("--rate", metavar="NAME",
                        help=_("the rate paid, by its name in the year's fee schedule "
                               "(default: the rate the member owes)"))
    record.add_argument("--cheque", metavar="N", help=_("the cheque's number"))
    record.add_argument("--payer", metavar="TEXT",
                        help=_("who paid, when not the member (an employer, a parent)"))
    record.set_defaults(handler=cmd_fees_record)
    unpaid = actions.add_parser(
        "unpaid", help=_("list the members not up to date"),
        description=_("List the members not up to date with their dues for a fiscal year "
                      "(unpaid or partly paid), with what they owe."),
    )
    unpaid.add_argument("--year", metavar="YYYY",
                        help=_("the fiscal year (default: the current one)"))
    unpaid.add_argument("--json", action="store_true", help=_("print one JSON object"))
    unpaid.set_defaults(handler=cmd_fees_unpaid)
