"""Row counts: exact on a hand-built data set, and in one query whatever the size."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from playhouse.test_utils import count_queries

from clubdesk.db import (
    Attendance,
    Event,
    Guest,
    MembershipFee,
    Referral,
    VolunteerEntry,
)
from clubdesk.domain.common.stats import row_counts

KEYS = ["members", "events", "attendance", "guests", "volunteer_entries", "referrals", "fees"]


def test_an_empty_database_counts_zero_everywhere(db_path) -> None:
    counts = row_counts()
    assert list(counts) == KEYS
    assert set(counts.values()) == {0}


def test_counts_each_table_exactly(make_member) -> None:
    zoe, jerome, anais = (make_member(first_name=name) for name in ("Zoë", "Jérôme", "Anaïs"))
    breakfasts = [
        Event.create(title="Réunion hebdomadaire", starts_at=dt.datetime(2025, 3, day, 7))
        for day in (4, 11)
    ]
    for event in breakfasts:
        for member in (zoe, jerome):
            Attendance.create(event=event, member=member, status="present")
    Attendance.create(event=breakfasts[0], member=anais, status="excused")
    Guest.create(event=breakfasts[1], name="Éloïse Œuvray", invited_by=zoe)
    VolunteerEntry.create(member=zoe, date=dt.date(2025, 3, 4), hours=Decimal("1.75"))
    Referral.create(giver=zoe, receiver=jerome, date=dt.date(2025, 3, 4))
    Referral.create(giver=jerome, external_recipient="Cabinet Lhôte", date=dt.date(2025, 3, 5))
    Referral.create(giver=anais, receiver=zoe, date=dt.date(2025, 3, 6))
    for member in (zoe, jerome, anais):
        MembershipFee.create(member=member, period_start=dt.date(2025, 1, 1),
                             period_end=dt.date(2025, 12, 31), amount=Decimal("300.00"))
    MembershipFee.create(member=zoe, period_start=dt.date(2024, 1, 1),
                         period_end=dt.date(2024, 12, 31), amount=Decimal("280.00"))

    assert row_counts() == {
        "members": 3, "events": 2, "attendance": 5, "guests": 1, "volunteer_entries": 1,
        "referrals": 3, "fees": 4,
    }


def test_counts_in_a_single_query(make_member) -> None:
    for _ in range(3):
        make_member()

    with count_queries() as counter:
        counts = row_counts()

    assert counts["members"] == 3
    assert counter.count == 1
