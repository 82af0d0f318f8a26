"""Writing output files so that a failure never leaves half a file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from clubdesk.db import open_database_path
from clubdesk.db.side_files import protected_reason
from clubdesk.i18n import _


class OutputFileError(Exception):
    """The output could not be written; ``str(error)`` says where and why."""


def describe_os_error(path: Path, error: OSError) -> str:
    """A sentence for the user about ``error`` while writing ``path``."""
    if error.errno == errno.ENOSPC:
        return _("Cannot write {path}: the disk is full.").format(path=path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("Cannot write {path}: permission denied (read-only folder or file?).").format(
            path=path)
    if error.errno == errno.ENOENT:
        return _("Cannot write {path}: the folder {folder} does not exist.").format(
            path=path, folder=path.parent)
    if error.errno == errno.EISDIR or path.is_dir():
        return _("Cannot write {path}: it is a folder.").format(path=path)
    return _("Cannot write {path}: {reason}.").format(path=path, reason=error.strerror or error)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` at once.

    On any exception (including a cancel) the temporary file is removed and an existing
    ``path`` is left exactly as it was. The database, its side files, its backups and any
    other SQLite file are refused before anything is written.
    """
    target = Path(path)
    reason = protected_reason(target, open_database_path())
    if reason is not None:
        raise OutputFileError(reason)
    if target.is_dir():
        raise OutputFileError(_("Cannot write {path}: it is a folder.").format(path=target))
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent or Path("."))
    except OSError as error:
        raise OutputFileError(describe_os_error(target, error)) from error
    os.close(handle)
    partial = Path(temporary)
    try:
        yield partial
        _give_usual_permissions(partial, target)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise OutputFileError(describe_os_error(target, error)) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _give_usual_permissions(partial: Path, target: Path) -> None:
    """mkstemp makes files only their owner may read: keep an old file's mode, else the
    mode a new file would have had (0666 less the umask)."""
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(partial, mode)


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` all at once or not at all."""
    with atomic_output(path) as partial:
        partial.write_bytes(data)
    return Path(path)
