"""Persistence: the peewee models and opening a database file."""

from clubdesk.db.connection import close_database, open_database
from clubdesk.db.errors import DatabaseOpenError
from clubdesk.db.migrations import SCHEMA_VERSION
from clubdesk.db.models import (
    ALL_MODELS,
    ATTENDANCE_STATUSES,
    BUREAU_ROLES,
    EVENT_KINDS,
    MEMBER_STATUSES,
    PAYMENT_METHODS,
    REFERRAL_STATUSES,
    SERIES_FREQUENCIES,
    AssociationSettings,
    Attendance,
    BaseModel,
    Event,
    EventSeries,
    Guest,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
    database,
)

__all__ = [
    "ALL_MODELS",
    "ATTENDANCE_STATUSES",
    "BUREAU_ROLES",
    "EVENT_KINDS",
    "MEMBER_STATUSES",
    "PAYMENT_METHODS",
    "REFERRAL_STATUSES",
    "SCHEMA_VERSION",
    "SERIES_FREQUENCIES",
    "AssociationSettings",
    "Attendance",
    "BaseModel",
    "DatabaseOpenError",
    "Event",
    "EventSeries",
    "Guest",
    "Member",
    "MembershipFee",
    "Referral",
    "VolunteerEntry",
    "close_database",
    "database",
    "open_database",
]
