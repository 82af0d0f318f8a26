"""Restore: checked first, the current file backed up or kept aside, then replaced."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from pathlib import Path

import pytest
from conftest import file_hash, table_rows

from clubdesk.db import Member, close_database, database, open_database_path
from clubdesk.db.side_files import lock_path
from clubdesk.domain.safety.backups import list_backups, make_backup
from clubdesk.domain.safety.restore import RestoreError, restore_backup


def test_backup_wipe_restore_gives_identical_data(club: Path) -> None:
    close_database()
    before = table_rows(club)
    from clubdesk.db import open_database

    open_database(club)
    backup = make_backup("before the wipe")
    with database.atomic():
        for table in ("referral_status_change", "referral", "volunteer_entry", "attendance",
                      "guest", "membership_fee", "member"):
            database.execute_sql(f"DELETE FROM {table}")
    assert Member.select().count() == 0

    result = restore_backup(backup.path)

    assert open_database_path() == club and Member.select().count() == 2
    close_database()
    assert table_rows(club) == before
    assert result.safety_backup is not None and result.damaged_copy is None
    # The wiped state was backed up before the restore replaced it.
    assert table_rows(result.safety_backup.path)["member"] == []
    assert "before restoring the backup of" in result.safety_backup.label


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"%PDF-1.4 report"])
def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(
        closed_club: Path, tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "chosen.db"
    source.write_bytes(content)
    before = file_hash(closed_club)
    with pytest.raises(RestoreError, match="cannot be restored"):
        restore_backup(source, closed_club)
    assert file_hash(closed_club) == before
    assert list_backups(closed_club) == []


def test_the_database_itself_is_refused(closed_club: Path) -> None:
    before = file_hash(closed_club)
    with pytest.raises(RestoreError, match="the database itself"):
        restore_backup(closed_club, closed_club)
    assert file_hash(closed_club) == before


def test_a_damaged_backup_is_refused(closed_club: Path, tmp_path: Path) -> None:
    from clubdesk.db import open_database

    open_database(closed_club)
    backup = make_backup()
    close_database()
    data = bytearray(backup.path.read_bytes())
    data[8192:40960] = os.urandom(32768)  # pages 3 to 10
    damaged = tmp_path / "damaged-copy.db"
    damaged.write_bytes(bytes(data))
    before = file_hash(closed_club)
    with pytest.raises(RestoreError, match="cannot be restored"):
        restore_backup(damaged, closed_club)
    assert file_hash(closed_club) == before


def test_restore_over_a_damaged_file_keeps_it_aside(closed_club: Path) -> None:
    from clubdesk.db import open_database

    open_database(closed_club)
    backup = make_backup()
    close_database()
    expected = table_rows(closed_club)
    data = bytearray(closed_club.read_bytes())
    data[-5000:-100] = os.urandom(4900)
    closed_club.write_bytes(bytes(data))
    damaged_bytes = closed_club.read_bytes()

    result = restore_backup(backup.path, closed_club)

    assert result.damaged_copy is not None and result.safety_backup is None
    assert result.damaged_copy.name.startswith("clubdesk.db.damaged-")
    assert result.damaged_copy.read_bytes() == damaged_bytes
    close_database()
    assert table_rows(closed_club) == expected


def test_restore_is_refused_while_another_window_has_the_file(closed_club: Path,
                                                              tmp_path: Path) -> None:
    from clubdesk.db import open_database

    open_database(closed_club)
    backup = make_backup()
    close_database()
    lock_path(closed_club).write_text(json.dumps({
        "pid": os.getppid(), "host": socket.gethostname(), "user": "secretaire",
        "since": dt.datetime.now().isoformat()}))
    before = file_hash(closed_club)
    with pytest.raises(RestoreError, match="open in clubdesk by secretaire"):
        restore_backup(backup.path, closed_club)
    assert file_hash(closed_club) == before


def test_an_older_backup_is_upgraded_once_restored(closed_club: Path, tmp_path: Path) -> None:
    import sqlite3

    from clubdesk.db import SCHEMA_VERSION

    old = tmp_path / "schema4.db"
    with sqlite3.connect(closed_club) as source, sqlite3.connect(old) as target:
        source.backup(target)
        target.execute("ALTER TABLE association_settings DROP COLUMN backup_folder")
        target.execute("ALTER TABLE association_settings DROP COLUMN quorum_dues_only")
        target.execute("ALTER TABLE association_settings DROP COLUMN next_receipt")
        target.execute("DROP TABLE mandate")
        target.execute("CREATE TABLE old_fees AS SELECT id, member_id, period_start, "
                       "period_end, amount, paid_on, method FROM membership_fee")
        target.execute("DROP TABLE membership_fee")
        target.execute("DROP TABLE fee_rate")
        target.execute("ALTER TABLE old_fees RENAME TO membership_fee")
        target.execute("PRAGMA user_version = 4")
    source.close()
    target.close()

    restore_backup(old, closed_club)

    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert Member.select().count() == 2
