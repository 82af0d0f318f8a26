"""Forms saved over a record changed meanwhile elsewhere (another window, the command line).

Each test opens a form, changes the record behind it with a direct update, changes the form,
and saves: the conflict dialog is asked (its ``ask`` replaced) with both values, and what
the user chooses is saved; a change made elsewhere to another field is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog

from clubdesk.db import Event, EventSeries, Guest, Member, Referral, VolunteerEntry
from clubdesk.domain.common.edit_conflicts import EditConflictError
from clubdesk.domain.events.event_series import (
    SeriesInput,
    create_series,
    series_input,
    update_series,
)
from clubdesk.domain.events.events import event_input, update_event
from clubdesk.domain.events.guests import GuestInput, add_guest, guest_input, update_guest
from clubdesk.domain.members.member_form import MemberInput
from clubdesk.domain.members.members import create_member, member_input, update_member
from clubdesk.domain.referrals.referrals import (
    ReferralInput,
    create_referral,
    referral_input,
    update_referral,
)
from clubdesk.domain.volunteering.volunteering import (
    VolunteerInput,
    create_entry,
    entry_input,
    update_entry,
)
from clubdesk.ui.common.conflict_dialog import MINE, THEIRS, ConflictDialog
from clubdesk.ui.events.event_dialog import EventDialog
from clubdesk.ui.events.guest_dialog import GuestDialog
from clubdesk.ui.events.series_dialog import SeriesDialog
from clubdesk.ui.members.member_dialog import MemberDialog
from clubdesk.ui.referrals.referral_dialog import ReferralDialog
from clubdesk.ui.volunteering.volunteer_dialog import VolunteerDialog

TODAY = dt.date.today()


class Asked:
    """Stands in for ConflictDialog.ask: records the question, answers with ``choice``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.choice: int | None = MINE  # None: back to the form
        self.conflicts: list[tuple[tuple[str, str, str], ...]] = []
        self.labels: list[dict[str, str]] = []
        self.kept: list[tuple[str, ...]] = []
        monkeypatch.setattr(ConflictDialog, "ask", classmethod(self._ask))

    def _ask(self, cls, parent, conflict: EditConflictError, labels, show):
        self.conflicts.append(tuple((labels.get(item.field, item.field),
                                     show(item.field, item.mine), show(item.field, item.theirs))
                                    for item in conflict.conflicts))
        self.kept.append(tuple(labels.get(name, name) for name in conflict.kept))
        if self.choice is None:
            return None
        theirs = {item.field for item in conflict.conflicts} if self.choice == THEIRS else set()
        return conflict.resolved(theirs)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    return Asked(monkeypatch)


# -- the member form -------------------------------------------------------------------------

@pytest.fixture
def jeanne(db_path) -> int:
    return create_member(MemberInput(first_name="Jeanne", last_name="Martin",
                                     phone="06 12 34 56 78", city="Lyon"))


def _member_dialog(qtbot, member_id: int) -> MemberDialog:
    dialog = MemberDialog(member_id)
    qtbot.addWidget(dialog)
    return dialog


def _changed_behind(member_id: int, **changes: object) -> None:
    update_member(member_id, replace(member_input(member_id), **changes))


def test_member_phone_changed_elsewhere_the_user_keeps_theirs(qtbot, asked, jeanne) -> None:
    dialog = _member_dialog(qtbot, jeanne)
    _changed_behind(jeanne, phone="07 81 22 33 44", email="jeanne@exemple.fr")
    dialog.phone.setText("06 23 45 67 89")
    dialog.save_button.click()
    assert asked.conflicts == [(("Phone", "06 23 45 67 89", "07 81 22 33 44"),)]
    assert asked.kept == [("Email",)]
    assert dialog.result() == QDialog.DialogCode.Accepted
    member = Member.get_by_id(jeanne)
    assert (member.phone, member.email) == ("+33623456789", "jeanne@exemple.fr")


def test_member_the_user_keeps_the_value_saved_meanwhile(qtbot, asked, jeanne) -> None:
    asked.choice = THEIRS
    dialog = _member_dialog(qtbot, jeanne)
    _changed_behind(jeanne, phone="07 81 22 33 44")
    dialog.phone.setText("06 23 45 67 89")
    dialog.city.setText("Villeurbanne")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    member = Member.get_by_id(jeanne)
    assert (member.phone, member.city) == ("+33781223344", "Villeurbanne")


def test_member_back_to_the_form_saves_nothing(qtbot, asked, jeanne) -> None:
    asked.choice = None
    dialog = _member_dialog(qtbot, jeanne)
    _changed_behind(jeanne, phone="07 81 22 33 44")
    dialog.phone.setText("06 23 45 67 89")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.saved_member_id is None
    assert Member.get_by_id(jeanne).phone == "+33781223344"
    assert dialog.phone.text() == "06 23 45 67 89"  # the form as typed
    dialog.save_button.click()  # asked again: the record still differs
    assert len(asked.conflicts) == 2


def test_member_changes_elsewhere_without_conflict_are_kept_silently(qtbot, asked,
                                                                      jeanne) -> None:
    dialog = _member_dialog(qtbot, jeanne)
    _changed_behind(jeanne, email="jeanne@exemple.fr", status="lapsed")
    dialog.phone.setText("06 23 45 67 89")
    dialog.save_button.click()
    assert asked.conflicts == []
    member = Member.get_by_id(jeanne)
    assert (member.phone, member.email, member.status) == ("+33623456789",
                                                           "jeanne@exemple.fr", "lapsed")


def test_member_conflict_values_read_as_the_form_shows_them(qtbot, asked, jeanne,
                                                           make_member) -> None:
    sponsor = make_member(first_name="Paul", last_name="Durand", company="Atelier")
    dialog = _member_dialog(qtbot, jeanne)
    _changed_behind(jeanne, status="prospect", sponsor_id=sponsor.id)
    dialog.status.setCurrentIndex(dialog.status.findData("lapsed"))
    dialog.sponsor.setCurrentIndex(0)
    dialog.sponsor.setEditText("")
    dialog.save_button.click()
    assert asked.conflicts == [(("Status", "Lapsed", "Prospect"),)]
    assert asked.kept == [("Sponsor",)]
    dialog2 = _member_dialog(qtbot, jeanne)
    assert dialog2.conflict_value("sponsor_id", sponsor.id) == "Durand Paul — Atelier"
    assert dialog2.conflict_value("consent_photos", True) == "Yes"


def test_member_deleted_meanwhile_is_refused(qtbot, asked, jeanne) -> None:
    dialog = _member_dialog(qtbot, jeanne)
    Member.delete_by_id(jeanne)
    dialog.city.setText("Paris")
    dialog.accept()
    assert dialog._error_box is not None
    assert "does not exist" in dialog._error_box.text()
    assert asked.conflicts == []


# -- the other forms -------------------------------------------------------------------------

START = dt.datetime(2026, 3, 10, 19, 0)


def test_event_form(qtbot, asked, db_path) -> None:
    event = Event.create(title="Réunion", kind="meeting", starts_at=START, location="Lyon")
    dialog = EventDialog(event.id)
    qtbot.addWidget(dialog)
    update_event(event.id, replace(event_input(event.id), location="Café de la Gare",
                                   description="Ordre du jour", kind="workshop"))
    dialog.location.setText("Brasserie du Parc")
    dialog.kind.setCurrentIndex(dialog.kind.findData("board"))
    dialog.save_button.click()
    assert asked.conflicts == [(("Kind", "Board meeting", "Workshop"),
                                ("Location", "Brasserie du Parc", "Café de la Gare"))]
    assert asked.kept == [("Description",)]
    assert dialog.result() == QDialog.DialogCode.Accepted
    event = Event.get_by_id(event.id)
    assert (event.kind, event.location, event.description) == (
        "board", "Brasserie du Parc", "Ordre du jour")


def test_volunteer_form(qtbot, asked, make_member) -> None:
    member = make_member(first_name="Jeanne", last_name="Martin")
    entry_id = create_entry(VolunteerInput(member_id=member.id, date=TODAY,
                                           hours=Decimal("1"), category="Communication"))
    dialog = VolunteerDialog(entry_id)
    qtbot.addWidget(dialog)
    update_entry(entry_id, replace(entry_input(entry_id), hours=Decimal("2")))
    dialog.hours.setValue(1.5)
    asked.choice = THEIRS
    dialog.save_button.click()
    assert asked.conflicts == [(("Hours", "1.50 h", "2.00 h"),)]
    assert VolunteerEntry.get_by_id(entry_id).hours == Decimal("2")


def test_referral_form(qtbot, asked, make_member) -> None:
    giver = make_member(first_name="Loïc", last_name="Bréhat")
    other = make_member(first_name="Anaïs", last_name="Dumas")
    third = make_member(first_name="Zoé", last_name="Blanc")
    referral_id = create_referral(ReferralInput(giver_id=giver.id, receiver_id=other.id,
                                                date=TODAY, contact="Paul"))
    dialog = ReferralDialog(referral_id)
    qtbot.addWidget(dialog)
    update_referral(referral_id, replace(referral_input(referral_id), receiver_id=third.id,
                                         contact="Paul Roux"))
    dialog.contact.setText("Paul R.")
    dialog.save_button.click()
    assert asked.conflicts == [(("Contact", "Paul R.", "Paul Roux"),)]
    assert asked.kept == [("Received by",)]
    referral = Referral.get_by_id(referral_id)
    assert (referral.receiver_id, referral.contact) == (third.id, "Paul R.")


def test_guest_form(qtbot, asked, make_member) -> None:
    inviter = make_member(first_name="Loïc", last_name="Bréhat")
    event = Event.create(title="Réunion", starts_at=START)
    guest_id = add_guest(event.id, GuestInput(name="Zoé Blanc"))
    dialog = GuestDialog(event.id, guest_id)
    qtbot.addWidget(dialog)
    update_guest(guest_id, replace(guest_input(guest_id), company="Atelier Blanc",
                                   invited_by_id=inviter.id))
    dialog.company.setText("Blanc & fils")
    dialog.save_button.click()
    assert asked.conflicts == [(("Company", "Blanc & fils", "Atelier Blanc"),)]
    assert asked.kept == [("Invited by",)]
    guest = Guest.get_by_id(guest_id)
    assert (guest.company, guest.invited_by_id) == ("Blanc & fils", inviter.id)


def test_series_form(qtbot, asked, db_path) -> None:
    today = dt.date(2026, 1, 1)
    series_id, _ids = create_series(SeriesInput(
        title="Réunion du mardi", first_on=dt.date(2026, 1, 6), until=dt.date(2026, 3, 31),
        location="Brasserie du Parc", description="Tour de table"))
    dialog = SeriesDialog(series_id, today=today)
    qtbot.addWidget(dialog)
    update_series(series_id, replace(series_input(series_id, today),
                                     location="Café de la Gare",
                                     until=dt.date(2026, 4, 30)), fields=("location",))
    dialog.location.setText("Hôtel de ville")
    dialog.description.setPlainText("Présentations")
    asked.choice = THEIRS
    dialog.save_button.click()
    assert asked.conflicts == [(("Location", "Hôtel de ville", "Café de la Gare"),)]
    assert asked.kept == [("Until",)]
    series = EventSeries.get_by_id(series_id)
    assert (series.location, series.until) == ("Café de la Gare", dt.date(2026, 4, 30))
    places = {event.location for event in Event.select().where(Event.series == series_id)}
    descriptions = {event.description
                    for event in Event.select().where(Event.series == series_id)}
    assert places == {"Café de la Gare"}  # the choice of theirs wrote no place of the form
    assert descriptions == {"Présentations"}
