"""The guest dialog, driven like a user would, without exec()."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog

from clubdesk.db import Event
from clubdesk.domain.events.guests import GuestInput, add_guest, guest_rows
from clubdesk.ui.events.guest_dialog import GuestDialog


@pytest.fixture
def event(db_path) -> Event:
    return Event.create(title="Réunion", starts_at=dt.datetime(2026, 12, 1, 7, 0))


@pytest.fixture
def host(make_member):
    return make_member(first_name="Jeanne", last_name="Dupont", company="Atelier")


def _shown(dialog: GuestDialog, field: str) -> str:
    label = dialog.messages[field]
    return "" if label.isHidden() else label.text()


def test_new_guest_is_validated_live_then_saved(qtbot, event, host) -> None:
    dialog = GuestDialog(event.id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New guest"
    assert not dialog.save_button.isEnabled()
    assert _shown(dialog, "name") == ""  # not scolded before typing anything
    qtbot.keyClicks(dialog.name, "Eloise Martin")  # QTest types ASCII only
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.email, "eloise@orange")
    assert not dialog.save_button.isEnabled()
    assert _shown(dialog, "email") == ("This email address is not valid "
                                       "(expected: name@domain.fr).")
    qtbot.keyClicks(dialog.email, ".fr")
    assert dialog.save_button.isEnabled() and _shown(dialog, "email") == ""
    dialog.name.clear()
    assert _shown(dialog, "name") == "The guest's name is required."
    dialog.name.setText("Éloïse Martin")
    dialog.company.setText("Boulangerie")
    dialog.invited_by.setCurrentIndex(dialog.invited_by.findData(host.id))
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [row] = guest_rows(event.id)
    assert dialog.saved_guest_id == row.id
    assert (row.name, row.company, row.email, row.invited_by_name) == (
        "Éloïse Martin", "Boulangerie", "eloise@orange.fr", "Jeanne Dupont")


def test_an_inviter_must_be_chosen_in_the_list(qtbot, event, host) -> None:
    dialog = GuestDialog(event.id)
    qtbot.addWidget(dialog)
    dialog.name.setText("Marc Leroy")
    dialog.invited_by.setEditText("Quelqu'un d'inconnu")
    assert not dialog.save_button.isEnabled()
    assert _shown(dialog, "invited_by_id") == ("Choose the member in the list, or leave "
                                               "it empty.")
    dialog.invited_by.setEditText("")
    assert dialog.save_button.isEnabled()


def test_edit_loads_the_guest_and_saves_over_it(qtbot, event, host) -> None:
    guest_id = add_guest(event.id, GuestInput("Marc Leroy", "Acme", "marc@acme.fr", host.id))
    dialog = GuestDialog(event.id, guest_id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit guest"
    assert (dialog.name.text(), dialog.company.text(), dialog.email.text()) == (
        "Marc Leroy", "Acme", "marc@acme.fr")
    assert dialog.invited_by.currentData() == host.id
    dialog.company.setText("Acme SA")
    dialog.accept()
    assert dialog.saved_guest_id == guest_id
    assert guest_rows(event.id)[0].company == "Acme SA"


def test_accept_checks_again(qtbot, event) -> None:
    dialog = GuestDialog(event.id)
    qtbot.addWidget(dialog)
    dialog.accept()  # Enter pressed with an empty form: nothing is saved
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert guest_rows(event.id) == []
