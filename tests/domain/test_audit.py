"""The audit log: one row an action, newest first, kept or undone with the caller's work."""

from __future__ import annotations

from pathlib import Path

import pytest

from clubdesk.db import AuditEntry, database
from clubdesk.domain.audit import audit_entries, record


def test_record_writes_one_row(db_path: Path) -> None:
    entry = record("export", "Member list (CSV)", rows=12)
    assert AuditEntry.select().count() == 1
    assert (entry.action, entry.details, entry.rows) == ("export", "Member list (CSV)", 12)


def test_entries_are_newest_first_and_limited(db_path: Path) -> None:
    for number in range(5):
        record("import", f"file {number}")
    entries = audit_entries(limit=3)
    assert [entry.details for entry in entries] == ["file 4", "file 3", "file 2"]


def test_an_entry_inside_a_failed_transaction_is_undone(db_path: Path) -> None:
    with pytest.raises(RuntimeError), database.atomic():
        record("erasure", "member no. 1")
        raise RuntimeError("boom")
    assert audit_entries() == []
