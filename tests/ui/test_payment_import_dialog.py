"""The payment import dialog: a file, its lines and what each gives, then one import."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from payment_files import helloasso_export, register, write_csv
from PySide6.QtCore import Qt

from clubdesk.db import AuditEntry, Member, MembershipFee
from clubdesk.domain.exchange.payment_import import LineState
from clubdesk.ui.importing import payment_import_dialog
from clubdesk.ui.importing.payment_import_dialog import (
    SHOW_ALL,
    SHOW_LEFT_OUT,
    PaymentImportDialog,
)
from clubdesk.ui.importing.payment_lines_model import (
    COL_AMOUNT,
    COL_DETAIL,
    COL_MEMBER,
    COL_PAID_ON,
    COL_RESULT,
)


def open_dialog(qtbot, monkeypatch: pytest.MonkeyPatch, path: Path) -> PaymentImportDialog:
    """A dialog whose file dialog answers ``path``; returns once the file is checked."""
    dialog = PaymentImportDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(payment_import_dialog.QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(path), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    return dialog


def cell(dialog: PaymentImportDialog, row: int, column: int) -> str:
    return dialog.model.index(row, column).data()


def test_the_lines_show_before_anything_is_written(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    register()
    dialog = open_dialog(qtbot, monkeypatch, helloasso_export(tmp_path))
    assert dialog.summary.text().startswith(
        "HelloAsso export, 8 lines. Columns read: Référence commande, Date de la commande")
    counts = dialog.counts.text()
    for text in ("5 payments to record (580.00\u00a0€)", "1 line of a member not found",
                 "0 already recorded", "2 refunded or cancelled", "0 invalid lines"):
        assert text in counts
    assert dialog.shown.currentData() == SHOW_ALL
    assert dialog.model.rowCount() == 8
    assert (cell(dialog, 0, COL_RESULT), cell(dialog, 0, COL_MEMBER),
            cell(dialog, 0, COL_AMOUNT), cell(dialog, 0, COL_PAID_ON)) == (
        "To record", "Élise Dupré", "120.00\u00a0€", "12/09/2025")
    assert cell(dialog, 1, COL_DETAIL) == ("Found by name. Paid by Cabinet Bernard & Associés "
                                           "(Claire Bernard).")
    assert cell(dialog, 4, COL_RESULT) == "Refunded or cancelled"
    assert cell(dialog, 6, COL_RESULT) == "Member not found"
    # Members not found are left out unless the user says to create them.
    assert not dialog.create_missing_box.isHidden()
    assert dialog.skip_invalid_box.isHidden()
    assert dialog.import_button.isEnabled()
    assert dialog.outcome.text() == (
        "The import will record 5 payments (580.00\u00a0€). The line of a member not found "
        "is left out. Nothing is written before you click “Import the payments”.")
    dialog.create_missing_box.setChecked(True)
    assert cell(dialog, 6, COL_RESULT) == "New member"
    assert dialog.outcome.text().startswith(
        "The import will record 6 payments (640.00\u00a0€). It creates 1 member first.")
    dialog.show_lines(SHOW_LEFT_OUT)
    assert [line.state for line in dialog.model.rows()] == [LineState.NOT_PAID] * 2
    assert MembershipFee.select().count() == 0 and Member.select().count() == 8


def test_import_records_the_payments_and_creates_the_members_chosen(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    register()
    dialog = open_dialog(qtbot, monkeypatch, helloasso_export(tmp_path))
    dialog.create_missing_box.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = imported.args[0]
    assert (result.recorded, result.members_created) == (6, 1)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert dialog.result_label.text() == ("6 payments recorded (640.00\u00a0€). Receipts no. 1 to "
                                    "6. 1 member created.")
    assert MembershipFee.select().count() == 6
    assert AuditEntry.get().action == "import"
    assert dialog.close_button.isVisible() and dialog.import_button.isHidden()
    assert not dialog.choose_button.isEnabled()  # what is written stays written
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PaymentImportDialog.DialogCode.Accepted


def test_the_same_export_again_has_nothing_to_import(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    register()
    path = helloasso_export(tmp_path)
    first = open_dialog(qtbot, monkeypatch, path)
    with qtbot.waitSignal(first.imported, timeout=10_000):
        qtbot.mouseClick(first.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not first.is_busy(), timeout=10_000)
    again = open_dialog(qtbot, monkeypatch, path)
    assert "5 already recorded" in again.counts.text()
    assert not again.import_button.isEnabled()
    assert again.import_button.toolTip() == (
        "Nothing to import: no line gives a payment to record.")
    assert not again.message.isHidden()


def test_invalid_lines_hold_the_import_until_skipped(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    register()
    path = write_csv(tmp_path / "cotisations.csv", ["Nom", "Prénom", "Montant", "Date"], [
        ["Dupré", "Élise", "120", "12/01/2025"],
        ["Martin", "Léa", "-120", "12/01/2025"],
    ])
    dialog = open_dialog(qtbot, monkeypatch, path)
    assert dialog.summary.text().startswith("List of payments, 2 lines.")
    # The invalid lines first: they are the ones to correct.
    assert dialog.shown.currentText() == "1 invalid line"
    assert [line.line for line in dialog.model.rows()] == [3]
    assert cell(dialog, 0, COL_DETAIL) == (
        "The amount -120 is negative: a refund is not a payment.")
    assert not dialog.import_button.isEnabled()
    assert "invalid lines" in dialog.message.text()
    dialog.skip_invalid_box.setChecked(True)
    assert dialog.import_button.isEnabled() and dialog.message.isHidden()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert MembershipFee.select().count() == 1


def test_the_fiscal_year_chosen_checks_the_file_again(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    register()
    dialog = open_dialog(qtbot, monkeypatch, helloasso_export(tmp_path))
    assert {line.fiscal_year for line in dialog.preview.new} == {2025}
    dialog.set_fiscal_year(2026)
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.preview is not None,
                    timeout=10_000)
    assert dialog.preview.fiscal_year == 2026
    assert {line.fiscal_year for line in dialog.preview.new} == {2026}


def test_stop_during_the_import_writes_nothing(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    rows = [[f"Nom{n}", f"Prénom{n}", "120", "12/01/2025"] for n in range(450)]
    path = write_csv(tmp_path / "gros.csv", ["Nom", "Prénom", "Montant", "Date"], rows)
    dialog = open_dialog(qtbot, monkeypatch, path)
    dialog.create_missing_box.setChecked(True)
    reached, released = threading.Event(), threading.Event()
    real_apply = payment_import_dialog.apply_payment_import

    def apply_held(preview, *, progress, **choices):
        def held(done: int, total: int) -> bool:
            if not reached.is_set():
                reached.set()  # the first lines are written: Stop is clicked now
                released.wait(10)
            return progress(done, total)

        return real_apply(preview, progress=held, **choices)

    monkeypatch.setattr(payment_import_dialog, "apply_payment_import", apply_held)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    assert dialog.cancel_button.text() == "Stop the import"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not dialog.cancel_button.isEnabled()
    released.set()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert dialog.result_label.text().startswith("Import stopped: nothing was written.")
    assert MembershipFee.select().count() == 0 and Member.select().count() == 0
    assert dialog.result_ is None and dialog.import_button.isEnabled()


def test_a_database_error_is_shown_and_nothing_is_written(
        qtbot, monkeypatch, db_path: Path, tmp_path: Path) -> None:
    register()
    dialog = open_dialog(qtbot, monkeypatch, helloasso_export(tmp_path))

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(payment_import_dialog, "apply_payment_import", locked)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    text = dialog.result_label.text()
    assert text.startswith("The payments could not be imported.")
    assert "another program is using the file" in text
    assert MembershipFee.select().count() == 0 and dialog.result_ is None


def test_an_unreadable_file_says_why(qtbot, monkeypatch, db_path: Path,
                                     tmp_path: Path) -> None:
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")
    dialog = open_dialog(qtbot, monkeypatch, path)
    assert dialog.message.text().startswith("The file cannot be read: The file is empty.")
    assert not dialog.import_button.isEnabled() and dialog.table.isHidden()


def test_the_dialog_speaks_french(qtbot, monkeypatch, db_path: Path, tmp_path: Path,
                                  in_french) -> None:
    register()
    dialog = open_dialog(qtbot, monkeypatch, helloasso_export(tmp_path))
    assert dialog.windowTitle() == "Importer des paiements"
    assert "5 paiements à enregistrer (580,00\u00a0€)" in dialog.counts.text()
    assert cell(dialog, 4, COL_RESULT) == "Remboursée ou annulée"


def test_file_menu_opens_the_payment_import(qtbot, monkeypatch, db_path: Path,
                                            settings) -> None:
    from clubdesk.ui.main_window import MainWindow

    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    asked = []
    monkeypatch.setattr(PaymentImportDialog, "ask",
                        classmethod(lambda cls, parent=None: asked.append(parent) or True))
    assert window.menu.import_payments_action.text() == "Import &payments…"
    window.menu.import_payments_action.trigger()
    assert asked == [window]
    assert window.statusBar().currentMessage() == "Payments imported."
