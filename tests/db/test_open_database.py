"""Opening database files: created, migrated, or refused with the file left untouched."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from peewee import IntegrityError

from clubdesk.db import (
    SCHEMA_VERSION,
    Member,
    Referral,
    close_database,
    connection,
    database,
    migrations,
    open_database,
)
from clubdesk.db.errors import (
    CorruptDatabaseError,
    DatabaseOpenError,
    MissingDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    NotWritableError,
)


@pytest.fixture(autouse=True)
def _close() -> None:
    yield
    close_database()


def test_new_file_gets_schema_and_pragmas(tmp_path: Path) -> None:
    path = open_database(tmp_path / "new.db")
    assert path.exists()
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # The pragmas hold on every connection, not only the first one.
    database.close()
    database.connect()
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_reopening_keeps_the_data(tmp_path: Path) -> None:
    open_database(tmp_path / "a.db")
    Member.create(first_name="Zoë", last_name="Œuvray")
    close_database()
    open_database(tmp_path / "a.db")
    assert [m.full_name for m in Member.select()] == ["Zoë Œuvray"]


def _snapshot(path: Path) -> bytes:
    return path.read_bytes()


def test_text_file_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Nom;Prénom\nDupont;Jean\n", encoding="utf-8")
    before = _snapshot(path)
    with pytest.raises(NotADatabaseError, match="not a clubdesk database"):
        open_database(path)
    assert _snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_another_applications_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    other.close()
    before = _snapshot(path)
    with pytest.raises(NotADatabaseError):
        open_database(path)
    assert _snapshot(path) == before


def test_newer_schema_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = open_database(tmp_path / "future.db")
    database.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    close_database()
    before = _snapshot(path)
    with pytest.raises(NewerSchemaError, match="newer version of clubdesk"):
        open_database(path)
    assert _snapshot(path) == before


def test_damaged_file_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(connection.SQLITE_MAGIC + b"\xff" * 4000)
    before = _snapshot(path)
    with pytest.raises((CorruptDatabaseError, NotADatabaseError)):
        open_database(path)
    assert _snapshot(path) == before


def test_missing_file_is_not_created_when_required(tmp_path: Path) -> None:
    with pytest.raises(MissingDatabaseError):
        open_database(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(NotWritableError, match="Cannot write"):
        open_database(tmp_path / "no" / "such" / "folder.db")


def test_read_only_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, for whom chmod does not forbid anything: simulate the refusal.
    real_access = connection.os.access
    folder = tmp_path / "readonly"
    folder.mkdir()

    def access(path: object, mode: int) -> bool:
        return False if Path(str(path)) == folder else real_access(path, mode)

    monkeypatch.setattr(connection.os, "access", access)
    with pytest.raises(NotWritableError, match=str(folder)):
        open_database(folder / "club.db")
    assert list(folder.iterdir()) == []


def test_migration_upgrades_older_file_with_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = open_database(tmp_path / "old.db")
    Member.create(first_name="Anaïs", last_name="Müller")
    close_database()

    def add_column(db) -> None:
        db.execute_sql("ALTER TABLE member ADD COLUMN nickname VARCHAR(255) DEFAULT ''")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(migrations.STEPS, SCHEMA_VERSION, add_column)
    open_database(path)
    assert database.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    columns = [row[1] for row in database.execute_sql("PRAGMA table_info(member)")]
    assert "nickname" in columns
    from clubdesk.db.backup_files import list_backups

    [backup] = list_backups(path, tmp_path / "old-backups")
    assert backup.schema == SCHEMA_VERSION
    with sqlite3.connect(backup.path) as copy:
        assert copy.execute("SELECT last_name FROM member").fetchall() == [("Müller",)]
    copy.close()


def test_failed_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = open_database(tmp_path / "old.db")
    Member.create(first_name="Loïc", last_name="Nguyễn")
    close_database()

    def broken_step(db) -> None:
        db.execute_sql("ALTER TABLE member ADD COLUMN nickname VARCHAR(255)")
        raise RuntimeError("step failed halfway")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(migrations.STEPS, SCHEMA_VERSION, broken_step)
    with pytest.raises(RuntimeError):
        open_database(path)
    close_database()
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = [row[1] for row in check.execute("PRAGMA table_info(member)")]
        assert "nickname" not in columns
        assert check.execute("SELECT last_name FROM member").fetchall() == [("Nguyễn",)]
    check.close()


def test_constraints_refuse_impossible_rows(db_path: Path) -> None:
    member = Member.create(first_name="Jérôme", last_name="Faure")
    with pytest.raises(IntegrityError):
        with database.atomic():
            Member.create(first_name="X", last_name="Y", status="honorary")
    with pytest.raises(IntegrityError):
        with database.atomic():
            Referral.create(giver=member, receiver=member, date="2026-01-01")
    with pytest.raises(IntegrityError):
        with database.atomic():
            Referral.create(giver=member, date="2026-01-01")  # neither member nor outsider
    with pytest.raises(IntegrityError):
        with database.atomic():
            Referral.create(giver=member, receiver=99999, date="2026-01-01")  # foreign key


def test_version_1_file_gains_the_general_assembly_settings(tmp_path: Path) -> None:
    path = open_database(tmp_path / "v1.db")
    Member.create(first_name="Gaëlle", last_name="Ancienne")
    # Make it the file clubdesk 0.1 wrote: without what versions 2 to 4 added.
    _drop_version_4_additions()
    database.execute_sql("DROP TABLE referral_status_change")
    database.execute_sql("DROP TABLE volunteer_category")
    for column in ("max_proxies_per_holder", "quorum_share", "absence_alert_count",
                   "absence_alert_months"):
        database.execute_sql(f"ALTER TABLE association_settings DROP COLUMN {column}")
    database.execute_sql("PRAGMA user_version = 1")
    close_database()

    open_database(path)
    from clubdesk.db import AssociationSettings

    settings = AssociationSettings.get_by_id(1)
    assert (settings.max_proxies_per_holder, settings.absence_alert_count,
            settings.absence_alert_months) == (2, 3, 6)
    assert settings.quorum_share == Decimal("0.5")
    assert [m.last_name for m in Member.select()] == ["Ancienne"]
    from clubdesk.db.backup_files import list_backups

    assert [backup.schema for backup in list_backups(path, tmp_path / "v1-backups")] == [1]


def test_version_2_file_gains_categories_and_referral_history(tmp_path: Path) -> None:
    from clubdesk.db import ReferralStatusChange, VolunteerCategory, VolunteerEntry

    path = open_database(tmp_path / "v2.db")
    giver = Member.create(first_name="Loïc", last_name="Donneur")
    receiver = Member.create(first_name="Anaïs", last_name="Receveuse")
    Referral.create(giver=giver, receiver=receiver, date="2026-01-05")
    Referral.create(giver=giver, receiver=receiver, date="2026-02-01", status="won",
                    amount=Decimal("900"), closed_on="2026-03-15")
    VolunteerEntry.create(member=giver, date="2026-01-05", hours=Decimal("2"),
                          category="Tenue du stand")
    _drop_version_4_additions()
    database.execute_sql("DROP TABLE referral_status_change")
    database.execute_sql("DROP TABLE volunteer_category")
    database.execute_sql("PRAGMA user_version = 2")
    close_database()

    open_database(path)
    names = [c.name for c in VolunteerCategory.select().order_by(VolunteerCategory.position)]
    assert names[0] == "Meeting organisation" and "Tenue du stand" in names
    history = sorted((c.referral_id, c.status, str(c.changed_on))
                     for c in ReferralStatusChange.select())
    assert history == [(1, "new", "2026-01-05"), (2, "new", "2026-02-01"),
                       (2, "won", "2026-03-15")]


def test_a_new_file_has_the_default_categories(db_path: Path) -> None:
    from clubdesk.db import VolunteerCategory

    assert VolunteerCategory.select().count() == 6


def test_version_3_file_gains_the_gdpr_columns_and_tables(tmp_path: Path) -> None:
    from clubdesk.db import AuditEntry, ImportMapping

    path = open_database(tmp_path / "v3.db")
    Member.create(first_name="Hélène", last_name="Consentante", consent_photos=True)
    _drop_version_4_additions()
    database.execute_sql("PRAGMA user_version = 3")
    close_database()

    open_database(path)
    member = Member.get()
    assert member.consent_photos and member.consent_photos_withdrawn_on is None
    assert AuditEntry.select().count() == 0 and ImportMapping.select().count() == 0
    from clubdesk.domain.common.settings import load_settings

    assert load_settings().retention_months == 36


def _drop_version_4_additions() -> None:
    """Give an open current file the shape of schema 3."""
    _drop_version_5_additions()
    for column in ("consent_directory_withdrawn_on", "consent_photos_withdrawn_on",
                   "consent_newsletter_withdrawn_on", "anonymized_on"):
        database.execute_sql(f"ALTER TABLE member DROP COLUMN {column}")
    database.execute_sql("ALTER TABLE association_settings DROP COLUMN retention_months")
    database.execute_sql("DROP TABLE audit_entry")
    database.execute_sql("DROP TABLE import_mapping")


def _drop_version_5_additions() -> None:
    """Give an open current file the shape of schema 4."""
    _drop_version_6_additions()
    database.execute_sql("ALTER TABLE association_settings DROP COLUMN backup_folder")


def test_version_4_file_gains_the_backups_folder_after_a_verified_backup(
    tmp_path: Path,
) -> None:
    from clubdesk.db.backup_files import list_backups
    from clubdesk.domain.common.settings import load_settings

    path = open_database(tmp_path / "v4.db")
    Member.create(first_name="Noémie", last_name="Sauvegardée")
    _drop_version_5_additions()
    database.execute_sql("PRAGMA user_version = 4")
    close_database()

    open_database(path)
    assert load_settings().backup_folder == ""
    [backup] = list_backups(path, tmp_path / "v4-backups")
    assert backup.schema == 4 and backup.verified
    assert backup.label == "before the upgrade from schema 4 to 6"
    with sqlite3.connect(backup.path) as copy:
        assert copy.execute("SELECT last_name FROM member").fetchall() == [("Sauvegardée",)]
    copy.close()


def test_failed_backup_before_upgrade_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = open_database(tmp_path / "v4.db")
    _drop_version_5_additions()
    database.execute_sql("PRAGMA user_version = 4")
    close_database()
    before = path.read_bytes()
    # The backups folder cannot be made: a file stands where it should be.
    (tmp_path / "v4-backups").write_text("in the way")
    with pytest.raises(DatabaseOpenError, match="backup made before upgrading failed"):
        open_database(path)
    assert path.read_bytes() == before


V5_FEES = (
    "CREATE TABLE membership_fee (id INTEGER NOT NULL PRIMARY KEY, member_id INTEGER NOT NULL "
    "REFERENCES member (id) ON DELETE RESTRICT, period_start DATE NOT NULL, period_end DATE "
    "NOT NULL, amount DECIMAL(12, 2) NOT NULL CHECK (amount >= 0), paid_on DATE, method "
    "VARCHAR(255) NOT NULL CHECK (method IN ('cash', 'cheque', 'transfer', 'card', 'other')))")


def _drop_version_6_additions() -> None:
    """Give an open current file the shape of schema 5 (its fees kept)."""
    database.execute_sql("CREATE TABLE old_fees AS SELECT id, member_id, period_start, "
                         "period_end, amount, paid_on, method FROM membership_fee")
    for table in ("membership_fee", "mandate", "fee_rate"):
        database.execute_sql(f"DROP TABLE {table}")
    database.execute_sql(V5_FEES)
    database.execute_sql("INSERT INTO membership_fee SELECT * FROM old_fees")
    database.execute_sql("DROP TABLE old_fees")
    for column in ("quorum_dues_only", "next_receipt"):
        database.execute_sql(f"ALTER TABLE association_settings DROP COLUMN {column}")


def test_version_5_file_gains_the_fee_schedule_receipts_and_mandates(tmp_path: Path) -> None:
    import datetime as dt

    from clubdesk.db import FeeRate, Mandate, MembershipFee

    path = open_database(tmp_path / "v5.db")
    treasurer = Member.create(first_name="Inès", last_name="Trésorière", role="treasurer",
                              joined_on=dt.date(2021, 3, 1))
    plain = Member.create(first_name="Paul", last_name="Simple")
    _drop_version_6_additions()
    for member, paid_on, amount in ((treasurer, "2025-02-01", "280"), (plain, "2025-01-15", "280"),
                                    (plain, None, "300")):
        database.execute_sql(
            "INSERT INTO membership_fee (member_id, period_start, period_end, amount, paid_on, "
            "method) VALUES (?, ?, ?, ?, ?, 'cheque')",
            (member.id, "2025-01-01" if amount == "280" else "2026-01-01",
             "2025-12-31" if amount == "280" else "2026-12-31", amount, paid_on))
    database.execute_sql("PRAGMA user_version = 5")
    close_database()

    open_database(path)
    fees = list(MembershipFee.select().order_by(MembershipFee.paid_on))
    assert [(fee.member_id, fee.fiscal_year, fee.receipt_number) for fee in fees] == [
        (plain.id, 2025, 1), (treasurer.id, 2025, 2)]  # the unpaid row is no payment
    assert all(fee.rate is not None and fee.rate.year == 2025 for fee in fees)
    assert sorted((rate.year, rate.amount) for rate in FeeRate.select()) == [
        (2025, 280), (2026, 300)]
    [mandate] = Mandate.select()
    assert (mandate.member_id, mandate.role, mandate.starts_on, mandate.ends_on) == (
        treasurer.id, "treasurer", dt.date(2021, 3, 1), None)
    from clubdesk.domain.common.settings import load_settings

    assert load_settings().quorum_dues_only is False
    assert database.execute_sql("SELECT next_receipt FROM association_settings").fetchone()[0] == 3
    from clubdesk.db.backup_files import list_backups

    assert [backup.schema for backup in list_backups(path, tmp_path / "v5-backups")] == [5]
