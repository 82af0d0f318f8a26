"""The Events tab driven like a secretary would: find, filter, add, edit, delete, ask for
check-in and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWidget
from tab_helpers import loaded_tab, show_active

from clubdesk.db import Attendance, Event, EventSeries, Guest, VolunteerEntry
from clubdesk.domain.events.event_list import PERIOD_PAST_12_MONTHS, PERIOD_UPCOMING
from clubdesk.domain.events.event_series import SeriesInput, create_series
from clubdesk.domain.events.events import EventInput, create_event, event_input, update_event
from clubdesk.ui.events import event_deletion
from clubdesk.ui.events import events_model as m
from clubdesk.ui.events.event_dialog import EventDialog
from clubdesk.ui.events.events_tab import EventsTab
from clubdesk.ui.events.series_dialog import SeriesDialog

TODAY = dt.date.today()


def _day(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


def _at(days: int, hour: int = 19) -> dt.datetime:
    return dt.datetime.combine(_day(days), dt.time(hour))


class Dialogs:
    """Stands in for the event and series forms and the questions; records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.event: dict[str, object] | None = None  # what the "user" enters; None: cancel
        self.series: SeriesInput | None = None
        self.edited: list[int | None] = []
        self.series_edited: list[int | None] = []
        self.answer: int | None = 0  # the button clicked; None: Cancel
        self.questions: list[tuple[str, str, list[str]]] = []
        monkeypatch.setattr(EventDialog, "ask", self._edit)
        monkeypatch.setattr(SeriesDialog, "ask", self._edit_series)
        monkeypatch.setattr(event_deletion, "choose", self._choose)

    def _edit(self, parent, event_id: int | None) -> int | None:
        self.edited.append(event_id)
        if self.event is None:
            return None
        if event_id is None:
            return create_event(EventInput(**self.event))  # type: ignore[arg-type]
        update_event(event_id, replace(event_input(event_id), **self.event))
        return event_id

    def _edit_series(self, parent, series_id: int | None) -> int | None:
        self.series_edited.append(series_id)
        if self.series is None:
            return None
        return create_series(self.series)[0] if series_id is None else series_id

    def _choose(self, parent, title: str, text: str, choices) -> int | None:
        self.questions.append((title, text, list(choices)))
        return self.answer


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


@pytest.fixture
def calendar(make_member) -> dict[str, int]:
    """A weekly meeting (two weeks ago to next week, today included) and three others."""
    members = [make_member() for _ in range(3)]
    series_id, meetings = create_series(SeriesInput(
        title="Réunion hebdomadaire", first_on=_day(-14), until=_day(7),
        start_time=dt.time(7, 0), end_time=dt.time(8, 30), location="Café Zoë"))
    ids = {"series": series_id, "m-14": meetings[0], "m-7": meetings[1], "m0": meetings[2],
           "m+7": meetings[3]}
    ids["workshop"] = Event.create(title="Atelier « Pitch »", kind="workshop",
                                   starts_at=_at(20)).id
    ids["party"] = Event.create(title="Soirée de Noël", kind="networking",
                                starts_at=_at(-100), location="Brasserie Œuf").id
    ids["assembly"] = Event.create(title="Assemblée générale", kind="general_assembly",
                                   starts_at=_at(-400)).id
    for member, status in zip(members, ("present", "late", "absent"), strict=True):
        Attendance.create(event=ids["m-7"], member=member, status=status)
    Attendance.create(event=ids["party"], member=members[0], status="present")
    Attendance.create(event=ids["party"], member=members[1], status="excused")
    Guest.create(event=ids["party"], name="Zoë Invitée", invited_by=members[0])
    VolunteerEntry.create(member=members[0], date=_day(-100), hours=Decimal("2"),
                          event=ids["party"])
    return ids


@pytest.fixture
def tab(host: QWidget, calendar) -> EventsTab:
    return loaded_tab(EventsTab, host)


def _ids(tab: EventsTab) -> list[int]:
    return [row.id for row in tab.model.rows()]


def test_rows_are_read_when_the_tab_is_first_shown(qtbot, host, calendar) -> None:
    widget = EventsTab(host)
    widget.setGeometry(host.rect())
    assert widget.model.rowCount() == 0
    host.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 7)
    assert widget.count_label.text() == "7 events"
    assert widget.selected_event_id() == calendar["m0"]  # today's meeting, ready to check in


def test_agenda_order_upcoming_first_then_most_recent(tab: EventsTab, calendar) -> None:
    assert _ids(tab) == [calendar[name] for name in (
        "m0", "m+7", "workshop", "m-7", "m-14", "party", "assembly")]
    fonts = [tab.model.index(row, m.COL_DATE).data(Qt.ItemDataRole.FontRole)
             for row in range(tab.model.rowCount())]
    assert [font is not None for font in fonts] == [True] * 3 + [False] * 4  # upcoming bold
    assert tab.filters.period.currentData() == "all"
    assert tab.filters.kind.currentText() == "All kinds"


def test_search_ignores_accents_and_updates_the_count(qtbot, tab: EventsTab, calendar) -> None:
    qtbot.keyClicks(tab.filters.search, "REUNION zoe")
    assert _ids(tab) == [calendar[name] for name in ("m0", "m+7", "m-7", "m-14")]
    assert tab.count_label.text() == "4 of 7 events"
    tab.filters.search.setText("oeuf")
    assert _ids(tab) == [calendar["party"]]
    tab.filters.search.setText("assemblee")
    assert _ids(tab) == [calendar["assembly"]]
    assert not tab.empty_label.isVisibleTo(tab)
    tab.filters.search.setText("zzz")
    assert tab.model.rowCount() == 0 and tab.count_label.text() == "0 of 7 events"
    assert tab.empty_label.text() == "No event matches the search and the filters."
    assert tab.empty_label.isVisibleTo(tab)


def test_kind_and_period_filters(tab: EventsTab, calendar) -> None:
    tab.filters.kind.setCurrentIndex(tab.filters.kind.findData("workshop"))
    assert _ids(tab) == [calendar["workshop"]]
    tab.filters.kind.setCurrentIndex(0)
    tab.filters.period.setCurrentIndex(tab.filters.period.findData(PERIOD_UPCOMING))
    assert _ids(tab) == [calendar[name] for name in ("m0", "m+7", "workshop")]
    tab.filters.period.setCurrentIndex(tab.filters.period.findData(PERIOD_PAST_12_MONTHS))
    assert _ids(tab) == [calendar[name] for name in ("m-7", "m-14", "party")]
    assert tab.filters.period.itemText(3) == f"Year {TODAY.year}"
    assert tab.filters.period.itemText(4) == f"Year {TODAY.year - 1}"


def test_selection_enables_the_actions(tab: EventsTab, calendar) -> None:
    tab.table.clearSelection()
    assert not tab.edit_button.isEnabled() and not tab.checkin_button.isEnabled()
    assert tab.new_button.isEnabled() and tab.period_action.isEnabled()
    tab.select_event(calendar["workshop"])
    assert tab.edit_button.isEnabled() and tab.delete_button.isEnabled()
    assert not tab.edit_series_action.isEnabled()  # not in a series
    assert not tab.attendance_action.isEnabled()  # nothing recorded yet
    assert tab.signin_action.isEnabled()
    tab.select_event(calendar["m-7"])
    assert tab.edit_series_action.isEnabled() and tab.attendance_action.isEnabled()


def test_check_in_and_reports_are_asked_for_by_signals(qtbot, tab: EventsTab, calendar) -> None:
    tab.select_event(calendar["m-7"])
    with qtbot.waitSignal(tab.checkin_requested) as asked:
        tab.checkin_button.click()
    assert asked.args == [calendar["m-7"]]
    with qtbot.waitSignal(tab.report_requested) as asked:
        tab.signin_action.trigger()
    assert asked.args == ["signin", calendar["m-7"]]
    with qtbot.waitSignal(tab.report_requested) as asked:
        tab.attendance_action.trigger()
    assert asked.args == ["attendance", calendar["m-7"]]
    with qtbot.waitSignal(tab.period_report_requested):
        tab.period_action.trigger()
    with qtbot.waitSignal(tab.export_calendar_requested):
        tab.export_action.trigger()
    assert tab.reports_button.menu().actions()[0] is tab.signin_action


def test_the_context_menu_offers_everything_with_the_double_click_in_bold(
    tab: EventsTab, calendar
) -> None:
    tab.select_event(calendar["m-7"])
    menu = tab.context_menu()
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts == ["Check-in", "Edit", "Edit series…", "Delete", "Sign-in sheet",
                     "Attendance report", "New event", "New series…"]
    assert menu.defaultAction() is tab.checkin_action
    tab.select_event(calendar["workshop"])
    assert tab.context_menu().defaultAction() is tab.edit_action
    tab.table.clearSelection()
    assert [action.text() for action in tab.context_menu().actions()] == [
        "New event", "New series…"]


def test_an_event_deleted_elsewhere_is_dropped_instead_of_edited(
    tab: EventsTab, calendar
) -> None:
    Event.delete().where(Event.id == calendar["workshop"]).execute()
    tab.select_event(calendar["workshop"])
    tab.edit_selected()  # the real dialog cannot read the event: the list is read again
    assert not tab.findChildren(QDialog)
    assert tab.model.row_of(calendar["workshop"]) == -1


def test_double_click_checks_in_a_started_event_and_edits_a_future_one(
    qtbot, tab: EventsTab, dialogs: Dialogs, calendar
) -> None:
    show_active(qtbot, tab)
    today = tab.table.visualRect(tab.model.index(0, m.COL_TITLE)).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=today)
    with qtbot.waitSignal(tab.checkin_requested) as asked:
        qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=today)
    assert asked.args == [calendar["m0"]]
    tab.select_event(calendar["workshop"])
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert dialogs.edited == [calendar["workshop"]]


def test_new_event_appears_selected_even_when_the_filters_hid_it(
    qtbot, tab: EventsTab, dialogs: Dialogs
) -> None:
    tab.filters.kind.setCurrentIndex(tab.filters.kind.findData("workshop"))
    dialogs.event = {"title": "Soirée des vœux", "kind": "networking", "starts_at": _at(30)}
    with qtbot.waitSignal(tab.events_changed), qtbot.waitSignal(tab.status_message) as message:
        tab.new_button.click()
    assert dialogs.edited == [None]
    assert message.args == ["“Soirée des vœux” added. Filters changed to show it."]
    assert tab.filters.kind.currentIndex() == 0
    assert tab.selected_row().title == "Soirée des vœux"
    assert tab.count_label.text() == "8 events"


def test_edit_refreshes_the_row_and_a_cancel_changes_nothing(
    qtbot, tab: EventsTab, dialogs: Dialogs, calendar
) -> None:
    tab.select_event(calendar["workshop"])
    tab.edit_button.click()  # cancelled
    assert dialogs.edited == [calendar["workshop"]] and tab.selected_row().title == (
        "Atelier « Pitch »")
    dialogs.event = {"title": "Atelier LinkedIn", "location": "Médiathèque"}
    with qtbot.waitSignal(tab.status_message) as message:
        tab.edit_selected()
    assert message.args == ["“Atelier LinkedIn” saved."]
    assert tab.selected_row().location == "Médiathèque"
    tab.filters.search.setText("mediatheque")
    assert _ids(tab) == [calendar["workshop"]]


def test_new_series_adds_its_dates(qtbot, tab: EventsTab, dialogs: Dialogs) -> None:
    dialogs.series = SeriesInput(title="Atelier mensuel", kind="workshop",
                                 frequency="monthly", first_on=_day(3), until=_day(130))
    with qtbot.waitSignal(tab.status_message) as message:
        tab.new_series_button.click()
    count = len([row for row in tab.model.rows() if row.title == "Atelier mensuel"])
    assert count >= 4
    assert message.args == [f"Series “Atelier mensuel” created: {count} dates."]
    assert tab.selected_row().starts_at.date() == _day(3)  # the first date
    assert tab.count_label.text() == f"{7 + count} events"


def test_delete_an_event_says_what_goes(qtbot, tab: EventsTab, dialogs: Dialogs,
                                        calendar) -> None:
    tab.select_event(calendar["party"])
    dialogs.answer = None
    tab.delete_button.click()
    title, text, choices = dialogs.questions[0]
    assert (title, choices) == ("Delete event", ["Delete"])
    assert text.startswith("Delete “Soirée de Noël” of ")
    assert "Recorded for it: 2 attendance records, 1 guest, 1 volunteer entry." in text
    assert "volunteer hours are kept" in text and text.endswith("This cannot be undone.")
    assert Event.select().where(Event.id == calendar["party"]).exists()

    dialogs.answer = 0
    position = tab.model.row_of(calendar["party"])
    with qtbot.waitSignal(tab.status_message) as message:
        tab.delete_selected()
    assert message.args[0].endswith(" deleted.") and "Soirée de Noël" in message.args[0]
    assert not Event.select().where(Event.id == calendar["party"]).exists()
    assert VolunteerEntry.get().event_id is None
    assert tab.model.row_of(calendar["party"]) == -1
    assert tab.model.row_of(tab.selected_event_id()) == position  # the next one
    assert tab.count_label.text() == "6 events"


def test_delete_a_date_of_a_series_offers_the_following_ones(
    tab: EventsTab, dialogs: Dialogs, calendar
) -> None:
    tab.select_event(calendar["m-7"])
    dialogs.answer = 1
    tab.delete_selected()
    title, text, choices = dialogs.questions[0]
    assert choices == ["This date", "This and following dates", "The whole series"]
    assert "• This date: 3 attendance records" in text
    assert "• This date and the following ones: 3 dates, 3 attendance records" in text
    assert "• The whole series: 4 dates, 3 attendance records" in text
    assert [row.starts_at.date() for row in tab.model.rows()
            if row.series_id == calendar["series"]] == [_day(-14)]
    assert EventSeries.get_by_id(calendar["series"]).until == _day(-14)


def test_delete_one_date_of_an_empty_series_date(tab: EventsTab, dialogs: Dialogs,
                                                 calendar) -> None:
    tab.select_event(calendar["m+7"])
    dialogs.answer = 0
    tab.delete_selected()
    assert "• This date: nothing recorded" in dialogs.questions[0][1]
    assert "• The whole series: 4 dates, 3 attendance records" in dialogs.questions[0][1]
    assert tab.model.row_of(calendar["m+7"]) == -1
    assert Event.select().where(Event.series == calendar["series"]).count() == 3


def test_keyboard(qtbot, tab: EventsTab, dialogs: Dialogs, calendar) -> None:
    show_active(qtbot, tab)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.filters.search.hasFocus()
    qtbot.keyClicks(tab.filters.search, "atelier")
    qtbot.keyClick(tab.filters.search, Qt.Key.Key_Down)
    assert tab.table.hasFocus() and tab.selected_event_id() == calendar["workshop"]
    dialogs.answer = None
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert dialogs.questions[-1][2] == ["Delete"]
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    assert dialogs.edited == [calendar["workshop"]]
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.edited == [calendar["workshop"], None]
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert dialogs.series_edited == [None]


def test_a_third_click_on_a_header_gives_back_the_agenda(qtbot, tab: EventsTab) -> None:
    show_active(qtbot, tab)
    agenda = _ids(tab)
    header = tab.table.horizontalHeader()
    title = QPoint(header.sectionViewportPosition(m.COL_TITLE) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title)
    assert tab.model.rows()[0].title == "Assemblée générale"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title)
    assert tab.model.rows()[0].title == "Soirée de Noël"
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title)
    assert _ids(tab) == agenda


def test_refresh_event_after_a_check_in(tab: EventsTab, calendar, make_member) -> None:
    Attendance.create(event=calendar["m0"], member=make_member(), status="present")
    tab.refresh_event(calendar["m0"])
    row = tab.model.row_at(tab.model.row_of(calendar["m0"]))
    assert (row.present, row.recorded) == (1, 1)
    assert tab.model.index(0, m.COL_ATTENDANCE).data() == "1 / 1"
    Event.delete().where(Event.id == calendar["workshop"]).execute()
    tab.refresh_event(calendar["workshop"])
    assert tab.model.row_of(calendar["workshop"]) == -1


def test_an_empty_calendar_says_how_to_start(host, db_path) -> None:
    widget = EventsTab(host)
    widget.reload()
    assert widget.count_label.text() == "0 events"
    assert widget.empty_label.text().startswith("No events yet. Click “New event”")
    assert widget.selected_row() is None and not widget.delete_button.isEnabled()


def test_the_tab_speaks_french(host: QWidget, calendar, in_french: None) -> None:
    french = EventsTab(host)
    french.reload()
    assert french.count_label.text() == "7 événements"
    assert french.filters.period.currentText() == "Toutes les dates"
    assert french.new_button.text() == "Nouvel événement"
    assert french.reports_button.text() == "Rapports"
    french.filters.search.setText("reunion")
    assert french.count_label.text() == "4 sur 7 événements"
