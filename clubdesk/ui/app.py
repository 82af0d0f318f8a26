"""Starting the GUI: the application object, translations, the database, the window."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from clubdesk import __version__, i18n
from clubdesk.crash_reports import write_crash_report
from clubdesk.domain.common.storage import (
    DatabaseOpenError,
    close_database,
    storage_error_message,
    writes_refused,
)
from clubdesk.domain.safety.backups import BackupError
from clubdesk.i18n import _
from clubdesk.resources import resource_path
from clubdesk.ui.common.app_settings import APPLICATION, ORGANIZATION, application_settings
from clubdesk.ui.common.damage_monitor import report_if_damage
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.main_window import MainWindow
from clubdesk.ui.safety.session import OpenCancelled, open_session


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("clubdesk")
    app.setApplicationVersion(__version__)
    icon = resource_path("icons", "clubdesk.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def report_unexpected_error(
    exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Said to the user instead of a silent traceback: what failed, that the change in
    progress was not saved, and where the crash report is.

    Installed as ``sys.excepthook`` while the window is open. A storage failure (disk full,
    read-only file) has been rolled back by its transaction; a damaged file is handed to the
    window, which stops writing and offers the latest backup.
    """
    traceback.print_exception(exc_type, error, tb)
    if report_if_damage(error):
        return
    if isinstance(error, BackupError):  # a refusal to go on without a backup: no bug
        QMessageBox.warning(QApplication.activeWindow(),
                            _("clubdesk"), str(error))
        return
    message = storage_error_message(error)
    if message is not None and writes_refused():
        message = _("Nothing was saved: this window opened the file read-only (it is open in "
                    "another window, or damaged). Close this window and work in the other one.")
    elif message is None:
        report = write_crash_report(error, "window")
        message = _("Something went wrong: {error}\n\nThe change in progress was not saved; "
                    "the data saved before it is safe.").format(
                        error=f"{exc_type.__name__}: {error}")
        if report is not None:
            message += "\n\n" + _("A report was written to {path}: send it to whoever helps "
                                   "you with clubdesk.").format(path=report)
    QMessageBox.critical(QApplication.activeWindow(), _("clubdesk"), message)


def choose_language(explicit: str | None, settings: QSettings) -> str:
    """``--lang`` first, then the choice made in the Options menu, then the system."""
    saved = settings.value("language")
    return i18n.detect_language(explicit or (saved if isinstance(saved, str) else None))


def run_gui(database_path: Path, explicit_language: str | None = None) -> int:
    """Open the database and the main window; return the process exit code.

    A database that cannot be opened is reported in a message box and raised again so that
    the command line prints it too and exits with code 2.
    """
    app = create_application()
    settings = application_settings()
    lang = choose_language(explicit_language, settings)
    install_translators(app, lang)
    try:
        session = open_session(None, database_path, settings)
    except OpenCancelled:
        return 0
    except DatabaseOpenError as error:
        QMessageBox.critical(None, _("Cannot open the database"), str(error))
        raise
    window = MainWindow(session.path, settings, session=session)
    window.show()
    previous_hook = sys.excepthook
    sys.excepthook = report_unexpected_error
    try:
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        close_database()
