"""A report shown inside clubdesk before it is printed, saved or opened elsewhere."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.files import OutputFileError, atomic_output
from clubdesk.domain.common.output_paths import checked_output_path
from clubdesk.i18n import _, ngettext


def open_in_viewer(path: Path) -> bool:
    """Hand the file to the system's PDF viewer."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_document(document: QPdfDocument, printer: QPrinter) -> None:
    """Paint every page on ``printer``, each scaled to the printable area."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = document.render(page, size)
            painter.drawImage(0, 0, image)
    finally:
        painter.end()


class ReportPreview(QDialog):
    """The PDF at ``path``, with Print, Save as and Open in viewer."""

    def __init__(self, path: Path, title: str, suggested_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.suggested_name = suggested_name
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.document = QPdfDocument(self)
        error = self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.pages_label = QLabel(ngettext("{n} page", "{n} pages", self.document.pageCount()))
        self.print_button = QPushButton(_("Print…"))
        self.save_button = QPushButton(_("Save as…"))
        self.viewer_button = QPushButton(_("Open in viewer"))
        self.close_button = QPushButton(_("Close"))
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_as)
        self.viewer_button.clicked.connect(lambda: open_in_viewer(self.path))
        self.close_button.clicked.connect(self.close)
        if error != QPdfDocument.Error.None_:
            self.pages_label.setText(_("The report could not be shown."))

        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label, 1)
        for button in (self.print_button, self.save_button, self.viewer_button,
                       self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 40), min(1000, screen.height() - 60))

    def print_report(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_document(self.document, printer)
        except OSError as error:
            QMessageBox.warning(self, _("Print"),
                                _("The report could not be printed: {reason}").format(
                                    reason=error))

    def save_as(self, target: str | None = None) -> Path | None:
        """Copy the report where the user says; returns where it went."""
        if not target:
            target, _selected = QFileDialog.getSaveFileName(
                self, _("Save the report"), self.suggested_name, "PDF (*.pdf)")
        if not target:
            return None
        try:
            destination = checked_output_path(target, (".pdf",))
            with atomic_output(destination) as partial:
                shutil.copyfile(self.path, partial)
        except OutputFileError as error:
            QMessageBox.warning(self, _("Save the report"), str(error))
            return None
        return destination
