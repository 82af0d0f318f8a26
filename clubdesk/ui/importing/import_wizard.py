"""The member import wizard: file, columns, preview, import.

Reading the file, computing the preview and writing the members run in the background
(a 20,000-row file takes seconds); nothing is written before the user clicks Import, and
the import is one transaction: cancelled or failed, it leaves the members as they were.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.exchange.import_columns import remember_mapping_if_possible
from clubdesk.domain.exchange.import_sample import FileSample, read_sample, row_names
from clubdesk.domain.exchange.member_import import (
    ImportPreview,
    ImportResult,
    apply_import,
    preview_import,
    storage_failure,
)
from clubdesk.i18n import _
from clubdesk.ui.common.background import TaskRunner, Work
from clubdesk.ui.common.report_runner import failure_message
from clubdesk.ui.importing.import_file_page import FilePage
from clubdesk.ui.importing.import_mapping_page import MappingPage
from clubdesk.ui.importing.import_preview_page import PreviewPage
from clubdesk.ui.importing.import_run_page import RunPage

PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RUN = range(4)


class ImportWizard(QDialog):
    """Import members from a CSV or Excel file; ``imported`` once members were written."""

    imported = Signal(object)  # the ImportResult

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import members"))
        self.sample: FileSample | None = None
        self.result_: ImportResult | None = None
        self.runner = TaskRunner(self)
        self._busy = False  # reading, checking or importing; over once the outcome is here
        self._importing = False
        self._stop = threading.Event()  # the user asked the import under way to stop
        self._mapped: FileSample | None = None  # the file the mapping page shows
        self._previewed: tuple[Path, dict[int, str]] | None = None

        self.step = QLabel()
        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.preview_page = PreviewPage()
        self.run_page = RunPage()
        self.pages = QStackedWidget()
        for page in (self.file_page, self.mapping_page, self.preview_page, self.run_page):
            self.pages.addWidget(page)
        self.back_button = QPushButton(_("< Back"))
        self.next_button = QPushButton(_("Next >"))
        self.import_button = QPushButton(_("Start the import"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.close_button = QPushButton(_("Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button,
                       self.cancel_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addSpacing(4)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.file_page.choose_button.clicked.connect(self.choose_file)
        self.mapping_page.changed.connect(self._update_buttons)
        self.preview_page.changed.connect(self._update_buttons)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.resize(900, 600)  # within a 1366×768 screen, title bar and taskbar included
        self.setMinimumSize(640, 440)
        self._show_page(PAGE_FILE)

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> bool:
        """Show the wizard modally; True when members were added or updated."""
        dialog = cls(parent)
        try:
            dialog.exec()
            return dialog.result_ is not None
        finally:
            dialog.deleteLater()

    # -- pages and buttons ------------------------------------------------------------------

    def page(self) -> int:
        return self.pages.currentIndex()

    def _show_page(self, page: int) -> None:
        titles = (_("Choose the file"), _("Say what each column holds"),
                  _("Check what will be imported"), _("Import"))
        self.pages.setCurrentIndex(page)
        self.step.setText("<b>" + _("Step {number} of 4: {title}").format(
            number=page + 1, title=titles[page]) + "</b>")
        self._update_buttons()

    def _update_buttons(self) -> None:
        page, done = self.page(), self.result_ is not None
        running = self._busy
        self.back_button.setVisible(page != PAGE_FILE and not done)
        self.back_button.setEnabled(page != PAGE_RUN or not running)
        self.next_button.setVisible(page in (PAGE_FILE, PAGE_MAPPING))
        self.next_button.setEnabled(not running and (
            self.sample is not None if page == PAGE_FILE else self.mapping_page.is_complete()))
        self.next_button.setToolTip(
            self.mapping_page.message.text() if page == PAGE_MAPPING else "")
        self.import_button.setVisible(page == PAGE_PREVIEW)
        self.import_button.setEnabled(self.preview_page.can_import())
        self.import_button.setToolTip(self.preview_page.refusal())
        self.cancel_button.setVisible(not done and (page != PAGE_RUN or self._importing))
        self.cancel_button.setText(_("Stop the import") if self._importing
                                   else _("Cancel"))
        self.cancel_button.setEnabled(not (self._importing and self._stop.is_set()))
        self.close_button.setVisible(page == PAGE_RUN and not self._importing)
        # Enter goes on: Next, then Start the import, then Close.
        for button in (self.next_button, self.import_button, self.close_button):
            button.setDefault(not button.isHidden() and button.isEnabled())

    def back(self) -> None:
        if self.page() == PAGE_FILE or self._importing or self.result_ is not None:
            return
        self._drop_task()
        self._show_page(self.page() - 1)

    def next(self) -> None:
        if not self.next_button.isEnabled():
            return
        if self.page() == PAGE_FILE and self.sample is not None:
            if self._mapped is not self.sample:  # a new file; the same keeps its choices
                self.mapping_page.set_sample(self.sample)
                self._mapped = self.sample
            self._show_page(PAGE_MAPPING)
        elif self.page() == PAGE_MAPPING and self.sample is not None:
            remember_mapping_if_possible(self.sample.headers, self.mapping_page.mapping())
            self._show_page(PAGE_PREVIEW)
            self._compute_preview(self.sample)

    # -- background work --------------------------------------------------------------------

    def is_busy(self) -> bool:
        """True while a file is read, checked or imported in the background."""
        return self._busy

    def _run(self, work: Work, on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None],
             on_progress: Callable[[int, int], None] | None = None) -> None:
        """Start ``work``; the outcome of the work it replaces arrives nowhere.

        The work is over for the wizard as soon as its outcome arrives (its thread ends a
        little later: an Import clicked in between would be refused otherwise).
        """
        def settled(handler: Callable[[Any], None]) -> Callable[[Any], None]:
            def settle(outcome: Any) -> None:
                self._busy = False
                self._importing = False
                handler(outcome)
                self._update_buttons()
            return settle

        self._busy = True
        self.runner.run(work, settled(on_success), settled(on_failure), on_progress)
        self._update_buttons()

    def _drop_task(self) -> None:
        """Forget the reading or the preview under way: its result no longer matters."""
        if self._busy and not self._importing:
            self.runner.cancel()
            self._busy = False

    # -- step 1: the file -------------------------------------------------------------------

    def choose_file(self) -> None:
        folder = str(self.sample.path.parent) if self.sample else str(Path.home())
        path, _selected = QFileDialog.getOpenFileName(
            self, _("Choose the file of members to import"), folder,
            _("CSV or Excel files (*.csv *.txt *.xlsx);;All files (*)"))
        if path:
            self.read_file(Path(path))

    def read_file(self, path: Path) -> None:
        """Read ``path`` in the background; the columns are shown when it is read."""
        self._drop_task()
        self.sample = None
        self.file_page.show_reading(path)

        def failed(error: BaseException) -> None:
            self.file_page.show_error(path, failure_message(error))

        self._run(lambda _progress: read_sample(path), self._file_read, failed)

    def _file_read(self, sample: FileSample) -> None:
        self.sample = sample
        self.file_page.show_sample(sample)
        self.next_button.setFocus()

    # -- steps 2 and 3: the mapping, the preview --------------------------------------------

    def _compute_preview(self, sample: FileSample) -> None:
        mapping = self.mapping_page.mapping()
        if self._previewed == (sample.path, mapping) and self.preview_page.preview is not None:
            return  # back and on again without a change: the same preview
        self._previewed = None
        self.preview_page.show_busy(sample.row_count)

        def check(progress: Callable[[int, int], bool]) -> tuple[ImportPreview, dict[int, str]]:
            preview = preview_import(sample.path, mapping, progress)
            lines = [row.line for row in preview.invalid]
            return preview, row_names(sample.path, mapping, lines)

        def computed(outcome: tuple[ImportPreview, dict[int, str]]) -> None:
            self._previewed = (sample.path, mapping)
            self.preview_page.set_preview(*outcome)

        def failed(error: BaseException) -> None:
            self.preview_page.show_failure(_("The file cannot be checked: {reason}")
                                           .format(reason=failure_message(error)))

        self._run(check, computed, failed, self.preview_page.set_progress)

    # -- step 4: the import -----------------------------------------------------------------

    def start_import(self) -> None:
        page = self.preview_page
        preview = page.preview
        if preview is None or not page.can_import() or self._busy:
            return
        on_duplicate, skip_invalid = page.on_duplicate(), page.skip_invalid()
        self._importing = True
        stop = self._stop = threading.Event()
        self._show_page(PAGE_RUN)
        self.run_page.start(preview.path.name, sum(page.counts_to_write()))

        def write(progress: Callable[[int, int], bool]) -> ImportResult:
            # Stop rolls the transaction back: the import says so with a cancelled result.
            return apply_import(preview, on_duplicate, skip_invalid=skip_invalid,
                                progress=lambda done, total: progress(done, total)
                                and not stop.is_set())

        self._run(write, self._imported, self._import_failed, self.run_page.set_progress)

    def _imported(self, result: ImportResult) -> None:
        if result.cancelled:
            self.run_page.show_cancelled()
        else:
            self.result_ = result
            self.run_page.show_result(result)
            self.imported.emit(result)

    def _import_failed(self, error: BaseException) -> None:
        storage = storage_failure(error)
        self.run_page.show_failure(storage or failure_message(error),
                                   undone_said=storage is not None)

    def cancel_import(self) -> None:
        """Ask the import under way to stop; its transaction is rolled back."""
        if self._importing and not self._stop.is_set():
            self._stop.set()
            self.run_page.show_cancelling()
            self._update_buttons()

    def reject(self) -> None:
        if self._importing:  # Cancel, Escape or the window's close box: stop, then tell
            self.cancel_import()
            return
        self._drop_task()
        super().reject()

    def accept(self) -> None:
        if self._importing:
            return
        super().accept()
