"""A full disk or a read-only file: the write is undone and the user told why."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from peewee import OperationalError

from clubdesk.db import Member, database
from clubdesk.db.errors import storage_error_message
from clubdesk.domain.members.member_form import MemberInput
from clubdesk.domain.members.members import create_member


def _fill_the_disk() -> None:
    """SQLite reports SQLITE_FULL once the file may not grow: a full disk, for real."""
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")


def test_full_disk_undoes_the_whole_write_and_explains(db_path: Path, make_member) -> None:
    make_member(last_name="Existant")
    _fill_the_disk()
    long_notes = "Notes très longues. " * 250  # 5,000 characters, the most: new pages
    with pytest.raises(OperationalError) as caught:
        create_member(MemberInput(first_name="Zoë", last_name="Plein", notes=long_notes))
    assert [m.last_name for m in Member.select()] == ["Existant"]
    message = storage_error_message(caught.value)
    assert message is not None
    assert "disk is full" in message and "Nothing was saved" in message


@pytest.mark.parametrize(("raw", "expected"), [
    ("attempt to write a readonly database", "read-only"),
    ("database is locked", "another program"),
    ("database disk image is malformed", "damaged"),
])
def test_messages_for_other_storage_failures(raw: str, expected: str) -> None:
    assert expected in storage_error_message(sqlite3.OperationalError(raw))


def test_other_errors_are_not_storage_errors() -> None:
    assert storage_error_message(ValueError("bad value")) is None
