"""Step 1 of the import: the file to read, and why it cannot be read when it cannot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from clubdesk.domain.exchange.import_sample import FileSample
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.palette import Role, css
from clubdesk.ui.importing.import_mapping_page import HINT_STYLE


class FilePage(QWidget):
    """A button to choose the file, what was found in it, or the reason it was refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(_(
            "Import members from a CSV file or an Excel workbook (.xlsx) whose first row holds "
            "the column headers (Last name, First name, Email…). You will check the columns "
            "and see what the import would do before anything is written."))
        intro.setWordWrap(True)
        hint = QLabel(_(
            "Headers recognised by themselves, in English or French: Last name, First name, "
            "Email, Phone or Mobile, Company, Profession, Sector, Address, City, Postcode or "
            "Zip, Joined on, Left on, Status, Notes. Other columns can be set by hand at the "
            "next step."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.choose_button = QPushButton(_("Choose a file…"))
        self.choose_button.setAutoDefault(False)  # Enter goes on to the next step
        self.file_label = QLabel()
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # reading tells no progress: Qt's busy bar
        self.busy_bar.hide()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # a file name, as it is
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setObjectName("file_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(css(Role.ERROR))
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        choose = QHBoxLayout()
        choose.addWidget(self.choose_button)
        choose.addWidget(self.file_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(hint)
        layout.addSpacing(8)
        layout.addLayout(choose)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def show_reading(self, path: Path) -> None:
        self.file_label.setText(str(path))
        self.summary.setText(_("Reading the file…"))
        self.summary.show()
        self.busy_bar.show()
        self.error.hide()

    def show_sample(self, sample: FileSample) -> None:
        self.busy_bar.hide()
        self.summary.setText(_("{rows} and {columns} found in {file}.").format(
            rows=ngettext("{n} row", "{n} rows", sample.row_count),
            columns=ngettext("{n} column", "{n} columns", len(sample.headers)),
            file=sample.path.name))
        self.summary.show()
        self.error.hide()

    def show_error(self, path: Path, message: str) -> None:
        """``path`` cannot be read: say why, in the user's words."""
        self.busy_bar.hide()
        self.summary.hide()
        # The reader's message is a whole sentence already ("This Excel file cannot be
        # read: …", "The file is empty.").
        self.error.setText(message + "\n" + _(
            "Choose another file, or correct this one and choose it again."))
        self.error.show()
        self.file_label.setText(str(path))

    def error_text(self) -> str:
        return "" if self.error.isHidden() else self.error.text()
