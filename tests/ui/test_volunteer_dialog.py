"""The volunteer entry dialog, driven like a secretary would, without exec()."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDialog, QMessageBox

from clubdesk import i18n
from clubdesk.db import Event, VolunteerEntry
from clubdesk.domain.volunteering.volunteering import VolunteerEntryNotFoundError
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.volunteering.volunteer_dialog import VolunteerDialog

TODAY = dt.date.today()


@pytest.fixture
def jeanne(make_member):
    return make_member(first_name="Jeanne", last_name="Martin", company="Martin Conseil")


@pytest.fixture
def dialog(qtbot, jeanne) -> VolunteerDialog:
    widget = VolunteerDialog()
    qtbot.addWidget(widget)
    return widget


def type_hours(qtbot, dialog: VolunteerDialog, text: str) -> None:
    dialog.hours.lineEdit().selectAll()
    qtbot.keyClicks(dialog.hours, text)


def fill(dialog: VolunteerDialog, member_id: int, category: str = "Communication") -> None:
    dialog.member.setCurrentIndex(dialog.member.findData(member_id))
    dialog.category.setCurrentIndex(dialog.category.findData(category))


def test_a_new_entry_starts_empty_and_cannot_be_saved(dialog: VolunteerDialog) -> None:
    assert dialog.windowTitle() == "New volunteer entry"
    assert not dialog.save_button.isEnabled()
    assert dialog.message("member_id") == "Choose the member who gave the time."
    assert dialog.message("hours") == "Enter the time given: more than 0 hours."
    assert dialog.message("category") == "Choose a category."
    assert dialog.date.date() == QDate(TODAY.year, TODAY.month, TODAY.day)
    assert dialog.date.maximumDate() == dialog.date.date()  # no future date to pick
    assert dialog.category.currentIndex() == -1
    assert "• Hours: Enter the time given" in dialog.save_button.toolTip()


def test_log_hours_for_one_member_refused_then_saved(qtbot, dialog: VolunteerDialog,
                                                     jeanne) -> None:
    fill(dialog, jeanne.id)
    assert dialog.member.currentText() == "Martin Jeanne — Martin Conseil"
    type_hours(qtbot, dialog, "25")
    assert dialog.message("hours") == "At most 24 hours in one day."
    assert not dialog.save_button.isEnabled()
    type_hours(qtbot, dialog, "0")
    assert dialog.message("hours") == "Enter the time given: more than 0 hours."
    type_hours(qtbot, dialog, "1.1")
    assert dialog.message("hours") == (
        "Hours are counted in quarter hours: 1.00 or 1.25 rather than 1.10.")
    assert not dialog.save_button.isEnabled()
    type_hours(qtbot, dialog, "1.25")
    assert dialog.message("hours") == "" and dialog.hours_hint.text() == "1 h 15 min"
    assert dialog.errors() == {} and dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.description, "Relance des invites")  # QTest aborts on accents

    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    entry = VolunteerEntry.get_by_id(dialog.saved_entry_id)
    assert (entry.member_id, entry.date, entry.hours, entry.category, entry.event_id,
            entry.description) == (jeanne.id, TODAY, Decimal("1.25"), "Communication", None,
                                   "Relance des invites")


def test_the_day_s_other_entries_count_towards_24_hours(qtbot, dialog, jeanne) -> None:
    VolunteerEntry.create(member=jeanne, date=TODAY, hours=Decimal("23"), category="Events")
    fill(dialog, jeanne.id)
    type_hours(qtbot, dialog, "1.25")
    assert dialog.message("hours") == (
        f"At most 24 hours in one day: Jeanne Martin already has 23.00 h on "
        f"{TODAY:%d/%m/%Y}, so 1.00 h more at most.")
    dialog.date.setDate(dialog.date.date().addDays(-1))  # another day: fine
    assert dialog.message("hours") == ""
    assert dialog.hours_hint.text() == "1 h 15 min"


def test_save_checks_again_what_changed_meanwhile(qtbot, dialog, jeanne) -> None:
    fill(dialog, jeanne.id)
    type_hours(qtbot, dialog, "2")
    assert dialog.save_button.isEnabled()
    # Another window logs Jeanne's day meanwhile.
    VolunteerEntry.create(member=jeanne, date=TODAY, hours=Decimal("23"), category="Events")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.saved_entry_id is None
    box = dialog.findChild(QMessageBox)
    assert box is not None and "already has 23.00 h" in box.text()
    assert VolunteerEntry.select().count() == 1


def test_a_typed_name_must_be_chosen_in_the_list(qtbot, dialog) -> None:
    qtbot.keyClicks(dialog.member.lineEdit(), "Personne Inconnue")
    assert dialog.message("member_id") == "Choose the member in the list."


def test_editing_loads_the_entry_and_saves_it(qtbot, jeanne) -> None:
    event = Event.create(title="Réunion hebdomadaire",
                         starts_at=dt.datetime.combine(TODAY - dt.timedelta(days=7),
                                                       dt.time(7, 0)))
    entry = VolunteerEntry.create(member=jeanne, date=TODAY - dt.timedelta(days=7),
                                  hours=Decimal("1.5"), category="Events", event=event,
                                  description="Accueil")
    dialog = VolunteerDialog(entry.id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit volunteer entry"
    assert dialog.member.currentData() == jeanne.id
    assert dialog.hours.value() == 1.5 and dialog.hours_hint.text() == "1 h 30 min"
    assert dialog.category.currentText() == "Events"
    assert dialog.event_combo.currentData() == event.id
    assert dialog.event_combo.currentText().endswith(" — Réunion hebdomadaire")
    assert dialog.description.text() == "Accueil" and dialog.save_button.isEnabled()
    type_hours(qtbot, dialog, "2.75")
    dialog.save_button.click()
    assert dialog.saved_entry_id == entry.id
    assert VolunteerEntry.get_by_id(entry.id).hours == Decimal("2.75")


def test_opened_for_an_event_it_takes_its_date(qtbot, jeanne) -> None:
    day = TODAY - dt.timedelta(days=3)
    event = Event.create(title="Salon des entrepreneurs",
                         starts_at=dt.datetime.combine(day, dt.time(9, 0)))
    dialog = VolunteerDialog(member_id=jeanne.id, event_id=event.id)
    qtbot.addWidget(dialog)
    assert dialog.date.date().toPython() == day
    assert dialog.event_combo.currentData() == event.id and dialog.member.currentData() == jeanne.id
    assert dialog.event_hint.isHidden()
    dialog.date.setDate(dialog.date.date().addDays(1))  # hours given the day after
    assert dialog.event_hint.text() == f"The event took place on {day:%d/%m/%Y}."
    assert dialog.collect().event_id == event.id


def test_an_entry_deleted_meanwhile_opens_no_dialog(db_path) -> None:
    with pytest.raises(VolunteerEntryNotFoundError):
        VolunteerDialog.ask(None, 42)


def test_hours_take_a_decimal_comma_in_french(qtbot, qapp, jeanne) -> None:
    translators = install_translators(qapp, "fr")
    try:
        dialog = VolunteerDialog(member_id=jeanne.id)
        qtbot.addWidget(dialog)
        type_hours(qtbot, dialog, "1,75")
        assert dialog.hours.text() == "1,75 h" and dialog.hours_hint.text() == "1 h 45 min"
        type_hours(qtbot, dialog, "1,1")
        assert dialog.message("hours") == (
            "Les heures se comptent par quarts d'heure\u00a0: 1,00 ou 1,25 plutôt que 1,10.")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def test_the_events_offered_follow_the_date(qtbot, jeanne) -> None:
    for days, title in ((5, "Réunion récente"), (100, "Réunion ancienne"),
                        (200, "Réunion très ancienne")):
        Event.create(title=title, starts_at=dt.datetime.combine(
            TODAY - dt.timedelta(days=days), dt.time(7)))
    dialog = VolunteerDialog()
    qtbot.addWidget(dialog)

    def offered() -> list[str]:
        combo = dialog.event_combo
        return [combo.itemText(row).split(" — ")[1] for row in range(1, combo.count())]

    assert offered() == ["Réunion récente"]
    dialog.date.setDate(dialog.date.date().addDays(-100))
    assert offered() == ["Réunion ancienne"]
    dialog.event_combo.setCurrentIndex(1)
    dialog.date.setDate(dialog.date.date().addDays(-100))  # the chosen one stays offered
    assert offered() == ["Réunion ancienne", "Réunion très ancienne"]  # recent first
    assert dialog.event_combo.currentText().endswith("Réunion ancienne")
