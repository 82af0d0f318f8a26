"""``clubdesk import members FILE`` and ``clubdesk import payments FILE``: a member list, or
the payments of a list or of HelloAsso's export, from a CSV or Excel file."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from clubdesk.cli.arguments import open_for
from clubdesk.cli.errors import EXIT_ERROR, EXIT_OK
from clubdesk.cli.payment_import import run_payment_import
from clubdesk.domain.exchange.import_command import run_import_command
from clubdesk.i18n import _


def cmd_import(args: argparse.Namespace) -> int:
    open_for(args, create=False, writes=True)
    code, report = run_import_command(Path(args.file), dry_run=args.dry_run,
                                      skip_invalid=args.skip_invalid,
                                      on_duplicate=args.duplicates)
    if code:
        print(report, file=sys.stderr)
        return EXIT_ERROR
    print(report)
    return EXIT_OK


def cmd_import_payments(args: argparse.Namespace) -> int:
    open_for(args, create=False, writes=True)
    code, report = run_payment_import(
        Path(args.file), dry_run=args.dry_run, create_missing=args.create_missing,
        skip_missing=args.skip_missing, skip_invalid=args.skip_invalid,
        fiscal_year=args.year)
    print(report, file=sys.stderr if code else sys.stdout)
    return EXIT_ERROR if code else EXIT_OK


def _year(text: str) -> int:
    """An argparse type: a fiscal year written YYYY, from 1990 to next year."""
    last = dt.date.today().year + 1
    if not (text.isdigit() and 1990 <= int(text) <= last):
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a fiscal year: write it YYYY, from 1990 to {last}").format(
                text=text, last=last))
    return int(text)


def add_command(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import", help=_("import members or payments from a CSV or Excel file"),
        description=_("Import members, or the payments of their dues, from a CSV or Excel "
                      "(.xlsx) file: columns are recognised from French or English headers; "
                      "nothing is written when a row is refused, unless an option says to "
                      "leave it out."),
    )
    kinds = parser.add_subparsers(title=_("what to import"), metavar="KIND", required=True)

    members = kinds.add_parser(
        "members", help=_("import members from a CSV or Excel file"),
        description=_("Import members from a CSV or Excel (.xlsx) file: columns are "
                      "recognised from French or English headers; nothing is written when "
                      "a row is invalid, unless --skip-invalid."),
    )
    members.add_argument("file", metavar="FILE", help=_("the .csv or .xlsx file"))
    members.add_argument("--dry-run", action="store_true",
                         help=_("check and report, write nothing"))
    members.add_argument("--skip-invalid", action="store_true",
                         help=_("import the valid rows and leave out the invalid ones"))
    members.add_argument("--duplicates", choices=("skip", "update", "add"), default="skip",
                         help=_("what to do with members already known (default: skip)"))
    members.set_defaults(handler=cmd_import)

    payments = kinds.add_parser(
        "payments", help=_("import dues payments from a list or a HelloAsso export"),
        description=_(
            "Record the payments of a CSV or Excel (.xlsx) file: a list with a member "
            "(number, email or name), an amount and a date (and maybe a method, a rate, a "
            "fiscal year), or HelloAsso's export of a membership campaign, whose refunded "
            "and cancelled orders are not counted. A payment already recorded (same order "
            "number, or same amount on the same day) is not recorded twice. Every line is "
            "reported; nothing is written when a line is invalid or names no member found, "
            "unless the options below say what to do with it."),
    )
    payments.add_argument("file", metavar="FILE", help=_("the .csv or .xlsx file"))
    payments.add_argument("--dry-run", action="store_true",
                          help=_("check and report, write nothing"))
    payments.add_argument("--create-missing", action="store_true",
                          help=_("create the members not found, from the line's name and "
                                 "email, and record their payments"))
    payments.add_argument("--skip-missing", action="store_true",
                          help=_("leave out the lines of members not found"))
    payments.add_argument("--skip-invalid", action="store_true",
                          help=_("import the valid lines and leave out the invalid ones"))
    payments.add_argument("--year", type=_year, metavar="YYYY",
                          help=_("the fiscal year every payment is for (default: the file's "
                                 "fiscal year column, else the year each date falls in)"))
    payments.set_defaults(handler=cmd_import_payments)
