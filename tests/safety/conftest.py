"""Fixtures of the safety tests: a small association on a real file, and its fingerprint."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from clubdesk.db import close_database


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in order: two files hold the same data when equal."""
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        rows = {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
                for table in tables}
    connection.close()
    return rows


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def club(db_path: Path, make_member) -> Path:
    """An open database with a few members, referrals and hours."""
    from clubdesk.db import Referral, VolunteerEntry

    first = make_member(first_name="Éloïse", last_name="Bénard", phone="+33612345678")
    second = make_member(first_name="Loïc", last_name="Nguyễn")
    Referral.create(giver=first, receiver=second, date="2026-03-02", description="Cuisine")
    VolunteerEntry.create(member=second, date="2026-03-03", hours=2, category="Events")
    return db_path


@pytest.fixture
def closed_club(club: Path) -> Path:
    """The same association, its file closed (WAL emptied into it)."""
    close_database()
    return club
