"""The check-in table model: Qt's model checks, display, colours, proxies held, notes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QIcon

from clubdesk.domain.events.checkin import CheckinRow
from clubdesk.ui.events.checkin import checkin_model as m
from clubdesk.ui.events.checkin.checkin_model import CheckinModel


def _row(member_id: int, last: str, status: str = "absent", **fields: object) -> CheckinRow:
    values: dict[str, object] = {
        "member_id": member_id, "first_name": "Jeanne", "last_name": last,
        "company": "Atelier", "status": status, "substitute_name": "", "proxy_to_id": None,
        "proxy_holder_name": "", "note": "", "search_key": last.lower(),
    }
    values.update(fields)
    return CheckinRow(**values)  # type: ignore[arg-type]


@pytest.fixture
def model(qapp) -> CheckinModel:
    model = CheckinModel()
    model.set_rows([
        _row(1, "Dupont", "present"),
        _row(2, "Martin", "excused", proxy_to_id=1, proxy_holder_name="Jeanne Dupont"),
        _row(3, "Petit", "substitute", substitute_name="Marie Curie", note="vient à 8 h"),
    ])
    return model


def test_passes_qt_model_checks(qtmodeltester, model: CheckinModel) -> None:
    qtmodeltester.check(model)
    model.set_held({1: 1})
    model.update_row(_row(3, "Petit", "late"))
    qtmodeltester.check(model)


def test_headers_and_display(model: CheckinModel) -> None:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(m.COLUMN_COUNT)]
    assert headers == ["Last name", "First name", "Company", "Status", "Substitute's name",
                       "Proxy given to", "Note"]
    assert model.index(0, m.COL_STATUS).data() == "Present"
    assert model.index(1, m.COL_PROXY).data() == "Jeanne Dupont"
    assert model.index(2, m.COL_SUBSTITUTE).data() == "Marie Curie"
    assert model.index(2, m.COL_NOTE).data(Qt.ItemDataRole.ToolTipRole) == "vient à 8 h"
    assert model.index(1, 0).data(m.RowRole).last_name == "Martin"
    assert model.index(1, 0).data(m.MemberIdRole) == 2


def test_status_has_a_colour_cue(model: CheckinModel) -> None:
    present = model.index(0, m.COL_STATUS)
    assert isinstance(present.data(Qt.ItemDataRole.DecorationRole), QIcon)
    brush = present.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == m.status_colour("present")
    # Other columns keep the normal text colour.
    assert model.index(0, m.COL_LAST_NAME).data(Qt.ItemDataRole.ForegroundRole) is None


def test_holders_show_how_many_proxies_they_hold(qtbot, model: CheckinModel) -> None:
    assert model.index(0, m.COL_PROXY).data() == ""
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_held({1: 2})
    assert changed.args[0].row() == 0 and changed.args[0].column() == m.COL_PROXY
    assert model.index(0, m.COL_PROXY).data() == "holds 2 proxies"
    assert model.index(0, m.COL_PROXY).data(Qt.ItemDataRole.FontRole).italic()
    model.set_held({1: 1})
    assert model.index(0, m.COL_PROXY).data() == "holds 1 proxy"


def test_update_row_replaces_one_line(qtbot, model: CheckinModel) -> None:
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.update_row(replace(model.row_at(1), status="present"))
    assert changed.args[0].row() == 1 and changed.args[1].row() == 1
    assert model.index(1, m.COL_STATUS).data() == "Present"
    assert not model.update_row(_row(99, "Absent du tableau"))
    assert model.row_of(3) == 2 and model.row_of(99) == -1


def test_only_the_note_is_editable_and_editing_asks_to_save(qtbot, model) -> None:
    assert not model.flags(model.index(0, m.COL_STATUS)) & Qt.ItemFlag.ItemIsEditable
    note = model.index(0, m.COL_NOTE)
    assert model.flags(note) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(model.note_edited) as edited:
        assert model.setData(note, "  arrive   tard ")
    assert edited.args == [1, "arrive tard"]
    with qtbot.assertNotEmitted(model.note_edited):
        model.setData(model.index(2, m.COL_NOTE), "vient à 8 h")  # unchanged
    assert not model.setData(model.index(0, m.COL_STATUS), "present")
