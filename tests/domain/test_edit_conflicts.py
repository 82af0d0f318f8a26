"""Lost updates: a form saved over a record changed meanwhile elsewhere.

The comparison itself, then every update function a form uses: a stale form whose change
meets another one is refused with nothing written; changes to different fields are merged;
a record deleted meanwhile gives the usual not-found error; without ``original`` nothing
changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest

from clubdesk.db import Event, EventSeries, Guest, Member, Referral, VolunteerEntry
from clubdesk.domain.common.edit_conflicts import EditConflictError, FieldConflict, merge_edit
from clubdesk.domain.common.settings import load_settings, save_settings
from clubdesk.domain.events.event_series import (
    SeriesInput,
    SeriesNotFoundError,
    create_series,
    series_input,
    update_series,
)
from clubdesk.domain.events.events import (
    EventInput,
    EventNotFoundError,
    create_event,
    event_input,
    update_event,
)
from clubdesk.domain.events.guests import (
    GuestError,
    GuestInput,
    add_guest,
    guest_input,
    update_guest,
)
from clubdesk.domain.members.member_form import MemberInput
from clubdesk.domain.members.members import (
    MemberNotFoundError,
    create_member,
    member_input,
    update_member,
)
from clubdesk.domain.referrals.referrals import (
    ReferralInput,
    ReferralNotFoundError,
    create_referral,
    referral_input,
    update_referral,
)
from clubdesk.domain.volunteering.volunteering import (
    VolunteerEntryNotFoundError,
    VolunteerInput,
    create_entry,
    entry_input,
    update_entry,
)

TODAY = dt.date.today()


@dataclass
class Card:
    name: str = ""
    phone: str = ""
    city: str = ""


# -- the comparison ------------------------------------------------------------------------

def test_changes_to_different_fields_are_merged() -> None:
    original = Card("Jeanne", "0601", "Lyon")
    merge = merge_edit(original, replace(original, phone="0602"),
                       replace(original, city="Paris"))
    assert merge.merged == Card("Jeanne", "0602", "Paris")
    assert merge.conflicts == ()
    assert merge.kept == ("city",)


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    original = Card("Jeanne", "0601", "Lyon")
    mine = replace(original, phone="0602")
    assert merge_edit(original, mine, mine) == merge_edit(original, mine, original)


def test_a_field_changed_on_both_sides_is_a_conflict_with_the_three_values() -> None:
    original = Card("Jeanne", "0601", "Lyon")
    merge = merge_edit(original, replace(original, phone="0602", name="Jeanne M."),
                       replace(original, phone="0603", city="Paris"))
    assert merge.conflicts == (FieldConflict("phone", "0601", "0602", "0603"),)
    assert merge.merged == Card("Jeanne M.", "0602", "Paris")  # mine where they conflict
    assert merge.kept == ("city",)
    error = EditConflictError(Card(), merge.merged, merge.conflicts, merge.kept)
    assert error.resolved({"phone"}) == Card("Jeanne M.", "0603", "Paris")
    assert error.resolved(set()) == merge.merged


# -- members -------------------------------------------------------------------------------

@pytest.fixture
def jeanne(db_path) -> int:
    return create_member(MemberInput(first_name="Jeanne", last_name="Martin",
                                     phone="0612345678", city="Lyon"))


def _stored(member_id: int) -> tuple:
    return (Member.select(Member.phone, Member.email, Member.city, Member.updated_at)
            .where(Member.id == member_id).tuples().get())


def test_a_stale_member_form_is_refused_and_nothing_is_written(jeanne: int) -> None:
    original = member_input(jeanne)
    update_member(jeanne, replace(original, phone="07 81 22 33 44"))  # the other window
    before = _stored(jeanne)
    with pytest.raises(EditConflictError) as conflict:
        update_member(jeanne, replace(original, phone="06 23 45 67 89", city="Villeurbanne"),
                      original=original)
    assert conflict.value.conflicts == (
        FieldConflict("phone", "+33612345678", "+33623456789", "+33781223344"),)
    assert conflict.value.current.phone == "+33781223344"
    assert conflict.value.merged.city == "Villeurbanne"
    assert _stored(jeanne) == before


def test_a_member_form_keeps_what_changed_elsewhere_in_other_fields(jeanne: int) -> None:
    original = member_input(jeanne)
    update_member(jeanne, replace(original, email="jeanne@exemple.fr"))
    update_member(jeanne, replace(original, phone="06 23 45 67 89"), original=original)
    assert _stored(jeanne)[:3] == ("+33623456789", "jeanne@exemple.fr", "Lyon")


def test_choices_are_saved_against_the_record_as_it_is_then(jeanne: int) -> None:
    original = member_input(jeanne)
    update_member(jeanne, replace(original, phone="07 81 22 33 44"))
    with pytest.raises(EditConflictError) as conflict:
        update_member(jeanne, replace(original, phone="06 23 45 67 89"), original=original)
    mine = conflict.value.resolved(set())
    update_member(jeanne, mine, original=conflict.value.current)
    assert _stored(jeanne)[0] == "+33623456789"


def test_a_member_deleted_meanwhile_is_not_found(jeanne: int) -> None:
    original = member_input(jeanne)
    Member.delete_by_id(jeanne)
    with pytest.raises(MemberNotFoundError):
        update_member(jeanne, replace(original, city="Paris"), original=original)


def test_an_unchanged_form_saves_nothing_new(jeanne: int) -> None:
    original = member_input(jeanne)
    update_member(jeanne, replace(original, city="Paris"))
    update_member(jeanne, original, original=original)  # Save without changing anything
    assert _stored(jeanne)[2] == "Paris"


# -- the other forms -----------------------------------------------------------------------

START = dt.datetime(2026, 3, 10, 19, 0)


def test_events(db_path) -> None:
    event_id = create_event(EventInput(title="Réunion", starts_at=START, location="Lyon"))
    original = event_input(event_id)
    update_event(event_id, replace(original, description="Ordre du jour"))
    update_event(event_id, replace(original, title="Réunion de mars"), original=original)
    event = Event.get_by_id(event_id)
    assert (event.title, event.description) == ("Réunion de mars", "Ordre du jour")

    stale = event_input(event_id)
    update_event(event_id, replace(stale, location="Paris"))
    with pytest.raises(EditConflictError) as conflict:
        update_event(event_id, replace(stale, location="Villeurbanne", title="Autre"),
                     original=stale)
    assert [item.field for item in conflict.value.conflicts] == ["location"]
    assert (Event.get_by_id(event_id).location, Event.get_by_id(event_id).title) == (
        "Paris", "Réunion de mars")
    Event.delete_by_id(event_id)
    with pytest.raises(EventNotFoundError):
        update_event(event_id, stale, original=stale)


def test_volunteer_entries(make_member) -> None:
    member = make_member(first_name="Jeanne", last_name="Martin")
    entry_id = create_entry(VolunteerInput(member_id=member.id, date=TODAY,
                                           hours=Decimal("1"), category="Communication"))
    original = entry_input(entry_id)
    update_entry(entry_id, replace(original, description="Affiches"))
    update_entry(entry_id, replace(original, hours=Decimal("2")), original=original)
    entry = VolunteerEntry.get_by_id(entry_id)
    assert (entry.hours, entry.description) == (Decimal("2"), "Affiches")

    with pytest.raises(EditConflictError) as conflict:
        update_entry(entry_id, replace(original, description="Flyers"), original=original)
    assert conflict.value.conflicts == (
        FieldConflict("description", "", "Flyers", "Affiches"),)
    assert VolunteerEntry.get_by_id(entry_id).description == "Affiches"
    VolunteerEntry.delete_by_id(entry_id)
    with pytest.raises(VolunteerEntryNotFoundError):
        update_entry(entry_id, original, original=original)


def test_referrals(make_member) -> None:
    giver = make_member(first_name="Loïc", last_name="Bréhat").id
    receiver = make_member(first_name="Anaïs", last_name="Dumas").id
    referral_id = create_referral(ReferralInput(giver_id=giver, receiver_id=receiver,
                                                date=TODAY, contact="Zoé Martin"))
    original = referral_input(referral_id)
    update_referral(referral_id, replace(original, contact="Zoé Martin, 06 12 34 56 78"))
    update_referral(referral_id, replace(original, description="Des bureaux"),
                    original=original)
    referral = Referral.get_by_id(referral_id)
    assert (referral.contact, referral.description) == ("Zoé Martin, 06 12 34 56 78",
                                                        "Des bureaux")
    with pytest.raises(EditConflictError):
        update_referral(referral_id, replace(original, contact="Zoé"), original=original)
    assert Referral.get_by_id(referral_id).contact == "Zoé Martin, 06 12 34 56 78"
    Referral.delete_by_id(referral_id)
    with pytest.raises(ReferralNotFoundError):
        update_referral(referral_id, original, original=original)


def test_guests(db_path) -> None:
    event_id = create_event(EventInput(title="Réunion", starts_at=START))
    guest_id = add_guest(event_id, GuestInput(name="Zoé Blanc"))
    original = guest_input(guest_id)
    update_guest(guest_id, replace(original, company="Atelier Blanc"))
    update_guest(guest_id, replace(original, email="ZOE@exemple.fr"), original=original)
    guest = Guest.get_by_id(guest_id)
    assert (guest.company, guest.email) == ("Atelier Blanc", "zoe@exemple.fr")
    with pytest.raises(EditConflictError):
        update_guest(guest_id, replace(original, company="Blanc & fils"), original=original)
    assert Guest.get_by_id(guest_id).company == "Atelier Blanc"
    Guest.delete_by_id(guest_id)
    with pytest.raises(GuestError):
        update_guest(guest_id, original, original=original)


def test_series(db_path) -> None:
    today = dt.date(2026, 1, 1)
    series_id, _ids = create_series(SeriesInput(
        title="Réunion du mardi", first_on=dt.date(2026, 1, 6), until=dt.date(2026, 3, 31),
        location="Brasserie du Parc"))
    original = series_input(series_id, today)
    update_series(series_id, replace(original, until=dt.date(2026, 6, 30)), fields=())
    update_series(series_id, replace(original, location="Café de la Gare"),
                  fields=("location",), original=original, today=today)
    series = EventSeries.get_by_id(series_id)
    assert (series.location, series.until) == ("Café de la Gare", dt.date(2026, 6, 30))

    with pytest.raises(EditConflictError) as conflict:
        update_series(series_id, replace(original, until=dt.date(2026, 4, 30)), fields=(),
                      original=original, today=today)
    assert [item.field for item in conflict.value.conflicts] == ["until"]
    assert EventSeries.get_by_id(series_id).until == dt.date(2026, 6, 30)
    EventSeries.delete_by_id(series_id)
    with pytest.raises(SeriesNotFoundError):
        update_series(series_id, original, original=original, today=today)


def test_settings(db_path) -> None:
    original = save_settings(replace(load_settings(), name="Réseau Pro"))
    save_settings(replace(original, address="1 place Bellecour\nLyon"))
    save_settings(replace(original, quorum_share=Decimal("0.67")), original=original)
    stored = load_settings()
    assert (stored.address, stored.quorum_share) == ("1 place Bellecour\nLyon",
                                                     Decimal("0.67"))
    with pytest.raises(EditConflictError) as conflict:
        save_settings(replace(original, address="Lyon"), original=original)
    assert [item.field for item in conflict.value.conflicts] == ["address"]
    assert load_settings().address == "1 place Bellecour\nLyon"
