"""Logging hours for several members at once, all of them or none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from clubdesk.db import Attendance, Event, VolunteerEntry
from clubdesk.ui.volunteering.volunteer_batch_dialog import IdRole, VolunteerBatchDialog

TODAY = dt.date.today()
DAY = TODAY - dt.timedelta(days=2)
RED = "#b3261e"


@pytest.fixture
def club(make_member) -> dict[str, object]:
    people = {
        "anne": make_member(first_name="Anne", last_name="Abel"),
        "bruno": make_member(first_name="Bruno", last_name="Brun"),
        "chloe": make_member(first_name="Chloé", last_name="Caron", company="Caron Fleurs"),
        "denis": make_member(first_name="Denis", last_name="Dumas", status="prospect"),
        "emma": make_member(first_name="Emma", last_name="Roux", status="former"),
    }
    return people


@pytest.fixture
def dialog(qtbot, club) -> VolunteerBatchDialog:
    widget = VolunteerBatchDialog()
    qtbot.addWidget(widget)
    return widget


def listed(dialog: VolunteerBatchDialog) -> list[str]:
    model = dialog.members
    return [model.index(row).data() for row in range(model.rowCount())]


def tick(dialog: VolunteerBatchDialog, *members) -> None:
    model = dialog.members
    for row in range(model.rowCount()):
        if model.index(row).data(IdRole) in {member.id for member in members}:
            model.setData(model.index(row), Qt.CheckState.Checked.value,
                          Qt.ItemDataRole.CheckStateRole)


def fill(dialog: VolunteerBatchDialog, hours: float = 2.5) -> None:
    dialog.date.setDate(QDate(DAY.year, DAY.month, DAY.day))
    dialog.hours.setValue(hours)
    dialog.category.setCurrentIndex(dialog.category.findData("Events"))


def test_the_active_members_are_listed_and_filtered(qtbot, dialog) -> None:
    assert dialog.windowTitle() == "Log hours for several members"
    assert listed(dialog) == ["Abel Anne", "Brun Bruno", "Caron Chloé — Caron Fleurs"]
    qtbot.keyClicks(dialog.filter, "fleurs")
    assert listed(dialog) == ["Caron Chloé — Caron Fleurs"]
    dialog.check_shown_button.click()
    dialog.filter.clear()
    assert dialog.members.checked_ids() == [dialog.members.index(2).data(IdRole)]
    assert dialog.selected_label.text() == "1 selected"
    assert dialog.message("members") == ""
    dialog.clear_button.click()
    assert dialog.message("members") == "Tick at least one member."
    assert not dialog.save_button.isEnabled()


def test_several_members_logged_in_one_go(dialog, club) -> None:
    tick(dialog, club["anne"], club["chloe"])
    fill(dialog, 2.5)
    dialog.description.setText("Stand au salon")
    assert dialog.selected_label.text() == "2 selected"
    assert dialog.errors() == {} and dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(dialog.saved_entry_ids or []) == 2
    stored = sorted((row.member_id, row.date, row.hours, row.category, row.description)
                    for row in VolunteerEntry.select())
    assert stored == [(club["anne"].id, DAY, Decimal("2.50"), "Events", "Stand au salon"),
                      (club["chloe"].id, DAY, Decimal("2.50"), "Events", "Stand au salon")]


def test_the_member_who_would_pass_24_hours_is_named_and_nothing_written(dialog,
                                                                         club) -> None:
    VolunteerEntry.create(member=club["bruno"], date=DAY, hours=Decimal("20"),
                          category="Events")
    tick(dialog, club["anne"], club["bruno"], club["chloe"])
    fill(dialog, 4.5)
    message = dialog.message("members")
    assert message == (f"At most 24 hours in one day: on {DAY:%d/%m/%Y} this member would "
                       "go over it: Bruno Brun (20.00 h already).")
    assert not dialog.save_button.isEnabled()
    bruno_row = listed(dialog).index("Brun Bruno")
    brush = dialog.members.index(bruno_row).data(Qt.ItemDataRole.ForegroundRole)
    assert brush is not None and brush.color().name() == RED
    assert dialog.members.index(0).data(Qt.ItemDataRole.ForegroundRole) is None

    dialog.accept()  # Save checks again and refuses, for everybody
    assert dialog.result() != QDialog.DialogCode.Accepted
    box = dialog.findChild(QMessageBox)
    assert box is not None and "Bruno Brun (20.00 h already)" in box.text()
    assert "No hours were saved, for any member" in box.text()
    assert VolunteerEntry.select().count() == 1
    dialog.hours.setValue(4)  # 20 + 4 = 24: allowed
    assert dialog.message("members") == "" and dialog.save_button.isEnabled()


def test_everyone_present_at_an_event(qtbot, club, make_member) -> None:
    event = Event.create(title="Salon des entrepreneurs",
                         starts_at=dt.datetime.combine(DAY, dt.time(9, 0)))
    for name, status in (("anne", "present"), ("bruno", "absent"), ("chloe", "late"),
                         ("denis", "present")):
        Attendance.create(event=event, member=club[name], status=status)
    dialog = VolunteerBatchDialog(event_id=event.id)
    qtbot.addWidget(dialog)
    assert dialog.event_combo.currentData() == event.id
    assert dialog.event_combo.currentText().endswith("— Salon des entrepreneurs (3 present)")
    # The prospect who came is listed and ticked too.
    assert set(dialog.members.checked_ids()) == {club["anne"].id, club["chloe"].id,
                                                 club["denis"].id}
    assert "Dumas Denis" in listed(dialog)
    assert dialog.event_note.text() == "3 members present at the event ticked."
    assert dialog.date.date().toPython() == DAY
    dialog.hours.setValue(3)
    dialog.category.setCurrentIndex(dialog.category.findData("Events"))
    dialog.save_button.click()
    assert {row.event_id for row in VolunteerEntry.select()} == {event.id}
    assert VolunteerEntry.select().count() == 3
