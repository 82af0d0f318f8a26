"""The member dialog, driven like a user would, without exec()."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from clubdesk import i18n
from clubdesk.db import Member
from clubdesk.domain.members.mandates import MandateInput, mandate_inputs
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.members.member_dialog import MemberDialog

TODAY = dt.date.today()


@pytest.fixture
def new_dialog(qtbot, db_path) -> MemberDialog:
    dialog = MemberDialog()
    qtbot.addWidget(dialog)
    return dialog


def message(dialog: MemberDialog, field: str) -> str:
    """The message shown under a field, or "" when none is shown."""
    label = dialog._messages[field]
    return "" if label.isHidden() else label.text()


def fill_names(dialog: MemberDialog, first: str = "Jeanne", last: str = "Martin") -> None:
    dialog.first_name.setText(first)
    dialog.last_name.setText(last)


def test_new_member_dialog_starts_empty_and_refuses_to_save(new_dialog: MemberDialog) -> None:
    assert new_dialog.windowTitle() == "New member"
    assert not new_dialog.save_button.isEnabled()
    assert message(new_dialog, "first_name") == "The first name is required."
    tooltip = new_dialog.save_button.toolTip()
    assert tooltip.startswith("Cannot save yet:")
    assert "• Last name: The last name is required." in tooltip
    assert new_dialog.status.currentData() == "active"
    assert new_dialog.role.text() == "No role"
    assert new_dialog.mandates.values() == []
    assert new_dialog.sponsor.currentText() == ""


def test_fits_a_laptop_screen(new_dialog: MemberDialog) -> None:
    assert new_dialog.height() <= 700
    assert new_dialog.width() <= 1366


def test_invalid_email_blocks_save_until_fixed_then_saves(
    qtbot, new_dialog: MemberDialog
) -> None:
    dialog = new_dialog
    fill_names(dialog)
    qtbot.keyClicks(dialog.email, "Jeanne.Martin@orange")
    assert not dialog.save_button.isEnabled()
    assert "not valid" in message(dialog, "email")
    assert "Email: This email address is not valid" in dialog.save_button.toolTip()

    qtbot.keyClicks(dialog.email, ".fr")
    dialog.phone.setText("612345678")
    dialog.postcode.setText("69003")
    dialog.city.setText("Lyon")
    assert message(dialog, "email") == ""
    assert dialog.save_button.isEnabled()
    assert dialog.save_button.toolTip() == ""

    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    member = Member.get_by_id(dialog.saved_member_id)
    assert (member.first_name, member.last_name) == ("Jeanne", "Martin")
    assert member.email == "jeanne.martin@orange.fr"
    assert member.phone == "+33612345678"
    assert (member.postcode, member.city, member.status) == ("69003", "Lyon", "active")


def test_phone_shows_the_stored_form_and_is_tidied(new_dialog: MemberDialog) -> None:
    dialog = new_dialog
    dialog.phone.setText("06 12 34")
    assert message(dialog, "phone") == "This phone number is too short."
    dialog.phone.setText("612345678")
    assert message(dialog, "phone") == "Saved as +33612345678"
    dialog.phone.editingFinished.emit()  # what leaving the field does
    assert dialog.phone.text() == "06 12 34 56 78"
    dialog.phone.setText("+32 470 12 34 56")
    dialog.phone.editingFinished.emit()
    assert dialog.phone.text() == "+32 470 12 34 56"
    assert message(dialog, "phone") == "Saved as +32470123456"


def test_edit_existing_member_loads_changes_and_saves(qtbot, make_member) -> None:
    sponsor = make_member(first_name="Paul", last_name="Durand", company="Durand Conseil")
    member = make_member(
        first_name="Éloïse", last_name="Œuvray", email="eloise@oeuvray.fr",
        phone="+33612345678", company="Œuvray & Fils", role="treasurer", sponsor=sponsor,
        joined_on=dt.date(2021, 9, 14), consent_directory=True,
        consent_directory_on=dt.date(2021, 9, 14), notes="Présentée par la CCI.",
    )
    dialog = MemberDialog(member.id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit member — Éloïse Œuvray"
    assert dialog.phone.text() == "06 12 34 56 78"
    assert dialog.email.text() == "eloise@oeuvray.fr"
    # A role stored without its history shows as a mandate since she joined.
    assert dialog.mandates.values() == [MandateInput("treasurer", dt.date(2021, 9, 14))]
    assert dialog.role.text() == "Treasurer since 14/09/2021"
    assert dialog.sponsor.currentText() == "Durand Paul — Durand Conseil"
    assert dialog.joined_on.value() == dt.date(2021, 9, 14)
    assert dialog.left_on.value() is None
    assert dialog.consents["consent_directory"].value() == dt.date(2021, 9, 14)
    assert dialog.notes.toPlainText() == "Présentée par la CCI."
    assert dialog.save_button.isEnabled()

    dialog.company.setText("Œuvray Notaires")
    dialog.status.setCurrentIndex(dialog.status.findData("former"))
    assert message(dialog, "left_on") == "A former member needs a leaving date."
    assert not dialog.save_button.isEnabled()
    dialog.left_on.check.setChecked(True)
    dialog.left_on.edit.setDate(dt.date(2025, 6, 30))
    assert message(dialog, "role").startswith("A former member holds no role")
    assert dialog.mandates.message.text() == message(dialog, "role")
    assert not dialog.save_button.isEnabled()
    line = dialog.mandates.lines[0]
    line.ends_on.check.setChecked(True)
    line.ends_on.edit.setDate(dt.date(2025, 6, 30))
    assert dialog.role.text() == "No role"
    assert dialog.save_button.isEnabled()

    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_member_id == member.id
    stored = Member.get_by_id(member.id)
    assert stored.company == "Œuvray Notaires"
    assert (stored.status, stored.role, stored.left_on) == ("former", "none",
                                                           dt.date(2025, 6, 30))
    assert mandate_inputs(member.id) == [
        MandateInput("treasurer", dt.date(2021, 9, 14), dt.date(2025, 6, 30))]
    assert stored.phone == "+33612345678"
    assert stored.sponsor_id == sponsor.id
    assert stored.updated_at >= stored.created_at
    assert Member.select().count() == 2


def test_leaving_date_with_active_status_says_what_to_do(new_dialog: MemberDialog) -> None:
    fill_names(new_dialog)
    new_dialog.left_on.check.setChecked(True)
    assert new_dialog.left_on.edit.isEnabled()
    assert new_dialog.left_on.value() == TODAY
    assert "set the status to “Former”" in message(new_dialog, "left_on")
    assert not new_dialog.save_button.isEnabled()
    new_dialog.left_on.check.setChecked(False)
    assert new_dialog.left_on.value() is None
    assert new_dialog.save_button.isEnabled()


def test_sponsor_chosen_by_typing_part_of_a_name(qtbot, make_member) -> None:
    make_member(first_name="Paul", last_name="Durand", company="Durand Conseil")
    eloise = make_member(first_name="Éloïse", last_name="Œuvray", company="Œuvray & Fils")
    make_member(first_name="Louis", last_name="Martin")
    make_member(first_name="Anne", last_name="Lœuvre")
    dialog = MemberDialog()  # built after the members exist, so it lists them
    qtbot.addWidget(dialog)
    fill_names(dialog)

    # Typed with setText, and the completer asked what its popup would list: key clicks
    # open the popup, and the offscreen platform warns when a popup grabs the keyboard.
    dialog.sponsor.lineEdit().setText("oeuv")  # no accent typed, none needed
    completer = dialog.sponsor.completer()
    completer.setCompletionPrefix(dialog.sponsor.currentText())
    listed = [completer.completionModel().index(row, 0).data()
              for row in range(completer.completionCount())]
    assert listed == ["Lœuvre Anne", "Œuvray Éloïse — Œuvray & Fils"]  # any part of the name
    assert not dialog.save_button.isEnabled()  # "oeuv" names nobody yet
    assert message(dialog, "sponsor_id") == "Choose the sponsor in the list, or leave it empty."

    # Choosing the second line, as a click in the popup does.
    completer.activated[QModelIndex].emit(completer.completionModel().index(1, 0))
    assert dialog.sponsor.currentText() == "Œuvray Éloïse — Œuvray & Fils"
    assert dialog.collect().sponsor_id == eloise.id
    assert message(dialog, "sponsor_id") == ""
    assert dialog.save_button.isEnabled()

    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Member.get_by_id(dialog.saved_member_id).sponsor_id == eloise.id


def test_sponsor_typed_in_full_is_found(qtbot, make_member) -> None:
    paul = make_member(first_name="Paul", last_name="Durand", company="Durand Conseil")
    dialog = MemberDialog()
    qtbot.addWidget(dialog)
    fill_names(dialog)
    dialog.sponsor.lineEdit().setText("Durand Paul — Durand Conseil")
    assert dialog.collect().sponsor_id == paul.id
    assert dialog.save_button.isEnabled()


def test_sponsor_can_be_cleared(qtbot, make_member) -> None:
    sponsor = make_member(last_name="Durand")
    member = make_member(sponsor=sponsor)
    dialog = MemberDialog(member.id)
    qtbot.addWidget(dialog)
    assert dialog.collect().sponsor_id == sponsor.id
    dialog.sponsor.lineEdit().clear()
    assert dialog.collect().sponsor_id is None
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert Member.get_by_id(member.id).sponsor_id is None


def test_member_is_not_offered_as_their_own_sponsor(qtbot, make_member) -> None:
    member = make_member(last_name="Seul")
    dialog = MemberDialog(member.id)
    qtbot.addWidget(dialog)
    assert dialog.sponsor.findData(member.id) == -1
    assert dialog.sponsor.count() == 1  # only the empty "no sponsor" entry


def test_duplicate_email_is_refused_with_the_other_members_name(
    qtbot, new_dialog: MemberDialog, make_member
) -> None:
    make_member(first_name="Éloïse", last_name="Œuvray", email="eloise@oeuvray.fr")
    fill_names(new_dialog)
    qtbot.keyClicks(new_dialog.email, "Eloise@Oeuvray.fr")
    assert message(new_dialog, "email") == (
        "This email address is already used by Éloïse Œuvray.")
    assert not new_dialog.save_button.isEnabled()


def test_accept_checks_again_and_refuses_with_a_message(
    qtbot, new_dialog: MemberDialog, make_member
) -> None:
    fill_names(new_dialog)
    new_dialog.email.setText("jeanne@example.fr")
    assert new_dialog.save_button.isEnabled()
    # Meanwhile someone else records this address (another window, an import).
    make_member(first_name="Éloïse", last_name="Œuvray", email="jeanne@example.fr")

    new_dialog.save_button.click()
    box = new_dialog.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "already used by Éloïse Œuvray" in box.text()
    assert new_dialog.result() != QDialog.DialogCode.Accepted
    assert new_dialog.saved_member_id is None
    assert not new_dialog.save_button.isEnabled()
    assert Member.select().count() == 1
    box.close()


def test_accents_are_preserved(new_dialog: MemberDialog) -> None:
    fill_names(new_dialog, "  Éloïse ", "Œuvray  ")
    new_dialog.city.setText("Saint-Étienne")
    new_dialog.notes.setPlainText("Née à Besançon — ça marche.")
    new_dialog.save_button.click()
    member = Member.get_by_id(new_dialog.saved_member_id)
    assert (member.first_name, member.last_name) == ("Éloïse", "Œuvray")
    assert member.city == "Saint-Étienne"
    assert member.notes == "Née à Besançon — ça marche."


def test_ticked_consent_is_dated_today(new_dialog: MemberDialog) -> None:
    fill_names(new_dialog)
    photos = new_dialog.consents["consent_photos"]
    assert not photos.edit.isEnabled()
    photos.check.setChecked(True)
    assert photos.edit.isEnabled()
    assert photos.value() == TODAY
    new_dialog.save_button.click()
    member = Member.get_by_id(new_dialog.saved_member_id)
    assert member.consent_photos is True
    assert member.consent_photos_on == TODAY
    assert member.consent_newsletter is False and member.consent_newsletter_on is None


def test_unticking_a_given_consent_records_its_withdrawal(qtbot, make_member) -> None:
    given = dt.date(2022, 4, 1)
    member = make_member(first_name="Inès", last_name="Lefèvre", consent_photos=True,
                         consent_photos_on=given)
    dialog = MemberDialog(member.id)
    qtbot.addWidget(dialog)
    photos = dialog.consents["consent_photos"]
    assert photos.withdrawal.isHidden()
    photos.check.setChecked(False)
    assert not photos.withdrawal.isHidden()
    assert photos.withdrawn_on() == TODAY
    assert photos.given_on() == given  # kept: the association held it until today
    photos.withdrawn_edit.setDate(dt.date(2021, 1, 1))
    assert message(dialog, "consent_photos_withdrawn_on") == (
        "The consent cannot be withdrawn before it was given (01/04/2022).")
    assert not dialog.save_button.isEnabled()
    photos.withdrawn_edit.setDate(dt.date(2024, 5, 6))
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    member = Member.get_by_id(member.id)
    assert member.consent_photos is False
    assert member.consent_photos_on == given
    assert member.consent_photos_withdrawn_on == dt.date(2024, 5, 6)

    again = MemberDialog(member.id)
    qtbot.addWidget(again)
    photos = again.consents["consent_photos"]
    assert not photos.withdrawal.isHidden()
    assert photos.withdrawn_on() == dt.date(2024, 5, 6)
    photos.check.setChecked(True)  # given again: a new consent, dated today
    assert photos.withdrawal.isHidden()
    again.save_button.click()
    member = Member.get_by_id(member.id)
    assert (member.consent_photos, member.consent_photos_on,
            member.consent_photos_withdrawn_on) == (True, TODAY, None)


def test_consent_ticked_then_unticked_leaves_no_trace(new_dialog: MemberDialog) -> None:
    fill_names(new_dialog)
    photos = new_dialog.consents["consent_photos"]
    photos.check.setChecked(True)
    photos.check.setChecked(False)
    assert photos.withdrawal.isHidden()
    new_dialog.save_button.click()
    member = Member.get_by_id(new_dialog.saved_member_id)
    assert (member.consent_photos_on, member.consent_photos_withdrawn_on) == (None, None)


def test_cancel_saves_nothing(new_dialog: MemberDialog) -> None:
    fill_names(new_dialog)
    new_dialog.reject()
    assert new_dialog.result() == QDialog.DialogCode.Rejected
    assert new_dialog.saved_member_id is None
    assert Member.select().count() == 0


def test_dialog_in_french(qtbot, db_path) -> None:
    app = QApplication.instance()
    translators = install_translators(app, "fr")
    try:
        dialog = MemberDialog()
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Nouveau membre"
        assert dialog.labels["first_name"].text() == "Prénom"
        assert dialog.status.currentText() == "Actif"
        assert message(dialog, "first_name") == "Le prénom est obligatoire."
        assert dialog.save_button.toolTip().startswith("Enregistrement impossible")
        dialog.left_on.check.setChecked(True)
        assert "«\u00a0Ancien membre\u00a0»" in message(dialog, "left_on")
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        i18n.set_language("en")
