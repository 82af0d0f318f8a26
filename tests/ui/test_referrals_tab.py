"""The Referrals tab driven like a secretary would: find, filter, record, move on, delete,
and read the summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QWidget
from tab_helpers import loaded_tab, show_active

from clubdesk.db import Referral, ReferralStatusChange
from clubdesk.domain.common.codes import ReferralStatus
from clubdesk.domain.referrals.referral_list import PERIOD_LAST_YEAR, referral_rows
from clubdesk.domain.referrals.referrals import (
    ReferralInput,
    change_status,
    create_referral,
    referral_input,
    update_referral,
)
from clubdesk.ui.common.background import task_pool
from clubdesk.ui.referrals import referral_actions, referral_filters
from clubdesk.ui.referrals import referrals_model as m
from clubdesk.ui.referrals.referrals_tab import LIST, SUMMARY, ReferralsTab

TODAY = dt.date.today()


def _day(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


def _money(amount: float) -> str:
    return f"{QLocale().toString(float(amount), 'f', 2)}\u00a0€"


class Dialogs:
    """Stands in for the forms and the question; records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.referral: dict[str, object] | None = None  # what the "user" enters; None: cancel
        self.step: tuple[dt.date, Decimal | None] | None = None
        self.edited: list[tuple[int | None, int | None]] = []
        self.steps: list[tuple[int, str]] = []
        self.answer = True
        self.questions: list[tuple[str, str]] = []
        self.period: tuple[dt.date, dt.date] | None = None
        monkeypatch.setattr(referral_actions, "edit_referral_dialog", self._edit)
        monkeypatch.setattr(referral_actions, "change_status_dialog", self._step)
        monkeypatch.setattr(referral_actions, "confirm", self._confirm)
        monkeypatch.setattr(referral_filters, "ask_period", lambda parent, title: self.period)

    def _edit(self, parent, referral_id: int | None, giver_id: int | None = None) -> int | None:
        self.edited.append((referral_id, giver_id))
        if self.referral is None:
            return None
        if referral_id is None:
            return create_referral(ReferralInput(**self.referral))  # type: ignore[arg-type]
        update_referral(referral_id, replace(referral_input(referral_id), **self.referral))
        return referral_id

    def _step(self, parent, referral_id: int, status: str) -> bool:
        self.steps.append((referral_id, status))
        if self.step is None:
            return False
        change_status(referral_id, status, *self.step)
        return True

    def _confirm(self, parent, title: str, text: str, accept_label: str) -> bool:
        self.questions.append((title, text))
        return self.answer


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


@pytest.fixture
def club(make_member) -> dict[str, int]:
    """Loïc passed Anaïs a won deal; Anaïs passed an outsider one; an old one, a year ago."""
    loic = make_member(first_name="Loïc", last_name="Bréhat").id
    anais = make_member(first_name="Anaïs", last_name="Dumas").id
    won = create_referral(ReferralInput(giver_id=loic, receiver_id=anais, date=_day(-40),
                                        contact="Zoé Œuvray", description="Bureaux à rénover"))
    change_status(won, "won", _day(-10), Decimal("1250"))
    outside = create_referral(ReferralInput(giver_id=anais, external_recipient="Cabinet Dupré",
                                            date=_day(-5), contact="Marc Petit"))
    old = create_referral(ReferralInput(giver_id=anais, receiver_id=loic,
                                        date=dt.date(TODAY.year - 1, 6, 15)))
    return {"loic": loic, "anais": anais, "won": won, "outside": outside, "old": old}


@pytest.fixture
def tab(host: QWidget, club) -> ReferralsTab:
    widget = loaded_tab(ReferralsTab, host)
    widget.member_filters.fill()  # what focusing a member filter does
    return widget


def _ids(tab: ReferralsTab) -> list[int]:
    return [row.id for row in tab.model.rows()]


def test_rows_are_read_when_the_tab_is_first_shown(qtbot, host, club) -> None:
    widget = ReferralsTab(host)
    widget.setGeometry(host.rect())
    assert widget.model.rowCount() == 0
    host.show()  # read in the background: nothing to do meanwhile
    assert widget.count_label.text() == "Reading the referrals…"
    assert not widget.commands.new_button.isEnabled()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 3)
    assert widget.commands.new_button.isEnabled()
    assert _ids(widget) == [club["outside"], club["won"], club["old"]]  # most recent first
    assert widget.giver_filter.count() == 1  # filled when first used
    qtbot.mouseClick(widget.receiver_filter, Qt.MouseButton.LeftButton)
    assert widget.giver_filter.count() == 3
    widget.receiver_filter.hidePopup()
    assert [widget.receiver_filter.itemText(row) for row in range(4)] == [
        "", "Outside the network", "Anaïs Dumas", "Loïc Bréhat"]
    assert widget.count_label.text() == "3 referrals"
    assert widget.totals_label.text() == f"· 1 won · {_money(1250)}"


def test_a_reload_while_reading_wins(qtbot, host, club) -> None:
    widget = ReferralsTab(host)
    host.show()
    assert widget.count_label.text() == "Reading the referrals…"
    task_pool().waitForDone()  # read: three rows, on their way to the tab
    Referral.delete().where(Referral.id == club["old"]).execute()
    widget.reload()  # newer than what the background read
    QCoreApplication.processEvents()  # the background's rows arrive, and are left aside
    assert len(_ids(widget)) == 2


def test_search_ignores_accents_and_updates_count_and_totals(qtbot, tab, club) -> None:
    qtbot.keyClicks(tab.search, "OEUVRAY")
    assert _ids(tab) == [club["won"]]
    tab.search.setText("dupre marc")
    assert _ids(tab) == [club["outside"]]
    assert tab.count_label.text() == "1 of 3 referrals"
    assert tab.totals_label.text() == f"· 0 won · {_money(0)}"
    tab.search.setText("renover")  # the description too
    assert _ids(tab) == [club["won"]]
    tab.search.setText("zzz")
    assert tab.model.rowCount() == 0 and tab.empty_label.isVisibleTo(tab)
    assert tab.empty_label.text() == "No referral matches the search and the filters."


def test_status_giver_receiver_and_period_filters(tab, club) -> None:
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(referral_filters.OPEN))
    assert _ids(tab) == [club["outside"], club["old"]]
    tab.status_filter.setCurrentIndex(0)
    tab.giver_filter.setCurrentIndex(tab.giver_filter.findData(club["anais"]))
    assert tab.giver_filter.currentText() == "Anaïs Dumas"
    assert _ids(tab) == [club["outside"], club["old"]]
    tab.receiver_filter.setCurrentIndex(tab.receiver_filter.findText("Outside the network"))
    assert _ids(tab) == [club["outside"]]
    tab.giver_filter.lineEdit().clear()
    tab.receiver_filter.setCurrentIndex(tab.receiver_filter.findData(club["anais"]))
    assert _ids(tab) == [club["won"]]
    tab.receiver_filter.lineEdit().setText("Not a member")  # not in the list: no filter
    assert len(_ids(tab)) == 3
    tab.period_filter.setCurrentIndex(tab.period_filter.findData(PERIOD_LAST_YEAR))
    assert _ids(tab) == [club["old"]]


def test_other_dates_ask_for_a_period(tab, dialogs: Dialogs, club) -> None:
    other = tab.period_filter.findData(referral_filters.OTHER_DATES)
    tab.period_filter.setCurrentIndex(other)  # cancelled: the period stays
    assert tab.period_filter.currentIndex() == 0 and len(_ids(tab)) == 3
    dialogs.period = (_day(-6), _day(-4))
    tab.period_filter.setCurrentIndex(tab.period_filter.findData(referral_filters.OTHER_DATES))
    assert tab.period_filter.currentData() == referral_filters.CUSTOM
    assert tab.period_filter.currentText() == f"{_day(-6):%d/%m/%Y} – {_day(-4):%d/%m/%Y}"
    assert _ids(tab) == [club["outside"]]


def test_the_actions_follow_the_selected_referral(tab, club) -> None:
    actions = tab.commands
    tab.table.clearSelection()
    assert not actions.edit_button.isEnabled() and actions.new_button.isEnabled()
    assert tab.detail.hint.isVisibleTo(tab) and not tab.detail.title.isVisibleTo(tab)
    tab.select_referral(club["outside"])
    assert [status for status, button in actions.status_buttons.items()
            if button.isEnabled()] == ["contacted", "in_progress", "won", "lost"]
    assert not actions.reopen_button.isEnabled()
    tab.select_referral(club["won"])
    assert [status for status, button in actions.status_buttons.items()
            if button.isEnabled()] == ["won"]  # to correct the amount
    assert actions.reopen_button.isEnabled()
    assert tab.detail.title.text() == "Loïc Bréhat → Anaïs Dumas · contact: Zoé Œuvray"
    assert tab.detail.history.text() == (
        f"given {_day(-40):%d/%m/%Y} · won {_day(-10):%d/%m/%Y}, {_money(1250)}")
    menu = [action.text() for action in actions.context_menu().actions()
            if not action.isSeparator()]
    assert menu == ["Edit", "Delete", "Contacted…", "In progress…", "Won…", "Lost…",
                    "Reopen…", "New referral"]


def test_move_a_referral_on_a_step(qtbot, tab, dialogs: Dialogs, club) -> None:
    tab.select_referral(club["outside"])
    tab.commands.status_buttons["contacted"].click()  # cancelled
    assert dialogs.steps == [(club["outside"], "contacted")]
    assert Referral.get_by_id(club["outside"]).status == "new"
    dialogs.step = (_day(-2), None)
    with qtbot.waitSignal(tab.referrals_changed), \
            qtbot.waitSignal(tab.status_message) as message:
        tab.commands.status_buttons["contacted"].click()
    assert message.args == [f"Anaïs Dumas → Cabinet Dupré: contacted {_day(-2):%d/%m/%Y}."]
    assert tab.selected_row().status == "contacted"
    assert tab.model.index(0, m.COL_LAST_CHANGE).data() == f"{_day(-2):%d/%m/%Y}"
    assert tab.detail.history.text().endswith(f"contacted {_day(-2):%d/%m/%Y}")
    dialogs.step = (_day(-1), Decimal("300"))
    tab.commands.status_buttons["won"].click()
    assert tab.totals_label.text() == f"· 2 won · {_money(1550)}"


def test_reopen_says_so(qtbot, tab, dialogs: Dialogs, club) -> None:
    tab.select_referral(club["won"])
    dialogs.step = (TODAY, None)
    with qtbot.waitSignal(tab.status_message) as message:
        tab.commands.reopen_button.click()
    assert dialogs.steps == [(club["won"], "in_progress")]
    assert message.args == [f"Loïc Bréhat → Anaïs Dumas: reopened {TODAY:%d/%m/%Y}."]
    assert tab.selected_row().amount is None


def test_new_referral_appears_selected_even_when_the_filters_hid_it(
    qtbot, tab, dialogs: Dialogs, club
) -> None:
    tab.giver_filter.setCurrentIndex(tab.giver_filter.findData(club["loic"]))
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("won"))
    dialogs.referral = {"giver_id": club["loic"], "external_recipient": "Garage Noël",
                        "date": TODAY}
    with qtbot.waitSignal(tab.referrals_changed), \
            qtbot.waitSignal(tab.status_message) as message:
        tab.commands.new_button.click()
    assert dialogs.edited == [(None, club["loic"])]  # the giver filter's member to begin with
    assert message.args == ["Referral from Loïc Bréhat to Garage Noël added. "
                            "Filters changed to show it."]
    assert tab.status_filter.currentIndex() == 0 and tab.giver_filter.currentText() == ""
    assert tab.selected_row().receiver_name == "Garage Noël"
    assert tab.count_label.text() == "4 referrals"


def test_edit_refreshes_the_row_and_cancel_changes_nothing(qtbot, tab, dialogs, club) -> None:
    tab.select_referral(club["old"])
    tab.commands.edit_button.click()
    assert dialogs.edited == [(club["old"], None)]
    dialogs.referral = {"contact": "Hélène Roux"}
    with qtbot.waitSignal(tab.status_message) as message:
        tab.commands.edit_selected()
    assert message.args == ["Referral from Anaïs Dumas to Loïc Bréhat saved."]
    assert tab.selected_row().contact == "Hélène Roux"
    tab.search.setText("helene")
    assert _ids(tab) == [club["old"]]


def test_delete_asks_then_goes_with_the_history(qtbot, tab, dialogs: Dialogs, club) -> None:
    tab.select_referral(club["won"])
    dialogs.answer = False
    tab.commands.delete_button.click()
    title, text = dialogs.questions[0]
    assert title == "Delete referral"
    assert text == (f"Delete the referral from Loïc Bréhat to Anaïs Dumas of "
                    f"{_day(-40):%d/%m/%Y}? Its history goes with it. This cannot be undone.")
    assert Referral.select().where(Referral.id == club["won"]).exists()
    dialogs.answer = True
    with qtbot.waitSignal(tab.status_message) as message:
        tab.commands.delete_selected()
    assert message.args == ["Referral from Loïc Bréhat to Anaïs Dumas deleted."]
    assert not ReferralStatusChange.select().where(
        ReferralStatusChange.referral == club["won"]).exists()
    assert _ids(tab) == [club["outside"], club["old"]]
    assert tab.selected_referral_id() == club["old"]  # the next one


def test_keyboard(qtbot, tab, dialogs: Dialogs, club) -> None:
    show_active(qtbot, tab)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "cabinet")
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.table.hasFocus() and tab.selected_referral_id() == club["outside"]
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert dialogs.edited == [(club["outside"], None)]
    dialogs.answer = False
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert len(dialogs.questions) == 1
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.edited[-1] == (None, None)


def test_double_click_edits(qtbot, tab, dialogs: Dialogs, club) -> None:
    show_active(qtbot, tab)
    position = tab.table.visualRect(tab.model.index(1, m.COL_CONTACT)).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert dialogs.edited == [(club["won"], None)]


def test_sorting_keeps_the_filter_and_edits(qtbot, tab, dialogs: Dialogs, club) -> None:
    tab.table.sortByColumn(m.COL_AMOUNT, Qt.SortOrder.DescendingOrder)
    assert _ids(tab)[0] == club["won"]
    tab.search.setText("anais")
    assert _ids(tab) == [club["won"], club["outside"], club["old"]]
    tab.search.setText("anais loic")
    assert _ids(tab) == [club["won"], club["old"]]
    tab.search.clear()
    tab.table.sortByColumn(m.COL_CONTACT, Qt.SortOrder.AscendingOrder)
    tab.select_referral(club["old"])
    dialogs.referral = {"contact": "Aurélie Blanc"}
    tab.commands.edit_selected()
    assert [row.contact for row in tab.model.rows()] == ["Aurélie Blanc", "Marc Petit",
                                                         "Zoé Œuvray"]


def test_the_summary_view(qtbot, tab, club) -> None:
    with qtbot.waitSignal(tab.summary_view.computed):  # in the background
        tab.summary_button.click()
        assert tab.summary_view.totals_label.text() == "Computing…"
    assert tab.view() == SUMMARY
    assert not tab.status_filter.isVisibleTo(tab) and not tab.commands.new_button.isVisibleTo(tab)
    assert tab.count_label.text() == "2 members"
    rows = {row.name: row for row in tab.summary_view.model.rows()}
    assert (rows["Loïc Bréhat"].given, rows["Loïc Bréhat"].business_given) == (
        1, Decimal("1250.00"))
    assert tab.summary_view.totals_label.text() == (
        f"3 referrals given by 2 members · 1 won, 0 lost, 2 still open · conversion 100% · "
        f"{_money(1250)} of business · outside the network: 1 referral, 0 won, {_money(0)}.")
    assert tab.summary_view.definitions_label.text().startswith("Every figure counts")
    tab.search.setText("loic")
    assert tab.count_label.text() == "1 of 2 members"
    tab.search.clear()
    with qtbot.waitSignal(tab.summary_view.computed):
        tab.period_filter.setCurrentIndex(tab.period_filter.findData(PERIOD_LAST_YEAR))
    assert tab.summary_view.totals_label.text().startswith("1 referral given by 1 member ·")
    assert tab.count_label.text() == "2 members"
    tab.list_button.click()
    assert tab.view() == LIST and _ids(tab) == [club["old"]]


def test_an_empty_register_says_how_to_start(qtbot, host, db_path) -> None:
    widget = ReferralsTab(host)
    widget.reload()
    assert widget.count_label.text() == "0 referrals"
    assert widget.empty_label.text().startswith("No referrals yet. Click “New referral”")
    with qtbot.waitSignal(widget.summary_view.computed):
        widget.set_view(SUMMARY)
    assert widget.summary_view.totals_label.text() == (
        "No referral was given during this period.")


def test_the_tab_speaks_french(host: QWidget, club, in_french: None) -> None:
    french = ReferralsTab(host)
    french.reload()
    assert french.count_label.text() == "3 recommandations"
    assert french.totals_label.text() == f"· 1 conclue · {_money(1250)}"
    assert french.commands.new_button.text() == "Nouvelle recommandation"
    assert french.summary_button.text() == "Bilan"
    assert french.model.headerData(m.COL_GIVER, Qt.Orientation.Horizontal) == (
        "Donnée par")
    french.search.setText("dupre")
    assert french.count_label.text() == "1 sur 3 recommandations"


def test_the_summary_speaks_french_in_the_singular(qtbot, tab, club, in_french: None) -> None:
    french = ReferralsTab(tab.parentWidget())
    french.reload()
    french.period_filter.setCurrentIndex(french.period_filter.findData(PERIOD_LAST_YEAR))
    assert french.count_label.text() == "1 sur 3 recommandations"
    assert french.totals_label.text() == f"· 0 conclue · {_money(0)}"
    with qtbot.waitSignal(french.summary_view.computed):
        french.set_view(SUMMARY)
    assert french.summary_view.totals_label.text().startswith(
        "1 recommandation donnée par 1 membre · 0 conclue, 0 perdue, 1 encore à suivre · ")


def test_the_actions_only_signal_what_they_did(qtbot, dialogs: Dialogs, club) -> None:
    """The actions need no tab: what was done, they say through their own signals."""
    parent = QWidget()
    qtbot.addWidget(parent)
    row = next(row for row in referral_rows() if row.id == club["outside"])
    actions = referral_actions.ReferralActions(parent, lambda: row, lambda: club["anais"])
    dialogs.referral = {"giver_id": club["anais"], "external_recipient": "Garage Noël",
                        "date": TODAY}
    with qtbot.waitSignal(actions.saved) as saved:
        actions.new_button.click()
    assert dialogs.edited == [(None, club["anais"])]
    assert saved.args[1] == "Referral from {giver} to {receiver} added."
    dialogs.step = (TODAY, None)
    with qtbot.waitSignal(actions.step_recorded) as step:
        actions.status_buttons[ReferralStatus.CONTACTED].click()
    assert step.args == [club["outside"]]
    with qtbot.waitSignal(actions.deleted) as deleted:
        actions.delete_selected()
    assert deleted.args == [club["outside"],
                            "Referral from Anaïs Dumas to Cabinet Dupré deleted."]
    assert not Referral.select().where(Referral.id == club["outside"]).exists()
