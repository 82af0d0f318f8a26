"""Counts over the whole database, for the command line and the status bar."""

from __future__ import annotations

from peewee import SQL, Select, fn

from clubdesk.db import (
    Attendance,
    BaseModel,
    Event,
    Guest,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
    database,
)

COUNTED_TABLES: dict[str, type[BaseModel]] = {
    "members": Member,
    "events": Event,
    "attendance": Attendance,
    "guests": Guest,
    "volunteer_entries": VolunteerEntry,
    "referrals": Referral,
    "fees": MembershipFee,
}


def row_counts() -> dict[str, int]:
    """The number of rows of each table, keyed as :data:`COUNTED_TABLES`, in one query."""
    query = Select(
        columns=[
            model.select(fn.COUNT(SQL("*"))).alias(key)
            for key, model in COUNTED_TABLES.items()
        ]
    ).bind(database)
    row = query.dicts().get()
    return {key: int(row[key]) for key in COUNTED_TABLES}


def register_is_empty() -> bool:
    """True when the file holds no member and no event yet: a new association's file."""
    return not (Member.select().exists() or Event.select().exists())
