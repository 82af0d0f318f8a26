"""What an unexpected error leaves behind: a report file in the data folder, for whoever
helps the association, instead of a traceback in front of the user."""

from __future__ import annotations

import datetime as dt
import platform
import sys
import traceback
from pathlib import Path

from platformdirs import user_data_dir

from clubdesk import __version__


def crash_folder() -> Path:
    return Path(user_data_dir("clubdesk", appauthor=False)) / "crash-reports"


def write_crash_report(error: BaseException, context: str = "") -> Path | None:
    """Write what happened to ``crash-reports/crash-DATE.txt``; None if it cannot be written.

    The report holds the error and where it happened in the code, never data from the file.
    """
    now = dt.datetime.now()
    folder = crash_folder()
    lines = [
        f"clubdesk {__version__} — {now.isoformat(timespec='seconds')}",
        f"Python {sys.version.split()[0]} on {platform.platform()}",
        f"While: {context}" if context else "",
        "",
        *traceback.format_exception(type(error), error, error.__traceback__),
    ]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{now.strftime('%Y-%m-%d_%H-%M-%S')}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
    except OSError:
        return None
    return path
