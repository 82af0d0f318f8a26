"""The main window: tabs, remembered state, switching database, the lists of each tab."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from clubdesk.db import Attendance, Event, Guest, Member, Referral, VolunteerEntry, database
from clubdesk.ui.events import events_model
from clubdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db_path: Path, settings: QSettings) -> MainWindow:
    win = MainWindow(db_path, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _texts(tab) -> list[str]:
    model = tab.table.model()
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def test_tabs_in_order_with_window_title(window: MainWindow, db_path: Path) -> None:
    names = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert names == ["Dashboard", "Members", "Events", "Volunteering", "Referrals"]
    assert db_path.name in window.windowTitle()
    assert window.path_label.text() == str(db_path)


def test_window_size_and_last_tab_are_remembered(
    qtbot, db_path: Path, settings: QSettings
) -> None:
    first = MainWindow(db_path, settings)
    qtbot.addWidget(first)
    first.resize(790, 520)  # within the offscreen screen (800×600)
    first.tabs.setCurrentIndex(2)
    first.close()
    second = MainWindow(db_path, settings)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 2
    assert (second.width(), second.height()) == (790, 520)


def _titles(tab) -> list[str]:
    model = tab.table.model()
    return [model.index(row, events_model.COL_TITLE).data() for row in range(model.rowCount())]


def test_tabs_list_rows_and_search(qtbot, window: MainWindow, make_member) -> None:
    alice = make_member(first_name="Éloïse", last_name="Œuvray")
    bob = make_member(first_name="Łukasz", last_name="Nowak")
    today = dt.date.today()
    breakfast = Event.create(title="Réunion hebdomadaire", location="Lyon",
                             starts_at=dt.datetime.combine(today - dt.timedelta(days=20),
                                                           dt.time(7, 0)))
    Event.create(title="Assemblée générale", kind="general_assembly", location="Villeurbanne",
                 starts_at=dt.datetime.combine(today - dt.timedelta(days=5), dt.time(18, 0)))
    Attendance.create(event=breakfast, member=alice, status="present")
    Attendance.create(event=breakfast, member=bob, status="excused")
    Guest.create(event=breakfast, name="Zoë Martin", invited_by=alice)
    VolunteerEntry.create(member=alice, date=today - dt.timedelta(days=20),
                          hours=Decimal("1.75"), category="Communication", event=breakfast)
    Referral.create(giver=alice, receiver=bob, date=today - dt.timedelta(days=19),
                    status="won", amount=Decimal("1250.50"),
                    closed_on=today - dt.timedelta(days=2))
    Referral.create(giver=bob, external_recipient="Cabinet Dupré",
                    date=today - dt.timedelta(days=18))

    window.tabs.setCurrentWidget(window.events_tab)
    events = window.events_tab
    qtbot.waitUntil(lambda: events.table.model().rowCount() == 2)
    assert _titles(events) == ["Assemblée générale", "Réunion hebdomadaire"]  # most recent
    row = events.table.model().index(1, 0).data(events_model.RowRole)
    assert (row.present, row.recorded, row.guests) == (1, 2, 1)
    events.filters.search.setText("reunion")  # no accent typed
    assert _titles(events) == ["Réunion hebdomadaire"]
    assert events.count_label.text() == "1 of 2 events"

    window.tabs.setCurrentWidget(window.volunteering_tab)
    volunteering = window.volunteering_tab
    qtbot.waitUntil(lambda: volunteering.table.model().rowCount() == 1)
    assert _texts(volunteering) == ["Éloïse Œuvray"]

    window.tabs.setCurrentWidget(window.referrals_tab)
    referrals = window.referrals_tab
    qtbot.waitUntil(lambda: referrals.table.model().rowCount() == 2)
    model = referrals.table.model()
    receivers = sorted(model.index(r, 2).data() for r in range(2))
    assert receivers == ["Cabinet Dupré", "Łukasz Nowak"]
    referrals.search.setText("dupre")
    assert model.rowCount() == 1
    assert referrals.count_label.text() == "1 of 2 referrals"


def test_sorting_the_events_by_a_column(qtbot, window: MainWindow) -> None:
    for days, title in ((5, "Charlie"), (3, "Alpha"), (4, "Bravo")):
        Event.create(title=title, starts_at=dt.datetime.combine(
            dt.date.today() - dt.timedelta(days=10 - days), dt.time(7, 0)))
    window.tabs.setCurrentWidget(window.events_tab)
    events = window.events_tab
    qtbot.waitUntil(lambda: events.table.model().rowCount() == 3)
    assert _titles(events) == ["Charlie", "Bravo", "Alpha"]  # most recent first
    events.table.sortByColumn(events_model.COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert _titles(events) == ["Alpha", "Bravo", "Charlie"]


def test_switching_to_a_bad_file_keeps_the_current_database(
    window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    make_member,
) -> None:
    make_member(last_name="Gaëlle")
    bad = tmp_path / "members.csv"
    bad.write_text("Nom;Prénom\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert window.switch_database(bad) is False
    assert "not a clubdesk database" in shown[0]
    assert bad.read_text(encoding="utf-8") == "Nom;Prénom\n"
    assert window.database_path == db_path
    assert Member.select().count() == 1  # still on the first file


def test_switching_to_a_new_database_rebuilds_the_tabs(
    window: MainWindow, tmp_path: Path, make_member, settings: QSettings
) -> None:
    make_member(last_name="Bénédicte")
    other = tmp_path / "other.db"
    assert window.switch_database(other) is True
    assert Path(database.database) == other
    assert Member.select().count() == 0
    assert window.tabs.count() == 5
    assert settings.value("database/last") == str(other)
    assert other.name in window.windowTitle()


def test_event_reports_are_built_in_the_background_and_previewed(
    qtbot, window: MainWindow, make_member
) -> None:
    member = make_member(first_name="Жанна", last_name="Петрова")
    event = Event.create(title="Réunion <b>&", starts_at=dt.datetime(2026, 3, 3, 7, 0))
    Attendance.create(event=event, member=member, status="present")
    runner = window.event_actions.reports

    window.events_tab.report_requested.emit("signin", event.id)
    qtbot.waitUntil(lambda: len(runner.previews) == 1, timeout=20_000)
    preview = runner.previews[0]
    assert preview.document.pageCount() >= 1
    assert preview.suggested_name.startswith("emargement-2026-03-03-reunion")

    window.event_actions.period_report((dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    qtbot.waitUntil(lambda: len(runner.previews) == 2, timeout=20_000)
    assert runner.previews[1].suggested_name == "presences-2026-01-01-2026-12-31.pdf"
    for preview in list(runner.previews):
        preview.close()
    qtbot.waitUntil(lambda: not runner.previews)


def test_a_failed_report_says_why(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    window.events_tab.report_requested.emit("attendance", 4242)
    qtbot.waitUntil(lambda: bool(warnings), timeout=20_000)
    assert "4242" in warnings[0]
    assert not window.event_actions.reports.previews


def test_calendar_export_from_the_window(window: MainWindow, tmp_path: Path) -> None:
    Event.create(title="Soirée", starts_at=dt.datetime(2026, 12, 10, 19, 0))
    written = window.event_actions.export_calendar(str(tmp_path / "agenda"))
    assert written == tmp_path / "agenda.ics"
    assert b"SUMMARY:Soir" in written.read_bytes()


def test_dashboard_opens_tabs_narrowed(qtbot, window: MainWindow, make_member) -> None:
    from clubdesk.domain.activity.activity_figures import Period

    make_member(last_name="Actif", status="active")
    make_member(last_name="Ancien", status="former")
    window.members_tab.reload()
    window.open_filtered("members", {"status": "active"})
    assert window.tabs.currentWidget() is window.members_tab
    assert window.members_tab.model.rowCount() == 1

    year = Period(dt.date(dt.date.today().year, 1, 1), dt.date(dt.date.today().year, 12, 31))
    window.open_filtered("events", {"period": year})
    assert window.tabs.currentWidget() is window.events_tab
    assert window.events_tab.filters.period.currentData() == "this_year"

    window.open_filtered("referrals", {"status": "won", "period": year})
    assert window.tabs.currentWidget() is window.referrals_tab
    assert window.referrals_tab.status_filter.currentData() == "won"
    assert window.referrals_tab.period_filter.bounds() == (year.start, year.end)

    window.open_filtered("volunteering", {"period": year})
    assert window.tabs.currentWidget() is window.volunteering_tab
    assert window.volunteering_tab.filters.period.period() == (year.start, year.end)


def test_activity_report_and_member_sheet_are_previewed(
    qtbot, window: MainWindow, make_member
) -> None:
    from clubdesk.domain.activity.activity_figures import Period

    member = make_member(first_name="Zoë", last_name="Lefèvre")
    runner = window.activity_reports.reports
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    window.dashboard_tab.report_requested.emit(period)
    qtbot.waitUntil(lambda: len(runner.previews) == 1, timeout=20_000)
    assert runner.previews[0].suggested_name == "rapport-activite-2026-01-01-2026-12-31.pdf"
    window.activity_reports.member_sheet(member.id, period)
    qtbot.waitUntil(lambda: len(runner.previews) == 2, timeout=20_000)
    assert runner.previews[1].suggested_name.startswith("activite-zoe-lefevre-2026")
    for preview in list(runner.previews):
        preview.close()


def test_dashboard_computes_only_when_seen(
    qtbot, db_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clubdesk.ui.common.background import task_pool
    from clubdesk.ui.dashboard import dashboard_tab

    calls: list[object] = []
    real = dashboard_tab.activity_figures

    def counting(period, progress=None):
        calls.append(period)
        return real(period, progress)

    monkeypatch.setattr(dashboard_tab, "activity_figures", counting)
    settings.setValue("window/tab", 1)
    behind = MainWindow(db_path, settings)
    qtbot.addWidget(behind)
    task_pool().waitForDone(10_000)
    assert calls == []  # the Members tab is in front: nothing computed
    behind.tabs.setCurrentWidget(behind.dashboard_tab)
    qtbot.waitUntil(lambda: not behind.dashboard_tab.is_computing(), timeout=10_000)
    assert len(calls) == 2  # the period and the one before
