"""The import wizard: a file chosen, its columns mapped, a preview, then one import."""

from __future__ import annotations

import csv
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from clubdesk.db import AuditEntry, Member
from clubdesk.ui.importing import import_wizard
from clubdesk.ui.importing.import_models import (
    KIND_DUPLICATE_MEMBER,
    KIND_DUPLICATE_ROW,
    KIND_INVALID,
)
from clubdesk.ui.importing.import_preview_page import SHOW_ALL, SHOW_REPEATS
from clubdesk.ui.importing.import_wizard import (
    PAGE_FILE,
    PAGE_MAPPING,
    PAGE_PREVIEW,
    PAGE_RUN,
    ImportWizard,
)

HEADER = ["Nom", "Prénom", "Courriel", "Ville", "Remarque libre"]
ROWS = [
    ["Dupré", "Élise", "elise@exemple.fr", "Lyon", "vient du salon"],      # line 2: new
    ["Dupont", "Jeanne", "JD@example.fr", "Lyon", ""],                    # 3: a member's email
    ["", "Sans nom", "", "Paris", ""],                                     # 4: invalid
    ["Martin", "Léa", "lea@exemple", "Nantes", ""],                        # 5: invalid email
    ["Dupré", "Élise", "elise@exemple.fr", "Lyon", "encore"],              # 6: repeats line 2
    ["Nguyễn", "Thị Hoa", "", "Saint-Étienne", ""],                        # 7: new
]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def open_wizard(qtbot, monkeypatch: pytest.MonkeyPatch, path: Path) -> ImportWizard:
    """A wizard whose file dialog answers ``path``; returns once the file is read."""
    wizard = ImportWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    monkeypatch.setattr(import_wizard.QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(path), ""))
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=10_000)
    return wizard


def to_preview(qtbot, wizard: ImportWizard) -> None:
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # to the columns
    assert wizard.page() == PAGE_MAPPING
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # to the preview
    assert wizard.page() == PAGE_PREVIEW
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None, timeout=10_000)


def fields(wizard: ImportWizard) -> list[str | None]:
    return [combo.currentData() for combo in wizard.mapping_page.combos]


def test_the_mapping_is_guessed_correctable_and_remembered(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, monkeypatch, write_csv(tmp_path / "membres.csv", ROWS))
    assert wizard.file_page.summary.text() == "6 rows and 5 columns found in membres.csv."
    assert wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    page = wizard.mapping_page
    assert fields(wizard) == ["last_name", "first_name", "email", "city", None]
    assert "recognised from their headers" in page.origin.text()
    assert page.combos[4].currentText() == "— do not import —"
    samples = page._grid.itemAtPosition(1, 1).widget().text()
    assert samples == "Dupré · Dupont · Martin"  # the first values, empty cells left out

    page.set_field(4, "notes")
    page.set_field(3, "email")  # taken by column 2: that one is left out, and it says so
    assert fields(wizard) == ["last_name", "first_name", None, "email", "notes"]
    assert not page.note.isHidden() and "Courriel" in page.note.text()
    page.set_field(2, "email")
    page.set_field(3, "city")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.page() == PAGE_PREVIEW
    qtbot.waitUntil(lambda: wizard.preview_page.preview is not None, timeout=10_000)
    assert wizard.preview_page.preview.mapping[4] == "notes"

    # The next file with the same headers starts from the corrected mapping.
    second = open_wizard(qtbot, monkeypatch, write_csv(tmp_path / "autres.csv", ROWS[:1]))
    qtbot.mouseClick(second.next_button, Qt.MouseButton.LeftButton)
    assert fields(second) == ["last_name", "first_name", "email", "city", "notes"]
    assert "last time" in second.mapping_page.origin.text()


def test_next_needs_the_last_and_first_name_columns(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "sans_nom.csv", [["Élise", "Dupré SA"]],
                     header=["Prénom", "Société"])
    wizard = open_wizard(qtbot, monkeypatch, path)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert fields(wizard) == ["first_name", "company"]
    assert not wizard.next_button.isEnabled()
    message = wizard.mapping_page.message
    assert not message.isHidden() and "Last name" in message.text()
    assert "required" in wizard.next_button.toolTip()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.page() == PAGE_MAPPING
    wizard.mapping_page.set_field(1, "last_name")
    assert wizard.next_button.isEnabled() and message.isHidden()
    wizard.mapping_page.set_field(0, None)
    assert not wizard.next_button.isEnabled() and "First name" in message.text()


def test_the_preview_counts_and_lists_the_rows_by_line(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path, make_member) -> None:
    make_member(first_name="Jeanne", last_name="Dupont", email="jd@example.fr")
    wizard = open_wizard(qtbot, monkeypatch, write_csv(tmp_path / "membres.csv", ROWS))
    to_preview(qtbot, wizard)
    page = wizard.preview_page
    counts = page.counts.text()
    for text in ("2 new members to add", "1 row repeating a member already registered",
                 "1 row repeating an earlier row of the file", "2 invalid rows"):
        assert text in counts
    # The invalid rows first: among many repeats they are the ones to correct.
    assert [page.shown.itemText(i) for i in range(page.shown.count())] == [
        "2 invalid rows", "2 rows repeating someone", "All: 4 rows"]
    issues = [(issue.line, issue.kind, issue.name) for issue in page.model.rows()]
    assert issues == [(4, KIND_INVALID, "Sans nom"), (5, KIND_INVALID, "Léa Martin")]
    page.show_rows(SHOW_REPEATS)
    assert [issue.line for issue in page.model.rows()] == [3, 6]
    page.show_rows(SHOW_ALL)
    issues = [(issue.line, issue.kind, issue.name) for issue in page.model.rows()]
    assert issues == [(3, KIND_DUPLICATE_MEMBER, "Jeanne Dupont"), (4, KIND_INVALID, "Sans nom"),
                      (5, KIND_INVALID, "Léa Martin"), (6, KIND_DUPLICATE_ROW, "Élise Dupré")]
    model = page.model
    assert model.index(1, 0).data() == "4"
    assert "last name is required" in model.index(1, 3).data()
    assert "email address is not valid" in model.index(2, 3).data()
    assert model.index(0, 3).data() == "Jeanne Dupont"  # the member it repeats
    assert model.index(3, 3).data() == "line 2"

    # Invalid rows refuse the import until they are skipped.
    assert not wizard.import_button.isEnabled()
    assert "Nothing will be written" in page.message.text() and not page.message.isHidden()
    page.skip_invalid_box.setChecked(True)
    assert wizard.import_button.isEnabled() and page.message.isHidden()
    assert "add 2 members" in page.outcome.text()
    page.set_on_duplicate("update")
    assert "add 2 members and update 1 member" in page.outcome.text()
    page.skip_invalid_box.setChecked(False)
    assert not wizard.import_button.isEnabled()
    assert Member.select().count() == 1  # nothing written before Import


def test_import_adds_and_updates_the_members(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path, make_member) -> None:
    jeanne = make_member(first_name="Jeanne", last_name="Dupont", email="jd@example.fr")
    wizard = open_wizard(qtbot, monkeypatch, write_csv(tmp_path / "membres.csv", ROWS))
    to_preview(qtbot, wizard)
    wizard.preview_page.skip_invalid_box.setChecked(True)
    wizard.preview_page.set_on_duplicate("update")
    with qtbot.waitSignal(wizard.imported, timeout=10_000) as imported:
        qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    result = imported.args[0]
    assert (result.added, result.updated, result.skipped) == (2, 1, 3)
    names = sorted(member.last_name for member in Member.select())
    assert names == ["Dupont", "Dupré", "Nguyễn"]
    assert Member.get_by_id(jeanne.id).city == "Lyon"
    assert AuditEntry.get().action == "import"
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=10_000)
    text = wizard.run_page.result_text()
    assert "2 members added." in text and "1 member updated." in text
    assert "3 rows skipped" in text
    assert wizard.close_button.isVisible() and not wizard.cancel_button.isVisible()
    assert wizard.back_button.isHidden()  # what is written stays written
    qtbot.mouseClick(wizard.close_button, Qt.MouseButton.LeftButton)
    assert wizard.result() == ImportWizard.DialogCode.Accepted
    assert wizard.result_ is result


def test_cancel_during_the_import_writes_nothing(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    rows = [[f"Nom{n}", f"Prénom{n}", f"p{n}@exemple.fr", "Lyon", ""] for n in range(1200)]
    wizard = open_wizard(qtbot, monkeypatch, write_csv(tmp_path / "gros.csv", rows))
    to_preview(qtbot, wizard)
    reached, released = threading.Event(), threading.Event()
    real_apply = import_wizard.apply_import

    def apply_held_after_first_batch(preview, on_duplicate, skip_invalid, progress):
        def held(done: int, total: int) -> bool:
            if not reached.is_set():
                reached.set()  # the first 500 rows are written: Cancel is clicked now
                released.wait(10)
            return progress(done, total)

        return real_apply(preview, on_duplicate, skip_invalid=skip_invalid, progress=held)

    monkeypatch.setattr(import_wizard, "apply_import", apply_held_after_first_batch)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert wizard.page() == PAGE_RUN
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    assert wizard.cancel_button.text() == "Stop the import"
    qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
    assert wizard.isVisible()  # Cancel stops the import; the window stays to tell the end
    assert not wizard.cancel_button.isEnabled()
    released.set()
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=10_000)
    assert wizard.run_page.status.text() == "Import cancelled: nothing was written."
    assert Member.select().count() == 0
    assert AuditEntry.select().count() == 0
    assert wizard.result_ is None
    # Back to the preview, and the import can be made after all.
    assert wizard.back_button.isEnabled()
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.page() == PAGE_PREVIEW and wizard.import_button.isEnabled()


def test_a_database_error_is_shown_and_nothing_is_written(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, monkeypatch, write_csv(tmp_path / "membres.csv", ROWS[:2]))
    to_preview(qtbot, wizard)

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(import_wizard, "apply_import", locked)
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.is_busy(), timeout=10_000)
    assert wizard.run_page.status.text() == "The members could not be imported."
    assert "another program is using the file" in wizard.run_page.result_text()
    assert "Nothing was saved" in wizard.run_page.result_text()
    assert Member.select().count() == 0 and wizard.result_ is None


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("membres.xlsx", b"not a workbook", "This Excel file cannot be read"),
    ("vide.csv", b"", "The file is empty."),
])
def test_an_unreadable_file_shows_why(qtbot, monkeypatch, db_path: Path, tmp_path: Path,
                                      name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    wizard = open_wizard(qtbot, monkeypatch, path)
    assert expected in wizard.file_page.error_text()
    assert "Choose another file" in wizard.file_page.error_text()
    assert wizard.page() == PAGE_FILE and not wizard.next_button.isEnabled()
    assert wizard.sample is None


def test_back_keeps_the_columns_chosen_and_cancel_closes(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, monkeypatch, write_csv(tmp_path / "membres.csv", ROWS))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wizard.mapping_page.set_field(4, "notes")
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.page() == PAGE_FILE
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert fields(wizard)[4] == "notes"
    qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
    assert wizard.result() == ImportWizard.DialogCode.Rejected and not wizard.isVisible()
    assert Member.select().count() == 0


def test_the_preview_page_shows_how_far_the_check_is(qtbot, db_path: Path) -> None:
    from clubdesk.ui.importing.import_preview_page import PreviewPage

    page = PreviewPage()
    qtbot.addWidget(page)
    page.show_busy(1200)
    assert (page.busy_bar.minimum(), page.busy_bar.maximum()) == (0, 0)  # busy, no figure
    page.set_progress(500, 1200)
    assert (page.busy_bar.maximum(), page.busy_bar.value()) == (1200, 500)
    page.show_busy(30)  # another file: busy again until its first figure
    assert page.busy_bar.maximum() == 0


def test_the_counts_speak_french(qtbot, db_path: Path, tmp_path: Path, in_french) -> None:
    from clubdesk.domain.exchange.member_import import (
        ImportPreview,
        ImportResult,
        ImportRow,
        InvalidRow,
    )
    from clubdesk.domain.members.member_form import MemberInput
    from clubdesk.ui.importing.import_preview_page import PreviewPage
    from clubdesk.ui.importing.import_run_page import RunPage

    page = PreviewPage()
    qtbot.addWidget(page)
    page.set_preview(ImportPreview(
        tmp_path / "membres.csv", {0: "last_name"}, ["Nom"],
        to_add=[ImportRow(2, MemberInput(first_name="Léa", last_name="Martin"))],
        invalid=[InvalidRow(3, "Le nom est obligatoire.")]))
    counts = page.counts.text()
    assert "1 nouveau membre à ajouter" in counts
    assert "0 ligne répétant un membre déjà enregistré" in counts
    assert "1 ligne non valide" in counts
    page.skip_invalid_box.setChecked(True)
    assert page.outcome.text().startswith("L'import ajoutera 1 membre.")

    run = RunPage()
    qtbot.addWidget(run)
    run.show_result(ImportResult(added=1, updated=1, skipped=1))
    assert run.result_text() == ("1 membre ajouté.\n1 membre mis à jour.\n"
                                 "1 ligne ignorée (doublons ou lignes non valides).")
