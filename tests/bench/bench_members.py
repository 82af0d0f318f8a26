"""Figures of the Members tab: start-up, one keystroke of search, one sort."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import HERE_ROOT, Context, Samples, elapsed_ms, figure
from startup_probe import quiet_offscreen

from clubdesk.domain.common.text import fold

PROBE = Path(__file__).resolve().parent / "startup_probe.py"


def _run_probe(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(PROBE), *args], check=True, cwd=HERE_ROOT)
    return elapsed_ms(start)


@figure("startup_members_tab")
def startup_members_tab(context: Context) -> tuple[Samples, Samples]:
    """Process start to the Members tab painted, against a bare window and a sqlite3 count."""
    repeat = min(context.repeat, 5)
    samples: Samples = []
    floor: Samples = []
    with tempfile.TemporaryDirectory() as folder:
        settings = str(Path(folder) / "settings.ini")
        _run_probe("app", str(context.database), settings)  # warm the disk cache
        for _ in range(repeat):
            samples.append(_run_probe("app", str(context.database), settings))
            floor.append(_run_probe("floor", str(context.database)))
    return samples, floor


class _MembersTabSession:
    """One Members tab on the benchmark database, shown at laptop size."""

    def __init__(self, context: Context) -> None:
        from PySide6.QtWidgets import QApplication

        from clubdesk.db import open_database
        from clubdesk.ui.app import create_application
        from clubdesk.ui.common.translator import install_translators
        from clubdesk.ui.members.members_tab import MembersTab

        quiet_offscreen()
        self.app = create_application()
        install_translators(self.app, "fr")
        open_database(context.database)
        self.tab = MembersTab()
        self.tab.resize(1366, 700)
        self.tab.show()
        self.tab.reload()
        QApplication.processEvents()
        self.viewport = self.tab.table.viewport()
        self.paints = 0
        self._watcher = _PaintCounter(self)
        self.viewport.installEventFilter(self._watcher)

    def repaint(self) -> None:
        """Let Qt paint what changed, as the event loop would, and check the table was."""
        from PySide6.QtWidgets import QApplication

        before = self.paints
        QApplication.processEvents()
        if self.paints == before:  # nothing was dirty: paint anyway, to be measured
            self.viewport.repaint()


def _PaintCounter(session: _MembersTabSession):  # noqa: N802 (a QObject made on demand)
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                session.paints += 1
            return False

    return PaintCounter()


_session: _MembersTabSession | None = None


def _members_tab(context: Context) -> _MembersTabSession:
    global _session
    if _session is None:
        _session = _MembersTabSession(context)
    return _session


def _search_keys(database: Path) -> list[str]:
    """The strings the search scans, read with plain sqlite3 and folded once."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT first_name, last_name, company, profession, email, city FROM member"
        ).fetchall()
    connection.close()
    return [fold(" ".join(value or "" for value in row)) for row in rows]


# Each query is typed one character at a time; a sample is one added character.
TYPED = ["martin", "lyon", "eloise", "boulanger"]


@figure("members_search_keystroke")
def members_search_keystroke(context: Context) -> tuple[Samples, Samples]:
    """One more typed character to the filtered table repainted, against a plain scan."""
    session = _members_tab(context)
    keys = _search_keys(context.database)
    samples: Samples = []
    floor: Samples = []
    for _ in range(max(1, context.repeat // 3)):
        for word in TYPED:
            session.tab.filters.search.clear()
            session.repaint()
            for length in range(1, len(word) + 1):
                prefix = word[:length]
                start = time.perf_counter()
                session.tab.filters.search.setText(prefix)
                session.repaint()
                samples.append(elapsed_ms(start))
                start = time.perf_counter()
                matches = [key for key in keys if prefix in key]
                floor.append(elapsed_ms(start))
                assert matches is not None
    session.tab.filters.search.clear()
    session.repaint()
    return samples, floor


@figure("members_sort")
def members_sort(context: Context) -> tuple[Samples, Samples]:
    """A click on a column header to the table repainted, against ``sorted`` on the values."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from clubdesk.ui.members import members_model as columns

    session = _members_tab(context)
    header = session.tab.table.horizontalHeader()
    with sqlite3.connect(context.database) as connection:
        values = {
            columns.COL_LAST_NAME: [r[0] for r in connection.execute(
                "SELECT last_name FROM member")],
            columns.COL_COMPANY: [r[0] for r in connection.execute(
                "SELECT company FROM member")],
            columns.COL_CITY: [r[0] for r in connection.execute("SELECT city FROM member")],
        }
    connection.close()
    samples: Samples = []
    floor: Samples = []
    for _ in range(context.repeat):
        for column, column_values in values.items():
            position = QPoint(header.sectionViewportPosition(column) + 5, header.height() // 2)
            start = time.perf_counter()
            QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier, position)
            session.repaint()
            samples.append(elapsed_ms(start))
            start = time.perf_counter()
            sorted(column_values, key=str.casefold)
            floor.append(elapsed_ms(start))
    return samples, floor
