"""The audit log: what was done in bulk or to personal data (GDPR accountability).

Entries never name a person: they say what was done, to how many rows, with numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clubdesk.db import AuditEntry, database


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: dt.datetime
    action: str
    details: str
    rows: int


def record(action: str, details: str, rows: int = 0) -> AuditRecord:
    """Write one entry: in its own small transaction, or inside the caller's if one is open
    (then it is kept or rolled back with the caller's changes)."""
    with database.atomic():
        entry = AuditEntry.create(action=action, details=details, rows=rows)
    return _record(entry)


def audit_entries(limit: int = 500) -> list[AuditRecord]:
    """The latest ``limit`` entries, newest first."""
    query = (AuditEntry.select()
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
             .limit(limit))
    return [_record(entry) for entry in query]


def _record(entry: AuditEntry) -> AuditRecord:
    return AuditRecord(entry.id, entry.at, entry.action, entry.details, entry.rows)
