"""The report preview: shows the PDF, saves a copy, prints every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from clubdesk.ui.common.report_preview import ReportPreview


def _pdf(path: Path, pages: int) -> Path:
    drawing = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        drawing.drawString(72, 720, f"Page {page + 1}")
        drawing.showPage()
    drawing.save()
    return path


def test_shows_the_pages_and_saves_a_copy(qtbot, tmp_path: Path) -> None:
    source = _pdf(tmp_path / "built.pdf", 3)
    preview = ReportPreview(source, "Attendance", "attendance.pdf")
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 3
    assert preview.pages_label.text() == "3 pages"
    saved = preview.save_as(str(tmp_path / "copy"))
    assert saved == tmp_path / "copy.pdf"
    assert saved.read_bytes() == source.read_bytes()


def test_saving_into_a_missing_folder_says_so(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = ReportPreview(_pdf(tmp_path / "built.pdf", 1), "Sign-in", "signin.pdf")
    qtbot.addWidget(preview)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    assert preview.save_as(str(tmp_path / "nowhere" / "x.pdf")) is None
    assert "does not exist" in warnings[0]


def test_printing_paints_every_page(qtbot, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from clubdesk.ui.common.report_preview import print_document

    preview = ReportPreview(_pdf(tmp_path / "built.pdf", 2), "Sign-in", "signin.pdf")
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_document(preview.document, printer)
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2


@pytest.mark.parametrize(("name", "expected"), [
    ("clubdesk.db", "the database itself"),
    ("clubdesk.db-wal", "belongs to the database"),
    ("rapport.csv", "*.pdf"),
])
def test_save_as_never_overwrites_the_database(qtbot, db_path: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, name: str,
                                               expected: str) -> None:
    from clubdesk.db import close_database

    preview = ReportPreview(_pdf(tmp_path / "built.pdf", 1), "Activity", "activity.pdf")
    qtbot.addWidget(preview)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    close_database()  # its changes checkpointed: the file's bytes are all there is
    before = db_path.read_bytes()
    assert preview.save_as(str(db_path.with_name(name))) is None
    assert expected in warnings[0]
    assert db_path.read_bytes() == before
