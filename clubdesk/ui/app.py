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
from clubdesk.db import DatabaseOpenError, close_database, open_database
from clubdesk.db.errors import storage_error_message
from clubdesk.resources import resource_path
from clubdesk.ui.translator import install_translators

ORGANIZATION = "clubdesk"
APPLICATION = "clubdesk"


def application_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


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
    """Said to the user instead of a silent traceback: what failed, and that nothing is lost.

    Installed as ``sys.excepthook`` while the window is open. A storage failure (disk full,
    read-only file) has been rolled back by its transaction.
    """
    traceback.print_exception(exc_type, error, tb)
    message = storage_error_message(error)
    if message is None:
        message = QApplication.translate(
            "App", "Something went wrong: %1\n\nThe change in progress was not saved."
        ).replace("%1", f"{exc_type.__name__}: {error}")
    QMessageBox.critical(QApplication.activeWindow(),
                         QApplication.translate("App", "clubdesk"), message)


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
        open_database(database_path)
    except DatabaseOpenError as error:
        QMessageBox.critical(None, app.translate("App", "Cannot open the database"), str(error))
        raise

    from clubdesk.ui.main_window import MainWindow

    window = MainWindow(database_path, settings)
    window.show()
    previous_hook = sys.excepthook
    sys.excepthook = report_unexpected_error
    try:
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        close_database()
