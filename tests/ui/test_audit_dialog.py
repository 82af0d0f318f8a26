"""The audit log window: entries newest first, actions translated, search."""

from __future__ import annotations

import datetime as dt

from clubdesk.db import AuditEntry
from clubdesk.ui.settings.audit_dialog import AuditDialog


def test_lists_entries_newest_first_and_filters(qtbot, db_path) -> None:
    AuditEntry.create(action="import", details="Imported members.csv", rows=12,
                      at=dt.datetime(2025, 1, 2, 9))
    AuditEntry.create(action="access", details="Personal data of member no. 4 exported.",
                      rows=1, at=dt.datetime(2025, 3, 4, 10))
    AuditEntry.create(action="erasure", details="2 members anonymised.", rows=2,
                      at=dt.datetime(2025, 2, 3, 11))
    dialog = AuditDialog()
    qtbot.addWidget(dialog)
    assert [entry.action for entry in dialog.shown_entries()] == ["access", "erasure", "import"]
    model = dialog.model
    assert model.index(0, 1).data() == "Personal data access"
    assert model.index(1, 2).data() == "2 members anonymised."
    assert model.index(2, 3).data() == "12"

    dialog.search.setText("ERASURE")
    assert [entry.action for entry in dialog.shown_entries()] == ["erasure"]
    dialog.search.setText("members.csv")
    assert [entry.rows for entry in dialog.shown_entries()] == [12]
    dialog.search.setText("nothing like this")
    assert dialog.shown_entries() == []
    assert dialog.empty.text() == "No entry matches the search."
    dialog.search.clear()
    assert len(dialog.shown_entries()) == 3


def test_empty_log_says_so(qtbot, db_path) -> None:
    dialog = AuditDialog()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.empty.text() == "Nothing has been logged yet."
