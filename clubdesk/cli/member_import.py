"""``clubdesk import members FILE``: a member list from a CSV or Excel file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clubdesk.cli.arguments import open_for
from clubdesk.cli.errors import EXIT_ERROR, EXIT_OK
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


def add_command(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import", help=_("import members from a CSV or Excel file"),
        description=_("Import members from a CSV or Excel (.xlsx) file: columns are "
                      "recognised from French or English headers; nothing is written when "
                      "a row is invalid, unless --skip-invalid."),
    )
    parser.add_argument("kind", choices=("members",), help=_("what to import"))
    parser.add_argument("file", metavar="FILE", help=_("the .csv or .xlsx file"))
    parser.add_argument("--dry-run", action="store_true",
                        help=_("check and report, write nothing"))
    parser.add_argument("--skip-invalid", action="store_true",
                        help=_("import the valid rows and leave out the invalid ones"))
    parser.add_argument("--duplicates", choices=("skip", "update", "add"), default="skip",
                        help=_("what to do with members already known (default: skip)"))
    parser.set_defaults(handler=cmd_import)
