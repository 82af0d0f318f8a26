"""The calendar export: a valid .ics with every event, times in French time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from clubdesk.db import Event
from clubdesk.domain.common.files import OutputFileError, atomic_output, write_bytes_atomically
from clubdesk.domain.exchange.calendar_export import PeriodError, events_calendar


def _events() -> None:
    Event.create(title="Réunion <b>&amp; petit-déjeuner", location="Café Zoë, Lyon",
                 starts_at=dt.datetime(2026, 3, 3, 7, 0), ends_at=dt.datetime(2026, 3, 3, 8, 30),
                 description="Ordre du jour : tour de table;\nrecommandations")
    Event.create(title="Assemblée générale", kind="general_assembly",
                 starts_at=dt.datetime(2026, 6, 20, 18, 0))
    Event.create(title="Soirée 2025", kind="networking", starts_at=dt.datetime(2025, 12, 5, 19, 0))


def test_every_event_is_in_the_calendar_with_its_details(db_path: Path) -> None:
    _events()
    calendar = Calendar.from_ical(events_calendar())
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        "Soirée 2025", "Réunion <b>&amp; petit-déjeuner", "Assemblée générale"]
    meeting = events[1]
    assert meeting["location"] == "Café Zoë, Lyon"
    assert str(meeting["description"]) == "Ordre du jour : tour de table;\nrecommandations"
    start = meeting.decoded("dtstart")
    assert start.utcoffset() == dt.timedelta(hours=1)  # Paris in March (winter time)
    assert start.hour == 7
    june = events[2].decoded("dtstart")
    assert june.utcoffset() == dt.timedelta(hours=2)  # summer time
    assert events[2].decoded("dtend") - june == dt.timedelta(hours=1, minutes=30)
    assert calendar.walk("VTIMEZONE"), "the time zone is described for calendars that need it"
    assert len({str(e["uid"]) for e in events}) == 3


def test_period_limits_and_stable_uids(db_path: Path) -> None:
    _events()
    first = Calendar.from_ical(events_calendar(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    again = Calendar.from_ical(events_calendar(dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert [str(e["summary"]) for e in first.walk("VEVENT")] == [
        "Réunion <b>&amp; petit-déjeuner", "Assemblée générale"]
    assert [e["uid"] for e in first.walk("VEVENT")] == [e["uid"] for e in again.walk("VEVENT")]
    with pytest.raises(PeriodError, match="before it starts"):
        events_calendar(dt.date(2026, 12, 31), dt.date(2026, 1, 1))


def test_atomic_output_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "agenda.ics"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as partial:
            partial.write_bytes(b"half")
            raise RuntimeError("cancelled")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.ics"]
    write_bytes_atomically(target, b"new")
    assert target.read_bytes() == b"new"


def test_atomic_output_explains_a_missing_folder_or_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputFileError, match="does not exist"):
        write_bytes_atomically(tmp_path / "missing" / "agenda.ics", b"x")
    with pytest.raises(OutputFileError, match="it is a folder"):
        write_bytes_atomically(tmp_path, b"x")


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    import os
    import stat

    umask = os.umask(0o022)
    try:
        fresh = write_bytes_atomically(tmp_path / "new.ics", b"x")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.ics"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        write_bytes_atomically(kept, b"new")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(umask)
