"""One window per file: ``NAME.db.lock`` says who has it open, the way office suites do.

The lock is a small JSON file (``pid``, ``host``, ``user``, ``since``) created beside the
database when a window opens it and removed when the window closes. A second window finds
it and asks; a lock left by a process that is gone (a crash, ``kill -9``) is removed without
asking. The command line does not take the lock: SQLite serialises its writes.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import getpass
import json
import os
import socket
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from clubdesk.db.side_files import lock_path


@dataclass(frozen=True)
class LockHolder:
    """Who has a database open."""

    pid: int
    host: str
    user: str
    since: dt.datetime

    def is_this_process(self) -> bool:
        return self.host == _host() and self.pid == os.getpid()


class DatabaseInUseError(Exception):
    """Another window has the file open: ``holder`` says who."""

    def __init__(self, database: Path, holder: LockHolder) -> None:
        super().__init__(f"{database} is open by {holder.user} on {holder.host}")
        self.database = database
        self.holder = holder


def _host() -> str:
    return socket.gethostname()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is no reason to refuse a lock
        return "?"


def process_alive(pid: int) -> bool:
    """True when a process ``pid`` runs on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def read_holder(database: Path) -> LockHolder | None:
    """Who holds the lock of ``database``, as its lock file says; None if nobody or unreadable."""
    try:
        data = json.loads(lock_path(database).read_text(encoding="utf-8"))
        return LockHolder(int(data["pid"]), str(data["host"]), str(data["user"]),
                          dt.datetime.fromisoformat(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def boot_time() -> dt.datetime | None:
    """When this machine started (Linux), to tell a lock written before a restart."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            for line in stat:
                if line.startswith("btime "):
                    return dt.datetime.fromtimestamp(int(line.split()[1]))
    except (OSError, ValueError):
        pass
    return None


def _is_stale(holder: LockHolder | None) -> bool:
    """A lock nobody holds any more: unreadable, or its process on this machine is gone
    (or the machine restarted since, and the number now belongs to another process)."""
    if holder is None:
        return True
    if holder.host != _host():
        return False  # another computer's process: cannot be checked from here
    booted = boot_time()
    if booted is not None and holder.since < booted - dt.timedelta(minutes=1):
        return True
    return not process_alive(holder.pid)


def current_holder(database: Path) -> LockHolder | None:
    """The live holder of the lock, if any; a stale lock is removed on the way."""
    path = lock_path(database)
    if not path.exists():
        return None
    holder = read_holder(database)
    if _is_stale(holder):
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    return holder


class DatabaseLock:
    """The lock of one database, held by this process until :meth:`release`."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path(database)

    @classmethod
    def acquire(cls, database: Path) -> DatabaseLock:
        """Take the lock; :class:`DatabaseInUseError` when another live process has it.

        Re-acquiring a lock this process already holds (switching back to a file) is fine.
        """
        lock = cls(database)
        for _attempt in range(3):
            holder = current_holder(database)
            if holder is not None:
                if holder.is_this_process():
                    return lock
                raise DatabaseInUseError(database, holder)
            if lock._create():
                return lock
        holder = current_holder(database)
        if holder is None or holder.is_this_process():
            return lock
        raise DatabaseInUseError(database, holder)

    def _create(self) -> bool:
        """Write the lock file whole, or not at all if one appeared meanwhile."""
        content = json.dumps({
            "pid": os.getpid(), "host": _host(), "user": _user(),
            "since": dt.datetime.now().replace(microsecond=0).isoformat(),
            "application": "clubdesk",
        })
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.",
                                             dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(content)
            try:
                os.link(temporary, self.path)  # fails if the lock exists: atomic
            except FileExistsError:
                return False
            except OSError:  # a file system without hard links
                try:
                    descriptor = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                except FileExistsError:
                    return False
                with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                    stream.write(content)
            return True
        finally:
            Path(temporary).unlink(missing_ok=True)

    def release(self) -> None:
        """Remove the lock if it is still ours."""
        holder = read_holder(self.database)
        if holder is not None and holder.is_this_process():
            with contextlib.suppress(OSError):
                self.path.unlink()
