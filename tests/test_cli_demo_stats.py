"""``clubdesk demo`` and ``clubdesk stats`` from the command line, on real files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from clubdesk.cli import main
from clubdesk.db import close_database

KEYS = ["members", "events", "attendance", "guests", "volunteer_entries", "referrals", "fees"]


@pytest.fixture(autouse=True)
def closed_afterwards() -> Iterator[None]:
    """main() leaves the global database open, as the GUI needs it: close it after a test."""
    yield
    close_database()


def _run(*argv: str) -> int:
    code = main(["--lang", "en", *argv])
    close_database()  # WAL mode: only a closed database has all its pages in the main file
    return code


def test_demo_then_stats_counts_every_table(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.db"

    assert _run("--db", str(path), "demo", "--size", "small", "--seed", "3") == 0
    assert "150 members" in capsys.readouterr().out
    assert _run("--db", str(path), "stats", "--json") == 0

    counts = json.loads(capsys.readouterr().out)
    assert list(counts) == KEYS
    assert all(value > 0 for value in counts.values()), counts


def test_stats_as_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.db"
    _run("--db", str(path), "demo", "--seed", "3")
    capsys.readouterr()

    assert _run("--db", str(path), "stats") == 0

    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == KEYS
    assert lines[0].split()[1] == "150"


def test_demo_refuses_a_database_that_holds_data(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.db"
    assert _run("--db", str(path), "demo", "--seed", "3") == 0
    before = path.read_bytes()
    capsys.readouterr()

    assert _run("--db", str(path), "demo", "--seed", "4") == 2

    error = capsys.readouterr().err
    assert "already holds data" in error and str(path) in error
    assert error.count("\n") == 1
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_stats_on_a_missing_file_creates_nothing(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "missing.db"

    assert _run("--db", str(path), "stats", "--json") == 2

    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["stats", "--json"], ["demo", "--size", "small"]])
def test_a_text_file_is_refused_and_left_alone(tmp_path: Path, command: list[str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Réunion du bureau : penser aux cotisations.\n", encoding="utf-8")
    before = path.read_bytes()

    assert _run("--db", str(path), *command) == 2

    assert "not a clubdesk database" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_the_demo_summary_counts_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from clubdesk.cli import demo

    monkeypatch.setattr(demo, "build_demo", lambda size, seed: {
        "members": 1, "events": 2, "attendance": 12_345})
    assert main(["--lang", "fr", "--db", str(tmp_path / "x.db"), "demo"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(": 1 membre, 2 événements, 12\u202f345 présences.\n"), out
