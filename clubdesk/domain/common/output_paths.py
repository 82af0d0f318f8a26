"""Output paths the user names (``-o``, *Save as*): never the database, never a backup, and a
name whose suffix says what the file holds."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from clubdesk.db import open_database_path
from clubdesk.db.side_files import protected_reason
from clubdesk.domain.common.files import OutputFileError
from clubdesk.i18n import _


def checked_output_path(path: str | os.PathLike[str], suffixes: Sequence[str]) -> Path:
    """``path`` ready to be written, or :class:`OutputFileError` saying why it may not be.

    ``suffixes`` are the ones the content allows (``(".pdf",)``, ``(".csv", ".xlsx")``), the
    first being added to a name that has none. A path that is the open database, one of its
    side files, its lock, an existing backup or any existing SQLite file is refused.
    """
    target = Path(path).expanduser()
    if not target.name:
        raise OutputFileError(_("Give a file name ending in {suffix}.").format(
            suffix=suffixes[0]))
    if not target.suffix:
        target = target.with_name(target.name + suffixes[0])
    reason = protected_reason(target, open_database_path())
    if reason is not None:
        raise OutputFileError(reason)
    if target.suffix.lower() not in suffixes:
        names = [f"*{suffix}" for suffix in suffixes]
        allowed = names[0] if len(names) == 1 else _("{names} or {last}").format(
            names=", ".join(names[:-1]), last=names[-1])
        raise OutputFileError(_("Name the file {allowed}: “{suffix}” is not a format this "
                                "can be written in ({path}).").format(
                                    allowed=allowed, suffix=target.suffix, path=target))
    return target
