"""The tabs' Export buttons: exactly the rows shown, in the order shown, written in the
background, the result or the failure told to the user."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import os
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QMessageBox, QTableView
from tab_helpers import loaded_tab

from clubdesk.db import Attendance, AuditEntry, Event, Guest, MembershipFee
from clubdesk.domain.common import files
from clubdesk.domain.referrals.referrals import ReferralInput, change_status, create_referral
from clubdesk.ui.common import export_actions
from clubdesk.ui.common.export_actions import ListExport, shown_ids
from clubdesk.ui.common.row_model import RowListModel
from clubdesk.ui.events import events_model as e
from clubdesk.ui.events.events_tab import EventsTab
from clubdesk.ui.members import members_model as m
from clubdesk.ui.members.members_tab import MembersTab
from clubdesk.ui.referrals import referrals_model as r
from clubdesk.ui.referrals.referrals_tab import ReferralsTab
from clubdesk.ui.volunteering.volunteering_tab import SUMMARY, VolunteeringTab

TODAY = dt.date.today()


class FileDialog:
    """Stands in for the save dialog: answers ``path`` (None: cancel), records the offer."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path: Path | None = None
        self.offered: list[tuple[Path, str]] = []
        monkeypatch.setattr(export_actions, "choose_file", self._choose)

    def _choose(self, parent, title, suggested: Path, file_types, suffix: str) -> Path | None:
        self.offered.append((suggested, suffix))
        return self.path


@pytest.fixture
def dialog(monkeypatch: pytest.MonkeyPatch) -> FileDialog:
    return FileDialog(monkeypatch)


@pytest.fixture
def people(make_member) -> dict[str, int]:
    """Five members, four of them in Lyon, each with the dues of two years."""
    ids = {}
    for first, last, city in (("Zoë", "Abel", "Lyon"), ("Anaïs", "Brun", "Lyon"),
                              ("Loïc", "=Cazal", "Lyon"), ("Jean", "Dubois", "Paris"),
                              ("Hélène", "Éluard", "Lyon")):
        member = make_member(first_name=first, last_name=last, city=city,
                             joined_on=dt.date(2024, 1, 15))
        ids[first] = member.id
        for year in (2025, 2026):
            MembershipFee.create(member=member, period_start=dt.date(year, 1, 1),
                                 period_end=dt.date(year, 12, 31),
                                 amount=Decimal("120.50"), paid_on=dt.date(year, 2, 1))
    return ids


def _export(qtbot, exporter: ListExport, kind: str) -> object:
    """Trigger the menu entry (or the button) of ``kind``; the file written, or None."""
    with qtbot.waitSignal(exporter.export_finished, timeout=10_000) as finished:
        exporter.actions[kind].trigger()
    return finished.args[0]


def _xlsx(path: Path) -> list[list[object]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def _close_message(exporter: ListExport) -> str:
    box = exporter.message
    assert box is not None and box.isVisible()
    text = box.text()
    box.close()
    return text


def test_members_tab_exports_the_members_shown_in_the_order_shown(
        qtbot, host, people, dialog: FileDialog, tmp_path: Path) -> None:
    tab = loaded_tab(MembersTab, host)
    tab.filters.search.setText("lyon")
    tab.table.sortByColumn(m.COL_FIRST_NAME, Qt.SortOrder.DescendingOrder)
    shown = [(row.last_name, row.first_name) for row in tab.model.rows()]
    assert shown == [("Abel", "Zoë"), ("=Cazal", "Loïc"), ("Éluard", "Hélène"),
                     ("Brun", "Anaïs")]
    dialog.path = tmp_path / f"members-{TODAY.isoformat()}.xlsx"
    folder = export_actions.default_folder()  # the documents folder, the first time
    with qtbot.waitSignal(tab.status_message) as told:
        written = _export(qtbot, tab.exporter, "members")
    assert written == dialog.path
    assert dialog.offered == [(folder / f"members-{TODAY.isoformat()}", ".xlsx")]
    rows = _xlsx(dialog.path)
    assert rows[0][:2] == ["Last name", "First name"]
    # The dangerous name is neutralised; the join date is a date.
    assert [(row[0], row[1]) for row in rows[1:]] == [
        ("Abel", "Zoë"), ("'=Cazal", "Loïc"), ("Éluard", "Hélène"), ("Brun", "Anaïs")]
    assert rows[1][13] == dt.datetime(2024, 1, 15)
    assert told.args == [f"4 rows exported to {dialog.path}"]
    assert _close_message(tab.exporter) == f"4 rows exported to {dialog.path}"
    assert AuditEntry.get().details == "members xlsx"
    assert tab.export_button.isEnabled()


def test_dues_of_the_members_shown_as_csv(qtbot, host, people, dialog: FileDialog,
                                          tmp_path: Path) -> None:
    tab = loaded_tab(MembersTab, host)
    tab.filters.search.setText("an")  # Anaïs Brun, Jean Dubois
    dialog.path = tmp_path / "dues"  # no suffix: Excel, as the dialog offers first
    written = _export(qtbot, tab.exporter, "fees")
    assert written == tmp_path / "dues.xlsx"
    dialog.path = tmp_path / "dues.csv"
    assert _export(qtbot, tab.exporter, "fees") == dialog.path
    rows = _csv(dialog.path)
    assert [(row[0], row[2], row[4]) for row in rows[1:]] == [
        ("Brun", "01/01/2025", "120.50"), ("Brun", "01/01/2026", "120.50"),
        ("Dubois", "01/01/2025", "120.50"), ("Dubois", "01/01/2026", "120.50")]
    # The next export offers the format and the folder of this one.
    dialog.path = None
    tab.exporter.actions["members"].trigger()
    assert dialog.offered[-1] == (tmp_path / f"members-{TODAY.isoformat()}", ".csv")


def test_events_tab_exports_events_attendance_and_guests_shown(
        qtbot, host, people, dialog: FileDialog, tmp_path: Path) -> None:
    dates = {"March": dt.datetime(TODAY.year - 1, 3, 10, 8),
             "April": dt.datetime(TODAY.year - 1, 4, 14, 8),
             "Lunch": dt.datetime(TODAY.year - 1, 5, 12, 12)}
    events = {title: Event.create(title=f"{title} meeting", starts_at=moment)
              for title, moment in dates.items()}
    for event in events.values():
        Attendance.create(event=event, member=people["Zoë"], status="present")
        Attendance.create(event=event, member=people["Anaïs"], status="late")
        Guest.create(event=event, name=f"Guest of {event.title}")
    tab = loaded_tab(EventsTab, host)
    tab.filters.search.setText("meeting")
    tab.table.sortByColumn(e.COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert [row.title for row in tab.model.rows()] == [
        "April meeting", "Lunch meeting", "March meeting"]
    dialog.path = tmp_path / "events.csv"
    assert _export(qtbot, tab.exporter, "events") == dialog.path
    assert [row[3] for row in _csv(dialog.path)[1:]] == [
        "April meeting", "Lunch meeting", "March meeting"]
    tab.filters.search.setText("march")
    assert [row.title for row in tab.model.rows()] == ["March meeting"]
    dialog.path = tmp_path / "attendance.xlsx"
    assert _export(qtbot, tab.exporter, "attendance") == dialog.path
    rows = _xlsx(dialog.path)
    assert [(row[0], row[1], row[2]) for row in rows[1:]] == [
        (dates["March"].replace(hour=0), "March meeting", "Abel"),
        (dates["March"].replace(hour=0), "March meeting", "Brun")]
    dialog.path = tmp_path / "guests.xlsx"
    assert _export(qtbot, tab.exporter, "guests") == dialog.path
    assert [row[2] for row in _xlsx(dialog.path)[1:]] == ["Guest of March meeting"]


def test_referrals_tab_exports_the_referrals_shown(qtbot, host, make_member,
                                                   dialog: FileDialog, tmp_path: Path) -> None:
    loic = make_member(first_name="Loïc", last_name="Bréhat").id
    anais = make_member(first_name="Anaïs", last_name="Dumas").id
    amounts = {}
    for days, amount in ((40, "1250"), (30, "80.5"), (20, "400")):
        referral = create_referral(ReferralInput(
            giver_id=loic, receiver_id=anais, date=TODAY - dt.timedelta(days=days),
            contact=f"+33 {days}"))
        change_status(referral, "won", TODAY - dt.timedelta(days=days - 5), Decimal(amount))
        amounts[referral] = amount
    create_referral(ReferralInput(giver_id=anais, external_recipient="Cabinet Dupré",
                                  date=TODAY - dt.timedelta(days=2)))
    tab = loaded_tab(ReferralsTab, host)
    tab.search.setText("+33")  # the three won ones
    tab.table.sortByColumn(r.COL_AMOUNT, Qt.SortOrder.DescendingOrder)
    assert [amounts[row.id] for row in tab.model.rows()] == ["1250", "400", "80.5"]
    dialog.path = tmp_path / "referrals.xlsx"
    assert _export(qtbot, tab.exporter, "referrals") == dialog.path
    rows = _xlsx(dialog.path)
    assert [row[7] for row in rows[1:]] == [1250.0, 400.0, 80.5]
    assert [row[4] for row in rows[1:]] == ["'+33 40", "'+33 20", "'+33 30"]
    assert rows[1][0] == dt.datetime.combine(TODAY - dt.timedelta(days=40), dt.time())


def test_an_unwritable_destination_is_told_and_leaves_no_file(
        qtbot, host, people, dialog: FileDialog, tmp_path: Path) -> None:
    tab = loaded_tab(MembersTab, host)
    dialog.path = tmp_path / "missing folder" / "members.xlsx"
    assert _export(qtbot, tab.exporter, "members") is None
    text = _close_message(tab.exporter)
    assert str(dialog.path) in text and "does not exist" in text
    assert not (tmp_path / "missing folder").exists()
    assert AuditEntry.select().count() == 0
    assert tab.export_button.isEnabled()  # ready to try again


def test_a_full_disk_keeps_the_old_file(qtbot, host, people, dialog: FileDialog,
                                        tmp_path: Path, monkeypatch) -> None:
    tab = loaded_tab(MembersTab, host)
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog.path = folder / "members.csv"
    dialog.path.write_text("old", encoding="utf-8")

    def full(source, target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "replace", full)
    assert _export(qtbot, tab.exporter, "members") is None
    text = _close_message(tab.exporter)
    assert "the disk is full" in text and str(dialog.path) in text
    assert dialog.path.read_text(encoding="utf-8") == "old"
    assert [path.name for path in folder.iterdir()] == ["members.csv"]


def test_a_cancelled_dialog_exports_nothing(qtbot, host, people, dialog: FileDialog,
                                            tmp_path: Path) -> None:
    tab = loaded_tab(MembersTab, host)
    assert tab.exporter.export("members") is None
    assert len(dialog.offered) == 1 and tab.exporter.message is None
    assert AuditEntry.select().count() == 0


def test_nothing_to_export_when_nothing_is_shown(qtbot, host, people) -> None:
    tab = loaded_tab(MembersTab, host)
    assert tab.export_button.isEnabled()
    tab.filters.search.setText("nobody at all")
    assert not tab.export_button.isEnabled()
    assert not tab.exporter.actions["fees"].isEnabled()
    tab.filters.search.clear()
    assert tab.export_button.isEnabled()


def test_volunteering_exports_the_entries_not_the_summary(qtbot, host, people) -> None:
    from clubdesk.db import VolunteerEntry

    VolunteerEntry.create(member=people["Zoë"], date=TODAY, hours=Decimal("2"))
    tab = loaded_tab(VolunteeringTab, host)
    assert tab.export_button.isEnabled() and tab.export_button.menu() is None
    tab.show_view(SUMMARY)
    assert not tab.export_button.isEnabled()


class _Rows(RowListModel):
    COLUMN_COUNT = 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()].name
        return None


class _Row:
    def __init__(self, row_id: int, name: str) -> None:
        self.id, self.name = row_id, name


def test_shown_ids_follow_a_sorting_and_filtering_proxy(qtbot) -> None:
    model = _Rows()
    model.set_rows([_Row(1, "b"), _Row(2, "c"), _Row(3, "a"), _Row(4, "x")])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    assert shown_ids(view) == [1, 2, 3, 4]
    view.setModel(proxy)
    proxy.setFilterRegularExpression("^[abc]$")
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown_ids(view) == [2, 1, 3]


def test_the_button_and_file_names_speak_french(host, people, dialog: FileDialog,
                                                in_french: None) -> None:
    tab = loaded_tab(MembersTab, host)
    assert tab.export_button.text() == "Exporter…"
    assert [action.text() for action in tab.exporter.menu.actions()] == [
        "Membres affichés…", "Cotisations de ces membres…"]
    tab.exporter.actions["fees"].trigger()
    assert dialog.offered[-1][0].name == f"cotisations-{TODAY.isoformat()}"
    events = EventsTab(host)
    assert [action.text() for action in events.exporter.menu.actions()] == [
        "Événements affichés…", "Présences à ces événements…",
        "Invités de ces événements…"]


def test_the_message_offers_to_open_the_file(qtbot, host, people, dialog: FileDialog,
                                             tmp_path: Path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(export_actions.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    tab = loaded_tab(MembersTab, host)
    dialog.path = tmp_path / "m.xlsx"
    _export(qtbot, tab.exporter, "members")
    box = tab.exporter.message
    assert box is not None
    open_button = next(button for button in box.buttons()
                       if box.buttonRole(button) == QMessageBox.ButtonRole.ActionRole)
    assert open_button.text() == "Open"
    open_button.click()
    assert opened == [str(dialog.path)]
