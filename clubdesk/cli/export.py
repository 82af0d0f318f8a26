"""``clubdesk export KIND -o FILE``: a list to CSV or Excel, the events to a calendar file."""

from __future__ import annotations

import argparse

from clubdesk.cli.arguments import add_period, check_period, open_for, output_path
from clubdesk.cli.errors import EXIT_OK, CommandError
from clubdesk.domain.common.files import OutputFileError, write_bytes_atomically
from clubdesk.domain.exchange.calendar_export import PeriodError, events_calendar
from clubdesk.domain.exchange.csv_export import export_csv
from clubdesk.i18n import _, ngettext

KINDS = ("members", "events", "attendance", "guests", "volunteering", "referrals", "fees")


def cmd_export(args: argparse.Namespace) -> int:
    open_for(args, create=False)
    suffixes = (".ics", ".csv", ".xlsx") if args.kind == "events" else (".csv", ".xlsx")
    output = output_path(args, suffixes)
    suffix = output.suffix.lower()
    check_period(args)
    try:
        if suffix == ".ics":
            write_bytes_atomically(output, events_calendar(args.date_from, args.date_to))
            print(_("Calendar written to {path}.").format(path=output))
            return EXIT_OK
        if suffix == ".csv":
            count = export_csv(args.kind, output, args.date_from, args.date_to)
        else:
            # openpyxl takes a while to load: only when writing an Excel file.
            from clubdesk.domain.exchange.xlsx_export import export_xlsx

            count = export_xlsx(args.kind, output, args.date_from, args.date_to)
    except (PeriodError, OutputFileError) as error:
        raise CommandError(str(error)) from error
    print(ngettext("{n} row written to {path}.",
                   "{n} rows written to {path}.", count).format(path=output))
    return EXIT_OK


def add_command(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export", help=_("export data to a file"),
        description=_("Export a list to a CSV file (*.csv) or an Excel workbook (*.xlsx): "
                      "members, events, attendance, guests, volunteer hours, referrals or "
                      "membership fees; the format follows the file's name. Events can also "
                      "go to an iCalendar file (*.ics) that phones and calendars open. The "
                      "period applies to each list's date: the day members joined, the "
                      "event's day, the day of the entry or referral, the day a fee was paid "
                      "(else the start of its period)."),
    )
    export.add_argument("kind", choices=KINDS, help=_("what to export"))
    add_period(export, all_by_default=True)
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help=_("the file to write"))
    export.set_defaults(handler=cmd_export)
