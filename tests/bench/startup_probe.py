"""Started as a process by the startup figure: show a window, quit after its first paint.

    python startup_probe.py app DATABASE SETTINGS_INI   # clubdesk, Members tab painted
    python startup_probe.py floor DATABASE              # bare window + sqlite3 count
"""

from __future__ import annotations

import sys


def quiet_offscreen() -> None:
    """Drop the offscreen platform's notes that it cannot resize or raise windows."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:
        if not message.startswith("This plugin does not support"):
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def _quit_after_first_paint(app, widget) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatcher(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, app.quit)
            return False

    watcher = PaintWatcher(widget)
    widget.installEventFilter(watcher)


def run_app(database: str, settings_path: str) -> int:
    from pathlib import Path

    from PySide6.QtCore import QSettings

    from clubdesk.db import open_database
    from clubdesk.ui.app import create_application
    from clubdesk.ui.common.translator import install_translators
    from clubdesk.ui.main_window import MainWindow

    quiet_offscreen()
    app = create_application()
    install_translators(app, "fr")
    open_database(database)
    settings = QSettings(settings_path, QSettings.Format.IniFormat)
    settings.setValue("window/tab", 1)  # the Members tab, as the user left it
    window = MainWindow(Path(database), settings)
    window.resize(1366, 768)
    window.tabs.setCurrentWidget(window.members_tab)
    _quit_after_first_paint(app, window.members_tab.table.viewport())
    window.show()
    return app.exec()


def run_floor(database: str) -> int:
    import sqlite3

    from PySide6.QtWidgets import QApplication, QLabel

    quiet_offscreen()
    app = QApplication(sys.argv[:1])
    with sqlite3.connect(database) as connection:
        count = connection.execute("SELECT count(*) FROM member").fetchone()[0]
    label = QLabel(f"{count} members")
    label.resize(1366, 768)
    _quit_after_first_paint(app, label)
    label.show()
    return app.exec()


if __name__ == "__main__":
    mode = sys.argv[1]
    sys.exit(run_app(sys.argv[2], sys.argv[3]) if mode == "app" else run_floor(sys.argv[2]))
