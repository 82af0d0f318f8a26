"""``clubdesk demo``: an empty database filled with a realistic association; ``clubdesk
stats``: the rows of each table."""

from __future__ import annotations

import argparse
import json

from clubdesk.cli.arguments import database_path, open_for
from clubdesk.cli.errors import EXIT_OK, CommandError
from clubdesk.demo.association import DemoError, build_demo
from clubdesk.domain.common.stats import row_counts
from clubdesk.i18n import _, ngettext


def cmd_demo(args: argparse.Namespace) -> int:
    open_for(args, create=True, writes=True)
    try:
        counts = build_demo(args.size, seed=args.seed)
    except DemoError as error:
        raise CommandError(str(error)) from error
    print(_("Demo data written to {path}: {members}, {events}, {attendance}.").format(
        path=database_path(args),
        members=ngettext("{n} member", "{n} members", counts["members"]),
        events=ngettext("{n} event", "{n} events", counts["events"]),
        attendance=ngettext("{n} attendance row", "{n} attendance rows",
                            counts["attendance"])))
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    open_for(args, create=False)
    counts = row_counts()
    if args.json:
        print(json.dumps(counts, sort_keys=False))
    else:
        width = max(len(key) for key in counts)
        for key, value in counts.items():
            print(f"{key.ljust(width)}  {value}")
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
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
