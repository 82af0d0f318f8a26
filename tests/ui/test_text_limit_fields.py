"""Text limits in the forms: one-line fields stop at their limit, a text over several lines
says it is too long under the field as it is typed, and Save stays off."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLineEdit, QStyleOptionViewItem

from clubdesk.db import Event
from clubdesk.domain.common.text_limits import TEXT_LIMITS, max_length
from clubdesk.domain.events.checkin import start_roster
from clubdesk.ui.common.limited_text import ask_line
from clubdesk.ui.events.checkin import checkin_model
from clubdesk.ui.events.checkin.checkin_dialog import CheckinDialog
from clubdesk.ui.events.event_dialog import EventDialog
from clubdesk.ui.events.guest_dialog import GuestDialog
from clubdesk.ui.events.series_dialog import SeriesDialog
from clubdesk.ui.members.member_dialog import MemberDialog
from clubdesk.ui.referrals.referral_dialog import ReferralDialog
from clubdesk.ui.settings.settings_dialog import SettingsDialog
from clubdesk.ui.volunteering.volunteer_batch_dialog import VolunteerBatchDialog
from clubdesk.ui.volunteering.volunteer_dialog import VolunteerDialog

TOO_LONG = "At most 5,000 characters (this text has 5,001)."
START = dt.datetime(2026, 3, 10, 19, 0)


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    return dialog


def test_member_form_lines_stop_at_their_limit(qtbot, db_path) -> None:
    dialog = _shown(qtbot, MemberDialog())
    for name, limit in TEXT_LIMITS["member"].items():
        if not limit.multiline and name != "postcode":
            assert getattr(dialog, name).maxLength() == limit.maximum, name
    dialog.company.setText("x" * 2000)
    assert dialog.company.text() == "x" * 150
    assert dialog.postcode.maxLength() == 6  # a French postcode, typed with its space


def test_member_notes_too_long_say_so_live_and_block_save(qtbot, db_path) -> None:
    dialog = _shown(qtbot, MemberDialog())
    dialog.first_name.setText("Jeanne")
    dialog.last_name.setText("Martin")
    assert dialog.save_button.isEnabled()
    dialog.notes.setPlainText("x" * 5001)
    assert not dialog._messages["notes"].isHidden()
    assert dialog._messages["notes"].text() == TOO_LONG
    assert not dialog.save_button.isEnabled()
    assert f"• Notes: {TOO_LONG}" in dialog.save_button.toolTip()
    dialog.notes.setPlainText("x" * 5000)
    assert dialog._messages["notes"].isHidden() and dialog.save_button.isEnabled()


def test_member_a_pasted_control_character_is_named_under_its_field(qtbot, db_path) -> None:
    dialog = _shown(qtbot, MemberDialog())
    dialog.first_name.setText("Jeanne")
    dialog.last_name.setText("Martin")
    dialog.company.setText("Atelier\x1b[0m")
    assert dialog._messages["company"].text() == (
        "This text contains an invisible control character (position 8); remove it.")
    assert not dialog.save_button.isEnabled()


@pytest.mark.parametrize("kind", ["event", "series", "referral"])
def test_descriptions_too_long_say_so_live(qtbot, make_member, kind: str) -> None:
    giver = make_member(first_name="Loïc", last_name="Bréhat")
    dialog = _shown(qtbot, {"event": EventDialog, "series": SeriesDialog,
                            "referral": lambda: ReferralDialog(giver_id=giver.id)}[kind]())
    if kind == "referral":
        assert (dialog.contact.maxLength(), dialog.external.maxLength()) == (200, 200)
    else:
        assert (dialog.title.maxLength(), dialog.location.maxLength()) == (200, 250)
    dialog.description.setPlainText("Ordre du jour\r\n" + "x" * 4987)  # 5,001 once saved
    assert dialog.message("description") == TOO_LONG
    assert not dialog.save_button.isEnabled()
    dialog.description.setPlainText("Ordre du jour\n\t" + "x" * 4985)
    assert dialog.message("description") == ""


def test_guest_form(qtbot, db_path) -> None:
    event = Event.create(title="Réunion", starts_at=START)
    dialog = _shown(qtbot, GuestDialog(event.id))
    assert (dialog.name.maxLength(), dialog.company.maxLength(),
            dialog.email.maxLength()) == (150, 150, 254)
    dialog.name.setText("Zoé Blanc")
    assert dialog.save_button.isEnabled()
    dialog.company.setText("Atelier\x00")
    assert dialog.messages["company"].text().endswith("(position 8); remove it.")
    assert not dialog.save_button.isEnabled()


def test_volunteer_forms(qtbot, make_member) -> None:
    make_member(first_name="Jeanne", last_name="Martin")
    single = _shown(qtbot, VolunteerDialog())
    batch = _shown(qtbot, VolunteerBatchDialog())
    assert single.description.maxLength() == batch.description.maxLength() == 500


def test_settings(qtbot, db_path) -> None:
    dialog = _shown(qtbot, SettingsDialog())
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.name.maxLength() == 150
    dialog.name.setText("Réseau Pro")
    assert save.isEnabled()
    dialog.address.setPlainText("1 place Bellecour\n" + "x" * 483)
    assert dialog.message.text() == "At most 500 characters (this text has 501)."
    assert not save.isEnabled()


def test_checkin_note_editor_stops_at_its_limit(qtbot, make_member) -> None:
    make_member(first_name="Jeanne", last_name="Martin")
    event = Event.create(title="Réunion", starts_at=START)
    start_roster(event.id)
    dialog = _shown(qtbot, CheckinDialog(event.id))
    index = dialog.model.index(0, checkin_model.COL_NOTE)
    delegate = dialog.table.itemDelegateForColumn(checkin_model.COL_NOTE)
    editor = delegate.createEditor(dialog.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QLineEdit)
    assert editor.maxLength() == max_length("attendance", "note") == 200
    editor.deleteLater()


def test_ask_line_stops_at_the_limit(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    def answer(dialog: QInputDialog) -> int:
        edit = dialog.findChild(QLineEdit)
        seen.append(edit.maxLength())
        edit.setText("x" * 100)
        return QInputDialog.DialogCode.Accepted

    monkeypatch.setattr(QInputDialog, "exec", answer)
    assert ask_line(None, "Substitute", "Who?", "", "attendance",
                    "substitute_name") == "x" * 100
    assert seen == [150]
