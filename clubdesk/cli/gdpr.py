"""``clubdesk gdpr ACTION --member ID``: a member's personal data exported, the member
anonymised, the backups that still hold them removed."""

from __future__ import annotations

import argparse

from clubdesk.cli.arguments import open_for, output_path
from clubdesk.cli.errors import EXIT_OK, CommandError
from clubdesk.domain.gdpr.gdpr import gdpr_anonymize_command, gdpr_purge_backups_command
from clubdesk.i18n import _


def cmd_gdpr(args: argparse.Namespace) -> int:
    open_for(args, create=False, writes=args.action != "export")
    if args.action == "export":
        if not args.output:
            raise CommandError(_("gdpr export needs -o FILE.json or -o FILE.pdf."))
        # reportlab takes a while to load (the PDF): only when exporting.
        from clubdesk.reports.personal_data import gdpr_export_command

        code, message = gdpr_export_command(args.member, output_path(args, (".json", ".pdf")))
    elif args.action == "anonymize":
        code, message = gdpr_anonymize_command(args.member)
    else:
        code, message = gdpr_purge_backups_command(args.member)
    if code:
        raise CommandError(message)
    print(message)
    return EXIT_OK


def add_command(commands: argparse._SubParsersAction) -> None:
    gdpr = commands.add_parser(
        "gdpr", help=_("a member's personal data: export it, or anonymise the member"),
        description=_("GDPR duties: export everything stored about one member (JSON or "
                      "PDF), anonymise a member (identity removed, statistics kept), or "
                      "remove the backups that still hold an anonymised member "
                      "(purge-backups, after a fresh backup)."),
    )
    gdpr.add_argument("action", choices=("export", "anonymize", "purge-backups"),
                      help=_("what to do"))
    gdpr.add_argument("--member", type=int, required=True, metavar="ID",
                      help=_("the member's number"))
    gdpr.add_argument("-o", "--output", metavar="FILE", help=_("the .json or .pdf to write"))
    gdpr.set_defaults(handler=cmd_gdpr)
