"""The event dialog, driven like a user would, without exec()."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import QDialog

from clubdesk import i18n
from clubdesk.db import Event
from clubdesk.domain.events.event_series import SeriesInput, create_series
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.events import series_dialog
from clubdesk.ui.events.event_dialog import EventDialog

TODAY = dt.date.today()


@pytest.fixture
def new_dialog(qtbot, db_path) -> EventDialog:
    dialog = EventDialog()
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def meeting(db_path) -> Event:
    return Event.create(title="Petit-déjeuner d'affaires", kind="meeting", location="Café Zoë",
                        starts_at=dt.datetime(2026, 3, 10, 7, 0),
                        ends_at=dt.datetime(2026, 3, 10, 8, 30), description="Ordre du jour")


def test_a_new_event_starts_today_and_needs_a_title(new_dialog: EventDialog) -> None:
    dialog = new_dialog
    assert dialog.windowTitle() == "New event"
    assert not dialog.save_button.isEnabled()
    assert dialog.message("title") == "The title is required."
    assert dialog.save_button.toolTip() == "Cannot save yet:\n• Title: The title is required."
    assert dialog.kind.currentData() == "meeting"
    assert dialog.date.date().toPython() == TODAY
    assert (dialog.start.time(), dialog.end.time()) == (QTime(19, 0), QTime(21, 0))
    assert dialog.end_check.isChecked()


def test_an_end_before_the_start_blocks_save_until_fixed(qtbot, new_dialog: EventDialog
                                                         ) -> None:
    dialog = new_dialog
    qtbot.keyClicks(dialog.title, "Atelier « Pitch »")
    assert dialog.message("title") == "" and dialog.save_button.isEnabled()
    dialog.end.setTime(QTime(18, 30))
    assert dialog.message("ends_at") == "The event must end after it starts."
    assert not dialog.save_button.isEnabled()
    assert "• Time: The event must end after it starts." in dialog.save_button.toolTip()
    dialog.end.setTime(QTime(20, 45))
    dialog.kind.setCurrentIndex(dialog.kind.findData("workshop"))
    dialog.date.setDate(dt.date(2026, 4, 2))
    dialog.location.setText("  Médiathèque   Jean-Macé ")
    dialog.description.setPlainText("Apporter un ordinateur.")
    assert dialog.save_button.isEnabled() and dialog.errors() == {}

    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    event = Event.get_by_id(dialog.saved_event_id)
    assert (event.title, event.kind, event.location) == (
        "Atelier « Pitch »", "workshop", "Médiathèque Jean-Macé")
    assert (event.starts_at, event.ends_at) == (dt.datetime(2026, 4, 2, 19, 0),
                                                dt.datetime(2026, 4, 2, 20, 45))
    assert event.description == "Apporter un ordinateur." and event.series_id is None


def test_without_an_end_time(new_dialog: EventDialog) -> None:
    dialog = new_dialog
    dialog.title.setText("Visite d'entreprise")
    dialog.end.setTime(QTime(8, 0))
    assert not dialog.save_button.isEnabled()
    dialog.end_check.setChecked(False)
    assert not dialog.end.isEnabled() and dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert Event.get_by_id(dialog.saved_event_id).ends_at is None


def test_edit_an_event(qtbot, meeting: Event) -> None:
    dialog = EventDialog(meeting.id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit event — Petit-déjeuner d'affaires"
    assert dialog.title.text() == "Petit-déjeuner d'affaires"
    assert dialog.date.date().toPython() == dt.date(2026, 3, 10)
    assert (dialog.start.time(), dialog.end.time()) == (QTime(7, 0), QTime(8, 30))
    assert dialog.location.text() == "Café Zoë"
    assert dialog.description.toPlainText() == "Ordre du jour"
    assert not hasattr(dialog, "series_button")  # not in a series
    dialog.start.setTime(QTime(7, 30))
    dialog.end.setTime(QTime(9, 0))
    dialog.save_button.click()
    assert dialog.saved_event_id == meeting.id
    stored = Event.get_by_id(meeting.id)
    assert (stored.starts_at, stored.ends_at) == (dt.datetime(2026, 3, 10, 7, 30),
                                                  dt.datetime(2026, 3, 10, 9, 0))
    assert Event.select().count() == 1


def test_an_event_ending_the_next_day_keeps_its_end_day(qtbot, db_path) -> None:
    party = Event.create(title="Nuit des entrepreneurs", starts_at=dt.datetime(2026, 6, 20, 20),
                         ends_at=dt.datetime(2026, 6, 21, 1, 0))
    dialog = EventDialog(party.id)
    qtbot.addWidget(dialog)
    assert dialog.save_button.isEnabled()
    dialog.date.setDate(dt.date(2026, 6, 27))
    dialog.save_button.click()
    assert Event.get_by_id(party.id).ends_at == dt.datetime(2026, 6, 28, 1, 0)


def test_a_date_of_a_series_says_so_and_offers_the_series(
    qtbot, db_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    series_id, ids = create_series(SeriesInput(
        title="Réunion hebdomadaire", first_on=dt.date(2026, 1, 6), until=dt.date(2026, 1, 27),
        start_time=dt.time(7, 0)))
    dialog = EventDialog(ids[1])
    qtbot.addWidget(dialog)
    assert dialog.series_label.text().startswith(
        "Part of the series “Réunion hebdomadaire”: this edits this date only.")
    assert dialog.series_button.isEnabled()
    dialog.title.setText("Réunion de rentrée")
    assert not dialog.series_button.isEnabled()
    assert dialog.series_button.toolTip() == "Save or cancel the changes to this date first."
    dialog.title.setText("Réunion hebdomadaire")
    assert dialog.series_button.isEnabled()

    asked: list[int | None] = []
    monkeypatch.setattr(series_dialog.SeriesDialog, "ask",
                        classmethod(lambda cls, parent, sid=None: asked.append(sid) or sid))
    dialog.series_button.click()
    assert asked == [series_id]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.series_edited and dialog.saved_event_id == ids[1]


def test_editing_one_date_keeps_it_in_the_series(qtbot, db_path) -> None:
    series_id, ids = create_series(SeriesInput(
        title="Réunion hebdomadaire", first_on=dt.date(2026, 1, 6), until=dt.date(2026, 1, 27),
        start_time=dt.time(7, 0)))
    dialog = EventDialog(ids[1])
    qtbot.addWidget(dialog)
    dialog.title.setText("Réunion de rentrée")
    dialog.save_button.click()
    stored = Event.get_by_id(ids[1])
    assert (stored.title, stored.series_id) == ("Réunion de rentrée", series_id)
    assert Event.get_by_id(ids[2]).title == "Réunion hebdomadaire"


def test_an_event_deleted_meanwhile_is_not_saved(qtbot, meeting: Event) -> None:
    dialog = EventDialog(meeting.id)
    qtbot.addWidget(dialog)
    Event.delete().where(Event.id == meeting.id).execute()
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.saved_event_id is None
    assert f"Event {meeting.id} does not exist." in dialog._error_box.text()
    assert Event.select().count() == 0


def test_the_dialog_speaks_french(qapp, qtbot, db_path) -> None:
    translators = install_translators(qapp, "fr")
    try:
        dialog = EventDialog()
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Nouvel événement"
        assert dialog.message("title") == "Le titre est obligatoire."
        assert dialog.end_check.text() == "jusqu'à"
        assert dialog.kind.currentText() == "Réunion"
        assert dialog.date.text() == TODAY.strftime("%d/%m/%Y")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
