"""Backups: verified copies, made while others write, never replacing a good one."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import table_rows

from clubdesk.db import backup_files
from clubdesk.db.backup_files import BackupError
from clubdesk.db.backup_files import list_backups as list_folder
from clubdesk.db.file_check import check_file
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.safety.backups import (
    backup_before,
    backup_folders,
    list_backups,
    make_backup,
)


def test_a_backup_is_a_checked_copy_with_its_description(club: Path) -> None:
    backup = make_backup("on request")
    assert backup.path.parent == club.with_name("clubdesk-backups")
    assert backup.verified and backup.label == "on request"
    assert check_file(backup.path).sound
    assert backup.description_path.exists()
    assert table_rows(backup.path) == table_rows(club)
    assert list_backups() == [backup]
    assert not [path for path in backup.path.parent.iterdir() if "partial" in path.name]


def test_backup_before_an_operation_is_labelled(club: Path) -> None:
    backup = backup_before("deleting the series Réunion du mardi")
    assert backup.label == "before deleting the series Réunion du mardi"
    assert list_backups()[0].label == backup.label


def test_backup_while_another_process_writes_passes_its_checks(club: Path,
                                                               tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sqlite3, time
        connection = sqlite3.connect({str(club)!r}, timeout=30, isolation_level=None)
        connection.execute("PRAGMA journal_mode=wal")
        end = time.time() + 4
        while time.time() < end:
            connection.execute("BEGIN IMMEDIATE")
            for n in range(50):
                connection.execute(
                    "INSERT INTO audit_entry (at, action, details, rows) "
                    "VALUES (datetime('now'), 'test', 'written meanwhile', 0)")
            connection.execute("COMMIT")
        print("done")
    """)
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    try:
        counts = []
        for _round in range(5):
            backup = make_backup()
            assert check_file(backup.path).sound
            with sqlite3.connect(backup.path) as copy:
                counts.append(copy.execute("SELECT count(*) FROM audit_entry").fetchone()[0])
            copy.close()
            time.sleep(0.2)
    finally:
        out, _err = writer.communicate(timeout=60)
    assert out.strip() == b"done"
    assert counts == sorted(counts) and counts[-1] > counts[0]  # the writer went on
    assert all(count % 50 == 0 for count in counts)  # whole transactions only


def test_a_backup_that_fails_its_check_never_replaces_a_good_one(
        club: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = make_backup("good")
    monkeypatch.setattr(backup_files, "check_file", lambda path: type(check_file(path))(
        5, ["*** in database main *** Page 3: btree page damaged"]))
    with pytest.raises(BackupError, match="failed its check"):
        make_backup("bad", now=dt.datetime.now() + dt.timedelta(days=30))
    assert list_backups() == [good]
    assert sorted(path.name for path in good.path.parent.iterdir()) == sorted(
        [good.path.name, good.description_path.name])


def test_a_full_disk_gives_a_clear_message_and_removes_nothing(
        club: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = make_backup("old", now=dt.datetime.now() - dt.timedelta(days=40))
    older = make_backup("older", now=dt.datetime.now() - dt.timedelta(days=41))

    def full(database: Path, target: Path) -> None:
        target.write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_files, "copy_database", full)
    with pytest.raises(BackupError, match="disk holding .* is full"):
        make_backup("new")
    # The rotation did not run: the two old ones (same week) are both still there.
    assert {backup.label for backup in list_backups()} == {old.label, older.label}
    assert not [path for path in old.path.parent.iterdir() if "partial" in path.name]


def test_no_room_is_said_before_copying(club: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_files.shutil, "disk_usage",
                        lambda folder: type("Usage", (), {"free": 10})())
    with pytest.raises(BackupError, match="is full"):
        make_backup()
    assert list_backups() == []


def test_the_chosen_folder_is_used_and_an_absent_one_falls_back(club: Path,
                                                                tmp_path: Path) -> None:
    chosen = tmp_path / "usb-key" / "clubdesk"
    update_settings(backup_folder=str(chosen))
    assert backup_folders() == [chosen, club.with_name("clubdesk-backups")]
    first = make_backup()
    assert first.path.parent == chosen
    # The key is unplugged: a file stands where its folder was.
    for path in chosen.iterdir():
        path.unlink()
    chosen.rmdir()
    chosen.write_text("not a folder")
    second = make_backup(now=dt.datetime.now() + dt.timedelta(seconds=5))
    assert second.path.parent == club.with_name("clubdesk-backups")
    assert list_backups() == [second]


def test_rotation_runs_after_each_good_backup(club: Path) -> None:
    now = dt.datetime.now()
    for days in (40, 39, 38):  # the same week, long ago
        make_backup(f"{days} days ago", now=now - dt.timedelta(days=days))
    make_backup("today", now=now)
    labels = [backup.label for backup in list_backups()]
    assert labels[0] == "today" and len(labels) <= 3
    assert "38 days ago" in labels or "39 days ago" in labels


KILLED_BACKUP = """
import sys, time
from pathlib import Path
from clubdesk.db import backup_files, open_database
from clubdesk.domain.safety.backups import make_backup

real = backup_files.copy_database

def slow(database, target):
    real(database, target)
    Path(sys.argv[2]).write_text("copied")
    time.sleep(60)  # killed here, its copy not yet checked

backup_files.copy_database = slow
open_database(sys.argv[1])
make_backup("killed")
"""


def test_kill_during_a_backup_leaves_no_broken_file_in_the_list(closed_club: Path,
                                                                tmp_path: Path) -> None:
    from clubdesk.db import open_database

    open_database(closed_club)
    good = make_backup("good")
    signal_file = tmp_path / "copied"
    process = subprocess.Popen([sys.executable, "-c", KILLED_BACKUP, str(closed_club),
                                str(signal_file)])
    deadline = time.time() + 60
    while not signal_file.exists() and time.time() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    folder = good.path.parent
    assert [path for path in folder.iterdir() if path.name.endswith(".partial")]
    assert list_backups() == [good]
    # An hour later the next backup clears what the killed one left.
    backup_files.remove_stale_partials(folder, closed_club, now=time.time() + 7200)
    assert not [path for path in folder.iterdir() if "partial" in path.name]
    assert list_folder(closed_club, folder) == [good]
