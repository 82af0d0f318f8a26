"""Start-up helpers: language choice and what the user sees when something fails."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from clubdesk.ui.app import choose_language, report_unexpected_error


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    return shown


def test_storage_failure_is_explained(qapp, boxes: list[str], capsys) -> None:
    error = sqlite3.OperationalError("database or disk is full")
    report_unexpected_error(type(error), error, None)
    assert "disk is full" in boxes[0] and "Nothing was saved" in boxes[0]
    assert "OperationalError" in capsys.readouterr().err  # the details stay in the log


def test_other_failures_say_what_failed(qapp, boxes: list[str]) -> None:
    error = KeyError("sponsor")
    report_unexpected_error(type(error), error, None)
    assert "KeyError" in boxes[0] and "was not saved" in boxes[0]


def test_language_choice_order(
    qapp, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLUBDESK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert choose_language(None, settings) == "fr"
    settings.setValue("language", "en")
    assert choose_language(None, settings) == "en"  # the Options menu's choice wins
    assert choose_language("fr", settings) == "fr"  # --lang wins over both
