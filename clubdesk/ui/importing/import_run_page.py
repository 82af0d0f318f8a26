"""Step 4 of the import: the progress of the writing, then what was done (or why nothing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from clubdesk.domain.exchange.member_import import ImportResult
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.palette import Role, css


class RunPage(QWidget):
    """A progress bar while the members are written, then the result in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # a file name, as it is
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.result = QLabel()
        self.result.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote the file
        self.result.setObjectName("run_result")
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def start(self, file_name: str, total: int) -> None:
        self.status.setText(_("Importing the members of {file}…").format(file=file_name))
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(0)
        self.bar.show()
        self.result.setText("")
        self.result.hide()

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def show_cancelling(self) -> None:
        self.status.setText(_("Stopping the import: nothing will be written…"))

    def show_result(self, result: ImportResult) -> None:
        self.bar.setValue(self.bar.maximum())
        self.status.setText(_("Import finished."))
        lines = [ngettext("{n} member added.", "{n} members added.", result.added)]
        if result.updated:
            lines.append(ngettext("{n} member updated.", "{n} members updated.", result.updated))
        if result.skipped:
            lines.append(ngettext("{n} row skipped (duplicates or invalid rows).",
                                  "{n} rows skipped (duplicates or invalid rows).", result.skipped))
        self._say(css(Role.SUCCESS), "\n".join(lines))

    def show_cancelled(self) -> None:
        self.bar.hide()
        self.status.setText(_("Import cancelled: nothing was written."))
        self._say("", _("The members are as they were before the import. You can go "
                              "back to the preview and import again."))

    def show_failure(self, message: str, undone_said: bool = False) -> None:
        """Why the import failed; ``undone_said``: the message already says nothing was
        written (the storage errors' messages do)."""
        self.bar.hide()
        self.status.setText(_("The members could not be imported."))
        if not undone_said:
            message += "\n\n" + _(
                "Nothing was written: the import is done in one go, all of it or none.")
        self._say(css(Role.ERROR), message)

    def _say(self, style: str, text: str) -> None:
        self.result.setStyleSheet(style)
        self.result.setText(text)
        self.result.show()

    def result_text(self) -> str:
        return "" if self.result.isHidden() else self.result.text()
