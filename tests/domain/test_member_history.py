"""One member's card and history: values on a hand-built set, and a fixed query count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playhouse.test_utils import count_queries

from clubdesk.db import Attendance, Event, Member, Referral, VolunteerEntry
from clubdesk.domain.members.member_history import member_history, member_profile
from clubdesk.domain.members.members import MemberNotFoundError


def _event(day: int, title: str = "Réunion") -> Event:
    return Event.create(title=title, starts_at=dt.datetime(2026, 1, day, 7, 30))


@pytest.fixture
def club(make_member) -> dict[str, Member]:
    """Éloïse with a small history; Jean and Zoë around her (dues: test_member_dues)."""
    eloise = make_member(first_name="Éloïse", last_name="Dupont")
    jean = make_member(first_name="Jean", last_name="Martin")
    zoe = make_member(first_name="Zoë", last_name="Lefèvre")
    statuses = ["present", "present", "late", "absent", "excused", "substitute"]
    for day, status in enumerate(statuses, start=5):
        event = _event(day, f"Réunion du {day}")
        Attendance.create(event=event, member=eloise, status=status)
        Attendance.create(event=event, member=jean, status="present")
    for day, hours in ((3, "1.5"), (10, "2.25"), (20, "3")):
        VolunteerEntry.create(member=eloise, date=dt.date(2026, 1, day), hours=Decimal(hours),
                              category="Accueil")
    VolunteerEntry.create(member=jean, date=dt.date(2026, 1, 4), hours=Decimal("8"))
    Referral.create(giver=eloise, receiver=jean, date=dt.date(2026, 1, 7), status="won",
                    amount=Decimal("1200.50"), contact="Boulangerie")
    Referral.create(giver=eloise, external_recipient="Cabinet Hérault",
                    date=dt.date(2026, 1, 9), status="won", amount=Decimal("300"))
    Referral.create(giver=eloise, receiver=zoe, date=dt.date(2026, 1, 11), status="lost",
                    amount=Decimal("999"))
    Referral.create(giver=jean, receiver=eloise, date=dt.date(2026, 1, 12), status="won",
                    amount=Decimal("80"))
    Referral.create(giver=zoe, receiver=eloise, date=dt.date(2026, 1, 13), status="new")
    Referral.create(giver=jean, receiver=zoe, date=dt.date(2026, 1, 14), status="won",
                    amount=Decimal("5000"))
    return {"eloise": eloise, "jean": jean, "zoe": zoe}


def test_attendance_summary_and_latest(club) -> None:
    history = member_history(club["eloise"].id)
    assert history.expected == 6
    assert history.attended == 3  # present twice, late once
    assert history.attendance_rate == pytest.approx(0.5)
    assert history.attendance_by_status == {
        "present": 2, "late": 1, "absent": 1, "excused": 1, "substitute": 1}
    latest = history.last_attendances
    assert [item.date for item in latest] == [dt.date(2026, 1, day) for day in range(10, 4, -1)]
    assert (latest[0].title, latest[0].status, latest[0].status_label) == (
        "Réunion du 10", "substitute", "Substitute")


def test_volunteering_total_and_latest(club) -> None:
    history = member_history(club["eloise"].id)
    assert history.volunteer_hours == Decimal("6.75")
    assert history.volunteer_entries == 3
    assert [(item.date, item.hours) for item in history.recent_volunteering] == [
        (dt.date(2026, 1, 20), Decimal("3")),
        (dt.date(2026, 1, 10), Decimal("2.25")),
        (dt.date(2026, 1, 3), Decimal("1.5")),
    ]


def test_referrals_given_and_received(club) -> None:
    history = member_history(club["eloise"].id)
    given, received = history.referrals_given, history.referrals_received
    assert (given.count, given.won, given.won_amount) == (3, 2, Decimal("1500.50"))
    assert (received.count, received.won, received.won_amount) == (2, 1, Decimal("80.00"))
    latest = [(item.date.day, item.given, item.other_party, item.status_label, item.amount)
              for item in history.recent_referrals]
    assert latest == [
        (13, False, "Zoë Lefèvre", "New", None),
        (12, False, "Jean Martin", "Won", Decimal("80.00")),
        (11, True, "Zoë Lefèvre", "Lost", Decimal("999.00")),
        (9, True, "Cabinet Hérault", "Won", Decimal("300.00")),
        (7, True, "Jean Martin", "Won", Decimal("1200.50")),
    ]


def test_a_member_without_history(club) -> None:
    history = member_history(club["zoe"].id)
    assert (history.expected, history.attended, history.attendance_rate) == (0, 0, None)
    assert history.volunteer_hours == Decimal("0.00") and history.volunteer_entries == 0
    assert history.referrals_given.count == 1 and history.referrals_received.count == 2
    assert history.referrals_received.won_amount == Decimal("5000.00")


def test_recent_lists_are_limited(club) -> None:
    history = member_history(club["eloise"].id, recent=2)
    assert len(history.last_attendances) == 2
    assert len(history.recent_volunteering) == 2
    assert len(history.recent_referrals) == 2
    assert history.expected == 6  # totals still count everything


def test_query_count_does_not_grow_with_the_history(club) -> None:
    eloise, jean = club["eloise"], club["jean"]
    with count_queries() as before:
        member_history(eloise.id)
    for day in range(1, 29):
        event = Event.create(title="Atelier", starts_at=dt.datetime(2026, 2, day, 18, 0))
        Attendance.create(event=event, member=eloise, status="present")
        VolunteerEntry.create(member=eloise, date=dt.date(2026, 2, day), hours=Decimal("1"))
        Referral.create(giver=eloise, receiver=jean, date=dt.date(2026, 2, day),
                        status="won", amount=Decimal("10"))
    with count_queries() as after:
        history = member_history(eloise.id)
    assert history.expected == 34 and history.referrals_given.won == 30
    assert before.count == after.count <= 6


def test_profile_reads_the_card_with_the_sponsor_name(make_member) -> None:
    sponsor = make_member(first_name="Hélène", last_name="Garçon")
    member = make_member(first_name="Éloïse", last_name="Dupont", sponsor=sponsor,
                         address="3 rue Mercière", postcode="69002", city="Lyon",
                         consent_photos=True, consent_photos_on=dt.date(2026, 1, 5),
                         notes="Végétarienne", left_on=None, joined_on=dt.date(2021, 3, 1))
    profile = member_profile(member.id)
    assert profile.full_name == "Éloïse Dupont"
    assert profile.sponsor_name == "Hélène Garçon"
    assert (profile.address, profile.postcode, profile.city) == (
        "3 rue Mercière", "69002", "Lyon")
    assert (profile.consent_directory, profile.consent_photos, profile.consent_newsletter) == (
        False, True, False)
    assert profile.notes == "Végétarienne" and profile.joined_on == dt.date(2021, 3, 1)
    assert member_profile(sponsor.id).sponsor_name == ""
    with pytest.raises(MemberNotFoundError):
        member_profile(404)


def test_profile_lists_withdrawn_consents_with_their_date(make_member) -> None:
    member = make_member(first_name="Inès", last_name="Lefèvre", consent_directory=True,
                         consent_directory_on=dt.date(2020, 1, 2),
                         consent_photos_on=dt.date(2020, 1, 2),
                         consent_photos_withdrawn_on=dt.date(2025, 6, 30))
    profile = member_profile(member.id)
    assert profile.withdrawals == {"photos": dt.date(2025, 6, 30)}
