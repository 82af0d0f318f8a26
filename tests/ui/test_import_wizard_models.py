"""The import preview's table model, and the wizard's place in the main window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from clubdesk.db import Member
from clubdesk.domain.exchange.member_import import ImportPreview, ImportRow, InvalidRow
from clubdesk.domain.members.member_form import MemberInput
from clubdesk.ui.importing.import_models import (
    COL_DETAIL,
    COL_KIND,
    COL_LINE,
    COL_NAME,
    KIND_DUPLICATE_MEMBER,
    KIND_INVALID,
    IssuesModel,
    RowRole,
    issue_lines,
)


def _preview() -> ImportPreview:
    preview = ImportPreview(path=Path("membres.csv"), mapping={0: "last_name", 1: "first_name"},
                            headers=["Nom", "Prénom"])
    preview.to_add.append(ImportRow(2, MemberInput(first_name="Élise", last_name="Dupré")))
    preview.duplicates += [
        ImportRow(7, MemberInput(first_name="Élise", last_name="Dupré"), None, "line 2"),
        ImportRow(3, MemberInput(first_name="Jeanne", last_name="Dupont"), 12,
                  "Jeanne Dupont"),
    ]
    preview.invalid.append(InvalidRow(5, "The last name is required."))
    return preview


def test_issues_are_listed_in_the_order_of_the_file(qtmodeltester) -> None:
    model = IssuesModel()
    qtmodeltester.check(model)
    model.set_issues(issue_lines(_preview()))
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 4
    lines = [model.index(row, COL_LINE).data() for row in range(3)]
    assert lines == ["3", "5", "7"]
    assert model.index(0, COL_KIND).data() == "Already a member"
    assert model.index(0, COL_NAME).data() == "Jeanne Dupont"
    assert model.index(0, COL_DETAIL).data() == "Jeanne Dupont"
    assert model.index(1, COL_KIND).data() == "Invalid row"
    assert model.index(1, COL_DETAIL).data() == "The last name is required."
    assert model.index(2, COL_KIND).data() == "Repeated in the file"
    assert model.index(2, COL_DETAIL).data() == "line 2"
    assert model.index(1, COL_KIND).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 0).data(RowRole).kind == KIND_DUPLICATE_MEMBER
    assert model.index(1, 0).data(RowRole).kind == KIND_INVALID
    assert model.headerData(COL_LINE, Qt.Orientation.Horizontal) == "Line"
    assert model.row_of(5) == 1


def test_the_file_menu_opens_the_wizard_and_the_list_follows(
        qtbot, monkeypatch, db_path: Path, settings: QSettings) -> None:
    from clubdesk.ui.importing import import_wizard
    from clubdesk.ui.main_window import MainWindow

    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [action.text() for action in file_menu.actions()]
    assert texts.index("&Import members…") < texts.index("&Quit")
    # The two imports side by side, then a separator.
    assert texts.index("Import &payments…") == texts.index("&Import members…") + 1
    assert file_menu.actions()[texts.index("Import &payments…") + 1].isSeparator()

    def imported(cls, parent) -> bool:  # what a successful import leaves behind
        Member.create(first_name="Élise", last_name="Dupré", status="active",
                      joined_on=dt.date(2026, 1, 5))
        return True

    monkeypatch.setattr(import_wizard.ImportWizard, "ask", classmethod(imported))
    window.import_action.trigger()
    model = window.members_tab.table.model()
    assert model.rowCount() == 1
    assert window.count_label.text() == "1 member"
    assert window.statusBar().currentMessage() == "Members imported."


def test_the_members_tab_button_opens_the_wizard(
        qtbot, monkeypatch, db_path: Path, settings: QSettings) -> None:
    from clubdesk.ui.importing import import_wizard
    from clubdesk.ui.main_window import MainWindow

    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    opened: list[object] = []
    monkeypatch.setattr(import_wizard.ImportWizard, "ask",
                        classmethod(lambda cls, parent: opened.append(parent) or False))
    qtbot.mouseClick(window.members_tab.import_button, Qt.MouseButton.LeftButton)
    assert opened == [window]
    assert window.members_tab.import_button.text() == "Import…"
