"""Commands that keep the file safe: ``init``, ``backup``, ``backups``, ``restore``, ``check``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from clubdesk.cli.arguments import database_path
from clubdesk.cli.errors import EXIT_OK, EXIT_PROBLEMS, CommandError
from clubdesk.db import open_database
from clubdesk.db.backup_files import export_copy
from clubdesk.db.file_check import check_file
from clubdesk.domain.common.output_paths import checked_output_path
from clubdesk.domain.safety.backups import backup_folders, list_backups, make_backup
from clubdesk.domain.safety.damage import damage_message, format_moment
from clubdesk.domain.safety.restore import RestoreError, restore_backup
from clubdesk.domain.safety.sync_folders import unsafe_location
from clubdesk.i18n import _, current_language, ngettext


def _size(size: int) -> str:
    """"1.7 MB", "1,7 Mo": a backup's size as the user writes numbers."""
    if size < 100_000:
        return _("{size} kB").format(size=max(1, size // 1000))
    megabytes = f"{size / 1_000_000:.1f}"
    return _("{size} MB").format(
        size=megabytes.replace(".", ",") if current_language() == "fr" else megabytes)


def cmd_init(args: argparse.Namespace) -> int:
    database = database_path(args)
    if database.exists():
        raise CommandError(_("{path} already exists: nothing was changed. Open it, or choose "
                             "another file name.").format(path=database))
    open_database(database, create=True)
    print(_("Created an empty clubdesk database: {path}").format(path=database))
    place = unsafe_location(database)
    if place is not None:
        print(unsafe_location_warning(place), file=sys.stderr)
    return EXIT_OK


def unsafe_location_warning(place: str) -> str:
    if place == "network":
        where = _("on a network drive")
    else:
        where = _("in a folder synchronised by {service}").format(service=place)
    return _("Warning: this database is {where}; such folders can damage a database that is "
             "open. Keep the database on this computer, and choose a backups folder in the "
             "synchronised folder instead.").format(where=where)


def cmd_backup(args: argparse.Namespace) -> int:
    database = database_path(args)
    open_database(database, create=False)
    if args.output:
        target = checked_output_path(args.output, (".db",))
        export_copy(database, target)
        print(target)
    else:
        print(make_backup(_("on request")).path)
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    open_database(database_path(args), create=False)
    backups = list_backups()
    if args.json:
        print(json.dumps([{
            "path": str(backup.path), "created": backup.created.isoformat(),
            "label": backup.label, "size": backup.size, "schema": backup.schema,
            "verified": backup.verified} for backup in backups], ensure_ascii=False, indent=1))
        return EXIT_OK
    if not backups:
        print(_("No backup yet in {folder}.").format(folder=backup_folders()[0]))
        return EXIT_OK
    for backup in backups:
        label = f"  {backup.label}" if backup.label else ""
        print(f"{format_moment(backup.created)}  {_size(backup.size):>9}  "
              f"{backup.path}{label}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    database = database_path(args)
    try:
        result = restore_backup(Path(args.file), database)
    except RestoreError as error:
        raise CommandError(str(error)) from error
    print(_("Restored {source} into {database}.").format(source=result.source,
                                                          database=database))
    if result.safety_backup is not None:
        print(_("The file as it was is kept as a backup: {path}").format(
            path=result.safety_backup.path))
    if result.damaged_copy is not None:
        print(_("The damaged file is kept as {path}").format(path=result.damaged_copy))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    database = database_path(args)
    if not database.exists():
        raise CommandError(_("{path} does not exist.").format(path=database))
    result = check_file(database)
    if not result.readable:
        raise CommandError(result.problems[0])
    if result.sound:
        print(_("{path} is sound: integrity and foreign keys checked (schema {schema}).")
              .format(path=database, schema=result.schema))
        return EXIT_OK
    for problem in result.problems:
        print(f"{database}: {problem}")
    print(damage_message(database, ngettext("{n} problem found",
                                            "{n} problems found", len(result.problems))),
          file=sys.stderr)
    return EXIT_PROBLEMS


def add_commands(commands: argparse._SubParsersAction) -> None:
    """The safety commands."""
    init = commands.add_parser(
        "init", help=_("create an empty database"),
        description=_("Create an empty clubdesk database at --db PATH (refused if the file "
                      "exists)."))
    init.set_defaults(handler=cmd_init)

    backup = commands.add_parser(
        "backup", help=_("make a verified backup now"),
        description=_("Make a verified backup of the database in its backups folder (or "
                      "into FILE.db with -o) and print its path."))
    backup.add_argument("-o", "--output", metavar="FILE.db",
                        help=_("write the copy there instead of the backups folder"))
    backup.set_defaults(handler=cmd_backup)

    backups = commands.add_parser(
        "backups", help=_("list the backups"),
        description=_("List the verified backups of the database, newest first."))
    backups.add_argument("--json", action="store_true", help=_("print one JSON list"))
    backups.set_defaults(handler=cmd_backups)

    restore = commands.add_parser(
        "restore", help=_("replace the database by a backup"),
        description=_("Replace the database by the backup FILE, once FILE is checked. The "
                      "current file is backed up first (or kept as NAME.db.damaged-DATE when "
                      "damaged)."))
    restore.add_argument("file", metavar="FILE", help=_("the backup to restore"))
    restore.set_defaults(handler=cmd_restore)

    check = commands.add_parser(
        "check", help=_("check the database for damage"),
        description=_("Run SQLite's integrity and foreign-key checks: exit 0 when the file is "
                      "sound, 1 with one line per problem."))
    check.set_defaults(handler=cmd_check)
