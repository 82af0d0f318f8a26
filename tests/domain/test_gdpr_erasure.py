"""Right to erasure and retention: the identity goes, from the tables and from the file's
bytes; the statistics and the other members' records stay."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from gdpr_member import EMAIL, NAME, build_subject
from peewee import OperationalError, fn

from clubdesk.db import (
    Attendance,
    AuditEntry,
    Event,
    Guest,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
    close_database,
    database,
    open_database,
)
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.gdpr.gdpr import (
    UnknownMemberError,
    anonymize_member,
    anonymize_members,
    anonymous_name,
    erasure_message,
    gdpr_anonymize_command,
    retention_candidates,
)
from clubdesk.domain.gdpr.gdpr_erasure import months_before

FULL_NAME = f"{NAME[0]} {NAME[1]}"


def _statistics() -> tuple[object, ...]:
    return (
        Member.select().count(),
        Attendance.select().count(),
        Attendance.select().where(Attendance.proxy_to.is_null(False)).count(),
        VolunteerEntry.select(fn.SUM(VolunteerEntry.hours)).scalar(),
        Referral.select().count(),
        Referral.select(fn.SUM(Referral.amount)).scalar(),
        MembershipFee.select(fn.SUM(MembershipFee.amount)).scalar(),
        Guest.select().count(),
    )


def _file_bytes(path: Path) -> bytes:
    return b"".join(candidate.read_bytes() for candidate in
                    (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
                    if candidate.exists())


def test_anonymised_member_keeps_no_identity(db_path: Path) -> None:
    subject = build_subject()
    before = _statistics()
    anonymize_member(subject.member.id, today=dt.date(2025, 5, 1))
    member = Member.get_by_id(subject.member.id)
    assert member.last_name == anonymous_name(member.id)
    assert member.first_name == ""
    for field in ("email", "phone", "company", "profession", "address", "city", "postcode",
                  "notes"):
        assert getattr(member, field) == "", field
    assert member.sector == "Droit"  # kept for the statistics by sector
    assert member.status == "former"
    assert member.anonymized_on == dt.date(2025, 5, 1)
    assert member.left_on == dt.date(2021, 6, 30)
    assert not (member.consent_directory or member.consent_photos or member.consent_newsletter)
    assert member.consent_directory_on is None and member.consent_photos_withdrawn_on is None
    assert _statistics() == before
    # The records stay linked to the anonymised row.
    assert Attendance.select().where(Attendance.member == member.id).count() == 2
    assert VolunteerEntry.get(VolunteerEntry.member == member.id).hours == Decimal("3.50")
    assert Referral.select().where(Referral.giver == member.id).count() == 1
    assert Member.get_by_id(subject.sponsored.id).sponsor_id == member.id
    # Her own notes on her absences go too.
    assert {row.note for row in Attendance.select().where(Attendance.member == member.id)} \
        == {""}


def test_the_guest_record_and_free_text_naming_her_are_cleaned(db_path: Path) -> None:
    subject = build_subject()
    anonymize_member(subject.member.id)
    label = anonymous_name(subject.member.id)
    guest = Guest.get(Guest.converted_member == subject.member.id)
    assert (guest.name, guest.email, guest.company) == (label, "", "")
    assert Guest.get(Guest.invited_by == subject.member.id).name == "Gaston Invité"
    assert Member.get_by_id(subject.friend.id).notes == f"Présentée par {label}"
    assert label in Event.get(Event.kind == "general_assembly").description
    assert Referral.get(Referral.giver == subject.friend.id).description == f"Pour {label}"
    assert VolunteerEntry.get(VolunteerEntry.member == subject.friend.id).description \
        == f"Aidé {label} à l'accueil"


def test_other_members_are_unchanged(db_path: Path) -> None:
    subject = build_subject()
    others = [(row.id, row.first_name, row.last_name, row.email, row.status)
              for row in Member.select().where(Member.id != subject.member.id)]
    anonymize_member(subject.member.id)
    assert [(row.id, row.first_name, row.last_name, row.email, row.status)
            for row in Member.select().where(Member.id != subject.member.id)] == others


def test_no_trace_is_left_in_the_database_files(db_path: Path) -> None:
    subject = build_subject()
    # Some history in the write-ahead log and in freed pages first.
    Member.update(notes="x" * 3000).where(Member.id == subject.member.id).execute()
    Member.update(notes="Allergique").where(Member.id == subject.member.id).execute()
    raw = _file_bytes(db_path)
    assert NAME[1].encode("utf-8") in raw and EMAIL.encode("utf-8") in raw
    result = anonymize_member(subject.member.id)
    assert result.purged
    raw = _file_bytes(db_path)
    for trace in (NAME[1], EMAIL, FULL_NAME, "Allergique", "06 12 34 56 78"):
        assert trace.encode("utf-8") not in raw, trace
    # Nor after closing and reopening the file.
    close_database()
    open_database(db_path)
    raw = _file_bytes(db_path)
    assert NAME[1].encode("utf-8") not in raw and EMAIL.encode("utf-8") not in raw
    assert Member.get_by_id(subject.friend.id).last_name == "Amie"


def test_erasure_is_audited_without_the_name(db_path: Path) -> None:
    subject = build_subject()
    anonymize_member(subject.member.id)
    entry = AuditEntry.get(AuditEntry.action == "erasure")
    assert str(subject.member.id) in entry.details
    assert NAME[1] not in entry.details and EMAIL not in entry.details
    assert entry.rows == 1


def test_unknown_member_changes_nothing(db_path: Path) -> None:
    subject = build_subject()
    with pytest.raises(UnknownMemberError):
        anonymize_members([subject.member.id, 999])
    assert Member.get_by_id(subject.member.id).last_name == NAME[1]
    assert AuditEntry.select().count() == 0


def test_erasure_refuses_to_run_inside_a_transaction(db_path: Path) -> None:
    subject = build_subject()
    with pytest.raises(RuntimeError), database.atomic():
        anonymize_member(subject.member.id)
    assert Member.get_by_id(subject.member.id).last_name == NAME[1]


def test_a_locked_file_is_reported_not_raised(db_path: Path, monkeypatch) -> None:
    subject = build_subject()
    real = database.execute_sql

    def locked(sql: str, *args: object, **kwargs: object):
        if sql == "VACUUM":
            raise OperationalError("database is locked")
        return real(sql, *args, **kwargs)

    monkeypatch.setattr(database, "execute_sql", locked)
    result = anonymize_member(subject.member.id)
    assert not result.purged
    assert Member.get_by_id(subject.member.id).email == ""
    assert "Another program" in erasure_message(subject.member.id, result)


def test_anonymise_command(db_path: Path) -> None:
    subject = build_subject()
    status, message = gdpr_anonymize_command(subject.member.id)
    assert status == 0 and str(subject.member.id) in message
    assert Member.get_by_id(subject.member.id).anonymized_on is not None
    status, message = gdpr_anonymize_command(999)
    assert status == 2 and "999" in message


def test_retention_candidates_by_date(db_path: Path, make_member) -> None:
    today = dt.date(2025, 3, 31)
    old = make_member(status="former", left_on=dt.date(2022, 3, 30))
    make_member(status="former", left_on=dt.date(2022, 3, 31))  # exactly 36 months: kept
    make_member(status="former", left_on=None)
    make_member(status="active", left_on=dt.date(2010, 1, 1))
    done = make_member(status="former", left_on=dt.date(2015, 1, 1),
                       anonymized_on=dt.date(2016, 1, 1))
    older = make_member(status="former", left_on=dt.date(2018, 5, 5))
    assert [row.id for row in retention_candidates(today)] == [older.id, old.id]
    update_settings(retention_months=12)
    assert len(retention_candidates(today)) == 3
    assert done.id not in [row.id for row in retention_candidates(today)]


def test_anonymise_the_retention_candidates_in_one_step(db_path: Path, make_member) -> None:
    first = make_member(status="former", left_on=dt.date(2015, 1, 1), email="a@ex.fr")
    second = make_member(status="former", left_on=dt.date(2016, 1, 1), email="b@ex.fr")
    result = anonymize_members([row.id for row in retention_candidates()])
    assert result.count == 2
    assert retention_candidates() == []
    assert {row.email for row in Member.select().where(Member.id.in_([first, second]))} == {""}
    entry = AuditEntry.get(AuditEntry.action == "erasure")
    assert entry.rows == 2


def test_months_before() -> None:
    assert months_before(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert months_before(dt.date(2025, 1, 15), 36) == dt.date(2022, 1, 15)
    assert months_before(dt.date(2024, 12, 31), 12) == dt.date(2023, 12, 31)
