"""The referral dialog, driven like a user would, without exec()."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialog, QMessageBox

from clubdesk import i18n
from clubdesk.db import Member, Referral, ReferralStatusChange
from clubdesk.domain.referrals.referrals import (
    ReferralInput,
    ReferralNotFoundError,
    change_status,
    create_referral,
)
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.referrals.referral_dialog import ReferralDialog

TODAY = dt.date.today()


@pytest.fixture
def members(make_member) -> dict[str, int]:
    return {"loic": make_member(first_name="Loïc", last_name="Bréhat").id,
            "anais": make_member(first_name="Anaïs", last_name="Dumas",
                                 company="Dumas Conseil").id,
            "old": make_member(first_name="Paul", last_name="Ancien", status="former").id}


@pytest.fixture
def dialog(qtbot, members) -> ReferralDialog:
    widget = ReferralDialog()
    qtbot.addWidget(widget)
    return widget


def _choose(qtbot, combo, text: str) -> None:
    """Type part of a name and pick the first proposal, as a user would."""
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), text)
    completer = combo.completer()
    assert completer.completionCount() >= 1
    combo.setCurrentIndex(combo.findText(completer.currentCompletion()))


def test_a_new_referral_starts_today_and_asks_who(dialog: ReferralDialog) -> None:
    assert dialog.windowTitle() == "New referral"
    assert dialog.date.date().toPython() == TODAY
    assert dialog.to_member.isChecked() and not dialog.external.isEnabled()
    assert not dialog.save_button.isEnabled()
    assert dialog.message("giver_id") == "Choose the member who gives the referral."
    assert dialog.message("receiver").startswith("Choose the member who receives")
    assert [dialog.giver.itemText(row) for row in range(dialog.giver.count())] == [
        "", "Bréhat Loïc", "Dumas Anaïs — Dumas Conseil"]  # former members left out
    assert dialog.receiver.model() is dialog.giver.model()  # one list for both


def test_record_a_referral(qtbot, dialog: ReferralDialog, members) -> None:
    _choose(qtbot, dialog.giver, "brehat")
    _choose(qtbot, dialog.receiver, "DUMAS")
    dialog.date.setDate(dt.date(2026, 3, 3))
    dialog.contact.setText("Zoé Martin, Café Zoë")
    dialog.description.setPlainText("Rénover la salle.")
    assert dialog.errors() == {} and dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    referral = Referral.get_by_id(dialog.saved_referral_id)
    assert (referral.giver_id, referral.receiver_id, referral.date) == (
        members["loic"], members["anais"], dt.date(2026, 3, 3))
    assert (referral.contact, referral.status) == ("Zoé Martin, Café Zoë", "new")
    assert [(step.status, step.changed_on) for step in ReferralStatusChange.select()] == [
        ("new", dt.date(2026, 3, 3))]


def test_self_referral_is_refused_live(qtbot, dialog: ReferralDialog, members) -> None:
    _choose(qtbot, dialog.giver, "loic")
    _choose(qtbot, dialog.receiver, "loic")
    assert dialog.message("receiver") == "A member can't pass a referral to themselves."
    assert not dialog.save_button.isEnabled()
    assert "• Received by: A member can't pass a referral to themselves." in (
        dialog.save_button.toolTip())
    dialog.accept()  # Enter pressed anyway: checked again, nothing saved
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not Referral.select().exists()
    box = dialog.findChild(QMessageBox)
    assert box is not None and "themselves" in box.text()


def test_outside_recipient(qtbot, dialog: ReferralDialog, members) -> None:
    _choose(qtbot, dialog.giver, "anais")
    _choose(qtbot, dialog.receiver, "loic")
    dialog.to_outside.click()
    assert dialog.external.isEnabled() and not dialog.receiver.isEnabled()
    assert dialog.message("receiver").startswith("Choose the member who receives")
    dialog.external.setText("Boulangerie Müller")  # QTest types ASCII only
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    referral = Referral.get_by_id(dialog.saved_referral_id)
    assert (referral.receiver_id, referral.external_recipient) == (None, "Boulangerie Müller")


def test_a_name_typed_but_not_chosen_is_refused(qtbot, dialog: ReferralDialog) -> None:
    qtbot.keyClicks(dialog.giver.lineEdit(), "Quelqu'un")
    assert dialog.message("giver_id") == "Choose the member in the list."


def test_the_date_cannot_be_in_the_future(qtbot, dialog: ReferralDialog) -> None:
    _choose(qtbot, dialog.giver, "loic")
    _choose(qtbot, dialog.receiver, "anais")
    dialog.date.setDate(TODAY + dt.timedelta(days=1))
    assert dialog.message("date").startswith("The date can't be in the future")
    assert not dialog.save_button.isEnabled()


def test_edit_keeps_a_former_member_and_the_next_step(qtbot, members) -> None:
    referral_id = create_referral(ReferralInput(
        giver_id=members["old"], receiver_id=members["anais"], date=dt.date(2026, 3, 3),
        contact="Zoé"))
    change_status(referral_id, "contacted", dt.date(2026, 3, 6))
    dialog = ReferralDialog(referral_id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit referral — Ancien Paul → Dumas Anaïs"
    assert dialog.giver.currentData() == members["old"]
    dialog.date.setDate(dt.date(2026, 3, 7))
    assert dialog.message("date") == (
        "The referral can't be given after its next step (Contacted on 06/03/2026).")
    dialog.date.setDate(dt.date(2026, 3, 5))
    dialog.contact.setText("Zoé Martin")
    dialog.save_button.click()
    assert dialog.saved_referral_id == referral_id
    assert Referral.get_by_id(referral_id).contact == "Zoé Martin"


def test_a_referral_deleted_meanwhile(qtbot, members) -> None:
    with pytest.raises(ReferralNotFoundError):
        ReferralDialog(999)


def test_giver_given_in_advance(qtbot, members) -> None:
    dialog = ReferralDialog(giver_id=members["anais"])
    qtbot.addWidget(dialog)
    assert dialog.giver.currentData() == members["anais"]
    assert Member.get_by_id(members["anais"]).first_name == "Anaïs"


def test_the_dialog_speaks_french(qapp, qtbot, members) -> None:
    translators = install_translators(qapp, "fr")
    try:
        dialog = ReferralDialog()
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Nouvelle recommandation"
        assert dialog.to_outside.text() == "Une personne hors réseau"
        assert dialog.message("giver_id") == "Choisissez le membre qui donne la recommandation."
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
