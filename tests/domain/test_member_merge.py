"""Merging two member records: every related row moves, in one transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clubdesk import i18n
from clubdesk.db import (
    Attendance,
    AuditEntry,
    Event,
    Guest,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
)
from clubdesk.domain.gdpr.audit import member_numbers
from clubdesk.domain.members import member_merge
from clubdesk.domain.members.member_merge import MergeError, merge_members, merge_preview
from clubdesk.domain.members.members import MemberValidationError


def _event(title: str) -> Event:
    return Event.create(title=title, starts_at=dt.datetime(2026, 3, 1, 12, 0))


@pytest.fixture
def club(make_member):
    keep = make_member(first_name="Jeanne", last_name="Dupont", email="")
    other = make_member(first_name="Jeanne", last_name="Dupond", email="jd@example.fr",
                        company="Acme")
    third = make_member()
    both, alone = _event("Both"), _event("Alone")
    MembershipFee.create(member=other, period_start=dt.date(2026, 1, 1),
                         period_end=dt.date(2026, 12, 31), amount=Decimal("50"))
    Attendance.create(event=both, member=keep, status="absent", note="ill")
    Attendance.create(event=both, member=other, status="late", note="traffic",
                      proxy_to=None)
    Attendance.create(event=alone, member=other, status="present")
    Attendance.create(event=alone, member=third, status="excused", proxy_to=other)
    Guest.create(event=both, name="Guest", invited_by=other, converted_member=other)
    VolunteerEntry.create(member=other, date=dt.date(2026, 2, 1), hours=Decimal("2"))
    Referral.create(giver=other, receiver=third, date=dt.date(2026, 2, 2))
    Referral.create(giver=third, receiver=other, date=dt.date(2026, 2, 3))
    Referral.create(giver=keep, receiver=other, date=dt.date(2026, 2, 4))
    third.sponsor = other
    third.save()
    return keep, other, third


def test_preview_shows_values_counts_and_conflicts(club) -> None:
    keep, other, _third = club
    preview = merge_preview(keep.id, other.id)
    assert preview.keep_values.last_name == "Dupont"
    assert preview.other_values.company == "Acme"
    assert preview.other_counts["attendances"] == 2
    assert preview.other_counts["proxies_held"] == 1
    assert preview.other_counts["referrals_received"] == 2
    assert preview.keep_counts["referrals_given"] == 1
    assert [c.title for c in preview.conflicts] == ["Both"]
    assert preview.referrals_between == 1
    defaults = preview.default_values()
    assert defaults["last_name"] == "Dupont"
    assert defaults["company"] == "Acme"  # the kept one is empty
    assert defaults["email"] == "jd@example.fr"


def test_every_related_row_moves(club) -> None:
    keep, other, third = club
    result = merge_members(keep.id, other.id, {"email": "jd@example.fr", "company": "Acme"})
    assert not Member.select().where(Member.id == other.id).exists()
    kept = Member.get_by_id(keep.id)
    assert (kept.email, kept.company, kept.last_name) == ("jd@example.fr", "Acme", "Dupont")
    assert MembershipFee.get().member_id == keep.id
    assert Attendance.select().where(Attendance.member == keep.id).count() == 2
    assert Attendance.get(Attendance.member == third.id).proxy_to_id == keep.id
    guest = Guest.get()
    assert (guest.invited_by_id, guest.converted_member_id) == (keep.id, keep.id)
    assert VolunteerEntry.get().member_id == keep.id
    assert Member.get_by_id(third.id).sponsor_id == keep.id
    given = Referral.get(Referral.receiver == third.id)
    assert given.giver_id == keep.id
    assert Referral.get(Referral.giver == third.id).receiver_id == keep.id
    # The referral between the two is kept, addressed to the other's name.
    between = Referral.get(Referral.date == dt.date(2026, 2, 4))
    assert (between.giver_id, between.receiver_id) == (keep.id, None)
    assert between.external_recipient == "Jeanne Dupond"
    assert result.conflicts_resolved == 1
    assert result.referrals_externalised == 1
    assert result.other_before["attendances"] == 2
    assert result.keep_before["attendances"] == 1
    assert result.after["attendances"] == 2
    assert result.after["fees"] == 1
    assert result.after["referrals_given"] == 2
    assert result.after["referrals_received"] == 1
    entry = AuditEntry.get()
    assert entry.action == "merge"
    assert "Dupon" not in entry.details
    assert entry.rows == result.moved


def test_attendance_conflict_keeps_the_best_status_and_merges_notes(club) -> None:
    keep, other, _third = club
    merge_members(keep.id, other.id, {})
    row = (Attendance.select().join(Event)
           .where((Attendance.member == keep.id) & (Event.title == "Both")).get())
    assert row.status == "late"
    assert row.note == "ill / traffic"


def test_proxy_between_the_two_and_sponsor_link_are_cleared(make_member) -> None:
    keep = make_member()
    other = make_member(sponsor=None)
    keep.sponsor = other
    keep.save()
    event = _event("GA")
    Attendance.create(event=event, member=keep, status="absent", proxy_to=other)
    merge_members(keep.id, other.id, {"sponsor_id": other.id})
    assert Member.get_by_id(keep.id).sponsor_id is None
    assert Attendance.get().proxy_to_id is None


def test_refuses_merging_a_member_with_itself(make_member) -> None:
    member = make_member()
    with pytest.raises(MergeError):
        merge_members(member.id, member.id, {})
    with pytest.raises(MergeError):
        merge_preview(member.id, member.id)


def test_refuses_invalid_values_and_writes_nothing(club) -> None:
    keep, other, _third = club
    with pytest.raises(MemberValidationError) as caught:
        merge_members(keep.id, other.id, {"first_name": "", "postcode": "12"})
    assert set(caught.value.result.errors) == {"first_name", "postcode"}
    assert Member.select().where(Member.id == other.id).exists()
    assert MembershipFee.get().member_id == other.id
    assert AuditEntry.select().count() == 0


def test_refuses_unknown_fields(club) -> None:
    keep, other, _third = club
    with pytest.raises(MergeError):
        merge_members(keep.id, other.id, {"shoe_size": 42})


def test_a_failure_midway_writes_nothing(club, monkeypatch) -> None:
    keep, other, third = club

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(member_merge, "record", broken)
    with pytest.raises(RuntimeError):
        merge_members(keep.id, other.id, {})
    assert Member.select().where(Member.id == other.id).exists()
    assert Attendance.select().where(Attendance.member == other.id).count() == 2
    assert Referral.select().where(Referral.receiver == other.id).count() == 2
    assert Member.get_by_id(third.id).sponsor_id == other.id


def test_the_audit_entry_counts_with_plural_forms(make_member) -> None:
    keep = make_member(first_name="Jeanne", last_name="Dupont")
    other = make_member(first_name="Jeanne", last_name="Dupond")
    make_member(first_name="Paul", last_name="Filleul", sponsor=other.id)
    i18n.set_language("fr")
    merge_members(keep.id, other.id, {})
    details = AuditEntry.get().details
    assert details == (f"Membre {other.id} fusionné dans le membre {keep.id}\u00a0: "
                       "1 ligne liée déplacée, 0 conflit de présence résolu.")
    assert member_numbers(details) == {keep.id, other.id}
