"""The command line's frame: version, help on every command, the GUI's refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from clubdesk import __version__
from clubdesk.cli import main
from clubdesk.db import close_database


@pytest.fixture(autouse=True)
def _close() -> None:
    yield
    close_database()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"clubdesk {__version__}"


@pytest.mark.parametrize("command", [[], ["demo"], ["stats"]])
def test_help_on_every_command(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: clubdesk" in capsys.readouterr().out


def test_help_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "--help"])
    assert "remplir une base vide" in capsys.readouterr().out


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run([sys.executable, "-m", "clubdesk", "--version"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.strip() == f"clubdesk {__version__}"


def test_gui_refuses_a_non_database_file(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "adherents.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a database")
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: boxes.append(text))
    assert main(["--db", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("clubdesk: ") and "not a clubdesk database" in err
    assert err.count("\n") == 1
    assert boxes and "not a clubdesk database" in boxes[0]
    assert bad.read_bytes() == b"PK\x03\x04 not a database"


def test_default_database_follows_clubdesk_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clubdesk.paths import default_database_path

    monkeypatch.setenv("CLUBDESK_DB", str(tmp_path / "env.db"))
    assert default_database_path() == tmp_path / "env.db"
    monkeypatch.delenv("CLUBDESK_DB")
    assert default_database_path().name == "clubdesk.db"
