"""Building a report in the background, then showing it in the preview."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from clubdesk.domain.common.storage import storage_error_message
from clubdesk.domain.common.text import fold
from clubdesk.i18n import _
from clubdesk.ui.common.background import BackgroundTask, run_with_progress
from clubdesk.ui.common.report_preview import ReportPreview

Build = Callable[[Path, Callable[[int, int], bool]], Path]


def failure_message(error: BaseException) -> str:
    """What to tell the user: our own messages as they are, storage failures explained."""
    storage = storage_error_message(error)
    if storage:
        return storage
    if isinstance(error, LookupError | ValueError | OSError) or type(error).__module__.startswith(
            "clubdesk."):
        return str(error)
    return f"{type(error).__name__}: {error}"


class ReportRunner(QObject):
    """Owns the temporary folder of built reports and the open previews."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._folder = Path(tempfile.mkdtemp(prefix="clubdesk-reports-"))
        self.previews: list[ReportPreview] = []
        self.destroyed.connect(lambda *_: shutil.rmtree(self._folder, ignore_errors=True))

    def run(self, title: str, suggested_name: str, build: Build) -> BackgroundTask:
        """Build ``suggested_name`` with ``build(output, progress)`` and preview it."""
        output = self._folder / suggested_name

        def show(path: object) -> None:
            preview = ReportPreview(Path(str(path)), title, suggested_name, self._window)
            preview.finished.connect(lambda *_: self._forget(preview))
            self.previews.append(preview)
            preview.show()

        def fail(error: BaseException) -> None:
            QMessageBox.warning(self._window, title,
                                _("The report could not be made: {reason}").format(
                                    reason=failure_message(error)))

        return run_with_progress(
            self._window, title, _("Preparing “{title}”…").format(title=title),
            lambda progress: build(output, progress), show, fail,
        )

    def _forget(self, preview: ReportPreview) -> None:
        if preview in self.previews:
            self.previews.remove(preview)
        preview.deleteLater()


def file_slug(text: str, fallback: str) -> str:
    """``text`` as part of a suggested file name: accents dropped, lower case, words joined by
    hyphens (``Réunion <b>&`` gives ``reunion-b``), at most 60 characters; ``fallback`` when
    nothing is left."""
    words = "".join(c if c.isalnum() else " " for c in fold(text)).split()
    return "-".join(words)[:60] or fallback
