"""``clubdesk report KIND -o FILE.pdf``: the sign-in sheet, attendance, the activity report,
a member's activity sheet; a payment's receipt, a member's yearly statement of dues, the
reminder letters of a fiscal year.

The reports are laid out with reportlab, which takes a while to load: each is imported only
when that report is asked for, so that the other commands and ``--help`` start at once.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from clubdesk.cli.arguments import activity_period, add_period, open_for, output_path
from clubdesk.cli.errors import EXIT_OK, CommandError
from clubdesk.domain.common.files import OutputFileError
from clubdesk.i18n import _
from clubdesk.reports.common import ReportOutputError


def _signin(args: argparse.Namespace, output: Path) -> None:
    if args.event is None:
        raise CommandError(_("report signin needs --event ID."))
    # reportlab takes a while to load: only when this report is asked for.
    from clubdesk.reports.signin_sheet import build_signin_sheet

    build_signin_sheet(args.event, output)


def _attendance(args: argparse.Namespace, output: Path) -> None:
    if args.event is not None:
        if args.date_from or args.date_to:
            raise CommandError(_("Give either --event or --from and --to, not both."))
        # reportlab takes a while to load: only when this report is asked for.
        from clubdesk.reports.event_attendance import build_event_attendance_report

        build_event_attendance_report(args.event, output)
        return
    if not (args.date_from and args.date_to):
        raise CommandError(_("report attendance needs --event ID, or --from and --to."))
    # reportlab takes a while to load: only when this report is asked for.
    from clubdesk.reports.period_attendance import build_period_attendance_report

    build_period_attendance_report(args.date_from, args.date_to, output)


def _activity(args: argparse.Namespace, output: Path) -> None:
    period = activity_period(args)
    # reportlab takes a while to load: only when this report is asked for.
    from clubdesk.reports.activity_report import build_activity_report

    build_activity_report(period, output)


def _member(args: argparse.Namespace, output: Path) -> None:
    if args.member is None:
        raise CommandError(_("report member needs --member ID."))
    period = activity_period(args)
    # reportlab takes a while to load: only when this report is asked for.
    from clubdesk.reports.member_sheet import build_member_sheet

    build_member_sheet(args.member, period, output)


def _dues_year(args: argparse.Namespace) -> int:
    """``--year``, by default the current fiscal year."""
    from clubdesk.cli.fees import fiscal_year_argument
    from clubdesk.domain.dues.dues_status import current_fiscal_year

    return fiscal_year_argument(args.year) or current_fiscal_year()


def _receipt(args: argparse.Namespace, output: Path) -> None:
    if args.fee is None:
        raise CommandError(_("report receipt needs --fee ID (the payment's number)."))
    # reportlab takes a while to load: only when this report is asked for.
    from clubdesk.reports.receipt import build_receipt

    build_receipt(args.fee, output)


def _statement(args: argparse.Namespace, output: Path) -> None:
    if args.member is None:
        raise CommandError(_("report statement needs --member ID."))
    year = _dues_year(args)
    # reportlab takes a while to load: only when this report is asked for.
    from clubdesk.reports.dues_statement import build_dues_statement

    build_dues_statement(args.member, year, output)


def _reminders(args: argparse.Namespace, output: Path) -> None:
    year = _dues_year(args)
    # reportlab takes a while to load: only when this report is asked for.
    from clubdesk.reports.reminder_letters import build_reminder_letters

    build_reminder_letters(year, output)


REPORTS = {
    "signin": _signin,
    "attendance": _attendance,
    "activity": _activity,
    "member": _member,
    "receipt": _receipt,
    "statement": _statement,
    "reminders": _reminders,
}


def cmd_report(args: argparse.Namespace) -> int:
    open_for(args, create=False)
    output = output_path(args, (".pdf",))
    try:
        REPORTS[args.kind](args, output)
    except (LookupError, ValueError, ReportOutputError, OutputFileError) as error:
        raise CommandError(str(error)) from error
    print(_("Report written to {path}.").format(path=output))
    return EXIT_OK


def add_command(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report", help=_("write a PDF report"),
        description=_("Write a PDF report: the sign-in sheet of an event, attendance for one "
                      "event or for a period, the activity report of a period, one "
                      "member's activity sheet, the receipt of a payment of dues, a member's "
                      "yearly statement of dues, or the reminder letters to the members who "
                      "owe dues."),
    )
    report.add_argument("kind", choices=tuple(REPORTS),
                        help=_("signin: sign-in sheet; attendance: attendance report; "
                               "activity: activity report (default period: the last full "
                               "fiscal year); member: a member's activity sheet; receipt: "
                               "a payment's receipt; statement: a member's dues for a fiscal "
                               "year; reminders: a letter to each member who owes dues"))
    report.add_argument("--event", type=int, metavar="ID", help=_("the event's number"))
    report.add_argument("--member", type=int, metavar="ID", help=_("the member's number"))
    report.add_argument("--fee", type=int, metavar="ID",
                        help=_("the payment's number (report receipt)"))
    report.add_argument("--year", metavar="YYYY",
                        help=_("the fiscal year of the dues (default: the current one)"))
    add_period(report)
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf",
                        help=_("the PDF file to write"))
    report.set_defaults(handler=cmd_report)
