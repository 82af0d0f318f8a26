"""Command line: ``clubdesk [--db PATH] [COMMAND]``; without a command, the GUI opens.

Every command prints one clear line on stderr and exits with code 2 when it cannot do its
work; the database file is then left as it was. Each group of commands is a module of its
own (:mod:`~clubdesk.cli.reports`, :mod:`~clubdesk.cli.export`…) that reads the arguments
and hands the work to the domain.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from clubdesk import __version__, i18n
from clubdesk.cli import demo, export, fees, gdpr, member_import, reports, safety
from clubdesk.cli.argparse_texts import speak_the_users_language
from clubdesk.cli.arguments import database_path
from clubdesk.cli.errors import EXIT_ERROR, EXIT_OK, CommandError
from clubdesk.crash_reports import write_crash_report
from clubdesk.db import DatabaseOpenError
from clubdesk.db.backup_files import BackupError
from clubdesk.db.errors import NotADatabaseError, storage_error_message
from clubdesk.domain.common.files import OutputFileError
from clubdesk.domain.safety.damage import damage_message, is_damage, newest_sound_backup
from clubdesk.i18n import _
from clubdesk.paths import ensure_parent

__all__ = ["EXIT_ERROR", "EXIT_OK", "CommandError", "build_parser", "main"]


def cmd_gui(args: argparse.Namespace) -> int:
    """No command: the window."""
    # Qt takes a while to load: only when the window opens, never for a command.
    from clubdesk.ui.app import run_gui

    path = database_path(args)
    if args.db is None:
        ensure_parent(path)
    try:
        return run_gui(path, args.lang)
    except DatabaseOpenError as error:
        raise CommandError(str(error)) from error


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
    demo.add_commands(commands)
    reports.add_command(commands)
    fees.add_command(commands)
    export.add_command(commands)
    member_import.add_command(commands)
    gdpr.add_command(commands)
    safety.add_commands(commands)
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
        message = failure_message(error, database_path(args))
        if message is None:
            report = write_crash_report(error, " ".join(argv))
            message = _("unexpected error ({error}); nothing more was written. Details are "
                        "in {report}.").format(error=f"{type(error).__name__}: {error}",
                                               report=report or "-")
        print(_("clubdesk: {error}").format(error=message), file=sys.stderr)
        return EXIT_ERROR


def failure_message(error: BaseException, database: Path) -> str | None:
    """The one line a failed command prints, or None for an unexpected error."""
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
