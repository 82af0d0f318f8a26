"""File > Backups…: the list, a backup now, and a restore the window reopens on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clubdesk.db import Member
from clubdesk.domain.safety.backups import list_backups, make_backup
from clubdesk.ui.main_window import MainWindow
from clubdesk.ui.safety import backups_dialog
from clubdesk.ui.safety.backups_dialog import BackupsDialog


@pytest.fixture
def club(db_path: Path, make_member) -> Path:
    make_member(first_name="Éloïse", last_name="Bénard")
    return db_path


def test_the_list_shows_each_backup_newest_first(qtbot, club: Path) -> None:
    now = dt.datetime.now()
    make_backup("before importing adherents.xlsx", now=now - dt.timedelta(hours=2))
    make_backup("on closing", now=now)
    dialog = BackupsDialog(club)
    qtbot.addWidget(dialog)
    model = dialog.table.model()
    assert model.rowCount() == 2
    assert [model.index(row, 1).data() for row in range(2)] == [
        "on closing", "before importing adherents.xlsx"]
    assert model.index(0, 3).data() == "verified"
    assert dialog.restore_button.isEnabled() and dialog.empty.isHidden()
    assert "clubdesk-backups" in dialog.findChildren(type(dialog.empty))[0].text()


def test_an_empty_list_says_when_backups_are_made(qtbot, club: Path) -> None:
    dialog = BackupsDialog(club)
    qtbot.addWidget(dialog)
    assert not dialog.empty.isHidden() and dialog.table.isHidden()
    assert not dialog.restore_button.isEnabled()


def test_back_up_now(qtbot, club: Path) -> None:
    dialog = BackupsDialog(club)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.back_up_now().finished, timeout=10_000):
        pass
    assert dialog.table.model().rowCount() == 1
    assert "verified" in dialog.status.text()


def test_restore_asks_then_replaces_and_the_window_reopens(
        qtbot, club: Path, settings, monkeypatch: pytest.MonkeyPatch) -> None:
    backup = make_backup("one member")
    Member.create(first_name="Loïc", last_name="Après")
    window = MainWindow(club, settings)
    qtbot.addWidget(window)
    assert window.members_tab.table.model().rowCount() == 2

    asked = []
    monkeypatch.setattr(backups_dialog, "confirm",
                        lambda parent, title, text, accept: asked.append(text) or True)
    dialog = BackupsDialog(club, parent=window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.restore_selected()
    assert "backed up first" in asked[0]
    assert dialog.restored.source == backup.path
    assert Member.select().count() == 1
    assert list_backups(club)[0].label.startswith("before restoring the backup of")

    window.file.restored(dialog.restored)
    qtbot.waitUntil(lambda: window.members_tab.table.model().rowCount() == 1)
    assert "Backup restored" in window.statusBar().currentMessage()


def test_declining_the_restore_changes_nothing(qtbot, club: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    make_backup()
    Member.create(first_name="Loïc", last_name="Après")
    monkeypatch.setattr(backups_dialog, "confirm", lambda *args: False)
    dialog = BackupsDialog(club)
    qtbot.addWidget(dialog)
    assert dialog.restore_selected() is None
    assert Member.select().count() == 2 and dialog.restored is None


def test_restoring_a_file_that_is_not_a_backup_says_why(
        qtbot, club: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "notes.db"
    other.write_text("shopping list")
    monkeypatch.setattr(backups_dialog.QFileDialog, "getOpenFileName",
                        lambda *args: (str(other), ""))
    monkeypatch.setattr(backups_dialog, "confirm", lambda *args: True)
    warned = []
    monkeypatch.setattr(backups_dialog.QMessageBox, "warning",
                        lambda parent, title, text: warned.append(text))
    dialog = BackupsDialog(club)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.restore_from_file().finished, timeout=10_000):
        pass
    assert "cannot be restored" in warned[0]
    assert Member.select().count() == 1 and dialog.restored is None


def test_read_only_lists_and_backs_up_but_never_restores(qtbot, club: Path) -> None:
    make_backup()
    dialog = BackupsDialog(club, read_only=True)
    qtbot.addWidget(dialog)
    assert dialog.backup_button.isEnabled()
    assert not dialog.restore_button.isEnabled()
    assert not dialog.restore_file_button.isEnabled()
