"""The exportable lists: one query each, typed values, translated headers, periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from clubdesk import i18n
from clubdesk.db import (
    Attendance,
    AuditEntry,
    Event,
    Guest,
    MembershipFee,
    Referral,
    VolunteerEntry,
)
from clubdesk.domain.exchange.export_lists import (
    KINDS,
    UnknownListError,
    build_list,
    record_export,
)


@pytest.fixture
def club(make_member) -> dict[str, object]:
    """Two members, two events (March and June 2026) with attendance, guests, hours,
    a referral and fees."""
    sponsor = make_member(first_name="Жанна", last_name="Петрова", joined_on=dt.date(2020, 1, 6))
    member = make_member(first_name="Łukasz", last_name="Nguyễn", company="+33 Conseil",
                         sponsor=sponsor, joined_on=dt.date(2026, 3, 1), role="treasurer",
                         consent_photos=True)
    march = Event.create(title="Réunion de mars", starts_at=dt.datetime(2026, 3, 10, 8, 30),
                         ends_at=dt.datetime(2026, 3, 10, 10, 0), location="Lyon")
    june = Event.create(title="AG", kind="general_assembly",
                        starts_at=dt.datetime(2026, 6, 30, 18, 0))
    Attendance.create(event=march, member=member, status="present")
    Attendance.create(event=march, member=sponsor, status="absent", proxy_to=member)
    Attendance.create(event=june, member=member, status="late")
    Guest.create(event=march, name="Zoë Müller", company="@SUM", invited_by=member,
                 converted_member=member)
    Guest.create(event=june, name="Invité de juin")
    VolunteerEntry.create(member=member, date=dt.date(2026, 3, 10), hours=Decimal("1.5"))
    Referral.create(giver=member, receiver=sponsor, date=dt.date(2026, 6, 1), status="won",
                    amount=Decimal("99.9"))
    MembershipFee.create(member=member, period_start=dt.date(2026, 1, 1),
                         period_end=dt.date(2026, 12, 31), amount=Decimal("120"),
                         paid_on=dt.date(2026, 2, 3), method="cheque")
    MembershipFee.create(member=sponsor, period_start=dt.date(2025, 1, 1),
                         period_end=dt.date(2025, 12, 31), amount=Decimal("100"))
    return {"member": member, "sponsor": sponsor, "march": march, "june": june}


def _rows(kind: str, date_from: dt.date | None = None, date_to: dt.date | None = None):
    return list(build_list(kind, date_from, date_to).rows)


def test_members(club) -> None:
    listing = build_list("members")
    rows = list(listing.rows)
    assert listing.header[:2] == ["Last name", "First name"]
    assert len(listing.header) == len(rows[0])
    nguyen = next(row for row in rows if row[0] == "Nguyễn")
    assert nguyen[1] == "Łukasz" and nguyen[4] == "+33 Conseil"
    assert nguyen[11] == "Treasurer" and nguyen[12] == "Жанна Петрова"
    assert nguyen[13] == dt.date(2026, 3, 1) and nguyen[14] is None
    assert nguyen[15:] == ("no", "yes", "no")
    assert [row[0] for row in _rows("members", dt.date(2026, 1, 1))] == ["Nguyễn"]


def test_events_with_counts(club) -> None:
    rows = _rows("events")
    assert rows[0][:8] == (dt.date(2026, 3, 10), "08:30", "10:00", "Réunion de mars",
                           "Meeting", "Lyon", 1, 1)
    assert rows[1][2] is None and rows[1][4] == "General assembly" and rows[1][6:8] == (1, 1)
    # The last day of the period includes the evening's event.
    assert len(_rows("events", dt.date(2026, 6, 30), dt.date(2026, 6, 30))) == 1
    assert _rows("events", dt.date(2026, 7, 1)) == []


def test_attendance_and_guests(club) -> None:
    rows = _rows("attendance", dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert [(row[0], row[2], row[4], row[6]) for row in rows] == [
        (dt.date(2026, 3, 10), "Nguyễn", "Present", None),
        (dt.date(2026, 3, 10), "Петрова", "Absent", "Łukasz Nguyễn"),
    ]
    guests = _rows("guests")
    assert guests[0] == (dt.date(2026, 3, 10), "Réunion de mars", "Zoë Müller", "@SUM", "",
                         "Łukasz Nguyễn", "Łukasz Nguyễn")
    assert guests[1][5:] == (None, None)
    assert len(_rows("guests", dt.date(2026, 6, 1))) == 1


def test_fees_period_is_the_payment_else_the_period(club) -> None:
    rows = _rows("fees")
    assert rows[0] == ("Петрова", "Жанна", dt.date(2025, 1, 1), dt.date(2025, 12, 31),
                       Decimal("100.00"), None, None)
    assert rows[1][4:] == (Decimal("120.00"), dt.date(2026, 2, 3), "Cheque")
    assert [row[0] for row in _rows("fees", dt.date(2026, 2, 1), dt.date(2026, 2, 28))] == [
        "Nguyễn"]
    assert [row[0] for row in _rows("fees", dt.date(2025, 1, 1), dt.date(2025, 1, 1))] == [
        "Петрова"]


def test_headers_are_translated(club) -> None:
    i18n.set_language("fr")
    assert build_list("fees").header[:3] == ["Nom", "Prénom", "Début de période"]
    assert build_list("events").header[6] == "Membres présents"
    assert _rows("fees")[1][6] == "Chèque"


@pytest.mark.parametrize("kind", KINDS)
def test_one_query_whatever_the_number_of_rows(club, make_member, select_statements,
                                               kind: str) -> None:
    for _ in range(5):
        extra = make_member(sponsor=club["member"])
        Attendance.create(event=club["june"], member=extra, status="present")
        Guest.create(event=club["june"], name="G", invited_by=extra)
        VolunteerEntry.create(member=extra, date=dt.date(2026, 6, 30), hours=Decimal("1"))
        MembershipFee.create(member=extra, period_start=dt.date(2026, 1, 1),
                             period_end=dt.date(2026, 12, 31), amount=Decimal("10"))
        Referral.create(giver=extra, external_recipient="Boulangerie",
                        date=dt.date(2026, 6, 2))
    statements = select_statements()
    rows = _rows(kind)
    assert len(rows) >= 2
    # At most the list's query and the association's settings (hourly rate).
    assert 1 <= len(statements) <= 2, statements


def test_unknown_kind_and_audit(db_path: Path) -> None:
    with pytest.raises(UnknownListError, match="members"):
        build_list("salaries")
    record_export("members", "xlsx", 12)
    entry = AuditEntry.get()
    assert (entry.action, entry.details, entry.rows) == ("export", "members xlsx", 12)
