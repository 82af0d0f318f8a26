"""Moving a referral on a step with the small status dialog, without exec()."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialog

from clubdesk import i18n
from clubdesk.db import Referral
from clubdesk.domain.referrals.referrals import (
    ReferralInput,
    change_status,
    create_referral,
    status_history,
)
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.referrals.referral_status_dialog import ReferralStatusDialog

TODAY = dt.date.today()
GIVEN = TODAY - dt.timedelta(days=30)


@pytest.fixture
def referral(make_member) -> int:
    referral_id = create_referral(ReferralInput(
        giver_id=make_member(first_name="Loïc", last_name="Bréhat").id,
        receiver_id=make_member(first_name="Anaïs", last_name="Dumas").id,
        date=GIVEN, contact="Zoé Martin"))
    change_status(referral_id, "contacted", GIVEN + dt.timedelta(days=3))
    return referral_id


def _dialog(qtbot, referral_id: int, status: str) -> ReferralStatusDialog:
    dialog = ReferralStatusDialog(referral_id, status)
    qtbot.addWidget(dialog)
    return dialog


def test_move_to_won_with_an_amount(qtbot, referral: int) -> None:
    dialog = _dialog(qtbot, referral, "won")
    assert dialog.windowTitle() == "Referral won"
    assert dialog.who.text() == "Loïc Bréhat → Anaïs Dumas · Zoé Martin"
    assert dialog.history.text().startswith(f"given {GIVEN:%d/%m/%Y} · contacted ")
    assert dialog.date.date().toPython() == TODAY
    assert dialog.message("amount") == "Enter the amount of the business won."
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.amount, "1 250,50")
    dialog.date.setDate(TODAY - dt.timedelta(days=2))
    assert dialog.errors() == {} and dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved
    row = Referral.get_by_id(referral)
    assert (row.status, row.amount, row.closed_on) == (
        "won", Decimal("1250.50"), TODAY - dt.timedelta(days=2))
    assert status_history(referral)[-1] == ("won", TODAY - dt.timedelta(days=2))


@pytest.mark.parametrize(("typed", "message"), [
    ("-5", "The amount can't be negative."),
    ("12,345", "The amount can't have more than two decimals (cents)."),
    ("douze", "“douze” is not an amount: type it like 1 250,50."),
])
def test_amounts_refused_as_typed(qtbot, referral: int, typed: str, message: str) -> None:
    dialog = _dialog(qtbot, referral, "won")
    qtbot.keyClicks(dialog.amount, typed)
    assert dialog.message("amount") == message
    assert not dialog.save_button.isEnabled()
    dialog.accept()  # Enter pressed anyway: refused again, nothing saved
    assert not dialog.saved
    assert Referral.get_by_id(referral).status == "contacted"


def test_a_date_before_the_previous_step_is_refused(qtbot, referral: int) -> None:
    dialog = _dialog(qtbot, referral, "in_progress")
    assert not dialog.amount.isVisibleTo(dialog)
    dialog.date.setDate(GIVEN + dt.timedelta(days=1))
    assert dialog.message("date") == (
        "This step can't come before the previous one (Contacted on "
        f"{GIVEN + dt.timedelta(days=3):%d/%m/%Y}).")
    dialog.date.setDate(GIVEN - dt.timedelta(days=1))
    assert dialog.message("date").startswith("A referral can't be in progress before it was")
    dialog.date.setDate(TODAY)
    dialog.save_button.click()
    assert Referral.get_by_id(referral).status == "in_progress"


def test_reopen_a_lost_referral(qtbot, referral: int) -> None:
    change_status(referral, "lost", TODAY - dt.timedelta(days=5))
    dialog = _dialog(qtbot, referral, "in_progress")
    assert dialog.windowTitle() == "Reopen the referral"
    assert dialog.note.text().startswith("The amount and the closing date are cleared")
    assert "lost " in dialog.history.text()
    dialog.save_button.click()
    row = Referral.get_by_id(referral)
    assert (row.status, row.closed_on) == ("in_progress", None)
    assert [status for status, _day in status_history(referral)] == [
        "new", "contacted", "lost", "in_progress"]


def test_correct_a_won_amount(qtbot, referral: int) -> None:
    change_status(referral, "won", TODAY - dt.timedelta(days=5), Decimal("1250"))
    dialog = _dialog(qtbot, referral, "won")
    assert dialog.windowTitle() == "Correct the closing"
    assert dialog.date.date().toPython() == TODAY - dt.timedelta(days=5)
    assert dialog.amount.text() == QLocale().toString(1250.0, "f", 2)
    dialog.amount.setText("12500")
    dialog.save_button.click()
    assert Referral.get_by_id(referral).amount == Decimal("12500.00")
    assert len(status_history(referral)) == 3


def test_french_amount_with_a_decimal_comma(qapp, qtbot, referral: int) -> None:
    translators = install_translators(qapp, "fr")
    try:
        dialog = _dialog(qtbot, referral, "won")
        assert dialog.windowTitle() == "Recommandation conclue"
        dialog.amount.setText("1\u202f250,5")  # as QLocale writes it, narrow space and all
        assert dialog.errors() == {}
        dialog.amount.setText("12,345")
        assert dialog.message("amount") == (
            "Le montant ne peut pas avoir plus de deux décimales (les centimes).")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
