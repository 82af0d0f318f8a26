"""Backup copies of a database: made with ``VACUUM INTO``, checked, then put in place.

A copy is written under a temporary name, checked (SQLite's integrity and foreign-key checks,
the schema version), and only then renamed into the backups folder with a small JSON file
beside it saying when, why and what was checked. A copy that fails, or a process killed
half-way, leaves at most a temporary file that no list shows and the next backup removes:
never a broken backup, and never one pushing out a good one.

Never a file copy: a database in WAL mode keeps its latest changes in ``NAME.db-wal``, and
copying the file alone loses them. ``VACUUM INTO`` reads one consistent snapshot while other
programs go on writing.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from clubdesk import __version__
from clubdesk.db.file_check import FileCheck, check_file
from clubdesk.i18n import _

PARTIAL_SUFFIX = ".partial"
# A temporary copy older than this was left by a process that died (a backup of the
# largest file takes seconds); a younger one may belong to a backup under way.
STALE_PARTIAL_SECONDS = 3600
_STAMP = "%Y-%m-%d_%H-%M-%S"


class BackupError(Exception):
    """No backup was made; ``str(error)`` says why, for the user. Existing ones are intact."""


@dataclass(frozen=True)
class Backup:
    """One verified backup copy and what its description file says of it."""

    path: Path
    created: dt.datetime
    label: str
    size: int
    schema: int
    verified: bool

    @property
    def description_path(self) -> Path:
        return description_path(self.path)


def description_path(backup: Path) -> Path:
    """``NAME-2026-12-06_20-56-23.json`` beside ``NAME-2026-12-06_20-56-23.db``."""
    return backup.with_suffix(".json")


def _name_pattern(database: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(database.stem)}-(\d{{4}}-\d\d-\d\d_\d\d-\d\d-\d\d)"
                      rf"(?:-\d+)?\.db")


def _free_name(folder: Path, database: Path, created: dt.datetime) -> Path:
    base = f"{database.stem}-{created.strftime(_STAMP)}"
    candidate = folder / f"{base}.db"
    number = 2
    while candidate.exists() or description_path(candidate).exists():
        candidate = folder / f"{base}-{number}.db"
        number += 1
    return candidate


def storage_reason(error: BaseException, where: Path) -> str:
    """The user's words for a failure to write ``where``."""
    text = str(error).lower()
    code = getattr(error, "errno", None)
    if code == errno.ENOSPC or "disk is full" in text or "database or disk is full" in text:
        return _("the disk holding {where} is full").format(where=where)
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text \
            or "unable to open" in text:
        return _("{where} cannot be written (read-only or no permission)").format(
            where=where)
    if "locked" in text or "busy" in text:
        return _("another program is using the database; try again in a moment")
    return str(error)


def prepare_folder(folder: Path) -> None:
    """Create the backups folder if needed; BackupError when it cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(_("Cannot create the backups folder {folder}: {reason}.").format(
            folder=folder, reason=storage_reason(error, folder))) from error
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupError(_("Cannot write in the backups folder {folder}: check that you may "
                            "write to it.").format(folder=folder))


def _check_room(database: Path, folder: Path) -> None:
    """Refuse before starting when the copy clearly cannot fit."""
    try:
        needed = database.stat().st_size
        for side in (database.with_name(database.name + "-wal"),):
            if side.exists():
                needed += side.stat().st_size
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < needed + 1_000_000:
        raise BackupError(_("No backup was made: the disk holding {folder} is full ({free} MB "
                            "free, about {needed} MB needed).").format(
                                folder=folder, free=free // 1_000_000,
                                needed=needed // 1_000_000 + 1))


def remove_stale_partials(folder: Path, database: Path, now: float | None = None) -> None:
    """Delete what a backup that died (killed, power cut) left: temporary copies, and
    descriptions whose copy is gone."""
    now = time.time() if now is None else now
    pattern = _name_pattern(database)
    leftovers = list(folder.glob(f".*{PARTIAL_SUFFIX}*"))
    leftovers += [path for path in folder.glob("*.json")
                  if pattern.fullmatch(path.with_suffix(".db").name)
                  and not path.with_suffix(".db").exists()]
    for leftover in leftovers:
        try:
            if now - leftover.stat().st_mtime > STALE_PARTIAL_SECONDS:
                leftover.unlink()
        except OSError:
            continue


def copy_database(database: Path, target: Path) -> None:
    """One consistent snapshot of ``database`` into the new file ``target``."""
    # mode=rw: never create an empty file where the database went missing.
    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=rw", uri=True, timeout=30)
    try:
        connection.execute("VACUUM INTO ?", (str(target),))
    finally:
        connection.close()


def _checked_copy(database: Path, partial: Path) -> FileCheck:
    """Copy ``database`` to ``partial`` and check the copy; BackupError if unsound."""
    copy_database(database, partial)
    result = check_file(partial)
    if not result.sound:
        raise BackupError(_("The backup copy of {database} failed its check and was not "
                            "kept: {problem}").format(database=database.name,
                                                      problem=result.problems[0]))
    return result


def make_backup(database: Path, folder: Path, label: str = "",
                now: dt.datetime | None = None) -> Backup:
    """Copy ``database`` into ``folder``, check the copy, and keep it only if it is sound.

    Raises :class:`BackupError` (nothing kept, nothing else touched) when the folder cannot
    be written, the disk is full, or the copy fails its checks.
    """
    created = now or dt.datetime.now()
    prepare_folder(folder)
    remove_stale_partials(folder, database)
    _check_room(database, folder)
    final = _free_name(folder, database, created)
    partial = folder / f".{final.name}{PARTIAL_SUFFIX}"
    partial_description = folder / f".{description_path(final).name}{PARTIAL_SUFFIX}"
    try:
        result = _checked_copy(database, partial)
        size = partial.stat().st_size
        backup = Backup(final, created, label, size, result.schema or 0, True)
        partial_description.write_text(json.dumps(_description(backup, database),
                                                  ensure_ascii=False, indent=1),
                                       encoding="utf-8")
        # The description first: a copy without one is never listed, so a crash between
        # the two renames leaves no broken entry.
        os.replace(partial_description, description_path(final))
        os.replace(partial, final)
    except (OSError, sqlite3.Error) as error:
        description_path(final).unlink(missing_ok=True)
        raise BackupError(_("No backup was made: {reason}.").format(
            reason=storage_reason(error, folder))) from error
    finally:
        for leftover in (partial, partial_description,
                         partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
    return backup


def _description(backup: Backup, database: Path) -> dict[str, object]:
    return {
        "created": backup.created.isoformat(),
        "label": backup.label,
        "database": str(database),
        "schema": backup.schema,
        "size": backup.size,
        "verified": backup.verified,
        "checks": ["integrity_check", "foreign_key_check", "user_version"],
        "clubdesk": __version__,
    }


def read_backup(path: Path) -> Backup | None:
    """The backup at ``path`` as its description tells, or None without a valid one."""
    try:
        data = json.loads(description_path(path).read_text(encoding="utf-8"))
        return Backup(path, dt.datetime.fromisoformat(data["created"]), str(data["label"]),
                      path.stat().st_size, int(data["schema"]), bool(data["verified"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def list_backups(database: Path, folder: Path) -> list[Backup]:
    """The verified backups of ``database`` in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    pattern = _name_pattern(database)
    backups = []
    for path in folder.iterdir():
        if not pattern.fullmatch(path.name):
            continue
        backup = read_backup(path)
        if backup is not None and backup.verified:
            backups.append(backup)
    return sorted(backups, key=lambda backup: (backup.created, backup.path.name),
                  reverse=True)


def delete_backup(backup: Backup) -> None:
    """Remove a backup and its description (the description last: never listed broken)."""
    backup.path.unlink(missing_ok=True)
    backup.description_path.unlink(missing_ok=True)


def export_copy(database: Path, target: Path) -> None:
    """A checked copy of ``database`` at ``target`` (outside the rotation), all or nothing."""
    if not target.parent.is_dir():
        raise BackupError(_("No copy was made: the folder {folder} does not exist.").format(
            folder=target.parent))
    partial = target.with_name(f".{target.name}{PARTIAL_SUFFIX}")
    partial.unlink(missing_ok=True)
    try:
        _checked_copy(database, partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(_("No copy was made: {reason}.").format(
            reason=storage_reason(error, target.parent))) from error
    finally:
        partial.unlink(missing_ok=True)
        partial.with_name(partial.name + "-journal").unlink(missing_ok=True)
