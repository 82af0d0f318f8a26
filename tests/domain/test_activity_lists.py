"""The read-only lists behind the Volunteering and Referrals tabs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from playhouse.test_utils import count_queries

from clubdesk.db import Event, Referral, VolunteerEntry
from clubdesk.domain.activity_lists import referral_rows, volunteer_rows


def test_volunteer_rows_name_the_member_and_event(make_member) -> None:
    member = make_member(first_name="Hélène", last_name="Lefèvre")
    event = Event.create(title="AG 2026", starts_at=dt.datetime(2026, 6, 1, 18, 0))
    VolunteerEntry.create(member=member, date=dt.date(2026, 6, 1), hours=Decimal("2.5"),
                          category="Événements", event=event)
    VolunteerEntry.create(member=member, date=dt.date(2026, 6, 9), hours=Decimal("0.25"))
    with count_queries() as counter:
        rows = volunteer_rows()
    assert counter.count == 1
    assert [(r.date, r.member_name, r.hours, r.event_title) for r in rows] == [
        (dt.date(2026, 6, 9), "Hélène Lefèvre", Decimal("0.25"), ""),
        (dt.date(2026, 6, 1), "Hélène Lefèvre", Decimal("2.50"), "AG 2026"),
    ]
    assert "helene lefevre evenements" in rows[1].search_key


def test_referral_rows_show_members_or_outsiders(make_member) -> None:
    giver = make_member(first_name="Loïc", last_name="Bréhat")
    receiver = make_member(first_name="Anaïs", last_name="Dumas")
    Referral.create(giver=giver, receiver=receiver, date=dt.date(2026, 5, 2), status="won",
                    amount=Decimal("980.4"), closed_on=dt.date(2026, 5, 20))
    Referral.create(giver=receiver, external_recipient="Boulangerie Müller",
                    date=dt.date(2026, 5, 3))
    with count_queries() as counter:
        rows = referral_rows()
    assert counter.count == 1
    assert [(r.giver_name, r.receiver_name, r.status, r.amount) for r in rows] == [
        ("Anaïs Dumas", "Boulangerie Müller", "new", None),
        ("Loïc Bréhat", "Anaïs Dumas", "won", Decimal("980.40")),
    ]
