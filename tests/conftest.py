"""Shared fixtures: a real SQLite file per test, English by default, Qt offscreen."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

# Before any Qt import: widgets are drawn offscreen, no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("CLUBDESK_DB", None)

import pytest  # noqa: E402

from clubdesk import i18n  # noqa: E402
from clubdesk.db import Member, close_database, database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Tests read English texts unless they choose another language."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """A new, empty clubdesk database file, open for the test."""
    path = open_database(tmp_path / "clubdesk.db")
    yield path
    _wait_for_background_work()
    close_database()


def _wait_for_background_work() -> None:
    """Let the GUI's worker threads finish before their database goes away."""
    if "clubdesk.ui.common.background" in sys.modules:
        sys.modules["clubdesk.ui.common.background"].task_pool().waitForDone(30_000)


@pytest.fixture
def select_statements(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Record the SELECT statements sent from now on: ``statements = select_statements()``."""

    def start() -> list[str]:
        statements: list[str] = []
        original = database.execute_sql

        def counting(sql, *args, **kwargs):
            if sql.lstrip().upper().startswith("SELECT"):
                statements.append(sql)
            return original(sql, *args, **kwargs)

        monkeypatch.setattr(database, "execute_sql", counting)
        return statements

    return start


@pytest.fixture
def make_member(db_path: Path):
    """Create a member with sensible defaults: ``make_member(last_name="Zoë")``."""
    counter = {"n": 0}

    def make(**fields: object) -> Member:
        counter["n"] += 1
        values: dict[str, object] = {
            "first_name": f"Prénom{counter['n']}",
            "last_name": f"Nom{counter['n']}",
            "status": "active",
        }
        values.update(fields)
        return Member.create(**values)

    return make


QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}


@pytest.fixture(autouse=True)
def qt_english(request: pytest.FixtureRequest) -> Iterator[None]:
    """Qt tests get the English catalogue installed, as the application does at start-up."""
    if not QT_FIXTURES & set(request.fixturenames):
        yield
        return
    from clubdesk.ui.common.background import task_pool
    from clubdesk.ui.common.translator import install_translators

    app = request.getfixturevalue("qapp")
    translators = install_translators(app, "en")
    yield
    for translator in translators:
        app.removeTranslator(translator)
    # No test leaves work running into the next one.
    task_pool().waitForDone(30_000)


@pytest.fixture
def settings(tmp_path: Path):
    """Window settings in a file of the test's own, never the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
