"""After an erasure: the backups still holding the person, until when, and purging them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from clubdesk.cli import main
from clubdesk.db import close_database
from clubdesk.domain.gdpr.gdpr import anonymize_member, gdpr_purge_backups_command
from clubdesk.domain.safety.backups import list_backups, make_backup
from clubdesk.domain.safety.held_backups import backups_holding, purge_backups


def _names_in(backup: Path) -> list[str]:
    with sqlite3.connect(backup) as copy:
        rows = copy.execute("SELECT last_name FROM member ORDER BY id").fetchall()
    copy.close()
    return [row[0] for row in rows]


def test_anonymising_backs_up_first_and_lists_what_still_holds_the_person(
        club: Path) -> None:
    old = make_backup("last week", now=dt.datetime.now() - dt.timedelta(days=7))
    result = anonymize_member(1)
    held = [item.backup.label for item in result.backups]
    assert held[0] == "before anonymising 1 member (number: 1)"
    assert old.label in held
    assert "Bénard" in _names_in(list_backups()[0].path)
    dated = {item.backup.label: item.removed_on for item in result.backups}
    assert dated[old.label] is not None and dated[old.label] > dt.date.today()


def test_a_backup_made_after_the_erasure_does_not_hold_the_person(club: Path) -> None:
    anonymize_member(1)
    after = make_backup("after")
    assert after.path not in [item.backup.path for item in backups_holding([1])]


def test_purging_makes_a_fresh_backup_then_removes_the_others(club: Path) -> None:
    make_backup("before")
    result = anonymize_member(1)
    fresh = purge_backups(result.backups)
    assert [backup.path for backup in list_backups()] == [fresh.path]
    assert "Bénard" not in " ".join(_names_in(fresh.path))
    assert backups_holding([1]) == []


def test_purge_refuses_a_member_not_anonymised(club: Path) -> None:
    make_backup()
    code, message = gdpr_purge_backups_command(2)
    assert code == 2 and "not anonymised" in message
    assert len(list_backups()) == 1


def test_from_the_command_line(closed_club: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(closed_club)
    assert main(["--lang", "en", "--db", db, "gdpr", "anonymize", "--member", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 backup made before still holds" in out and "purge-backups" in out
    assert main(["--lang", "en", "--db", db, "gdpr", "purge-backups", "--member", "1"]) == 0
    assert "1 backup holding member no. 1 removed" in capsys.readouterr().out
    close_database()
    assert all("Bénard" not in _names_in(backup.path) for backup in list_backups(closed_club))
