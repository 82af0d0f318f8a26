"""The events table model: Qt's model checks, display, upcoming events in bold, sorting."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QLocale, QPersistentModelIndex, Qt

from clubdesk import i18n
from clubdesk.domain.common.text import fold
from clubdesk.domain.events.event_list import EventRow
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.events import events_model as m
from clubdesk.ui.events.events_model import EventIdRole, EventsModel, RowRole, SortRole

DISPLAY = Qt.ItemDataRole.DisplayRole
TODAY = dt.date(2026, 3, 10)


def _row(event_id: int, day: dt.date, title: str, **fields: object) -> EventRow:
    values: dict[str, object] = {
        "starts_at": dt.datetime.combine(day, dt.time(19, 0)), "ends_at": None,
        "kind": "meeting", "location": "", "series_id": None, "present": 0, "recorded": 0,
        "guests": 0,
    }
    values.update(fields)
    key = fold(f"{title} {values['location']}")
    return EventRow(id=event_id, title=title, search_key=key, **values)  # type: ignore


@pytest.fixture
def rows() -> list[EventRow]:
    """In the agenda order: today, then upcoming, then past, the most recent first."""
    return [
        _row(1, TODAY, "Réunion hebdomadaire", series_id=7, location="Café Zoë",
             starts_at=dt.datetime(2026, 3, 10, 7, 0), ends_at=dt.datetime(2026, 3, 10, 8, 30)),
        _row(2, dt.date(2026, 4, 2), "Atelier « Pitch »", kind="workshop",
             ends_at=dt.datetime(2026, 4, 3, 1, 0)),
        _row(3, dt.date(2026, 3, 3), "Réunion hebdomadaire", series_id=7, present=23,
             recorded=30, guests=2, starts_at=dt.datetime(2026, 3, 3, 7, 0)),
        _row(4, dt.date(2025, 12, 11), "Soirée de Noël", kind="networking", present=40,
             recorded=41, location="Brasserie"),
    ]


@pytest.fixture
def model(qapp, rows: list[EventRow]) -> EventsModel:
    model = EventsModel()
    model.set_rows(rows, TODAY)
    return model


def _column(model: EventsModel, column: int, role: int = DISPLAY) -> list[object]:
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


def test_model_passes_qt_checks(qtmodeltester, model: EventsModel) -> None:
    qtmodeltester.check(model)
    model.sort(m.COL_TITLE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_cells_show_day_times_kind_counts(model: EventsModel) -> None:
    assert _column(model, m.COL_DATE) == ["Tue 10/03/2026", "Thu 02/04/2026",
                                          "Tue 03/03/2026", "Thu 11/12/2025"]
    assert _column(model, m.COL_TIME) == ["07:00 – 08:30", "19:00 – 03/04/2026 01:00",
                                          "07:00", "19:00"]
    assert _column(model, m.COL_KIND) == ["Meeting", "Workshop", "Meeting", "Networking"]
    assert _column(model, m.COL_ATTENDANCE) == ["", "", "23 / 30", "40 / 41"]
    assert _column(model, m.COL_GUESTS) == ["", "", "2", ""]
    assert model.index(2, m.COL_ATTENDANCE).data(Qt.ItemDataRole.ToolTipRole) == (
        "23 present out of 30 recorded")
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(m.COLUMN_COUNT)] == [
        "Date", "Time", "Event", "Kind", "Attendance", "Guests", "Location"]


def test_upcoming_events_are_bold_and_series_marked(model: EventsModel) -> None:
    fonts = _column(model, m.COL_TITLE, Qt.ItemDataRole.FontRole)
    assert [font is not None and font.bold() for font in fonts] == [True, True, False, False]
    icons = _column(model, m.COL_TITLE, Qt.ItemDataRole.DecorationRole)
    assert [icon is not None for icon in icons] == [True, False, True, False]
    assert "recurring series" in model.index(0, m.COL_TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, m.COL_TITLE).data(Qt.ItemDataRole.DecorationRole) is None


def test_roles_give_the_row_and_its_id(model: EventsModel, rows) -> None:
    assert model.index(2, m.COL_KIND).data(RowRole) is rows[2]
    assert model.index(2, m.COL_KIND).data(EventIdRole) == 3
    assert model.row_of(4) == 3 and model.row_of(99) == -1


def test_sorting_by_columns_and_back_to_the_agenda(model: EventsModel) -> None:
    model.sort(m.COL_DATE)
    assert _column(model, m.COL_DATE, EventIdRole) == [4, 3, 1, 2]
    model.sort(m.COL_TITLE)
    assert _column(model, m.COL_TITLE) == ["Atelier « Pitch »", "Réunion hebdomadaire",
                                           "Réunion hebdomadaire", "Soirée de Noël"]
    assert _column(model, m.COL_TITLE, EventIdRole)[1:3] == [3, 1]  # then by date
    model.sort(m.COL_ATTENDANCE, Qt.SortOrder.DescendingOrder)
    assert _column(model, m.COL_TITLE, EventIdRole)[:2] == [4, 3]
    assert model.index(0, m.COL_ATTENDANCE).data(SortRole)[:2] == (40, 41)
    model.sort(-1)
    assert _column(model, m.COL_TITLE, EventIdRole) == [1, 2, 3, 4]


def test_sorting_keeps_persistent_indexes(model: EventsModel) -> None:
    kept = QPersistentModelIndex(model.index(3, m.COL_TITLE))
    model.sort(m.COL_DATE)
    assert kept.row() == 0 and kept.data() == "Soirée de Noël"


def test_new_rows_keep_the_sort(model: EventsModel, rows) -> None:
    model.sort(m.COL_GUESTS, Qt.SortOrder.DescendingOrder)
    model.set_rows(rows[1:], TODAY)
    assert _column(model, m.COL_TITLE, EventIdRole) == [3, 2, 4]  # ties: latest first
    assert model.sort_state() == (m.COL_GUESTS, Qt.SortOrder.DescendingOrder)


def test_french_days_and_labels(qapp, rows) -> None:
    translators = install_translators(qapp, "fr")
    try:
        model = EventsModel()
        model.set_rows(rows, TODAY)
        assert model.index(0, m.COL_DATE).data() == "mar. 10/03/2026"
        assert model.index(3, m.COL_KIND).data() == "Soirée networking"
        assert model.headerData(m.COL_TIME, Qt.Orientation.Horizontal) == "Horaire"
        tip = Qt.ItemDataRole.ToolTipRole
        assert model.index(2, m.COL_ATTENDANCE).data(tip) == "23 présents sur 30 saisis"
        model.set_rows([replace(rows[2], present=1, recorded=1),
                        replace(rows[3], present=0, recorded=2)], TODAY)
        assert model.index(0, m.COL_ATTENDANCE).data(tip) == "1 présent sur 1 saisi"
        assert model.index(1, m.COL_ATTENDANCE).data(tip) == "0 présent sur 2 saisis"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
