"""One window per file: the lock says who has it, and a dead holder's lock is cleared."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from clubdesk.domain.safety import lock as lock_module
from clubdesk.domain.safety.lock import DatabaseInUseError, DatabaseLock, current_holder


def _write_lock(database: Path, pid: int, host: str | None = None,
                since: dt.datetime | None = None) -> dt.datetime:
    since = since or dt.datetime.now().replace(microsecond=0)
    database.with_name(database.name + ".lock").write_text(json.dumps({
        "pid": pid, "host": host or socket.gethostname(), "user": "tresorier",
        "since": since.isoformat()}))
    return since


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_lock_says_who_holds_it_and_goes_on_release(tmp_path: Path) -> None:
    database = tmp_path / "asso.db"
    lock = DatabaseLock.acquire(database)
    data = json.loads(database.with_name("asso.db.lock").read_text())
    assert data["pid"] == os.getpid() and data["host"] == socket.gethostname()
    assert {"user", "since"} <= set(data)
    assert DatabaseLock.acquire(database).path == lock.path  # this process again: fine
    lock.release()
    assert not lock.path.exists()


def test_a_live_holder_refuses_a_second_window(tmp_path: Path) -> None:
    database = tmp_path / "asso.db"
    since = _write_lock(database, os.getppid())
    with pytest.raises(DatabaseInUseError) as refused:
        DatabaseLock.acquire(database)
    holder = refused.value.holder
    assert holder.user == "tresorier" and holder.since == since
    # Releasing a lock that is not ours leaves it.
    DatabaseLock(database).release()
    assert database.with_name("asso.db.lock").exists()


def test_a_lock_left_by_a_dead_process_is_cleared_without_asking(tmp_path: Path) -> None:
    database = tmp_path / "asso.db"
    _write_lock(database, _dead_pid())
    assert current_holder(database) is None
    lock = DatabaseLock.acquire(database)
    assert json.loads(lock.path.read_text())["pid"] == os.getpid()


def test_a_garbled_lock_is_cleared(tmp_path: Path) -> None:
    database = tmp_path / "asso.db"
    database.with_name("asso.db.lock").write_text("{\"pid\": 12")
    DatabaseLock.acquire(database)


def test_a_lock_from_before_the_last_restart_is_stale(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "asso.db"
    _write_lock(database, os.getppid(), since=dt.datetime(2026, 1, 1, 8, 0))
    monkeypatch.setattr(lock_module, "boot_time", lambda: dt.datetime(2026, 12, 1))
    assert current_holder(database) is None


def test_another_computers_lock_is_respected(tmp_path: Path) -> None:
    database = tmp_path / "asso.db"
    _write_lock(database, _dead_pid(), host="portable-du-president")
    with pytest.raises(DatabaseInUseError):
        DatabaseLock.acquire(database)
