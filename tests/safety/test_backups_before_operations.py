"""Every operation that removes or rewrites many rows is preceded by a labelled backup, and
does not run when that backup fails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clubdesk.db import Attendance, Event, Member, backup_files
from clubdesk.db.backup_files import BackupError
from clubdesk.domain.events.event_series import SeriesInput, create_series, delete_series
from clubdesk.domain.events.events import delete_event
from clubdesk.domain.exchange.member_import import apply_import, preview_import
from clubdesk.domain.members.member_merge import merge_members
from clubdesk.domain.safety.backups import list_backups


def _labels() -> list[str]:
    return [backup.label for backup in list_backups()]


@pytest.fixture
def meeting(club: Path) -> Event:
    event = Event.create(title="Réunion du mardi", starts_at=dt.datetime(2026, 3, 3, 7, 30))
    Attendance.create(event=event, member=1, status="present")
    return event


def test_deleting_an_event_with_attendance(meeting: Event) -> None:
    delete_event(meeting.id)
    assert _labels() == ["before deleting the event Réunion du mardi of 03/03/2026"]


def test_deleting_an_empty_event_needs_no_backup(club: Path) -> None:
    event = Event.create(title="Vide", starts_at=dt.datetime(2026, 3, 3, 7, 30))
    delete_event(event.id)
    assert _labels() == []


def test_deleting_a_series(club: Path) -> None:
    series_id, _dates = create_series(SeriesInput(
        title="Petit-déjeuner", kind="meeting", frequency="weekly",
        first_on=dt.date(2026, 1, 6), until=dt.date(2026, 2, 24),
        start_time=dt.time(7, 30), end_time=dt.time(9, 0)))
    delete_series(series_id, dt.date(2026, 2, 3))
    delete_series(series_id)
    assert _labels() == ["before deleting the series Petit-déjeuner",
                         "before deleting the dates of the series Petit-déjeuner from "
                         "03/02/2026"]


def test_merging(club: Path) -> None:
    merge_members(1, 2, {})
    assert _labels() == ["before merging member no. 2 into no. 1"]


def test_importing(club: Path, tmp_path: Path) -> None:
    source = tmp_path / "adhérents.csv"
    source.write_text("Nom;Prénom\nDurand;Léa\n", encoding="utf-8")
    apply_import(preview_import(source))
    assert _labels() == ["before importing adhérents.csv"]


def test_no_backup_no_operation(meeting: Event, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(database: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_files, "copy_database", full)
    with pytest.raises(BackupError, match="Nothing was changed.*disk .* is full"):
        delete_event(meeting.id)
    with pytest.raises(BackupError):
        merge_members(1, 2, {})
    assert Event.select().count() == 1 and Attendance.select().count() == 1
    assert Member.select().count() == 2
