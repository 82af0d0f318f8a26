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

from clubdesk.db.models import (
    ALL_MODELS,
    AssociationSettings,
    AuditEntry,
    FeeRate,
    ImportMapping,
    Mandate,
    Member,
    MembershipFee,
    ReferralStatusChange,
    VolunteerCategory,
)
from clubdesk.i18n import _

SCHEMA_VERSION = 6


def _v1_to_v2(db: SqliteDatabase) -> None:
    """General-assembly and attendance-alert settings."""
    migrator = SqliteMigrator(db)
    settings = AssociationSettings._meta
    migrate(*(
        migrator.add_column(settings.table_name, name, settings.fields[name])
        for name in ("max_proxies_per_holder", "quorum_share", "absence_alert_count",
                     "absence_alert_months")
    ))


def default_categories() -> list[str]:
    """The volunteer categories a new association starts with, in the user's language."""
    return [_("Meeting organisation"), _("Welcoming guests"), _("Communication"),
            _("Mentoring"), _("Bureau work"), _("Events")]


def _seed_categories(db: SqliteDatabase) -> None:
    """Default categories, then every category already used by an entry."""
    names = default_categories()
    names += [row[0] for row in db.execute_sql(
        "SELECT DISTINCT category FROM volunteer_entry WHERE category <> '' ORDER BY 1")]
    for position, name in enumerate(dict.fromkeys(names)):
        db.execute_sql("INSERT OR IGNORE INTO volunteer_category (name, position, archived) "
                       "VALUES (?, ?, 0)", (name, position))


def _v2_to_v3(db: SqliteDatabase) -> None:
    """The list of volunteer categories and the history of referral statuses."""
    db.create_tables([VolunteerCategory, ReferralStatusChange])
    _seed_categories(db)
    # What is known of each referral's past: given on its date, its status since closing.
    db.execute_sql(
        "INSERT INTO referral_status_change (referral_id, status, changed_on, created_at) "
        "SELECT id, 'new', date, datetime('now') FROM referral")
    db.execute_sql(
        "INSERT INTO referral_status_change (referral_id, status, changed_on, created_at) "
        "SELECT id, status, COALESCE(closed_on, date), datetime('now') FROM referral "
        "WHERE status <> 'new'")


def _v3_to_v4(db: SqliteDatabase) -> None:
    """GDPR: consent withdrawals, anonymisation date, retention period, audit log, and the
    remembered column mappings of imports."""
    migrator = SqliteMigrator(db)
    member = Member._meta
    settings = AssociationSettings._meta
    migrate(
        *(migrator.add_column(member.table_name, name, member.fields[name])
          for name in ("consent_directory_withdrawn_on", "consent_photos_withdrawn_on",
                       "consent_newsletter_withdrawn_on", "anonymized_on")),
        migrator.add_column(settings.table_name, "retention_months",
                            settings.fields["retention_months"]),
    )
    db.create_tables([AuditEntry, ImportMapping])


def _v4_to_v5(db: SqliteDatabase) -> None:
    """The backups folder chosen in the settings."""
    migrator = SqliteMigrator(db)
    settings = AssociationSettings._meta
    migrate(migrator.add_column(settings.table_name, "backup_folder",
                                settings.fields["backup_folder"]))


def _v5_to_v6(db: SqliteDatabase) -> None:
    """Dues and mandates: the fee schedule, payments with their method, payer, reference and
    receipt number, and the history of roles.

    The fee table is rebuilt (SQLite cannot change a CHECK constraint in place: the online
    platforms join the payment methods). Before this version only the demonstration data
    held fees, some of them unpaid rows: what a member owes now comes from the fee
    schedule, so the unpaid rows give each fiscal year its rate and are not kept as
    payments. Each member's role becomes a mandate starting on the day they joined.
    """
    migrator = SqliteMigrator(db)
    settings = AssociationSettings._meta
    migrate(*(migrator.add_column(settings.table_name, name, settings.fields[name])
              for name in ("quorum_dues_only", "next_receipt")))
    start = int(db.execute_sql("SELECT COALESCE(MAX(fiscal_year_start_month), 1) "
                               "FROM association_settings").fetchone()[0])
    db.execute_sql("ALTER TABLE membership_fee RENAME TO membership_fee_v5")
    for (index,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                   "tbl_name = 'membership_fee_v5' AND sql IS NOT NULL").fetchall():
        db.execute_sql(f'DROP INDEX "{index}"')
    db.create_tables([FeeRate, MembershipFee, Mandate])
    fiscal_year = ("CAST(strftime('%Y', period_start) AS INTEGER) - "
                   f"(CAST(strftime('%m', period_start) AS INTEGER) < {start})")
    old_year = fiscal_year.replace("period_start", "old.period_start")
    # Each fiscal year's rate: the amount most of its fees had.
    db.execute_sql(
        "INSERT INTO fee_rate (year, name, amount, pro_rata, position) "
        "SELECT year, ?, amount, 0, 0 FROM ("
        " SELECT year, amount, ROW_NUMBER() OVER ("
        "  PARTITION BY year ORDER BY fees DESC, amount DESC) AS rank FROM ("
        f"  SELECT {fiscal_year} AS year, amount, COUNT(*) AS fees FROM membership_fee_v5 "
        "  GROUP BY 1, 2)) WHERE rank = 1", (_("Membership fee"),))
    db.execute_sql(
        "INSERT INTO membership_fee (id, member_id, fiscal_year, period_start, period_end, "
        "rate_id, amount, paid_on, method, cheque_number, payer, reference, receipt_number, "
        "exempt, note) "
        f"SELECT old.id, old.member_id, {old_year}, "
        "old.period_start, old.period_end, rate.id, old.amount, old.paid_on, old.method, '', '', "
        "'', ROW_NUMBER() OVER (ORDER BY old.paid_on, old.id), 0, '' "
        "FROM membership_fee_v5 AS old LEFT JOIN fee_rate AS rate "
        f"ON rate.year = {old_year} "
        "AND rate.amount = old.amount WHERE old.paid_on IS NOT NULL")
    db.execute_sql("UPDATE association_settings SET next_receipt = "
                   "(SELECT COALESCE(MAX(receipt_number), 0) + 1 FROM membership_fee)")
    db.execute_sql("DROP TABLE membership_fee_v5")
    db.execute_sql(
        "INSERT INTO mandate (member_id, role, title, starts_on, ends_on) "
        "SELECT id, role, '', COALESCE(joined_on, date('now')), NULL FROM member "
        "WHERE role <> 'none'")


# STEPS[n] upgrades a database from version n to n + 1.
STEPS: dict[int, Callable[[SqliteDatabase], None]] = {
    1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5, 5: _v5_to_v6}


def user_version(db: SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def create_schema(db: SqliteDatabase) -> None:
    """Create every table of the current schema in an empty database."""
    with db.atomic():
        db.create_tables(ALL_MODELS)
        AssociationSettings.get_or_create(id=1)
        _seed_categories(db)
        db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def upgrade(db: SqliteDatabase, from_version: int) -> None:
    """Run every step from ``from_version`` to :data:`SCHEMA_VERSION` in one transaction."""
    with db.atomic():
        for version in range(from_version, SCHEMA_VERSION):
            STEPS[version](db)
        db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
