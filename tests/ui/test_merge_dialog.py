"""The merge dialog: a value chosen per field, what moves, conflicts, then Merge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QRadioButton

from clubdesk.db import Attendance, AuditEntry, Event, Member, MembershipFee
from clubdesk.ui.members.merge_dialog import MergeDialog


def _pair(make_member):
    keep = make_member(first_name="Jeanne", last_name="Dupont", company="")
    other = make_member(first_name="Jeanne", last_name="Dupond", company="Acme",
                        email="jd@example.fr")
    event = Event.create(title="Breakfast", starts_at=dt.datetime(2026, 3, 1, 8, 0))
    Attendance.create(event=event, member=keep, status="absent")
    Attendance.create(event=event, member=other, status="present")
    for year in (2025, 2026):
        MembershipFee.create(member=other, period_start=dt.date(year, 1, 1),
                             period_end=dt.date(year, 12, 31), amount=Decimal("40"))
    return keep, other


def test_defaults_counts_and_conflicts(qtbot, make_member) -> None:
    keep, other = _pair(make_member)
    dialog = MergeDialog(keep.id, other.id)
    qtbot.addWidget(dialog)
    values = dialog.chosen_values()
    assert values["last_name"] == "Dupont"  # the kept record's value
    assert values["company"] == "Acme"  # the kept one is empty
    assert "2 fees" in dialog.moves.text()
    assert "1 attendance row" in dialog.moves.text()
    assert "Jeanne Dupont" in dialog.moves.text()
    assert not dialog.conflicts.isHidden()
    assert "Breakfast" in dialog.conflicts.text()
    assert not dialog.findChild(QRadioButton, "other_first_name").isEnabled()


def test_choose_values_and_merge(qtbot, make_member) -> None:
    keep, other = _pair(make_member)
    dialog = MergeDialog(keep.id, other.id)
    qtbot.addWidget(dialog)
    dialog.findChild(QRadioButton, "other_last_name").setChecked(True)
    dialog.findChild(QRadioButton, "keep_company").setChecked(True)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == MergeDialog.DialogCode.Accepted
    assert dialog.result_ is not None
    assert not Member.select().where(Member.id == other.id).exists()
    kept = Member.get_by_id(keep.id)
    assert (kept.last_name, kept.company, kept.email) == ("Dupond", "", "jd@example.fr")
    assert MembershipFee.select().where(MembershipFee.member == keep.id).count() == 2
    assert Attendance.get().status == "present"
    assert AuditEntry.get().action == "merge"


def test_refused_values_keep_the_dialog_open(qtbot, make_member) -> None:
    keep, other = _pair(make_member)
    keep.status, keep.left_on = "former", dt.date(2026, 1, 1)
    keep.save()
    dialog = MergeDialog(keep.id, other.id)
    qtbot.addWidget(dialog)
    # The other's status "active" with the kept leaving date is refused.
    dialog.findChild(QRadioButton, "other_status").setChecked(True)
    dialog.findChild(QRadioButton, "keep_left_on").setChecked(True)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.result_ is None
    box = dialog.findChild(QMessageBox)
    assert box is not None and "leaving date" in box.text()
    assert Member.select().where(Member.id == other.id).exists()


def test_the_duplicate_is_chosen_by_its_exact_label(qtbot, make_member) -> None:
    from clubdesk.domain.members.members import sponsor_choices
    from clubdesk.ui.common.form_widgets import member_search_combo
    from clubdesk.ui.members.merge_dialog import chosen_member

    keep = make_member(first_name="Éloïse", last_name="Dupont")
    other = make_member(first_name="Eloise", last_name="Dupond")
    combo = member_search_combo(sponsor_choices(exclude_id=keep.id), "")
    qtbot.addWidget(combo)
    label = next(text for member_id, text in sponsor_choices() if member_id == other.id)
    combo.setEditText(label)
    assert chosen_member(combo) == other.id
    combo.setEditText("Dupo")
    assert chosen_member(combo) is None


def test_summary_counts_rows_before_and_after(qtbot, make_member) -> None:
    keep, other = _pair(make_member)
    dialog = MergeDialog(keep.id, other.id)
    qtbot.addWidget(dialog)
    assert dialog.summary_text() == ""
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    text = dialog.summary_text()
    assert "Jeanne Dupond was merged into Jeanne Dupont." in text
    # fees: 0 kept + 2 other -> 2; attendance: 1 + 1 -> 1 (the same event, counted once)
    assert ("<tr><td>Fees</td>" + "".join(
        f"<td style='padding: 2px 10px; text-align: right'>{n}</td>" for n in (0, 2, 2))
        + "</tr>") in text
    assert ("<tr><td>Attendance rows</td>" + "".join(
        f"<td style='padding: 2px 10px; text-align: right'>{n}</td>" for n in (1, 1, 1))
        + "</tr>") in text
    assert "1 event attended by both now counts once, with the best status." in text
    assert "Volunteer entries" not in text  # neither had any


def test_the_rows_that_move_are_counted_in_french(qtbot, make_member, in_french) -> None:
    keep = make_member(first_name="Jeanne", last_name="Dupont")
    other = make_member(first_name="Jeanne", last_name="Dupond")
    MembershipFee.create(member=other, period_start=dt.date(2026, 1, 1),
                         period_end=dt.date(2026, 12, 31), amount=Decimal("40"))
    dialog = MergeDialog(keep.id, other.id)
    qtbot.addWidget(dialog)
    assert dialog.moves.text() == "1 cotisation\u00a0: transféré·e·s à Jeanne Dupont."
