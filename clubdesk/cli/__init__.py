"""Command line: ``clubdesk [--db PATH] [COMMAND]``; without a command, the GUI opens.

Every command prints one clear line on stderr and exits with code 2 when it cannot do its
work; the database file is then left as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from clubdesk import __version__, i18n
from clubdesk.cli import safety
from clubdesk.cli.argparse_texts import speak_the_users_language
from clubdesk.cli.errors import EXIT_ERROR, EXIT_OK, CommandError
from clubdesk.i18n import _, ngettext

__all__ = ["EXIT_ERROR", "EXIT_OK", "CommandError", "build_parser", "main"]


def _database_path(args: argparse.Namespace) -> Path:
    from clubdesk.paths import default_database_path

    return Path(args.db).expanduser() if args.db else default_database_path()


def _open(args: argparse.Namespace, create: bool, writes: bool = False) -> Path:
    """Open the database; a command that ``writes`` first makes sure the file is sound."""
    from clubdesk.db import open_database

    path = _database_path(args)
    if args.db is None and create:
        from clubdesk.paths import ensure_parent

        ensure_parent(path)
    if writes and path.exists():
        from clubdesk.db.file_check import check_file
        from clubdesk.domain.safety.damage import damage_message

        result = check_file(path)
        if result.readable and not result.sound:
            raise CommandError(damage_message(path, result.problems[0]))
    return open_database(path, create=create)


def _output(args: argparse.Namespace, suffixes: tuple[str, ...]) -> Path:
    """``-o`` checked before any work: never the database, a backup, or a wrong suffix."""
    from clubdesk.domain.common.files import OutputFileError
    from clubdesk.domain.common.output_paths import checked_output_path

    try:
        return checked_output_path(args.output, suffixes)
    except OutputFileError as error:
        raise CommandError(str(error)) from error


def cmd_gui(args: argparse.Namespace) -> int:
    from clubdesk.db import DatabaseOpenError
    from clubdesk.ui.app import run_gui

    path = _database_path(args)
    if args.db is None:
        from clubdesk.paths import ensure_parent

        ensure_parent(path)
    try:
        return run_gui(path, args.lang)
    except DatabaseOpenError as error:
        raise CommandError(str(error)) from error


def cmd_demo(args: argparse.Namespace) -> int:
    from clubdesk.demo.association import DemoError, build_demo

    _open(args, create=True, writes=True)
    try:
        counts = build_demo(args.size, seed=args.seed)
    except DemoError as error:
        raise CommandError(str(error)) from error
    print(
        _("Demo data written to {path}: {members} members, {events} events, "
          "{attendance} attendance rows.").format(path=_database_path(args), **counts)
    )
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from clubdesk.domain.common.stats import row_counts

    _open(args, create=False)
    counts = row_counts()
    if args.json:
        print(json.dumps(counts, sort_keys=False))
    else:
        width = max(len(key) for key in counts)
        for key, value in counts.items():
            print(f"{key.ljust(width)}  {value}")
    return EXIT_OK


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date: write it YYYY-MM-DD, e.g. 2026-03-31").format(text=text)
        ) from error


def _report_signin(args: argparse.Namespace, output: Path) -> None:
    if args.event is None:
        raise CommandError(_("report signin needs --event ID."))
    from clubdesk.reports.signin_sheet import build_signin_sheet

    build_signin_sheet(args.event, output)


def _report_attendance(args: argparse.Namespace, output: Path) -> None:
    if args.event is not None:
        if args.date_from or args.date_to:
            raise CommandError(_("Give either --event or --from and --to, not both."))
        from clubdesk.reports.event_attendance import build_event_attendance_report

        build_event_attendance_report(args.event, output)
        return
    if not (args.date_from and args.date_to):
        raise CommandError(_("report attendance needs --event ID, or --from and --to."))
    from clubdesk.reports.period_attendance import build_period_attendance_report

    build_period_attendance_report(args.date_from, args.date_to, output)


def _activity_period(args: argparse.Namespace):
    """--from and --to, or by default the last full fiscal year."""
    from clubdesk.domain.activity.activity_figures import Period, last_full_fiscal_year
    from clubdesk.domain.common.settings import load_settings

    if bool(args.date_from) != bool(args.date_to):
        raise CommandError(_("Give both --from and --to, or neither for the last full "
                             "fiscal year."))
    if args.date_from:
        if args.date_from > args.date_to:
            raise CommandError(
                _("The period ends ({end}) before it starts ({start}).").format(
                    end=args.date_to.isoformat(), start=args.date_from.isoformat()))
        return Period(args.date_from, args.date_to)
    return last_full_fiscal_year(dt.date.today(), load_settings().fiscal_year_start_month)


def _report_activity(args: argparse.Namespace, output: Path) -> None:
    from clubdesk.reports.activity_report import build_activity_report

    build_activity_report(_activity_period(args), output)


def _report_member(args: argparse.Namespace, output: Path) -> None:
    if args.member is None:
        raise CommandError(_("report member needs --member ID."))
    from clubdesk.reports.member_sheet import build_member_sheet

    build_member_sheet(args.member, _activity_period(args), output)


REPORTS = {
    "signin": _report_signin,
    "attendance": _report_attendance,
    "activity": _report_activity,
    "member": _report_member,
}


def cmd_report(args: argparse.Namespace) -> int:
    from clubdesk.domain.common.files import OutputFileError
    from clubdesk.reports.common import ReportOutputError

    _open(args, create=False)
    output = _output(args, (".pdf",))
    try:
        REPORTS[args.kind](args, output)
    except (LookupError, ValueError, ReportOutputError, OutputFileError) as error:
        raise CommandError(str(error)) from error
    print(_("Report written to {path}.").format(path=output))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from clubdesk.domain.common.files import OutputFileError, write_bytes_atomically
    from clubdesk.domain.exchange.calendar_export import PeriodError, events_calendar
    from clubdesk.domain.exchange.csv_export import export_csv
    from clubdesk.domain.exchange.xlsx_export import export_xlsx

    _open(args, create=False)
    suffixes = (".ics", ".csv", ".xlsx") if args.kind == "events" else (".csv", ".xlsx")
    output = _output(args, suffixes)
    suffix = output.suffix.lower()
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise CommandError(_("The period ends ({end}) before it starts ({start}).").format(
            end=args.date_to.isoformat(), start=args.date_from.isoformat()))
    writers = {".csv": export_csv, ".xlsx": export_xlsx}
    try:
        if suffix == ".ics":
            write_bytes_atomically(output, events_calendar(args.date_from, args.date_to))
            print(_("Calendar written to {path}.").format(path=output))
            return EXIT_OK
        count = writers[suffix](args.kind, output, args.date_from, args.date_to)
    except (PeriodError, OutputFileError) as error:
        raise CommandError(str(error)) from error
    print(ngettext("{n} row written to {path}.",
                   "{n} rows written to {path}.", count).format(path=output))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from clubdesk.domain.exchange.import_command import run_import_command

    _open(args, create=False, writes=True)
    code, report = run_import_command(Path(args.file), dry_run=args.dry_run,
                                      skip_invalid=args.skip_invalid,
                                      on_duplicate=args.duplicates)
    if code:
        print(report, file=sys.stderr)
        return EXIT_ERROR
    print(report)
    return EXIT_OK


def cmd_gdpr(args: argparse.Namespace) -> int:
    _open(args, create=False, writes=args.action != "export")
    if args.action == "export":
        if not args.output:
            raise CommandError(_("gdpr export needs -o FILE.json or -o FILE.pdf."))
        from clubdesk.reports.personal_data import gdpr_export_command

        code, message = gdpr_export_command(args.member, _output(args, (".json", ".pdf")))
    elif args.action == "anonymize":
        from clubdesk.domain.gdpr.gdpr import gdpr_anonymize_command

        code, message = gdpr_anonymize_command(args.member)
    else:
        from clubdesk.domain.gdpr.gdpr import gdpr_purge_backups_command

        code, message = gdpr_purge_backups_command(args.member)
    if code:
        raise CommandError(message)
    print(message)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clubdesk",
        description=_("Members, meetings, volunteer hours and referrals of an association. "
                      "Without a command, opens the application."),
    )
    parser.add_argument("--version", action="version", version=f"clubdesk {__version__}",
                        help=_("show clubdesk's version and exit"))
    parser.add_argument(
        "--db", metavar="PATH",
        help=_("database file (default: $CLUBDESK_DB, else clubdesk.db in your data folder)"),
    )
    parser.add_argument(
        "--lang", choices=i18n.SUPPORTED_LANGUAGES,
        help=_("language of the interface (default: from the system)"),
    )
    parser.set_defaults(handler=cmd_gui)
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND")

    demo = commands.add_parser(
        "demo", help=_("fill an empty database with realistic demonstration data"),
        description=_("Fill an empty database with deterministic, realistic French data."),
    )
    demo.add_argument("--size", choices=("small", "federation"), default="small",
                      help=_("small: about 150 members; federation: 20,000 members"))
    demo.add_argument("--seed", type=int, default=1, help=_("random seed (default: 1)"))
    demo.set_defaults(handler=cmd_demo)

    stats = commands.add_parser(
        "stats", help=_("count the rows of each table"),
        description=_("Count the members, events, attendance rows, guests, volunteer entries, "
                      "referrals and fees of a database."),
    )
    stats.add_argument("--json", action="store_true", help=_("print one JSON object"))
    stats.set_defaults(handler=cmd_stats)

    report = commands.add_parser(
        "report", help=_("write a PDF report"),
        description=_("Write a PDF report: the sign-in sheet of an event, attendance for one "
                      "event or for a period, the activity report of a period, or one "
                      "member's activity sheet."),
    )
    report.add_argument("kind", choices=tuple(REPORTS),
                        help=_("signin: sign-in sheet; attendance: attendance report; "
                               "activity: activity report (default period: the last full "
                               "fiscal year); member: a member's activity sheet"))
    report.add_argument("--event", type=int, metavar="ID", help=_("the event's number"))
    report.add_argument("--member", type=int, metavar="ID", help=_("the member's number"))
    report.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD",
                        help=_("first day of the period"))
    report.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD",
                        help=_("last day of the period"))
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf",
                        help=_("the PDF file to write"))
    report.set_defaults(handler=cmd_report)

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
    export.add_argument("kind", choices=("members", "events", "attendance", "guests",
                                         "volunteering", "referrals", "fees"),
                        help=_("what to export"))
    export.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD",
                        help=_("first day of the period (default: all)"))
    export.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD",
                        help=_("last day of the period (default: all)"))
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help=_("the file to write"))
    export.set_defaults(handler=cmd_export)

    import_parser = commands.add_parser(
        "import", help=_("import members from a CSV or Excel file"),
        description=_("Import members from a CSV or Excel (.xlsx) file: columns are "
                      "recognised from French or English headers; nothing is written when "
                      "a row is invalid, unless --skip-invalid."),
    )
    import_parser.add_argument("kind", choices=("members",), help=_("what to import"))
    import_parser.add_argument("file", metavar="FILE", help=_("the .csv or .xlsx file"))
    import_parser.add_argument("--dry-run", action="store_true",
                               help=_("check and report, write nothing"))
    import_parser.add_argument("--skip-invalid", action="store_true",
                               help=_("import the valid rows and leave out the invalid ones"))
    import_parser.add_argument("--duplicates", choices=("skip", "update", "add"),
                               default="skip",
                               help=_("what to do with members already known (default: skip)"))
    import_parser.set_defaults(handler=cmd_import)

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

    safety.add_commands(commands, lambda handler: lambda args: handler(
        args, _database_path(args)))
    return parser


def _language_from(argv: Sequence[str]) -> str | None:
    """Read ``--lang`` before building the parser, so that --help is translated too."""
    for index, value in enumerate(argv):
        if value == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if value.startswith("--lang="):
            return value.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(i18n.detect_language(_language_from(argv)))
    speak_the_users_language()
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except Exception as error:  # noqa: BLE001 - one line for the user, never a traceback
        message = failure_message(error, _database_path(args))
        if message is None:
            from clubdesk.crash_reports import write_crash_report

            report = write_crash_report(error, " ".join(argv))
            message = _("unexpected error ({error}); nothing more was written. Details are "
                        "in {report}.").format(error=f"{type(error).__name__}: {error}",
                                               report=report or "-")
        print(_("clubdesk: {error}").format(error=message), file=sys.stderr)
        return EXIT_ERROR


def failure_message(error: BaseException, database: Path) -> str | None:
    """The one line a failed command prints, or None for an unexpected error."""
    from clubdesk.db import DatabaseOpenError
    from clubdesk.db.backup_files import BackupError
    from clubdesk.db.errors import NotADatabaseError, storage_error_message
    from clubdesk.domain.common.files import OutputFileError
    from clubdesk.domain.safety.damage import damage_message, is_damage, newest_sound_backup

    if is_damage(error):
        detail = getattr(error, "detail", None) or str(error)
        return damage_message(database, detail)
    if isinstance(error, NotADatabaseError) and newest_sound_backup(database) is not None:
        # Not a database any more, yet it has backups: it was one, and got damaged.
        return damage_message(database, _("its first bytes are not a database's any more"))
    if isinstance(error, CommandError | DatabaseOpenError | BackupError | OutputFileError):
        return str(error)
    storage = storage_error_message(error)
    if storage is not None:
        return storage
    if isinstance(error, OSError):
        return str(error)
    return None  # a bug: the caller writes a crash report
