"""The Volunteering tab driven like a secretary would: find, filter, log, edit, delete, sum up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from tab_helpers import loaded_tab, show_active

from clubdesk.db import Event, VolunteerEntry
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.volunteering.volunteer_categories import category_rows, rename_category
from clubdesk.domain.volunteering.volunteer_list import volunteer_rows
from clubdesk.domain.volunteering.volunteering import (
    VolunteerInput,
    create_entries_for_members,
    create_entry,
    entry_input,
    update_entry,
)
from clubdesk.ui.common.period_dialog import preset_periods
from clubdesk.ui.volunteering import volunteer_actions, volunteer_period
from clubdesk.ui.volunteering import volunteer_model as m
from clubdesk.ui.volunteering import volunteer_summary_model as s
from clubdesk.ui.volunteering.volunteer_filters import FilterValues
from clubdesk.ui.volunteering.volunteering_tab import ENTRIES, SUMMARY, VolunteeringTab

TODAY = dt.date.today()
EURO = "\u00a0€"


def _day(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


@pytest.fixture
def club(make_member) -> dict[str, int]:
    update_settings(volunteer_hourly_rate=Decimal("15"))
    helene = make_member(first_name="Hélène", last_name="Lefèvre")
    loic = make_member(first_name="Loïc", last_name="Bréhat")
    zoe = make_member(first_name="Zoë", last_name="Abel")
    event = Event.create(title="Assemblée générale",
                         starts_at=dt.datetime.combine(_day(-10), dt.time(18)))
    ids = {"helene": helene.id, "loic": loic.id, "zoe": zoe.id, "event": event.id}
    for key, member, days, hours, category, event_id, text in (
        ("e1", helene, -10, "2.5", "Events", event.id, "Accueil"),
        ("e2", helene, -3, "0.25", "Communication", None, "Lettre d'info"),
        ("e3", loic, -10, "3", "Events", event.id, "Émargement"),
        ("e4", loic, -400, "1.75", "Mentoring", None, "Œnologie"),  # over a year ago
        ("e5", zoe, -30, "1", "Communication", None, "Site web"),
    ):
        ids[key] = VolunteerEntry.create(member=member, date=_day(days), hours=Decimal(hours),
                                         category=category, event=event_id,
                                         description=text).id
    return ids


@pytest.fixture
def tab(host: QWidget, club) -> VolunteeringTab:
    return loaded_tab(VolunteeringTab, host)


class Dialogs:
    """Stands in for the dialogs and the question; records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entry: dict[str, object] | None = None  # what the "user" enters; None: cancel
        self.batch: tuple[list[int], dict[str, object]] | None = None
        self.opened: list[tuple[int | None, int | None, int | None]] = []
        self.answer = True
        self.questions: list[str] = []
        self.categories = lambda: False
        monkeypatch.setattr(volunteer_actions, "edit_entry_dialog", self._entry)
        monkeypatch.setattr(volunteer_actions, "batch_entry_dialog", self._batch)
        monkeypatch.setattr(volunteer_actions, "confirm", self._confirm)
        monkeypatch.setattr(volunteer_actions, "categories_dialog",
                            lambda parent: self.categories())

    def _entry(self, parent, entry_id, member_id=None, event_id=None) -> int | None:
        self.opened.append((entry_id, member_id, event_id))
        if self.entry is None:
            return None
        if entry_id is None:
            return create_entry(VolunteerInput(**self.entry))  # type: ignore[arg-type]
        data = entry_input(entry_id)
        for name, value in self.entry.items():
            setattr(data, name, value)
        update_entry(entry_id, data)
        return entry_id

    def _batch(self, parent, event_id=None) -> list[int] | None:
        if self.batch is None:
            return None
        members, fields = self.batch
        return create_entries_for_members(members, **fields)  # type: ignore[arg-type]

    def _confirm(self, parent, title: str, text: str, accept_label: str) -> bool:
        self.questions.append(text)
        return self.answer


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


def _ids(tab: VolunteeringTab) -> list[int]:
    return [row.id for row in tab.model.rows()]


def test_entries_are_read_off_the_gui_thread_when_first_shown(qtbot, host, club) -> None:
    widget = VolunteeringTab(host)
    widget.setGeometry(host.rect())
    assert widget.model.rowCount() == 0
    host.show()
    assert widget.empty_label.text() == "Reading the entries…"
    qtbot.waitUntil(widget.is_loaded)
    assert _ids(widget) == [club[key] for key in ("e2", "e3", "e1", "e5")]  # recent first
    assert widget.count_label.text() == f"4 of 5 entries · 6.75 h · 101.25{EURO} · 3 volunteers"
    assert widget.filters.period.currentText() == "Past 12 months"


def test_search_ignores_accents_and_counts(qtbot, tab: VolunteeringTab, club) -> None:
    qtbot.keyClicks(tab.filters.search, "LEFEVRE")
    assert _ids(tab) == [club["e2"], club["e1"]]
    assert tab.count_label.text() == f"2 of 5 entries · 2.75 h · 41.25{EURO} · 1 volunteer"
    qtbot.keyClicks(tab.filters.search, " accueil")
    assert _ids(tab) == [club["e1"]]
    tab.filters.search.setText("assemblee")
    assert _ids(tab) == [club["e3"], club["e1"]]
    tab.filters.search.setText("oenologie")  # older than the period
    assert _ids(tab) == [] and tab.empty_label.isVisibleTo(tab)
    assert tab.empty_label.text() == "No entry matches the search and the filters."
    tab.filters.period.choose("all")
    assert _ids(tab) == [club["e4"]] and not tab.empty_label.isVisibleTo(tab)


def test_member_category_event_and_period_filters(tab: VolunteeringTab, club,
                                                  monkeypatch) -> None:
    filters = tab.filters
    filters.choose_member(club["loic"])
    assert filters.member.currentText() == "Bréhat Loïc"
    assert _ids(tab) == [club["e3"]]
    filters.period.choose("all")
    assert _ids(tab) == [club["e3"], club["e4"]]
    filters.choose_member(None)
    filters.choose_category("Communication")
    assert _ids(tab) == [club["e2"], club["e5"]]
    filters.choose_category(None)
    filters.choose_event(club["event"])
    assert filters.event_combo.currentText() == f"{_day(-10):%d/%m/%Y} — Assemblée générale"
    assert _ids(tab) == [club["e3"], club["e1"]]
    filters.choose_event(None)
    monkeypatch.setattr(volunteer_period, "ask_period",
                        lambda parent, title: (_day(-31), _day(-5)))
    filters.period.setCurrentIndex(filters.period.findData(volunteer_period.OTHER))
    filters.period.activated.emit(filters.period.currentIndex())
    assert filters.period.currentText() == f"{_day(-31):%d/%m/%Y} – {_day(-5):%d/%m/%Y}"
    assert _ids(tab) == [club["e3"], club["e1"], club["e5"]]


def test_a_new_entry_is_shown_and_selected_even_when_the_filters_hid_it(
    qtbot, tab: VolunteeringTab, dialogs: Dialogs, club
) -> None:
    tab.filters.choose_member(club["helene"])
    dialogs.entry = {"member_id": club["zoe"], "date": _day(-500), "hours": Decimal("1.5"),
                     "category": "Events"}
    with qtbot.waitSignal(tab.entries_changed), qtbot.waitSignal(tab.status_message) as said:
        tab.commands.new_button.click()
    assert dialogs.opened == [(None, club["helene"], None)]  # the form starts with Hélène
    assert said.args == ["1.50 h logged for Zoë Abel. Filters changed to show it."]
    assert tab.filters.member.currentIndex() == 0 and tab.filters.period.currentData() == "all"
    assert tab.selected_rows()[0].member_name == "Zoë Abel"
    assert tab.count_label.text().startswith("6 entries · 10.00 h")


def test_hours_for_several_members_are_all_shown(qtbot, tab, dialogs: Dialogs, club) -> None:
    dialogs.batch = ([club["zoe"], club["loic"]], {"date": _day(-1), "hours": Decimal("2"),
                                                   "category": "Events"})
    with qtbot.waitSignal(tab.status_message) as said:
        tab.commands.batch_button.click()
    assert said.args == ["Hours logged for 2 members."]
    assert sorted(row.member_name for row in tab.selected_rows()) == ["Loïc Bréhat",
                                                                      "Zoë Abel"]
    assert _ids(tab)[:2] == [row.id for row in tab.selected_rows()]


def test_edit_the_selected_entry(qtbot, tab: VolunteeringTab, dialogs: Dialogs, club) -> None:
    tab.select_entries([club["e2"]])
    assert tab.commands.edit_button.isEnabled()
    tab.commands.edit_button.click()  # cancelled
    assert entry_input(club["e2"]).hours == Decimal("0.25")
    dialogs.entry = {"hours": Decimal("0.75"), "description": "Lettre de mars"}
    with qtbot.waitSignal(tab.status_message) as said:
        tab.commands.edit_selected()
    assert said.args == [f"Entry of Hélène Lefèvre on {_day(-3):%d/%m/%Y} saved."]
    assert tab.current_row().hours == Decimal("0.75")
    tab.filters.search.setText("mars")
    assert _ids(tab) == [club["e2"]]


def test_delete_several_entries_after_confirming(qtbot, tab, dialogs: Dialogs, club) -> None:
    tab.table.clearSelection()
    assert not tab.commands.delete_button.isEnabled()
    tab.select_entries([club["e3"], club["e1"]])
    dialogs.answer = False
    tab.commands.delete_button.click()
    assert dialogs.questions == [
        "Delete 2 entries, 5.50 h in all?\n\nThis cannot be undone."]
    assert VolunteerEntry.select().count() == 5
    dialogs.answer = True
    with qtbot.waitSignal(tab.entries_changed), qtbot.waitSignal(tab.status_message) as said:
        tab.commands.delete_selected()
    assert said.args == ["2 entries deleted."]
    assert VolunteerEntry.select().count() == 3
    assert _ids(tab) == [club["e2"], club["e5"]]
    assert tab.count_label.text().startswith("2 of 3 entries · 1.25 h")


def test_the_delete_key_on_the_list_asks_first(qtbot, tab, dialogs: Dialogs, club) -> None:
    show_active(qtbot, tab)
    tab.select_entries([club["e5"]])
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    dialogs.answer = False
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert dialogs.questions == [
        f"Delete the 1.00 h of Zoë Abel on {_day(-30):%d/%m/%Y}?\n\nThis cannot be undone."]
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert dialogs.opened == [(club["e5"], None, None)]


def test_the_summary_of_the_period_in_euros(qtbot, tab: VolunteeringTab, club) -> None:
    with qtbot.waitSignal(tab.summary.summary_ready, timeout=5000):
        tab.summary_button.click()
    assert tab.stack.currentIndex() == SUMMARY
    assert not tab.filters.search.isEnabled() and tab.filters.period.isEnabled()
    assert not tab.commands.edit_action.isEnabled()
    first, last = tab.filters.period.period()
    assert last == TODAY and first == dict(
        (key, start) for key, start, _end in preset_periods(TODAY))["last_12_months"]
    assert tab.summary.headline.text() == (
        f"6.75 h given by 3 volunteers from {first:%d/%m/%Y} to {TODAY:%d/%m/%Y}, "
        f"valued at 101.25{EURO}")
    assert tab.summary.valuation.text().startswith(
        f"Valued at 15.00{EURO} per hour (association settings)")
    members = tab.summary.models[s.KIND_MEMBER]
    assert [(line.label, line.hours) for line in members.lines()] == [
        ("Loïc Bréhat", Decimal("3.00")), ("Hélène Lefèvre", Decimal("2.75")),
        ("Zoë Abel", Decimal("1.00"))]
    assert len(tab.summary.models[s.KIND_MONTH].lines()) in (12, 13)

    with qtbot.waitSignal(tab.summary.summary_ready, timeout=5000):
        tab.filters.period.choose("all")  # the summary follows the period
    assert tab.summary.summary.totals.hours == Decimal("8.50")

    table = tab.summary.tables[s.KIND_MEMBER]
    index = members.index([line.label for line in members.lines()].index("Zoë Abel"), 0)
    table.doubleClicked.emit(index)  # what a double-click does
    assert tab.stack.currentIndex() == ENTRIES and tab.filters.search.isEnabled()
    assert _ids(tab) == [club["e5"]]


def test_renamed_categories_show_in_the_list(tab: VolunteeringTab, dialogs, club) -> None:
    def rename() -> bool:
        communication = next(c for c in category_rows() if c.name == "Communication")
        rename_category(communication.id, "Communication & réseaux")
        return True

    dialogs.categories = rename
    tab.filters.choose_category("Communication")
    tab.commands.categories_button.click()
    assert {row.category for row in tab.all_rows()} >= {"Communication & réseaux"}
    assert tab.filters.category.findData("Communication") == -1
    assert tab.filters.category.currentIndex() == 0  # the category chosen is gone
    tab.filters.choose_category("Communication & réseaux")
    assert _ids(tab) == [club["e2"], club["e5"]]


def test_an_empty_register_says_how_to_start(host, db_path) -> None:
    widget = VolunteeringTab(host)
    widget.reload()
    assert widget.count_label.text() == "0 entries · 0.00 h · 0 volunteers"
    assert widget.empty_label.text().startswith("No hours logged yet.")


def test_sorting_by_hours_and_back_to_the_most_recent(tab: VolunteeringTab, club) -> None:
    tab.table.sortByColumn(m.COL_HOURS, Qt.SortOrder.DescendingOrder)
    assert _ids(tab) == [club[key] for key in ("e3", "e1", "e5", "e2")]
    tab.filters.search.setText("e")  # filtering keeps the order
    assert _ids(tab)[0] == club["e3"]
    tab.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    tab.filters.search.clear()
    assert _ids(tab) == [club[key] for key in ("e2", "e3", "e1", "e5")]


def test_the_periods_offered(qtbot, monkeypatch) -> None:
    combo = volunteer_period.PeriodCombo(dt.date(2026, 3, 10), fiscal_start_month=9)
    qtbot.addWidget(combo)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Past 12 months", "Year 2026", "Year 2025", "Fiscal year 2025–2026",
        "Fiscal year 2024–2025", "All dates", "Other dates…"]
    assert combo.period() == (dt.date(2025, 3, 11), dt.date(2026, 3, 10))
    combo.choose("this_fiscal_year")
    assert combo.period() == (dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    monkeypatch.setattr(volunteer_period, "ask_period", lambda parent, title: None)
    combo.setCurrentIndex(combo.findData(volunteer_period.OTHER))
    combo.activated.emit(combo.currentIndex())  # cancelled: the period stays
    assert combo.currentData() == "this_fiscal_year"
    combo.set_period(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert combo.itemText(combo.currentIndex()) == "01/01/2026 – 31/01/2026"
    assert combo.contains(dt.date(2026, 1, 31)) and not combo.contains(dt.date(2026, 2, 1))
    combo.choose("all")
    assert combo.period() == (None, None) and combo.contains(dt.date(1990, 1, 1))


def test_the_counts_speak_french_in_the_singular(qtbot, host, make_member,
                                                 in_french: None) -> None:
    update_settings(volunteer_hourly_rate=Decimal("15"))
    member = make_member(first_name="Zoë", last_name="Abel")
    VolunteerEntry.create(member=member, date=_day(-2), hours=Decimal("1.5"),
                          category="Events", description="Accueil")
    french = loaded_tab(VolunteeringTab, host)
    assert french.count_label.text() == f"1 saisie · 1,50 h · 22,50{EURO} · 1 bénévole"
    french.filters.search.setText("rien")
    assert french.count_label.text() == f"0 sur 1 saisie · 0,00 h · 0,00{EURO} · 0 bénévole"
    with qtbot.waitSignal(french.summary.summary_ready, timeout=5000):
        french.show_view(SUMMARY)
    assert french.summary.headline.text().startswith("1,50 h données par 1 bénévole du ")


def test_the_actions_only_signal_what_they_did(qtbot, dialogs: Dialogs, club) -> None:
    """The actions need no tab: what was done, they say through their own signals."""
    parent = QWidget()
    qtbot.addWidget(parent)
    rows = volunteer_rows(entry_ids=[club["e5"]])
    actions = volunteer_actions.VolunteerActions(
        parent, lambda: FilterValues("", club["zoe"], None, None, None, None),
        lambda: rows, lambda: rows[0])
    dialogs.entry = {"member_id": club["zoe"], "date": _day(-1), "hours": Decimal("2"),
                     "category": "Events"}
    with qtbot.waitSignal(actions.saved) as saved:
        actions.new_entry()
    assert dialogs.opened == [(None, club["zoe"], None)]
    assert saved.args[1] == "{hours} h logged for {name}."
    with qtbot.waitSignal(actions.deleted) as deleted:
        actions.delete_selected()
    assert deleted.args == [[club["e5"]], "1 entry deleted."]
    assert not VolunteerEntry.select().where(VolunteerEntry.id == club["e5"]).exists()
