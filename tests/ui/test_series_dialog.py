"""The series dialog, driven like a user would, without exec(): preview, limits, saving."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import QDialog

from clubdesk import i18n
from clubdesk.db import Attendance, Event, EventSeries
from clubdesk.domain.events.event_series import SeriesInput, create_series
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.events.series_dialog import SeriesDialog

D = dt.date
TODAY = D(2026, 1, 2)


@pytest.fixture
def new_dialog(qtbot, db_path) -> SeriesDialog:
    dialog = SeriesDialog(today=TODAY)
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def series(db_path) -> tuple[int, list[int]]:
    """Every Tuesday of the first quarter of 2026, each with its own description."""
    series_id, ids = create_series(SeriesInput(
        title="Réunion hebdomadaire", first_on=D(2026, 1, 6), until=D(2026, 3, 31),
        start_time=dt.time(7, 0), end_time=dt.time(8, 30), location="Café Zoë"))
    for number, event_id in enumerate(ids, start=1):
        Event.update(description=f"Présentation vedette n° {number}").where(
            Event.id == event_id).execute()
    return series_id, ids


def test_the_preview_counts_and_lists_the_dates(new_dialog: SeriesDialog) -> None:
    dialog = new_dialog
    assert dialog.windowTitle() == "New series"
    assert not dialog.all_dates.isVisibleTo(dialog)  # no scope for a new series
    dialog.title.setText("Réunion hebdomadaire")
    dialog.first_on.setDate(D(2026, 1, 6))
    dialog.until.setDate(D(2026, 12, 31))
    assert dialog.preview.text() == (
        "Every Tuesday\n52 dates, from Tue 6 Jan 2026 to Tue 29 Dec 2026.\n"
        "6 Jan, 13 Jan, 20 Jan, 27 Jan, 3 Feb, …")
    dialog.frequency.setCurrentIndex(dialog.frequency.findData("fortnightly"))
    assert dialog.preview.text().startswith("Every other Tuesday\n26 dates")
    dialog.frequency.setCurrentIndex(dialog.frequency.findData("monthly"))
    assert dialog.preview.text().startswith(
        "The first Tuesday of each month\n12 dates, from Tue 6 Jan 2026 to Tue 1 Dec 2026.")
    dialog.first_on.setDate(D(2026, 3, 31))
    assert dialog.preview.text().startswith("The last Tuesday of each month\n10 dates")
    dialog.until.setDate(D(2026, 4, 30))
    assert dialog.preview.text() == ("The last Tuesday of each month\n"
                                     "2 dates, from Tue 31 Mar 2026 to Tue 28 Apr 2026.\n"
                                     "31 Mar, 28 Apr")


def test_an_end_before_the_start_or_too_many_dates_refuse(new_dialog: SeriesDialog) -> None:
    dialog = new_dialog
    dialog.title.setText("Réunion")
    assert dialog.save_button.isEnabled()  # 52 dates from today by default
    dialog.until.setDate(TODAY - dt.timedelta(days=1))
    assert dialog.message("until") == "The end date is before the first date."
    assert not dialog.save_button.isEnabled() and not dialog.preview.isVisibleTo(dialog)
    dialog.until.setDate(D(2031, 12, 31))
    assert dialog.message("until") == "More than 260 dates: choose an earlier end date."
    assert not dialog.save_button.isEnabled()
    dialog.frequency.setCurrentIndex(dialog.frequency.findData("monthly"))
    assert dialog.message("until") == "" and dialog.save_button.isEnabled()
    assert "72 dates" in dialog.preview.text()


def test_save_a_new_series(new_dialog: SeriesDialog) -> None:
    dialog = new_dialog
    dialog.title.setText("Déjeuner mensuel")
    dialog.kind.setCurrentIndex(dialog.kind.findData("networking"))
    dialog.frequency.setCurrentIndex(dialog.frequency.findData("monthly"))
    dialog.first_on.setDate(D(2026, 1, 13))
    dialog.until.setDate(D(2026, 6, 30))
    dialog.start.setTime(QTime(12, 0))
    dialog.end.setTime(QTime(11, 0))
    assert dialog.message("end_time") == "The event must end after it starts."
    dialog.end.setTime(QTime(14, 0))
    dialog.location.setText("Brasserie du Parc")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = EventSeries.get_by_id(dialog.saved_series_id)
    assert (stored.title, stored.kind, stored.frequency) == ("Déjeuner mensuel", "networking",
                                                            "monthly")
    events = list(Event.select().where(Event.series == stored.id).order_by(Event.starts_at))
    assert [event.starts_at.date() for event in events] == [
        D(2026, 1, 13), D(2026, 2, 10), D(2026, 3, 10), D(2026, 4, 14), D(2026, 5, 12),
        D(2026, 6, 9)]
    assert {(e.location, e.ends_at.time()) for e in events} == {("Brasserie du Parc",
                                                                 dt.time(14, 0))}


def test_edit_the_dates_from_a_day_changes_only_what_was_changed(qtbot, series) -> None:
    series_id, ids = series
    dialog = SeriesDialog(series_id, today=D(2026, 2, 15))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit series — Réunion hebdomadaire"
    assert not dialog.frequency.isEnabled() and not dialog.first_on.isEnabled()
    assert dialog.from_date.date().toPython() == D(2026, 2, 17)  # the next date
    assert dialog.description.toPlainText() == "Présentation vedette n° 7"
    assert dialog.preview.text() == "Nothing changed yet."
    dialog.location.setText("Hôtel de ville")
    assert dialog.preview.text() == "Changes 13 dates."
    dialog.from_dates.setChecked(True)
    assert dialog.from_date.isEnabled()
    assert dialog.preview.text() == "Changes 7 dates."
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    rows = list(Event.select().where(Event.series == series_id).order_by(Event.starts_at))
    assert [row.location for row in rows] == ["Café Zoë"] * 6 + ["Hôtel de ville"] * 7
    assert rows[-1].description == "Présentation vedette n° 13"  # untouched
    assert EventSeries.get_by_id(series_id).location == "Hôtel de ville"


def test_a_later_end_adds_dates_an_earlier_one_is_refused_over_attendance(
    qtbot, series, make_member
) -> None:
    series_id, ids = series
    Attendance.create(event=ids[-1], member=make_member(), status="present")
    dialog = SeriesDialog(series_id, today=D(2026, 1, 1))
    qtbot.addWidget(dialog)
    dialog.until.setDate(D(2026, 4, 14))
    assert dialog.preview.text() == "Adds 2 dates, up to Tue 14 Apr 2026."
    dialog.until.setDate(D(2026, 3, 20))
    assert dialog.message("until").startswith("Attendance or guests are recorded after")
    assert not dialog.save_button.isEnabled()
    dialog.until.setDate(D(2026, 4, 7))
    dialog.save_button.click()
    assert Event.select().where(Event.series == series_id).count() == 14


def test_the_dialog_speaks_french(qapp, qtbot, db_path) -> None:
    translators = install_translators(qapp, "fr")
    try:
        dialog = SeriesDialog(today=TODAY)
        qtbot.addWidget(dialog)
        dialog.title.setText("Réunion")
        dialog.first_on.setDate(D(2026, 1, 13))
        dialog.until.setDate(D(2026, 3, 10))
        dialog.frequency.setCurrentIndex(dialog.frequency.findData("monthly"))
        assert dialog.windowTitle() == "Nouvelle série"
        assert dialog.preview.text().startswith(
            "Le deuxième mardi de chaque mois\n3 dates, du mar. 13 janv. 2026 au "
            "mar. 10 mars 2026.")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
