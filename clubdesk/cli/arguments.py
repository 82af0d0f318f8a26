"""What the commands share: the database named by ``--db`` (opened), the file ``-o`` names,
dates written YYYY-MM-DD, and a period given with ``--from`` and ``--to``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from clubdesk.cli.errors import CommandError
from clubdesk.db import open_database
from clubdesk.db.file_check import check_file
from clubdesk.domain.activity.activity_figures import Period, last_full_fiscal_year
from clubdesk.domain.common.files import OutputFileError
from clubdesk.domain.common.output_paths import checked_output_path
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.safety.damage import damage_message
from clubdesk.i18n import _
from clubdesk.paths import default_database_path, ensure_parent


def database_path(args: argparse.Namespace) -> Path:
    """``--db``, else ``$CLUBDESK_DB``, else the file in the user's data folder."""
    return Path(args.db).expanduser() if args.db else default_database_path()


def open_for(args: argparse.Namespace, create: bool, writes: bool = False) -> Path:
    """Open the database; a command that ``writes`` first makes sure the file is sound."""
    path = database_path(args)
    if args.db is None and create:
        ensure_parent(path)
    if writes and path.exists():
        result = check_file(path)
        if result.readable and not result.sound:
            raise CommandError(damage_message(path, result.problems[0]))
    return open_database(path, create=create)


def output_path(args: argparse.Namespace, suffixes: tuple[str, ...]) -> Path:
    """``-o`` checked before any work: never the database, a backup, or a wrong suffix."""
    try:
        return checked_output_path(args.output, suffixes)
    except OutputFileError as error:
        raise CommandError(str(error)) from error


def iso_date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date: write it YYYY-MM-DD, e.g. 2026-03-31").format(text=text)
        ) from error


def check_period(args: argparse.Namespace) -> None:
    """``--from`` after ``--to`` is refused."""
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise CommandError(_("The period ends ({end}) before it starts ({start}).").format(
            end=args.date_to.isoformat(), start=args.date_from.isoformat()))


def activity_period(args: argparse.Namespace) -> Period:
    """``--from`` and ``--to``, or by default the last full fiscal year."""
    if bool(args.date_from) != bool(args.date_to):
        raise CommandError(_("Give both --from and --to, or neither for the last full "
                             "fiscal year."))
    if args.date_from:
        check_period(args)
        return Period(args.date_from, args.date_to)
    return last_full_fiscal_year(dt.date.today(), load_settings().fiscal_year_start_month)


def add_period(parser: argparse.ArgumentParser, all_by_default: bool = False) -> None:
    """``--from`` and ``--to``; without them, everything (``all_by_default``) or what the
    command says."""
    parser.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("first day of the period (default: all)") if all_by_default
                        else _("first day of the period"))
    parser.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD",
                        help=_("last day of the period (default: all)") if all_by_default
                        else _("last day of the period"))
