"""The audit log: one row an action, newest first, kept or undone with the caller's work."""

from __future__ import annotations

from pathlib import Path

import pytest

from clubdesk.db import AuditEntry, database
from clubdesk.domain.gdpr.audit import audit_entries, entries_about, member_numbers, record


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


@pytest.mark.parametrize(("details", "numbers"), [
    ("Personal data of member no. 12 exported (PDF).", {12}),
    ("Données personnelles du membre n° 12 exportées (JSON).", {12}),
    ("1 member anonymised (numbers: 7).", {7}),
    ("3 members anonymised (numbers: 3, 12, 40).", {3, 12, 40}),
    ("3 membres anonymisés (numéros : 3, 12, 40).", {3, 12, 40}),
    ("Member 7 merged into member 12: 30 related rows moved, 2 attendance conflicts "
     "resolved.", {7, 12}),
    ("Membre 7 fusionné dans le membre 12 : 30 lignes liées déplacées, 2 conflits de "
     "présence résolus.", {7, 12}),
    # Written since the counts have their plural forms.
    ("Member 7 merged into member 12: 1 related row moved, 0 attendance conflicts "
     "resolved.", {7, 12}),
    ("Membre 7 fusionné dans le membre 12\u00a0: 1 ligne liée déplacée, 0 conflit de "
     "présence résolu.", {7, 12}),
    ("Backup before changing membre n° 5", {5}),
    ("Members imported from liste-12.csv: 12 added, 0 updated, 0 skipped.", set()),
    ("Member list CSV", set()),
])
def test_member_numbers_in_any_language(details: str, numbers: set[int]) -> None:
    assert member_numbers(details) == numbers


def test_entries_about_a_member(db_path: Path) -> None:
    record("access", "Personal data of member no. 12 exported (PDF).")
    record("access", "Personal data of member no. 120 exported (PDF).")
    record("import", "Members imported from dupont.csv: 1 added, 0 updated, 0 skipped.")
    found = entries_about(12, lambda details: "dupont" in details)
    assert [entry.action for entry in found] == ["access", "import"]
