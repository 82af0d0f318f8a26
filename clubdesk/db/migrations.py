"""Schema versions, kept in ``PRAGMA user_version``.

A new file gets the current tables directly. An older file is upgraded one step at a time,
all steps in one transaction, after a backup copy is made beside it. To change the schema:
bump :data:`SCHEMA_VERSION` and add a function to :data:`STEPS` that upgrades from the
previous version (``playhouse.migrate`` or plain SQL).
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase
from playhouse.migrate import SqliteMigrator, migrate

from clubdesk.db.models import ALL_MODELS, AssociationSettings

SCHEMA_VERSION = 2


def _v1_to_v2(db: SqliteDatabase) -> None:
    """General-assembly and attendance-alert settings."""
    migrator = SqliteMigrator(db)
    settings = AssociationSettings._meta
    migrate(*(
        migrator.add_column(settings.table_name, name, settings.fields[name])
        for name in ("max_proxies_per_holder", "quorum_share", "absence_alert_count",
                     "absence_alert_months")
    ))


# STEPS[n] upgrades a database from version n to n + 1.
STEPS: dict[int, Callable[[SqliteDatabase], None]] = {1: _v1_to_v2}


def user_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def create_schema(db: SqliteDatabase) -> None:
    """Create every table of the current schema in an empty database."""
    with db.atomic():
        db.create_tables(ALL_MODELS)
        AssociationSettings.get_or_create(id=1)
        db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def upgrade(db: SqliteDatabase, from_version: int) -> None:
    """Run every step from ``from_version`` to :data:`SCHEMA_VERSION` in one transaction."""
    with db.atomic():
        for version in range(from_version, SCHEMA_VERSION):
            STEPS[version](db)
        db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
