"""The demo data: realistic, deterministic, relative to ``today``, and only in empty files."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import phonenumbers
import pytest
from peewee import JOIN, fn

from clubdesk import i18n
from clubdesk.db import (
    AssociationSettings,
    Attendance,
    Event,
    EventSeries,
    Guest,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
    close_database,
    database,
    open_database,
)
from clubdesk.demo.association import DemoError, build_demo
from clubdesk.domain.common.stats import row_counts
from clubdesk.domain.members.member_form import FIELD_NAMES, MemberInput, validate_member

TODAY = dt.date(2025, 3, 12)  # a Wednesday
THREE_YEARS_AGO = dt.date(2022, 3, 12)
BUREAU = ("president", "vice_president", "treasurer", "secretary")
TABLES = ("member", "event_series", "event", "attendance", "guest", "volunteer_entry",
          "referral", "membership_fee", "association_settings")


def _build(path: Path, seed: int, today: dt.date | None = TODAY) -> dict[str, int]:
    open_database(path)
    try:
        return build_demo("small", seed=seed, today=today)
    finally:
        close_database()


def _digest(path: Path) -> str:
    """A fingerprint of every row of every table."""
    digest = hashlib.sha256()
    with closing(sqlite3.connect(path)) as connection:
        for table in TABLES:
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY id'):
                digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def small_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small demo built for the whole module; the tests only read it."""
    path = tmp_path_factory.mktemp("demo") / "small.db"
    _build(path, seed=7)
    return path


@pytest.fixture
def small(small_file: Path) -> Iterator[Path]:
    open_database(small_file)
    yield small_file
    close_database()


def test_small_demo_fills_every_table_in_realistic_amounts(tmp_path: Path) -> None:
    counts = _build(tmp_path / "demo.db", seed=3)

    assert counts["members"] == 150
    assert 180 <= counts["events"] <= 260
    assert 8_000 <= counts["attendance"] <= 25_000
    assert 100 <= counts["guests"] <= 600
    assert 400 <= counts["volunteer_entries"] <= 3_000
    assert 300 <= counts["referrals"] <= 2_000
    assert 250 <= counts["fees"] <= 700
    open_database(tmp_path / "demo.db")
    try:
        assert row_counts() == counts
    finally:
        close_database()


def test_same_seed_and_day_give_the_same_rows(small_file: Path, tmp_path: Path) -> None:
    _build(tmp_path / "again.db", seed=7)
    _build(tmp_path / "other_seed.db", seed=8)
    _build(tmp_path / "other_day.db", seed=7, today=TODAY + dt.timedelta(days=1))

    assert _digest(tmp_path / "again.db") == _digest(small_file)
    assert _digest(tmp_path / "other_seed.db") != _digest(small_file)
    assert _digest(tmp_path / "other_day.db") != _digest(small_file)


def test_the_rows_do_not_depend_on_the_process(small_file: Path, tmp_path: Path) -> None:
    """String hashing changes from one process to the next: no set may order the draws."""
    script = ("import sys, datetime; from clubdesk.db import open_database, close_database; "
              "from clubdesk.demo.association import build_demo; open_database(sys.argv[1]); "
              "build_demo('small', seed=7, today=datetime.date(2025, 3, 12)); close_database()")
    for hash_seed in ("1", "2"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / f"{hash_seed}.db")],
                       env={**os.environ, "PYTHONHASHSEED": hash_seed}, check=True)

    assert _digest(tmp_path / "1.db") == _digest(tmp_path / "2.db") == _digest(small_file)


def test_members_have_every_status_with_consistent_dates(small: Path) -> None:
    statuses = dict(Member.select(Member.status, fn.COUNT(Member.id)).group_by(Member.status)
                    .tuples())
    assert set(statuses) == {"prospect", "active", "lapsed", "former"}
    assert statuses["active"] > 75
    assert not Member.select().where((Member.status == "former") & Member.left_on.is_null()
                                     ).exists()
    assert not Member.select().where((Member.status != "former") & Member.left_on.is_null(False)
                                     ).exists()
    assert not Member.select().where(Member.left_on <= Member.joined_on).exists()
    assert not Member.select().where(Member.joined_on > TODAY).exists()
    joined = Member.select().where(Member.joined_on.is_null(False))
    joined_years = {member.joined_on.year for member in joined}
    assert len(joined_years) >= 6
    assert Member.select().where(Member.consent_directory & Member.consent_directory_on
                                 .is_null(False)).count() > 60


def test_one_bureau_and_many_sponsors(small: Path) -> None:
    roles = [m.role for m in Member.select().where(Member.role != "none")]
    assert sorted(roles) == sorted([*BUREAU, "other", "other"])
    assert {m.status for m in Member.select().where(Member.role != "none")} == {"active"}

    Sponsor = Member.alias()
    sponsored = (Member
                 .select(Member.joined_on, Sponsor.joined_on.alias("sponsor_joined"))
                 .join(Sponsor, on=(Member.sponsor == Sponsor.id))
                 .dicts())
    assert len(sponsored) >= 45
    assert all(row["sponsor_joined"] < row["joined_on"] for row in sponsored
               if row["joined_on"] is not None)


def test_names_carry_accents_other_scripts_and_long_texts(small: Path) -> None:
    first_names = {m.first_name for m in Member.select(Member.first_name)}
    last_names = {m.last_name for m in Member.select(Member.last_name)}
    for name in ("Élodie", "Éloïse", "Zoë", "Łukasz", "Жанна", "Jérôme", "Françoise", "Gaëlle",
                 "Hélène", "Bénédicte", "Ségolène", "Loïc", "Anaïs"):
        assert name in first_names
    for name in ("Œuvray", "Nguyễn", "Müller", "Петрова"):
        assert name in last_names
    assert max(len(name) for name in last_names) >= 40
    assert max(len(m.company) for m in Member.select(Member.company)) >= 80
    professions = {m.profession for m in Member.select(Member.profession)}
    assert len(professions) >= 30
    assert {m.postcode[:2] for m in Member.select(Member.postcode)} == {"69"}


def test_emails_are_unique_lowercase_ascii_and_follow_the_names(small: Path) -> None:
    emails = [m.email for m in Member.select(Member.email)]
    assert len(set(emails)) == len(emails) == 150
    pattern = re.compile(r"^[a-z0-9.-]+@[a-z0-9-]+\.example$")
    assert all(pattern.match(email) for email in emails), emails
    elodie = Member.get(Member.first_name == "Élodie", Member.last_name == "Œuvray")
    assert elodie.email.startswith("elodie.oeuvray@")
    assert Member.get(Member.first_name == "Łukasz").email.startswith("lukasz.wisniewski@")
    assert Member.get(Member.first_name == "Жанна").email.startswith("janna.petrova@")


def test_phones_are_valid_french_numbers_in_e164(small: Path) -> None:
    phones = [m.phone for m in Member.select(Member.phone) if m.phone]
    assert len(phones) >= 130
    assert len(set(phones)) == len(phones)
    for phone in phones:
        assert re.fullmatch(r"\+33[1-9]\d{8}", phone)
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone)), phone
    assert any(phone.startswith(("+336", "+337")) for phone in phones)
    assert any(phone.startswith("+334") for phone in phones)


def test_every_member_is_stored_as_the_member_form_would_store_it(small: Path) -> None:
    for member in Member.select():
        values = {name: getattr(member, name) for name in FIELD_NAMES if name != "sponsor_id"}
        data = MemberInput(**values, sponsor_id=member.sponsor_id)

        result = validate_member(data, member.id)

        assert result.ok, (member.full_name, result.errors)
        assert result.cleaned == data


def test_three_years_of_breakfast_meetings_and_a_few_planned(small: Path) -> None:
    meetings = list(Event.select().where(Event.kind == "meeting").order_by(Event.starts_at))
    assert 130 <= len(meetings) <= 160
    assert {m.starts_at.weekday() for m in meetings} <= {1, 3}  # Tuesday or Thursday
    assert {(m.starts_at.time(), m.ends_at.time()) for m in meetings} == {
        (dt.time(7), dt.time(8, 30))}
    assert all(m.series_id is not None and m.location for m in meetings)
    assert meetings[0].starts_at.date() >= THREE_YEARS_AGO
    planned = [m for m in meetings if m.starts_at.date() >= TODAY]
    assert 3 <= len(planned) <= 7
    assert EventSeries.select().count() == 1
    kinds = dict(Event.select(Event.kind, fn.COUNT(Event.id)).group_by(Event.kind).tuples())
    assert kinds["general_assembly"] == 4  # 2022 to 2025; the 2025 one is still to come
    assert kinds["board"] >= 30 and kinds["workshop"] >= 10 and kinds["networking"] >= 10


def test_attendance_only_in_the_past_and_for_members_of_that_day(small: Path) -> None:
    rows = (Attendance
            .select(Attendance.status, Attendance.substitute_name, Event.starts_at,
                    Member.joined_on, Member.left_on)
            .join(Event).switch(Attendance).join(Member)
            .dicts())
    assert all(row["starts_at"].date() < TODAY for row in rows)
    assert all(row["joined_on"] <= row["starts_at"].date() for row in rows)
    assert all(row["left_on"] is None or row["starts_at"].date() < row["left_on"] for row in rows)
    statuses = [row["status"] for row in rows]
    assert set(statuses) == {"present", "absent", "excused", "late", "substitute"}
    assert statuses.count("present") > len(statuses) / 2
    assert all(bool(row["substitute_name"]) == (row["status"] == "substitute") for row in rows)
    planned = Event.select().where(Event.starts_at >= dt.datetime.combine(TODAY, dt.time()))
    assert not Attendance.select().where(Attendance.event.in_(planned)).exists()


def test_some_active_members_stopped_coming(small: Path) -> None:
    recently = dt.datetime.combine(TODAY - dt.timedelta(days=90), dt.time())
    came = (Attendance
            .select(Attendance.member)
            .join(Event)
            .where(Event.starts_at >= recently,
                   Attendance.status.in_(("present", "late", "substitute"))))
    drifting = (Member
                .select()
                .where(Member.status == "active",
                       Member.joined_on < TODAY - dt.timedelta(days=365),
                       Member.id.not_in(came)))
    assert 3 <= drifting.count() <= 15
    assert all(member.attendances.where(Attendance.status == "present").exists()
               for member in drifting)


def test_guests_are_invited_and_some_joined_afterwards(small: Path) -> None:
    assert Guest.select().where(Guest.invited_by.is_null(False)).count() > 100
    converted = (Guest
                 .select(Event.starts_at, Member.joined_on)
                 .join(Event).switch(Guest)
                 .join(Member, on=(Guest.converted_member == Member.id))
                 .dicts())
    assert len(converted) >= 5
    assert all(row["starts_at"].date() < row["joined_on"] for row in converted)


def test_referrals_never_go_to_their_giver(small: Path) -> None:
    total = Referral.select().count()
    assert not Referral.select().where(Referral.receiver == Referral.giver).exists()
    external = Referral.select().where(Referral.receiver.is_null())
    assert 0.05 <= external.count() / total <= 0.15
    assert all(referral.external_recipient for referral in external)
    assert {r.status for r in Referral.select(Referral.status)} == {
        "new", "contacted", "in_progress", "won", "lost"}
    for referral in Referral.select().where(Referral.status == "won"):
        assert referral.amount > 0
        assert referral.date < referral.closed_on < TODAY
    assert not Referral.select().where(Referral.status.not_in(("won", "lost")),
                                       Referral.closed_on.is_null(False)).exists()
    assert not Referral.select().where(Referral.date >= TODAY).exists()


def test_volunteering_in_quarter_hours_mostly_but_not_only_by_the_bureau(small: Path) -> None:
    hours = list(VolunteerEntry.select(VolunteerEntry.hours, VolunteerEntry.date))
    assert all((entry.hours * 4) % 1 == 0 and entry.hours > 0 for entry in hours)
    assert all(entry.date < TODAY for entry in hours)
    categories = {e.category for e in VolunteerEntry.select(VolunteerEntry.category)}
    assert {"Organisation des réunions", "Communication", "Parrainage / mentorat",
            "Travail du bureau", "Événements"} <= categories
    per_member = (Member
                  .select(Member.role, fn.COALESCE(fn.SUM(VolunteerEntry.hours), 0).alias("h"))
                  .join(VolunteerEntry, JOIN.LEFT_OUTER)
                  .where(Member.status == "active")
                  .group_by(Member.id)
                  .dicts())
    bureau = [Decimal(row["h"]) for row in per_member if row["role"] in BUREAU]
    others = [Decimal(row["h"]) for row in per_member if row["role"] == "none"]
    assert sum(bureau) / len(bureau) > 3 * sum(others) / len(others)
    assert sum(1 for h in others if h > 0) >= 20


def test_yearly_dues_by_calendar_year(small: Path) -> None:
    fees = list(MembershipFee.select())
    assert {(f.period_start.month, f.period_start.day, f.period_end.month, f.period_end.day)
            for f in fees} == {(1, 1, 12, 31)}
    assert {f.fiscal_year for f in fees} == {2022, 2023, 2024, 2025}
    assert {f.amount for f in fees} <= {Decimal(v) for v in (125, 140, 250, 280, 300)}
    assert all(f.paid_on is not None and f.paid_on < TODAY for f in fees)
    # Receipts numbered in paying order, never twice.
    numbers = [f.receipt_number for f in sorted(fees, key=lambda f: (f.paid_on, f.member_id))]
    assert numbers == list(range(1, len(fees) + 1))
    # Some paid late, some by their employer; some still owe this year.
    assert any(f.payer for f in fees)
    assert any((f.paid_on - f.period_start).days > 100 for f in fees)
    from clubdesk.domain.dues.dues_status import owing

    assert owing(2025)
    prospects = Member.select().where(Member.status == "prospect")
    assert not MembershipFee.select().where(MembershipFee.member.in_(prospects)).exists()


def test_a_fee_schedule_and_a_bureau_history(small: Path) -> None:
    from clubdesk.db import FeeRate, Mandate

    assert {rate.year for rate in FeeRate.select()} == {2022, 2023, 2024, 2025}
    current = {(m.member_id, m.role) for m in Mandate.select().where(Mandate.ends_on.is_null())}
    holders = {(m.id, m.role) for m in Member.select().where(Member.role != "none")}
    assert current == holders
    assert Mandate.select().where(Mandate.ends_on.is_null(False)).count() >= 3


def test_association_settings_are_filled(small: Path) -> None:
    settings = AssociationSettings.get_by_id(1)
    assert "Presqu'île" in settings.name
    assert "Lyon" in settings.address
    assert settings.volunteer_hourly_rate == Decimal("15.00")
    assert 1 <= settings.fiscal_year_start_month <= 12


@pytest.mark.parametrize("today", [dt.date(2024, 2, 29), dt.date(2025, 1, 1),
                                   dt.date(2025, 8, 15)])
def test_builds_on_awkward_days(tmp_path: Path, today: dt.date) -> None:
    counts = _build(tmp_path / "demo.db", seed=1, today=today)

    assert all(value > 0 for value in counts.values()), counts
    open_database(tmp_path / "demo.db")
    try:
        assert Event.select().where(Event.kind == "meeting",
                                    Event.starts_at >= dt.datetime.combine(today, dt.time())
                                    ).count() >= 2
        first = Event.select(fn.MIN(Event.starts_at)).scalar()
        assert first.date() >= dt.date(today.year - 3, today.month, min(today.day, 28))
    finally:
        close_database()


def test_dates_default_to_the_real_today(tmp_path: Path) -> None:
    _build(tmp_path / "today.db", seed=1, today=None)
    open_database(tmp_path / "today.db")
    try:
        last = (Event.select(fn.MAX(Event.starts_at)).join(Attendance).scalar())
        assert last.date() < dt.date.today()
        assert Event.select().where(Event.starts_at > dt.datetime.now()).exists()
    finally:
        close_database()


def test_refuses_a_database_that_holds_members(make_member) -> None:
    make_member(last_name="Œuvray")
    before = row_counts()

    with pytest.raises(DemoError, match="already holds data"):
        build_demo("small", today=TODAY)

    assert row_counts() == before
    assert AssociationSettings.get_by_id(1).name == ""


def test_refuses_a_database_that_holds_events_only(db_path: Path) -> None:
    Event.create(title="Réunion", starts_at=dt.datetime(2025, 3, 4, 7))

    with pytest.raises(DemoError):
        build_demo("small", today=TODAY)

    assert Member.select().count() == 0


def test_the_refusal_is_translated(make_member) -> None:
    make_member()
    i18n.set_language("fr")

    with pytest.raises(DemoError, match="contient déjà des données"):
        build_demo("small", today=TODAY)


def test_refuses_an_unknown_size(db_path: Path) -> None:
    with pytest.raises(DemoError, match="enormous"):
        build_demo("enormous")
    assert row_counts()["members"] == 0


def test_reports_progress_up_to_the_total(db_path: Path) -> None:
    calls: list[tuple[int, int]] = []

    build_demo("small", today=TODAY, progress=lambda done, total: calls.append((done, total)))

    assert calls[0] == (0, 100) and calls[-1] == (100, 100)
    assert len(calls) >= 8
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_a_failure_midway_leaves_the_database_empty(db_path: Path) -> None:
    def interrupt(done: int, total: int) -> None:
        if done >= 50:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_demo("small", today=TODAY, progress=interrupt)

    assert not database.in_transaction()
    assert set(row_counts().values()) == {0}
    assert AssociationSettings.get_by_id(1).name == ""


@pytest.mark.slow
def test_federation_has_the_expected_orders_of_magnitude(db_path: Path) -> None:
    counts = build_demo("federation", seed=1, today=TODAY)

    assert counts["members"] == 20_000
    assert 1_200 <= counts["events"] <= 1_800
    assert 250_000 <= counts["attendance"] <= 400_000
    assert 60_000 <= counts["volunteer_entries"] <= 100_000
    assert 30_000 <= counts["referrals"] <= 55_000
    assert counts["guests"] >= 2_000 and counts["fees"] >= 30_000
    busiest = (Attendance
               .select(fn.COUNT(Attendance.id).alias("n"))
               .group_by(Attendance.event)
               .order_by(fn.COUNT(Attendance.id).desc())
               .scalar())
    assert busiest < 450
    assert not Referral.select().where(Referral.receiver == Referral.giver).exists()
    assert Member.select(fn.COUNT(fn.DISTINCT(Member.email))).scalar() == 20_000
    assert Member.select().where(Member.role == "president").count() == 1
