"""The member form edits the history of roles: lines added and removed, each refused with
its own message, saved with the member in one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from clubdesk.db import Mandate, Member
from clubdesk.domain.members.mandates import (
    MandateInput,
    mandate_inputs,
    save_member_mandates,
)
from clubdesk.ui.members import member_dialog
from clubdesk.ui.members.mandate_editor import MandateLine
from clubdesk.ui.members.member_dialog import MemberDialog

TODAY = dt.date.today()


def _line(dialog: MemberDialog, role: str, starts_on: dt.date,
          ends_on: dt.date | None = None, title: str = "") -> MandateLine:
    line = dialog.mandates.add_line()
    line.role.setCurrentIndex(line.role.findData(role))
    line.title.setText(title)
    line.starts_on.setDate(QDate(starts_on.year, starts_on.month, starts_on.day))
    if ends_on is not None:
        line.ends_on.check.setChecked(True)
        line.ends_on.edit.setDate(QDate(ends_on.year, ends_on.month, ends_on.day))
    return line


@pytest.fixture
def jeanne(qtbot, make_member) -> MemberDialog:
    member = make_member(first_name="Jeanne", last_name="Martin",
                         joined_on=dt.date(2018, 9, 1))
    save_member_mandates(member.id, [MandateInput("secretary", dt.date(2019, 3, 15),
                                                  dt.date(2022, 3, 14))])
    dialog = MemberDialog(member.id)
    qtbot.addWidget(dialog)
    return dialog


def test_a_new_member_with_a_role(qtbot, db_path) -> None:
    dialog = MemberDialog()
    qtbot.addWidget(dialog)
    dialog.first_name.setText("Inès")
    dialog.last_name.setText("Morel")
    assert dialog.mandates.empty_label.isVisibleTo(dialog)
    line = dialog.mandates.add_line()
    assert line.starts_on.date().toPython() == TODAY and line.ends_on.value() is None
    assert line.message.text() == "Choose the role." and not dialog.save_button.isEnabled()
    line.role.setCurrentIndex(line.role.findData("treasurer"))
    assert dialog.role.text() == f"Treasurer since {TODAY:%d/%m/%Y}"
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    member_id = dialog.saved_member_id
    assert Member.get_by_id(member_id).role == "treasurer"
    assert mandate_inputs(member_id) == [MandateInput("treasurer", TODAY)]


def test_each_refused_line_says_why(jeanne: MemberDialog) -> None:
    dialog = jeanne
    assert dialog.role.text() == "No role"  # her mandate ended in 2022
    # Lines are added at the top: the last one added is line 1.
    _line(dialog, "secretary", dt.date(2021, 1, 1))  # overlaps the one of 2019-2022
    _line(dialog, "other", dt.date(2022, 3, 15))  # an "other" role needs its name
    late = _line(dialog, "president", dt.date(2023, 1, 1), dt.date(2022, 1, 1))
    other, overlapping, stored = dialog.mandates.lines[1:]
    assert late.message.text() == "A mandate cannot end before it starts."
    assert other.message.text().startswith("Name the role")
    assert overlapping.message.text() == "Two mandates of Secretary overlap."
    assert stored.message.isHidden()
    assert set(dialog.mandate_errors()) == {0, 1, 2}
    assert not dialog.save_button.isEnabled()
    tooltip = dialog.save_button.toolTip()
    assert "• Role on line 1: A mandate cannot end before it starts." in tooltip
    assert "• Role on line 3: Two mandates of Secretary overlap." in tooltip

    assert other.title.isEnabled() and not late.title.isEnabled()
    other.title.setText("Communication officer")
    late.ends_on.check.setChecked(False)
    dialog.mandates.remove_line(overlapping)
    assert dialog.mandate_errors() == {} and dialog.save_button.isEnabled()
    # Two roles held today: the bureau's order says which is current.
    assert dialog.role.text() == "President since 01/01/2023"
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    member_id = dialog.member_id
    assert Member.get_by_id(member_id).role == "president"
    assert {(item.role, item.title) for item in mandate_inputs(member_id)} == {
        ("president", ""), ("other", "Communication officer"), ("secretary", "")}


def test_a_former_member_must_end_their_roles(jeanne: MemberDialog) -> None:
    dialog = jeanne
    line = _line(dialog, "treasurer", dt.date(2023, 1, 1))
    dialog.status.setCurrentIndex(dialog.status.findData("former"))
    dialog.left_on.check.setChecked(True)
    dialog.left_on.edit.setDate(QDate(2025, 6, 30))
    assert dialog.mandates.message.text().startswith("A former member holds no role")
    assert not dialog.save_button.isEnabled()
    line.ends_on.check.setChecked(True)
    line.ends_on.edit.setDate(QDate(2025, 6, 30))
    assert dialog.mandates.message.isHidden() and dialog.save_button.isEnabled()


def test_the_domain_refusing_a_row_saves_nothing(
        jeanne: MemberDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked again when saved, in the transaction: the member's fields stay as stored."""
    dialog = jeanne
    dialog.city.setText("Lyon")
    _line(dialog, "other", dt.date(2023, 1, 1))  # no name: refused
    monkeypatch.setattr(member_dialog, "validate_mandates", lambda mandates, today=None: {})
    dialog._revalidate()
    assert dialog.save_button.isEnabled()  # the form let it through
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog._error_box is not None and "Name the role" in dialog._error_box.text()
    member = Member.get_by_id(dialog.member_id)
    assert member.city == "" and Mandate.select().count() == 1


def test_roles_changed_elsewhere_meanwhile_are_shown_again(jeanne: MemberDialog) -> None:
    dialog = jeanne
    member_id = dialog.member_id
    save_member_mandates(member_id, [MandateInput("treasurer", dt.date(2024, 1, 1))])
    dialog.city.setText("Lyon")
    _line(dialog, "president", dt.date(2024, 6, 1))
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "changed elsewhere" in dialog._error_box.text()
    assert dialog.mandates.values() == [MandateInput("treasurer", dt.date(2024, 1, 1))]
    assert Member.get_by_id(member_id).city == ""  # nothing written
    # Made again on the history as stored now, the change saves.
    _line(dialog, "president", dt.date(2024, 6, 1))
    dialog.mandates.lines[1].ends_on.check.setChecked(True)
    dialog.mandates.lines[1].ends_on.edit.setDate(QDate(2024, 5, 31))
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Member.get_by_id(member_id).city == "Lyon"
    assert Member.get_by_id(member_id).role == "president"


def test_the_roles_left_alone_keep_what_was_saved_meanwhile(jeanne: MemberDialog) -> None:
    dialog = jeanne
    member_id = dialog.member_id
    elsewhere = [MandateInput("treasurer", dt.date(2024, 1, 1))]
    save_member_mandates(member_id, elsewhere)
    dialog.city.setText("Lyon")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert mandate_inputs(member_id) == elsewhere
    assert Member.get_by_id(member_id).role == "treasurer"


def test_the_roles_in_french(qtbot, make_member, in_french: None) -> None:
    member = make_member(first_name="Jeanne", last_name="Martin")
    save_member_mandates(member.id, [MandateInput("treasurer", dt.date(2024, 1, 1))])
    dialog = MemberDialog(member.id)
    qtbot.addWidget(dialog)
    assert dialog.mandates.title() == "Rôles au bureau et dans les commissions"
    assert dialog.mandates.add_button.text() == "Ajouter un rôle"
    assert dialog.labels["role"].text() == "Rôle actuel"
    assert dialog.role.text() == "Trésorier·ère depuis le 01/01/2024"
    line = dialog.mandates.add_line()
    assert line.message.text() == "Choisissez le rôle."
    assert line.ends_on.check.text() == "au"
    assert "• Rôle de la ligne 1\u00a0: Choisissez le rôle." in dialog.save_button.toolTip()
