"""The check-in dialog driven like a secretary at the door, without exec()."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QMenu

from clubdesk import i18n
from clubdesk.db import Attendance, Event, Guest, Member
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.events.checkin import set_status, start_roster
from clubdesk.domain.events.guests import GuestInput, add_guest
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.events.checkin import checkin_actions, checkin_guests
from clubdesk.ui.events.checkin import checkin_model as m
from clubdesk.ui.events.checkin.checkin_dialog import CheckinDialog
from clubdesk.ui.events.guest_dialog import GuestDialog


class Prompts:
    """Stands in for the modal questions; records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answer = True
        self.questions: list[str] = []
        self.informed: list[str] = []
        self.substitute: str | None = "Marie Curie"
        self.member: int | None = None
        self.choices: list[tuple[int, str]] = []
        self.guest: GuestInput | None = None
        for module in (checkin_actions, checkin_guests):
            monkeypatch.setattr(module, "confirm", self._confirm)
            monkeypatch.setattr(module, "inform",
                                lambda parent, title, text: self.informed.append(text))
        monkeypatch.setattr(checkin_actions, "ask_substitute_name",
                            lambda parent, name, current: self.substitute)
        monkeypatch.setattr(checkin_actions, "choose_member", self._choose)
        monkeypatch.setattr(GuestDialog, "ask", self._edit_guest)

    def _confirm(self, parent, title: str, text: str, accept_label: str) -> bool:
        self.questions.append(text)
        return self.answer

    def _choose(self, parent, title: str, prompt: str, choices) -> int | None:
        self.choices = list(choices)
        return self.member

    def _edit_guest(self, parent, event_id: int, guest_id: int | None) -> int | None:
        return None if self.guest is None else add_guest(event_id, self.guest)


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    return Prompts(monkeypatch)


@pytest.fixture
def people(make_member) -> dict[str, Member]:
    return {
        "jeanne": make_member(first_name="Jeanne", last_name="Dupont", company="Atelier"),
        "zoe": make_member(first_name="Zoë", last_name="Ébrard", company="Café Zoë"),
        "marc": make_member(first_name="Marc", last_name="Leroy"),
        "anne": make_member(first_name="Anne", last_name="Martin"),
        "luc": make_member(first_name="Luc", last_name="Lapsus", status="lapsed"),
    }


def _event(kind: str = "meeting") -> Event:
    title = "Assemblée générale 2026" if kind == "general_assembly" else "Réunion"
    return Event.create(title=title, kind=kind, starts_at=dt.datetime(2026, 12, 1, 7, 0),
                        location="Lyon")


@pytest.fixture
def meeting(people) -> Event:
    event = _event()
    start_roster(event.id)
    return event


def _dialog(qtbot, event: Event) -> CheckinDialog:
    dialog = CheckinDialog(event.id)
    qtbot.addWidget(dialog)
    return dialog


def _status(event: Event, member: Member) -> str:
    return Attendance.get(event=event, member=member).status


def _shown_names(dialog: CheckinDialog) -> list[str]:
    return [dialog.model.row_at(r).full_name for r in range(dialog.model.rowCount())]


def _status_cell(dialog: CheckinDialog, member: Member) -> str:
    return dialog.model.index(dialog.model.row_of(member.id), m.COL_STATUS).data()


def test_an_event_without_a_list_offers_to_start_it(qtbot, people, prompts) -> None:
    event = _event()
    dialog = _dialog(qtbot, event)
    assert dialog.stack.currentWidget() is dialog.start_panel
    panel = dialog.start_panel
    assert panel.title.text() == "The attendance list has not been started."
    assert panel.start_button.text() == "Start with the 4 active members"
    assert dialog.heading.text() == "Réunion"
    panel.start_button.click()
    assert dialog.stack.currentIndex() == 1
    assert _shown_names(dialog) == ["Jeanne Dupont", "Zoë Ébrard", "Marc Leroy",
                                    "Anne Martin"]
    assert dialog.counts_label.text() == "4 on the list: 0 present · 4 absent"
    assert dialog.feedback.text() == "4 members put on the list, absent until marked."
    assert dialog.changed


def test_one_click_marks_the_member_found(qtbot, meeting, people, prompts) -> None:
    dialog = _dialog(qtbot, meeting)
    assert not dialog.changed
    dialog.search.setText("dupont")
    assert _shown_names(dialog) == ["Jeanne Dupont"]
    assert [row.full_name for row in dialog.selected_rows()] == ["Jeanne Dupont"]
    dialog.status_buttons["present"].click()
    assert _status(meeting, people["jeanne"]) == "present"
    assert _status_cell(dialog, people["jeanne"]) == "Present"
    assert dialog.counts_label.text() == "4 on the list: 1 present · 3 absent"
    assert dialog.feedback.text() == "Jeanne Dupont: Present."
    assert dialog.changed
    # Ready for the next name: the search text is selected, typing replaces it.
    assert dialog.search.selectedText() == "dupont"


def test_keyboard_shortcuts_mark_the_selected_member(qtbot, meeting, people, prompts):
    dialog = _dialog(qtbot, meeting)
    dialog.show()  # shortcuts need an active window
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.select_ids([people["marc"].id])
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: _status(meeting, people["marc"]) == "late")
    qtbot.keyClick(dialog.table, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: _status(meeting, people["marc"]) == "excused")
    assert _status_cell(dialog, people["marc"]) == "Excused"


def test_several_members_at_once(qtbot, meeting, people, prompts) -> None:
    dialog = _dialog(qtbot, meeting)
    dialog.select_ids([people["jeanne"].id, people["anne"].id])
    assert len(dialog.selected_rows()) == 2
    assert not dialog.status_buttons["substitute"].isEnabled()  # one name each
    dialog.status_buttons["excused"].click()
    assert _status(meeting, people["jeanne"]) == "excused"
    assert _status(meeting, people["anne"]) == "excused"
    assert _status(meeting, people["marc"]) == "absent"
    assert dialog.feedback.text() == "2 members marked “Excused”."
    assert dialog.counts_label.text() == "4 on the list: 0 present · 2 excused · 2 absent"


def test_mark_all_present_keeps_excused_members(qtbot, meeting, people, prompts) -> None:
    set_status(meeting.id, people["zoe"].id, "excused")
    dialog = _dialog(qtbot, meeting)
    prompts.answer = False
    dialog.mark_all_button.click()
    assert "Mark present the 3 members still absent?" in prompts.questions[0]
    assert _status(meeting, people["jeanne"]) == "absent"
    prompts.answer = True
    dialog.mark_all_button.click()
    assert _status(meeting, people["jeanne"]) == "present"
    assert _status(meeting, people["zoe"]) == "excused"
    assert dialog.counts_label.text() == "4 on the list: 3 present · 1 excused"
    assert dialog.feedback.text() == "3 members marked present."
    assert not dialog.mark_all_button.isEnabled()


def test_substitute_with_a_name(qtbot, meeting, people, prompts) -> None:
    dialog = _dialog(qtbot, meeting)
    dialog.select_ids([people["anne"].id])
    prompts.substitute = None  # cancelled
    dialog.status_buttons["substitute"].click()
    assert _status(meeting, people["anne"]) == "absent"
    prompts.substitute = "Marie Curie"
    dialog.status_buttons["substitute"].click()
    row = Attendance.get(event=meeting, member=people["anne"])
    assert (row.status, row.substitute_name) == ("substitute", "Marie Curie")
    position = dialog.model.row_of(people["anne"].id)
    assert dialog.model.index(position, m.COL_SUBSTITUTE).data() == "Marie Curie"
    prompts.substitute = "  "
    dialog.status_buttons["substitute"].click()
    assert prompts.informed == ["A substitute needs the name of the person who came "
                                "instead."]


def test_search_ignores_accents_and_case(qtbot, meeting, people, prompts) -> None:
    dialog = _dialog(qtbot, meeting)
    dialog.search.setText("ebrard")
    assert _shown_names(dialog) == ["Zoë Ébrard"]
    dialog.search.setText("ZOE")
    assert _shown_names(dialog) == ["Zoë Ébrard"]
    dialog.search.setText("café zoë")
    assert _shown_names(dialog) == ["Zoë Ébrard"]
    dialog.search.setText("jeanne dupont")
    assert _shown_names(dialog) == ["Jeanne Dupont"]
    dialog.search.setText("bénard")
    assert _shown_names(dialog) == []
    assert dialog.feedback.text() == ("Nobody on the list matches “bénard”: a guest, or a "
                                      "member to add to the list?")
    dialog.search.clear()
    assert len(_shown_names(dialog)) == 4
    set_status(meeting.id, people["marc"].id, "late")
    dialog.reload()
    dialog.status_filter.setCurrentIndex(dialog.status_filter.findData("late"))
    assert _shown_names(dialog) == ["Marc Leroy"]


def test_add_and_remove_a_member(qtbot, meeting, people, prompts) -> None:
    dialog = _dialog(qtbot, meeting)
    prompts.member = people["luc"].id
    dialog.add_button.click()
    assert (people["luc"].id, "Lapsus Luc (lapsed)") in prompts.choices
    assert all(choice[0] != people["jeanne"].id for choice in prompts.choices)
    assert [row.full_name for row in dialog.selected_rows()] == ["Luc Lapsus"]
    assert dialog.counts_label.text() == "5 on the list: 0 present · 5 absent"
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    assert not Attendance.select().where(Attendance.member == people["luc"]).exists()
    assert "Luc Lapsus" not in _shown_names(dialog)
    dialog.select_ids([people["marc"].id])
    dialog.status_buttons["present"].click()
    assert not dialog.remove_button.isEnabled()  # only a member still absent


def test_edit_a_note(qtbot, meeting, people, prompts) -> None:
    dialog = _dialog(qtbot, meeting)
    index = dialog.model.index(dialog.model.row_of(people["marc"].id), m.COL_NOTE)
    assert dialog.model.setData(index, "arrive à 8 h")
    assert Attendance.get(event=meeting, member=people["marc"]).note == "arrive à 8 h"
    assert index.data() == "arrive à 8 h"


def test_add_a_guest_then_make_them_a_member(qtbot, meeting, people, prompts) -> None:
    dialog = _dialog(qtbot, meeting)
    guests = dialog.guests
    assert guests.title() == "Guests (0)"
    prompts.guest = GuestInput("MARTIN Éloïse", "Boulangerie", "eloise@example.fr",
                               people["jeanne"].id)
    guests.add_button.click()
    assert guests.title() == "Guests (1)"
    assert guests.model.index(0, 3).data() == "Jeanne Dupont"
    assert guests.selected().name == "MARTIN Éloïse"
    assert dialog.changed and dialog.feedback.text() == "Guest MARTIN Éloïse added."
    guests.convert_button.click()
    assert "sponsored by Jeanne Dupont" in prompts.questions[-1]
    member = Member.get(Member.email == "eloise@example.fr")
    assert (member.first_name, member.last_name, member.status) == ("Éloïse", "Martin",
                                                                    "active")
    assert member.sponsor_id == people["jeanne"].id
    assert Guest.get().converted_member_id == member.id
    assert guests.model.index(0, 4).data() == "Éloïse Martin"
    assert not guests.convert_button.isEnabled() and not guests.delete_button.isEnabled()


def test_delete_a_guest(qtbot, meeting, people, prompts) -> None:
    add_guest(meeting.id, GuestInput("Marc Invité"))
    dialog = _dialog(qtbot, meeting)
    dialog.guests.table.selectRow(0)
    dialog.guests.delete_button.click()
    assert prompts.questions == ["Delete the guest Marc Invité?"]
    assert Guest.select().count() == 0 and dialog.guests.title() == "Guests (0)"


@pytest.fixture
def assembly(people) -> Event:
    event = _event("general_assembly")
    start_roster(event.id)
    return event


def test_general_assembly_proxies_and_quorum(qtbot, assembly, people, prompts) -> None:
    dialog = _dialog(qtbot, assembly)
    assert not dialog.table.isColumnHidden(m.COL_PROXY)
    assert dialog.banner.isVisibleTo(dialog)
    assert dialog.banner.text().startswith("Quorum not reached: 2 more members needed")
    dialog.select_ids([people["jeanne"].id])
    dialog.status_buttons["present"].click()
    assert dialog.banner.text() == (
        "Quorum not reached: 1 more member needed (1 present + 0 represented = 1 of 4 "
        "members entitled to vote, at least 2 needed)")
    assert dialog.banner.reached is False

    dialog.select_ids([people["anne"].id])
    assert dialog.give_proxy_button.isEnabled()
    prompts.member = people["jeanne"].id
    dialog.give_proxy_button.click()
    assert prompts.choices == [(people["jeanne"].id, "Dupont Jeanne — Atelier")]
    assert Attendance.get(event=assembly, member=people["anne"]).proxy_to_id == \
        people["jeanne"].id
    position = dialog.model.row_of(people["anne"].id)
    assert dialog.model.index(position, m.COL_PROXY).data() == "Jeanne Dupont"
    holder = dialog.model.row_of(people["jeanne"].id)
    assert dialog.model.index(holder, m.COL_PROXY).data() == "holds 1 proxy"
    assert dialog.banner.text() == (
        "Quorum reached: 1 present + 1 represented = 2 of 4 members entitled to vote "
        "(at least 2 needed)")
    assert dialog.banner.reached is True
    assert dialog.feedback.text() == "Anne Martin gives their proxy to Jeanne Dupont."

    dialog.withdraw_proxy_button.click()
    assert dialog.banner.reached is False
    assert dialog.model.index(holder, m.COL_PROXY).data() == ""


def test_the_banner_counts_only_members_up_to_date(qtbot, assembly, people,
                                                   prompts) -> None:
    from decimal import Decimal

    from clubdesk.db import FeeRate
    from clubdesk.domain.dues.payments import PaymentInput, record_payments

    update_settings(quorum_dues_only=True)
    FeeRate.create(year=2026, name="Cotisation", amount=Decimal("30"), position=0)
    record_payments([people["jeanne"].id, people["anne"].id],
                    PaymentInput(0, 2026, Decimal("30"), dt.date(2026, 2, 1)))
    dialog = _dialog(qtbot, assembly)
    assert dialog.banner.text() == (
        "Quorum not reached: 1 more member needed (0 present + 0 represented = 0 of 2 members "
        "up to date with their dues entitled to vote, at least 1 needed)\n"
        "2 members on the list are not up to date with their 2026 dues and do not vote.")
    dialog.select_ids([people["zoe"].id])
    dialog.status_buttons["present"].click()
    assert dialog.banner.reached is False  # Zoë has not paid: she attends, she does not vote
    dialog.select_ids([people["jeanne"].id])
    dialog.status_buttons["present"].click()
    assert dialog.banner.reached is True
    assert dialog.banner.text().startswith(
        "Quorum reached: 1 present + 0 represented = 1 of 2 members up to date")


def test_proxy_over_the_limit_is_refused(qtbot, assembly, people, prompts) -> None:
    update_settings(max_proxies_per_holder=1)
    set_status(assembly.id, people["jeanne"].id, "present")
    dialog = _dialog(qtbot, assembly)
    prompts.member = people["jeanne"].id
    for giver in ("anne", "marc"):
        dialog.select_ids([people[giver].id])
        dialog.give_proxy_button.click()
    assert prompts.informed == ["Jeanne Dupont already holds 1 proxy, the most allowed."]
    assert prompts.choices == [(people["jeanne"].id, "Dupont Jeanne — Atelier (holds 1)")]
    assert Attendance.get(event=assembly, member=people["marc"]).proxy_to_id is None


def test_a_holder_marked_absent_loses_the_proxies(qtbot, assembly, people, prompts) -> None:
    set_status(assembly.id, people["jeanne"].id, "present")
    dialog = _dialog(qtbot, assembly)
    prompts.member = people["jeanne"].id
    dialog.select_ids([people["anne"].id])
    dialog.give_proxy_button.click()
    dialog.select_ids([people["jeanne"].id])
    prompts.answer = False
    dialog.status_buttons["absent"].click()
    assert prompts.questions == ["1 proxy held by Jeanne Dupont will be withdrawn: a member "
                                 "marked “Absent” cannot vote for others."]
    assert _status(assembly, people["jeanne"]) == "present"
    prompts.answer = True
    dialog.status_buttons["absent"].click()
    assert _status(assembly, people["jeanne"]) == "absent"
    assert dialog.feedback.text() == (
        "Jeanne Dupont: Absent. 1 proxy held by Jeanne Dupont is withdrawn (Anne Martin): "
        "only a member present can hold one.")
    position = dialog.model.row_of(people["anne"].id)
    assert dialog.model.index(position, m.COL_PROXY).data() == ""


def test_a_meeting_has_no_proxies(qtbot, meeting, prompts) -> None:
    dialog = _dialog(qtbot, meeting)
    assert dialog.table.isColumnHidden(m.COL_PROXY)
    assert not dialog.banner.isVisibleTo(dialog)
    assert not dialog.give_proxy_button.isVisibleTo(dialog)


def test_fits_a_laptop_screen(qtbot, assembly, prompts) -> None:
    dialog = _dialog(qtbot, assembly)  # the widest: proxy buttons and the banner
    assert dialog.width() <= 1366 and dialog.height() <= 768
    assert dialog.minimumSizeHint().width() <= 1326
    assert dialog.minimumSizeHint().height() <= 720


def test_the_dialog_speaks_french(qtbot, qapp, assembly, people, prompts) -> None:
    translators = install_translators(qapp, "fr")
    try:
        set_status(assembly.id, people["jeanne"].id, "late")
        dialog = _dialog(qtbot, assembly)
        assert dialog.windowTitle() == "Émargement — Assemblée générale 2026"
        # "En retard" takes R: the keys follow the labels of the language.
        assert dialog.status_buttons["late"].text() == "En retard  (R)"
        assert dialog.status_actions["late"].shortcut().toString() == "R"
        assert dialog.counts_label.text() == ("4 sur la liste\u00a0: 0 présent · 1 en retard · "
                                              "3 absents")
        # Each number agrees with its own word: "1 présent + 0 représenté".
        assert dialog.banner.text() == (
            "Quorum non atteint\u00a0: il manque 1 membre (1 présent + 0 représenté = 1 sur 4 "
            "membres appelés à voter, au moins 2 requis)")
        dialog.select_ids([people["anne"].id])
        dialog.status_buttons["present"].click()
        assert dialog.banner.text() == (
            "Quorum atteint\u00a0: 2 présents + 0 représenté = 2 sur 4 membres appelés à voter "
            "(au moins 2 requis)")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def test_context_menu_offers_the_statuses(qtbot, meeting, people, prompts) -> None:
    dialog = _dialog(qtbot, meeting)
    dialog.select_ids([people["marc"].id])
    dialog.context_menu(QPoint(5, 5))
    menu = dialog.findChild(QMenu)
    texts = [action.text() for action in menu.actions() if action.text()]
    assert texts[:5] == ["Present", "Late", "Substitute", "Excused", "Absent"]
    assert "Edit the note" in texts and "Remove from the list" in texts
    menu.actions()[0].trigger()
    assert _status(meeting, people["marc"]) == "present"
    menu.close()
