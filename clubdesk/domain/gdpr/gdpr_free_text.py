"""Which text columns may name a member, and clearing their traces from all of them.

Every text column of every model is either free text, searched on erasure
(:data:`FREE_TEXT`), or left out for a stated reason (:data:`NOT_FREE_TEXT`);
``tests/domain/test_gdpr_free_text.py`` fails when a new column is neither.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from functools import reduce

from peewee import CharField, Field, TextField

from clubdesk.db import (
    ALL_MODELS,
    AssociationSettings,
    Attendance,
    AuditEntry,
    BaseModel,
    Event,
    EventSeries,
    FeeRate,
    Guest,
    ImportMapping,
    Mandate,
    Member,
    MembershipFee,
    Referral,
    ReferralStatusChange,
    VolunteerCategory,
    VolunteerEntry,
    database,
)
from clubdesk.domain.gdpr.gdpr_traces import TraceFinder

FREE_TEXT: tuple[Field, ...] = (
    Member.notes,
    EventSeries.title, EventSeries.location,
    Event.title, Event.location, Event.description,
    Attendance.substitute_name, Attendance.note,
    Guest.name, Guest.company, Guest.email,
    VolunteerEntry.category, VolunteerEntry.description,
    VolunteerCategory.name,
    Referral.external_recipient, Referral.contact, Referral.description,
    MembershipFee.payer, MembershipFee.note,
    AuditEntry.details,
    AssociationSettings.address,
)
"""Text that people type and that may name anyone: searched and cleaned on erasure."""

_CODE = "a code from a fixed list"
_IDENTITY = ("another member's own identity: theirs to keep (the erased member's own row "
             "is emptied field by field)")
NOT_FREE_TEXT: dict[Field, str] = {
    Member.first_name: _IDENTITY, Member.last_name: _IDENTITY, Member.email: _IDENTITY,
    Member.phone: _IDENTITY, Member.company: _IDENTITY, Member.profession: _IDENTITY,
    Member.sector: _IDENTITY, Member.address: _IDENTITY, Member.city: _IDENTITY,
    Member.postcode: _IDENTITY,
    Member.status: _CODE, Member.role: _CODE, MembershipFee.method: _CODE,
    EventSeries.kind: _CODE, EventSeries.frequency: _CODE, Event.kind: _CODE,
    Attendance.status: _CODE, Referral.status: _CODE, ReferralStatusChange.status: _CODE,
    AuditEntry.action: _CODE,
    ImportMapping.headers: "the column headings of an imported file, not its rows",
    ImportMapping.mapping: "which column went to which field (JSON), no personal data",
    AssociationSettings.name: "the association's own name",
    FeeRate.name: "the name of a rate of the fee schedule",
    MembershipFee.cheque_number: "a cheque's number, digits",
    MembershipFee.reference: "an online platform's order number",
    Mandate.title: "the name of a role in the bureau",
    Mandate.role: _CODE,
    AssociationSettings.backup_folder: "a folder on this computer, chosen by the user",
}
"""Text columns that are not searched, and why."""


def text_columns() -> Iterator[Field]:
    """Every text column of every model, in model order."""
    for model in ALL_MODELS:
        for field in model._meta.sorted_fields:
            if isinstance(field, (CharField, TextField)):
                yield field


def _columns_by_model() -> dict[type[BaseModel], list[Field]]:
    grouped: dict[type[BaseModel], list[Field]] = {}
    for field in FREE_TEXT:
        grouped.setdefault(field.model, []).append(field)
    return grouped


def erase_traces(finder: TraceFinder, labels: Mapping[int, str]) -> int:
    """Replace every trace ``finder`` knows by its person's label, in every free-text
    column; the number of rows changed. Call inside the caller's transaction.

    One query per table reads its non-empty texts; only the rows that change are written.
    """
    changed = 0
    for model, fields in _columns_by_model().items():
        query = (model
                 .select(model._meta.primary_key, *fields)
                 .where(reduce(operator.or_, (field != "" for field in fields))))
        rows: set[int] = set()
        updates: dict[Field, list[tuple[str, int]]] = {field: [] for field in fields}
        # The plain rows of the cursor: text comes out as it went in, and three times as
        # fast as through the model (300,000 texts at federation scale).
        for row_id, *texts in database.execute(query):
            for field, text in zip(fields, texts, strict=True):
                if text and (cleaned := finder.replace(text, labels)) != text:
                    updates[field].append((cleaned, row_id))
                    rows.add(row_id)
        # Written once the table is read (no update under an open cursor), one statement
        # a column: thousands of rows change when thousands of members are anonymised.
        for field, values in updates.items():
            if values:
                database.cursor().executemany(
                    f'UPDATE "{model._meta.table_name}" SET "{field.column_name}" = ? '
                    f'WHERE "{model._meta.primary_key.column_name}" = ?', values)
        changed += len(rows)
    return changed
