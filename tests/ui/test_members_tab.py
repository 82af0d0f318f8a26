"""The Members tab driven like a secretary would: search, filters, add, edit, archive, delete."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from tab_helpers import loaded_tab, show_active

from clubdesk.db import Member, MembershipFee
from clubdesk.ui.common.prompts import build_confirmation
from clubdesk.ui.members import member_filters, members_tab
from clubdesk.ui.members import members_model as m
from clubdesk.ui.members.member_filters import STATUS_CURRENT
from clubdesk.ui.members.members_tab import MembersTab


class Dialogs:
    """Stands in for the member dialog and the confirmations; records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.save: dict[str, object] | None = None  # fields the "user" enters, None: cancel
        self.edited: list[int | None] = []
        self.answer = True
        self.questions: list[tuple[str, str, str]] = []
        self.informed: list[str] = []
        monkeypatch.setattr(members_tab, "edit_member_dialog", self._edit)
        monkeypatch.setattr(members_tab, "confirm", self._confirm)
        monkeypatch.setattr(members_tab, "inform",
                            lambda parent, title, text: self.informed.append(text))

    def _edit(self, parent, member_id: int | None) -> int | None:
        self.edited.append(member_id)
        if self.save is None:
            return None
        if member_id is None:
            return Member.create(**self.save).id
        Member.update(**self.save).where(Member.id == member_id).execute()
        return member_id

    def _confirm(self, parent, title: str, text: str, accept_label: str) -> bool:
        self.questions.append((title, text, accept_label))
        return self.answer


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


@pytest.fixture
def people(make_member) -> dict[str, Member]:
    return {
        "eloise": make_member(first_name="Éloïse", last_name="Dupont", city="Lyon",
                              company="Boulangerie Éclair"),
        "eloise2": make_member(first_name="Eloise", last_name="Martin", city="Paris",
                               status="lapsed"),
        "jean": make_member(first_name="Jean", last_name="Œuvray", city="Lyon",
                            role="treasurer", status="prospect"),
        "zoe": make_member(first_name="Zoë", last_name="Lefèvre", status="former",
                           left_on=dt.date(2024, 6, 30)),
    }


@pytest.fixture
def tab(host: QWidget, people) -> MembersTab:
    """The tab narrowed to current members, as most of these tests look at them."""
    widget = loaded_tab(MembersTab, host)
    widget.filters.status.setCurrentIndex(widget.filters.status.findData(STATUS_CURRENT))
    return widget


def test_opens_on_the_whole_register_with_former_members_greyed(host, people) -> None:
    widget = MembersTab(host)
    widget.reload()
    assert widget.filters.status.currentText() == "All statuses"
    model = widget.table.model()
    assert model.rowCount() == 4
    assert widget.count_label.text() == "4 members"
    row = next(r for r in range(4) if model.index(r, m.COL_LAST_NAME).data() == "Lefèvre")
    assert model.index(row, m.COL_LAST_NAME).data(Qt.ItemDataRole.ForegroundRole) is not None


def _names(tab: MembersTab) -> list[str]:
    model = tab.table.model()
    return [f"{model.index(row, m.COL_FIRST_NAME).data()} "
            f"{model.index(row, m.COL_LAST_NAME).data()}" for row in range(model.rowCount())]


def _selected_name(tab: MembersTab) -> str | None:
    row = tab.selected_row()
    return row.full_name if row else None


def test_lists_current_members_sorted_by_last_name(tab: MembersTab) -> None:
    assert _names(tab) == ["Éloïse Dupont", "Eloise Martin", "Jean Œuvray"]
    assert tab.count_label.text() == "3 of 4 members"
    assert tab.filters.status.currentText() == "Current members"
    assert tab.filters.search.placeholderText() == "Search name, company, profession, email, city…"


def test_search_ignores_accents_and_updates_the_count(qtbot, tab: MembersTab) -> None:
    with qtbot.waitSignal(tab.member_count_changed,
                          check_params_cb=lambda shown, total: shown == 2) as counted:
        qtbot.keyClicks(tab.filters.search, "ELOÏSE")  # one filter a keystroke: "E" keeps 3
    assert counted.args == [2, 4]
    assert _names(tab) == ["Éloïse Dupont", "Eloise Martin"]
    assert tab.count_label.text() == "2 of 4 members"
    tab.filters.search.setText("eloise lyon")
    assert _names(tab) == ["Éloïse Dupont"]
    tab.filters.search.setText("oeuvray")
    assert _names(tab) == ["Jean Œuvray"]
    tab.filters.search.setText("eclair")
    assert _names(tab) == ["Éloïse Dupont"]
    tab.filters.search.clear()
    assert len(_names(tab)) == 3


def test_status_and_role_filters(qtbot, tab: MembersTab) -> None:
    with qtbot.waitSignal(tab.member_count_changed) as counted:
        tab.filters.status.setCurrentIndex(tab.filters.status.findData(member_filters.ANY))
    assert counted.args == [4, 4]
    assert tab.count_label.text() == "4 members"
    tab.filters.status.setCurrentIndex(tab.filters.status.findData("former"))
    assert _names(tab) == ["Zoë Lefèvre"]
    tab.filters.status.setCurrentIndex(tab.filters.status.findData(member_filters.STATUS_CURRENT))
    tab.filters.role.setCurrentIndex(tab.filters.role.findData(member_filters.ROLE_BUREAU))
    assert _names(tab) == ["Jean Œuvray"]
    tab.filters.role.setCurrentIndex(tab.filters.role.findData("none"))
    assert _names(tab) == ["Éloïse Dupont", "Eloise Martin"]


def test_selection_shows_the_detail_and_enables_the_buttons(tab: MembersTab, people) -> None:
    assert tab.selected_row() is None
    assert not tab.actions.edit_button.isEnabled() and not tab.actions.delete_button.isEnabled()
    assert not tab.actions.archive_button.isEnabled() and tab.actions.new_button.isEnabled()
    assert tab.detail.member_id() is None
    assert tab.select_member(people["eloise"].id)
    assert tab.actions.edit_button.isEnabled() and tab.actions.archive_button.isEnabled()
    assert tab.detail.member_id() == people["eloise"].id
    assert tab.detail.title.text() == "Éloïse Dupont"


def test_the_selection_survives_filtering_when_still_shown(tab: MembersTab, people) -> None:
    tab.select_member(people["eloise"].id)
    tab.filters.search.setText("eloise")
    assert _selected_name(tab) == "Éloïse Dupont"
    tab.filters.search.setText("martin")
    assert tab.selected_row() is None and tab.detail.member_id() is None
    assert not tab.actions.edit_button.isEnabled()


def test_new_member_appears_selected(qtbot, tab: MembersTab, dialogs: Dialogs) -> None:
    dialogs.save = {"first_name": "Hélène", "last_name": "Bérard", "city": "Nîmes"}
    with qtbot.waitSignal(tab.status_message) as message:
        tab.actions.new_button.click()
    assert dialogs.edited == [None]
    assert message.args == ["Hélène Bérard added."]
    assert _names(tab)[0] == "Hélène Bérard"
    assert _selected_name(tab) == "Hélène Bérard"
    assert tab.detail.title.text() == "Hélène Bérard"
    assert tab.count_label.text() == "4 of 5 members"


def test_new_member_hidden_by_the_filters_is_shown_anyway(
    qtbot, tab: MembersTab, dialogs: Dialogs
) -> None:
    tab.filters.search.setText("lyon")
    dialogs.save = {"first_name": "Anne", "last_name": "Ancien", "status": "former"}
    with qtbot.waitSignal(tab.status_message) as message:
        tab.new_member()
    assert _selected_name(tab) == "Anne Ancien"
    assert tab.filters.search.text() == ""
    assert tab.filters.status.currentData() == member_filters.ANY
    assert "Filters changed" in message.args[0]


def test_cancelled_dialog_changes_nothing(tab: MembersTab, dialogs: Dialogs, people) -> None:
    tab.select_member(people["jean"].id)
    tab.actions.edit_button.click()
    assert dialogs.edited == [people["jean"].id]
    assert _names(tab) == ["Éloïse Dupont", "Eloise Martin", "Jean Œuvray"]
    assert _selected_name(tab) == "Jean Œuvray"


def test_edit_refreshes_the_row_in_place(
    qtbot, tab: MembersTab, dialogs: Dialogs, people
) -> None:
    tab.select_member(people["jean"].id)
    dialogs.save = {"last_name": "Abadie", "city": "Orléans"}
    with qtbot.waitSignal(tab.status_message) as message:
        tab.edit_member()
    assert message.args == ["Jean Abadie saved."]
    assert _names(tab) == ["Jean Abadie", "Éloïse Dupont", "Eloise Martin"]  # re-sorted
    assert _selected_name(tab) == "Jean Abadie"
    assert tab.table.model().index(0, m.COL_CITY).data() == "Orléans"
    assert tab.detail.title.text() == "Jean Abadie"
    tab.filters.search.setText("orleans")
    assert _names(tab) == ["Jean Abadie"]  # the search key was refreshed too


def test_enter_and_double_click_edit(qtbot, tab: MembersTab, dialogs: Dialogs, people) -> None:
    show_active(qtbot, tab)
    tab.select_member(people["eloise2"].id)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert dialogs.edited == [people["eloise2"].id]
    center = tab.table.visualRect(tab.table.model().index(0, m.COL_CITY)).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert dialogs.edited == [people["eloise2"].id, people["eloise"].id]


def test_archive_after_confirmation(qtbot, tab: MembersTab, dialogs: Dialogs, people) -> None:
    tab.select_member(people["eloise"].id)
    with qtbot.waitSignal(tab.status_message) as message:
        tab.actions.archive_button.click()
    title, text, accept = dialogs.questions[0]
    assert (title, accept) == ("Archive member", "Archive")
    assert "Éloïse Dupont" in text
    assert message.args == ["Éloïse Dupont archived."]
    stored = Member.get_by_id(people["eloise"].id)
    assert (stored.status, stored.left_on) == ("former", dt.date.today())
    assert _names(tab) == ["Eloise Martin", "Jean Œuvray"]
    assert _selected_name(tab) == "Eloise Martin"  # the next one takes its place
    assert tab.count_label.text() == "2 of 4 members"


def test_archive_cancelled(tab: MembersTab, dialogs: Dialogs, people) -> None:
    dialogs.answer = False
    tab.select_member(people["eloise"].id)
    tab.archive_selected()
    assert Member.get_by_id(people["eloise"].id).status == "active"
    assert _selected_name(tab) == "Éloïse Dupont"


def test_former_members_cannot_be_archived_again(tab: MembersTab, people) -> None:
    tab.filters.status.setCurrentIndex(tab.filters.status.findData(member_filters.ANY))
    tab.select_member(people["zoe"].id)
    assert not tab.actions.archive_button.isEnabled() and tab.actions.delete_button.isEnabled()


def test_delete_with_history_offers_to_archive(
    qtbot, tab: MembersTab, dialogs: Dialogs, people
) -> None:
    MembershipFee.create(member=people["jean"], period_start=dt.date(2026, 1, 1),
                         period_end=dt.date(2026, 12, 31), amount=Decimal("150"))
    tab.select_member(people["jean"].id)
    dialogs.answer = False
    tab.actions.delete_button.click()
    title, text, accept = dialogs.questions[0]
    assert (title, accept) == ("Delete member", "Archive")
    assert "Jean Œuvray cannot be deleted" in text and "membership fees" in text
    assert Member.get_by_id(people["jean"].id).status == "prospect"  # cancelled: unchanged

    dialogs.answer = True
    with qtbot.waitSignal(tab.status_message) as message:
        tab.delete_selected()
    assert message.args == ["Jean Œuvray archived."]
    assert Member.get_by_id(people["jean"].id).status == "former"  # archived, not deleted


def test_delete_a_former_member_with_history_only_explains(
    tab: MembersTab, dialogs: Dialogs, people
) -> None:
    MembershipFee.create(member=people["zoe"], period_start=dt.date(2023, 1, 1),
                         period_end=dt.date(2023, 12, 31), amount=Decimal("150"))
    tab.filters.status.setCurrentIndex(tab.filters.status.findData("former"))
    tab.select_member(people["zoe"].id)
    tab.delete_selected()
    assert dialogs.questions == []
    assert "Zoë Lefèvre cannot be deleted" in dialogs.informed[0]
    assert Member.select().where(Member.id == people["zoe"].id).exists()


def test_delete_without_history(qtbot, tab: MembersTab, dialogs: Dialogs, people) -> None:
    tab.select_member(people["eloise2"].id)
    with qtbot.waitSignal(tab.status_message) as message:
        tab.actions.delete_button.click()
    title, text, accept = dialogs.questions[0]
    assert (title, accept) == ("Delete member", "Delete")
    assert "Delete Eloise Martin permanently?" in text
    assert message.args == ["Eloise Martin deleted."]
    assert not Member.select().where(Member.id == people["eloise2"].id).exists()
    assert _names(tab) == ["Éloïse Dupont", "Jean Œuvray"]
    assert _selected_name(tab) == "Jean Œuvray"
    assert tab.count_label.text() == "2 of 3 members"


def test_delete_cancelled(tab: MembersTab, dialogs: Dialogs, people) -> None:
    dialogs.answer = False
    tab.select_member(people["eloise2"].id)
    tab.delete_selected()
    assert Member.select().where(Member.id == people["eloise2"].id).exists()
    assert len(_names(tab)) == 3


def test_keyboard_shortcuts(qtbot, tab: MembersTab, dialogs: Dialogs, people) -> None:
    show_active(qtbot, tab)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)

    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.filters.search.hasFocus()

    qtbot.keyClicks(tab.filters.search, "lyon")
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Down)  # on to the list, first row selected
    assert tab.table.hasFocus() and _selected_name(tab) == "Éloïse Dupont"

    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert dialogs.questions[-1][2] == "Delete"

    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.edited == [None]


def test_delete_key_in_the_search_field_edits_the_text(
    qtbot, tab: MembersTab, dialogs: Dialogs, people
) -> None:
    show_active(qtbot, tab)
    tab.select_member(people["eloise"].id)
    tab.filters.search.setFocus()
    qtbot.waitUntil(tab.filters.search.hasFocus)
    tab.filters.search.setText("ly")
    tab.filters.search.setCursorPosition(0)
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Delete)
    assert tab.filters.search.text() == "y"
    assert dialogs.questions == []


def test_clicking_a_header_sorts(qtbot, tab: MembersTab) -> None:
    show_active(qtbot, tab)
    header = tab.table.horizontalHeader()
    city = QPoint(header.sectionViewportPosition(m.COL_CITY) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=city)
    assert header.sortIndicatorSection() == m.COL_CITY
    assert [row.city for row in tab.model.rows()] == ["Lyon", "Lyon", "Paris"]
    assert _names(tab)[:2] == ["Éloïse Dupont", "Jean Œuvray"]  # then by name
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=city)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert [row.city for row in tab.model.rows()] == ["Paris", "Lyon", "Lyon"]


def test_confirmation_box_defaults_to_cancel(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    box, accept = build_confirmation(parent, "Delete member", "Sure?", "Delete")
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert accept.text() == "Delete" and box.text() == "Sure?"
    accept.click()
    assert box.clickedButton() is accept


def test_reload_reads_changes_made_elsewhere(tab: MembersTab, people) -> None:
    tab.select_member(people["jean"].id)
    Member.update(first_name="Jeanne").where(Member.id == people["jean"].id).execute()
    tab.reload()
    assert _selected_name(tab) == "Jeanne Œuvray"
    assert tab.detail.title.text() == "Jeanne Œuvray"


def test_the_tab_speaks_french(host: QWidget, people, in_french: None) -> None:
    french = MembersTab(host)
    french.reload()
    assert french.count_label.text() == "4 membres"
    assert french.filters.status.currentText() == "Tous les statuts"
    french.filters.status.setCurrentIndex(french.filters.status.findData(STATUS_CURRENT))
    assert french.count_label.text() == "3 sur 4 membres"
    assert french.filters.status.currentText() == "Membres actuels"
    assert french.actions.delete_button.text() == "Supprimer"
    assert french.table.model().index(1, m.COL_STATUS).data() == "Non renouvelé"
    french.filters.search.setText("zzz")
    assert french.count_label.text() == "0 sur 4 membres"


def test_an_empty_register_says_how_to_start(host, db_path, dialogs: Dialogs) -> None:
    widget = MembersTab(host)
    widget.reload()
    assert "No members yet" in widget.detail.placeholder.text()
    dialogs.save = {"first_name": "Anaïs", "last_name": "Première"}
    widget.new_member()
    assert widget.model.rowCount() == 1
    assert "Select a member" in widget.detail.placeholder.text()


def test_gdpr_actions_act_on_the_selected_member(
    tab: MembersTab, people, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clubdesk.ui.members import personal_data_actions

    asked: list[tuple[str, int]] = []
    monkeypatch.setattr(personal_data_actions, "export_personal_data",
                        lambda parent, member_id: asked.append(("export", member_id)))

    def anonymize(parent, member_id: int) -> bool:
        asked.append(("anonymize", member_id))
        Member.update(first_name="", last_name="Membre anonymisé").where(
            Member.id == member_id).execute()
        return True

    monkeypatch.setattr(personal_data_actions, "anonymize", anonymize)
    tab.select_member(people["jean"].id)
    tab.actions.personal_data.trigger()
    tab.actions.anonymize.trigger()
    assert asked == [("export", people["jean"].id), ("anonymize", people["jean"].id)]
    assert any("Membre anonymisé" in name for name in _names(tab))  # the list reloaded


def test_merge_a_duplicate_into_the_selected_member(
    tab: MembersTab, people, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clubdesk.ui.members import merge_dialog

    monkeypatch.setattr(merge_dialog, "ask_other_member",
                        lambda parent, keep_id: people["eloise2"].id)
    merged: list[tuple[int, int]] = []

    def merge(parent, keep_id: int, other_id: int) -> bool:
        from clubdesk.domain.members.member_merge import merge_members

        merged.append((keep_id, other_id))
        merge_members(keep_id, other_id, {})
        return True

    monkeypatch.setattr(merge_dialog.MergeDialog, "ask", staticmethod(merge))
    tab.select_member(people["eloise"].id)
    tab.actions.merge.trigger()
    assert merged == [(people["eloise"].id, people["eloise2"].id)]
    assert Member.get_or_none(Member.id == people["eloise2"].id) is None
    assert _selected_name(tab) == "Éloïse Dupont"


def test_one_member_is_counted_in_french(host: QWidget, make_member, in_french: None) -> None:
    make_member(first_name="Anaïs", last_name="Seule")
    french = MembersTab(host)
    french.reload()
    assert french.count_label.text() == "1 membre"
    french.filters.search.setText("zzz")
    assert french.count_label.text() == "0 sur 1 membre"
