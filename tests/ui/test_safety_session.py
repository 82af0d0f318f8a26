"""The file's safety in the window: the lock, automatic backups, damage, the crash dialog."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from clubdesk.db import Member, close_database, open_database
from clubdesk.domain.common.storage import writes_refused
from clubdesk.domain.safety.backups import list_backups, make_backup
from clubdesk.domain.safety.lock import current_holder
from clubdesk.ui import app as app_module
from clubdesk.ui.common.damage_monitor import damage_monitor
from clubdesk.ui.main_window import MainWindow
from clubdesk.ui.safety import session as session_module
from clubdesk.ui.safety.damaged_dialog import DamageChoice, build_damaged_dialog
from clubdesk.ui.safety.lock_prompt import build_lock_prompt
from clubdesk.ui.safety.session import DatabaseSession, OpenCancelled, open_session


@pytest.fixture
def club(tmp_path: Path) -> Path:
    path = open_database(tmp_path / "asso.db")
    Member.create(first_name="Éloïse", last_name="Bénard")
    close_database()
    return path


@pytest.fixture(autouse=True)
def _closed():
    yield
    close_database()


def _lock_by_another_window(path: Path) -> None:
    path.with_name(path.name + ".lock").write_text(json.dumps({
        "pid": os.getppid(), "host": socket.gethostname(), "user": "secretaire",
        "since": dt.datetime.now().replace(microsecond=0).isoformat()}))


def _never(*args, **kwargs):
    raise AssertionError("not expected to ask")


def test_the_first_window_takes_the_lock_and_gives_it_back(qtbot, club: Path,
                                                           settings) -> None:
    session = open_session(None, club, settings)
    holder = current_holder(club)
    assert holder is not None and holder.is_this_process()
    assert not session.read_only
    session.release()
    assert current_holder(club) is None


def test_a_second_window_asks_and_may_stay_closed(qtbot, club: Path, settings,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _lock_by_another_window(club)
    asked = []
    monkeypatch.setattr(session_module.LockPrompt, "ask",
                        lambda parent, path, holder: asked.append(holder.user) or False)
    with pytest.raises(OpenCancelled):
        open_session(None, club, settings)
    assert asked == ["secretaire"]


def test_a_second_window_may_open_read_only_and_writes_nothing(
        qtbot, club: Path, settings, monkeypatch: pytest.MonkeyPatch) -> None:
    _lock_by_another_window(club)
    monkeypatch.setattr(session_module.LockPrompt, "ask", lambda parent, path, holder: True)
    session = open_session(None, club, settings)
    assert session.read_only and session.holder.user == "secretaire"
    with pytest.raises(Exception, match="readonly"):
        Member.create(first_name="Zoë", last_name="Lectrice")
    assert Member.select().count() == 1
    window = MainWindow(club, settings, session=session)
    qtbot.addWidget(window)
    assert "(read-only)" in window.windowTitle()
    assert "secretaire" in window.read_only_label.toolTip()
    assert writes_refused()
    session.release()  # not ours: left in place
    assert current_holder(club).user == "secretaire"


def test_the_lock_prompt_says_who_and_defaults_to_not_opening(qtbot, club: Path) -> None:
    from clubdesk.domain.safety.lock import LockHolder

    holder = LockHolder(4242, "portable-bureau", "tresorier", dt.datetime(2026, 12, 6, 9, 5))
    box, read_only = build_lock_prompt(None, club, holder)
    qtbot.addWidget(box)
    assert "tresorier" in box.text() and "portable-bureau" in box.text()
    assert "2026-12-06 09:05" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert read_only.text() == "Open read-only"


def test_a_stale_lock_is_cleared_without_asking(qtbot, club: Path, settings,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    club.with_name("asso.db.lock").write_text(json.dumps({
        "pid": dead.pid, "host": socket.gethostname(), "user": "x",
        "since": dt.datetime.now().isoformat()}))
    monkeypatch.setattr(session_module.LockPrompt, "ask", _never)
    session = open_session(None, club, settings)
    assert not session.read_only and current_holder(club).is_this_process()
    session.release()


def test_closing_after_changes_makes_a_backup_and_not_otherwise(qtbot, club: Path,
                                                                settings) -> None:
    session = open_session(None, club, settings)
    window = MainWindow(club, settings, session=session)
    qtbot.addWidget(window)
    window.close()
    assert list_backups(club) == []
    assert current_holder(club) is None

    session = open_session(None, club, settings)
    window = MainWindow(club, settings, session=session)
    qtbot.addWidget(window)
    Member.create(first_name="Loïc", last_name="Nouveau")
    window.close()
    [backup] = list_backups(club)
    assert backup.label == "on closing"
    close_database()
    import sqlite3

    with sqlite3.connect(backup.path) as copy:
        assert copy.execute("SELECT count(*) FROM member").fetchone()[0] == 2
    copy.close()


def test_a_failed_backup_on_closing_lets_the_user_stay(qtbot, club: Path, settings,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    session = open_session(None, club, settings)
    window = MainWindow(club, settings, session=session)
    qtbot.addWidget(window)
    window.show()
    Member.create(first_name="Loïc", last_name="Nouveau")
    club.with_name("asso-backups").write_text("a file in the way")
    asked = []
    monkeypatch.setattr(session_module, "ask_close_without_backup",
                        lambda parent, reason: asked.append(reason) or False)
    window.close()
    assert window.isVisible() and "backups folder" in asked[0]
    monkeypatch.setattr(session_module, "ask_close_without_backup", lambda parent, reason: True)
    window.close()
    assert not window.isVisible()


def test_a_backup_every_few_hours_while_open_with_changes(qtbot, club: Path) -> None:
    open_database(club)
    session = DatabaseSession(club)
    now = dt.datetime.now()
    assert session.backup_if_due(now + dt.timedelta(hours=5)) is None  # nothing written
    Member.create(first_name="Loïc", last_name="Nouveau")
    assert session.backup_if_due(now + dt.timedelta(hours=1)) is None  # too soon
    with qtbot.waitSignal(session.backup_made, timeout=10_000):
        session.backup_if_due(now + dt.timedelta(hours=5))
    assert not session.has_changes()
    assert [backup.label for backup in list_backups(club)] == [
        "automatic, while the window is open"]


def test_a_damaged_file_at_opening_offers_the_latest_backup(
        qtbot, club: Path, settings, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(club)
    make_backup("sound")
    close_database()
    data = bytearray(club.read_bytes())
    data[:4096] = bytes(4096)  # the first page wiped, as a failing disk does
    club.write_bytes(bytes(data))
    damaged_bytes = club.read_bytes()
    offered = []
    monkeypatch.setattr(session_module.DamagedDialog, "ask",
                        lambda parent, path, detail, backup: offered.append(backup)
                        or DamageChoice.RESTORE)
    session = open_session(None, club, settings)
    assert offered[0].label == "sound"
    assert session.path == club and Member.select().count() == 1
    [kept] = club.parent.glob("asso.db.damaged-*")
    assert kept.read_bytes() == damaged_bytes
    session.release()


def test_quitting_on_a_damaged_file_leaves_it_as_it_is(qtbot, club: Path, settings,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    club.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    before = club.read_bytes()
    monkeypatch.setattr(session_module.DamagedDialog, "ask",
                        lambda *args: DamageChoice.QUIT)
    with pytest.raises(OpenCancelled):
        open_session(None, club, settings)
    assert club.read_bytes() == before
    assert current_holder(club) is None


def test_the_damaged_dialog_without_backup_offers_another_file(qtbot, club: Path) -> None:
    box, choices = build_damaged_dialog(None, club, "database disk image is malformed", None)
    qtbot.addWidget(box)
    assert sorted(choice.value for choice in choices.values()) == ["open_other", "quit"]
    assert "no backup" in box.informativeText()


def test_damage_found_while_open_stops_writes_and_offers_the_backup(
        qtbot, club: Path, settings, monkeypatch: pytest.MonkeyPatch) -> None:
    session = open_session(None, club, settings)
    make_backup("sound")
    window = MainWindow(club, settings, session=session)
    qtbot.addWidget(window)
    asked = []

    def ask(parent, path, detail, backup):
        asked.append(detail)
        with pytest.raises(Exception, match="readonly"):
            Member.create(first_name="Non", last_name="Écrit")
        return DamageChoice.RESTORE

    monkeypatch.setattr("clubdesk.ui.window_file.DamagedDialog.ask", ask)
    damage_monitor().damage_found.emit("database disk image is malformed")
    assert asked == ["database disk image is malformed"]
    # Restored: writing works again, and the file as it was is kept among the backups.
    Member.create(first_name="De", last_name="Nouveau")
    assert list_backups(club)[0].label.startswith("before restoring the backup of")
    assert not window.session.damaged and "(read-only)" not in window.windowTitle()
    assert "Backup restored" in window.statusBar().currentMessage()
    window.close()


def test_an_unexpected_error_shows_a_dialog_with_its_crash_report(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from clubdesk import crash_reports

    monkeypatch.setattr(crash_reports, "crash_folder", lambda: tmp_path / "crashes")
    shown = []
    monkeypatch.setattr(app_module.QMessageBox, "critical",
                        lambda parent, title, text: shown.append(text))
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as error:
        app_module.report_unexpected_error(type(error), error, error.__traceback__)
    [report] = (tmp_path / "crashes").iterdir()
    assert "ZeroDivisionError" in report.read_text()
    assert str(report) in shown[0] and "was not saved" in shown[0]


def test_a_synchronised_folder_is_warned_about_once(qtbot, tmp_path: Path, settings,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "Dropbox" / "asso"
    folder.mkdir(parents=True)
    shown = []
    monkeypatch.setattr(session_module.QMessageBox, "exec",
                        lambda box: shown.append(box.text() + box.informativeText()))
    for _time in range(2):
        session = open_session(None, folder / "asso.db", settings)
        session.release()
    assert len(shown) == 1 and "Dropbox" in shown[0] and "backups folder" in shown[0]
