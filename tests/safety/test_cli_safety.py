"""The safety commands and the one-line failures, as a user types them."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import file_hash, table_rows

from clubdesk.cli import main
from clubdesk.db import close_database, connection, open_database
from clubdesk.domain.safety.backups import make_backup


@pytest.fixture(autouse=True)
def _close() -> Iterator[None]:
    yield
    close_database()


def _run(*argv: str) -> int:
    code = main(["--lang", "en", *argv])
    close_database()
    return code


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("template") / "asso.db"
    assert main(["--lang", "en", "--db", str(path), "demo", "--size", "small"]) == 0
    close_database()
    return path.read_bytes()


@pytest.fixture
def demo(tmp_path: Path, demo_template: bytes) -> Path:
    """The small demo association, a fresh copy for each test."""
    path = tmp_path / "asso.db"
    path.write_bytes(demo_template)
    return path


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle:middle + 20 * 4096] = os.urandom(20 * 4096)
    path.write_bytes(bytes(data))


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_init_creates_an_empty_database_once(tmp_path: Path, capsys) -> None:
    path = tmp_path / "nouvelle.db"
    assert _run("--db", str(path), "init") == 0
    assert str(path) in capsys.readouterr().out
    assert _run("--db", str(path), "stats", "--json") == 0
    assert set(json.loads(capsys.readouterr().out).values()) == {0}
    before = file_hash(path)
    assert _run("--db", str(path), "init") == 2
    assert "already exists" in _one_line(capsys.readouterr().err)
    assert file_hash(path) == before


def test_a_missing_database_names_the_init_command(tmp_path: Path, capsys) -> None:
    assert _run("--db", str(tmp_path / "absent.db"), "stats") == 2
    assert "init" in _one_line(capsys.readouterr().err)
    assert not (tmp_path / "absent.db").exists()


def test_backup_then_list_then_restore(demo: Path, tmp_path: Path, capsys) -> None:
    capsys.readouterr()
    assert _run("--db", str(demo), "backup") == 0
    backup = Path(capsys.readouterr().out.strip())
    assert backup.parent == tmp_path / "asso-backups" and backup.exists()
    assert _run("--db", str(demo), "backups", "--json") == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["path"] == str(backup) and listed["verified"] is True
    assert _run("--db", str(demo), "backups") == 0
    assert str(backup) in capsys.readouterr().out

    expected = table_rows(demo)
    with sqlite3.connect(demo) as wipe:
        wipe.execute("DELETE FROM attendance")
    wipe.close()
    assert _run("--db", str(demo), "restore", str(backup)) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "kept as a backup" in out
    assert table_rows(demo) == expected


def test_backup_to_a_file_of_ones_own(demo: Path, tmp_path: Path, capsys) -> None:
    capsys.readouterr()
    assert _run("--db", str(demo), "backup", "-o", str(tmp_path / "cle-usb")) == 0
    copy = Path(capsys.readouterr().out.strip())
    assert copy == tmp_path / "cle-usb.db"
    assert table_rows(copy) == table_rows(demo)


@pytest.mark.parametrize("content", [b"", b"hello", b"%PDF-1.7"])
def test_restore_of_something_else_is_refused(demo: Path, tmp_path: Path, capsys,
                                              content: bytes) -> None:
    source = tmp_path / "backup.db"
    source.write_bytes(content)
    before = file_hash(demo)
    assert _run("--db", str(demo), "restore", str(source)) == 2
    assert "cannot be restored" in _one_line(capsys.readouterr().err)
    assert file_hash(demo) == before


def test_check_a_sound_then_a_damaged_file(demo: Path, capsys) -> None:
    capsys.readouterr()
    assert _run("--db", str(demo), "check") == 0
    assert "is sound" in capsys.readouterr().out
    _damage(demo)
    assert _run("--db", str(demo), "check") == 1
    captured = capsys.readouterr()
    assert captured.out.strip() and all(line.startswith(str(demo))
                                        for line in captured.out.splitlines())
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("command", [
    ["stats"],
    ["report", "activity", "-o", "{tmp}/rapport.pdf"],
    ["export", "attendance", "-o", "{tmp}/presences.csv"],
    ["import", "members", "{tmp}/liste.csv"],
    ["gdpr", "anonymize", "--member", "3"],
])
def test_a_damaged_file_gives_one_line_and_the_way_back(demo: Path, tmp_path: Path, capsys,
                                                        command: list[str]) -> None:
    open_database(demo)
    make_backup("sound")
    close_database()
    (tmp_path / "liste.csv").write_text("Nom;Prénom\nDurand;Léa\n", encoding="utf-8")
    _damage(demo)
    before = file_hash(demo)
    code = _run("--db", str(demo), *[part.format(tmp=tmp_path) for part in command])
    err = capsys.readouterr().err
    if code == 0:  # a count that never read the damaged pages
        assert command == ["stats"]
        return
    assert code == 2
    line = _one_line(err)
    assert "damaged" in line and "restore" in line
    assert file_hash(demo) == before


PROTECTED = ["asso.db", "asso.db-wal", "asso.db-shm", "asso.db-journal", "asso.db.lock",
             "{backup}", "{description}", "autre.db"]
WRITERS = [
    ["report", "activity", "-o"],
    ["report", "member", "--member", "1", "-o"],
    ["export", "members", "-o"],
    ["export", "events", "-o"],
    ["gdpr", "export", "--member", "1", "-o"],
    ["backup", "-o"],
]


@pytest.mark.parametrize("target", PROTECTED)
@pytest.mark.parametrize("writer", WRITERS, ids=lambda writer: " ".join(writer[:2]))
def test_no_output_path_can_overwrite_the_database_or_a_backup(
        demo: Path, tmp_path: Path, capsys, writer: list[str], target: str) -> None:
    open_database(demo)
    backup = make_backup()
    close_database()
    other = tmp_path / "autre.db"
    other.write_bytes(demo.read_bytes())
    path = Path(target.format(backup=backup.path, description=backup.description_path))
    path = path if path.is_absolute() else tmp_path / path
    watched = [demo, backup.path, backup.description_path, other]
    before = [file_hash(file) for file in watched]
    capsys.readouterr()

    assert _run("--db", str(demo), *writer, str(path)) == 2

    _one_line(capsys.readouterr().err)
    assert [file_hash(file) for file in watched] == before


@pytest.mark.parametrize(("writer", "given", "written"), [
    (["report", "activity", "-o"], "rapport", "rapport.pdf"),
    (["export", "members", "-o"], "membres", "membres.csv"),
    (["export", "events", "-o"], "agenda", "agenda.ics"),
    (["gdpr", "export", "--member", "1", "-o"], "donnees", "donnees.json"),
])
def test_a_missing_suffix_is_added(demo: Path, tmp_path: Path, writer: list[str],
                                   given: str, written: str) -> None:
    assert _run("--db", str(demo), *writer, str(tmp_path / given)) == 0
    assert (tmp_path / written).exists() and not (tmp_path / given).exists()


@pytest.mark.parametrize(("writer", "given"), [
    (["report", "activity", "-o"], "rapport.csv"),
    (["export", "members", "-o"], "membres.pdf"),
    (["gdpr", "export", "--member", "1", "-o"], "donnees.xlsx"),
    (["backup", "-o"], "copie.pdf"),
])
def test_a_wrong_suffix_is_refused(demo: Path, tmp_path: Path, capsys, writer: list[str],
                                   given: str) -> None:
    capsys.readouterr()
    assert _run("--db", str(demo), *writer, str(tmp_path / given)) == 2
    assert "Name the file" in _one_line(capsys.readouterr().err)
    assert not (tmp_path / given).exists()


def test_a_full_disk_gives_one_line_and_writes_nothing(demo: Path, tmp_path: Path, capsys,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with sqlite3.connect(demo) as probe:
        pages = probe.execute("PRAGMA page_count").fetchone()[0]
    probe.close()
    monkeypatch.setitem(connection.PRAGMAS, "max_page_count", pages)
    rows = "".join(f"Nom{n};Prénom{n};{'Notes longues ' * 300}\n" for n in range(300))
    source = tmp_path / "liste.csv"
    source.write_text("Nom;Prénom;Notes\n" + rows, encoding="utf-8")
    before = table_rows(demo)
    capsys.readouterr()

    assert _run("--db", str(demo), "import", "members", str(source)) == 2

    line = _one_line(capsys.readouterr().err)
    assert "disk is full" in line and "Nothing was saved" in line
    assert table_rows(demo) == before


def test_a_file_locked_by_another_program_gives_one_line(demo: Path, tmp_path: Path, capsys,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.2)
    source = tmp_path / "liste.csv"
    source.write_text("Nom;Prénom\nDurand;Léa\n", encoding="utf-8")
    other = sqlite3.connect(demo, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        before = table_rows(demo)
        capsys.readouterr()
        assert _run("--db", str(demo), "import", "members", str(source)) == 2
        line = _one_line(capsys.readouterr().err)
        assert "another program is using the file" in line
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert table_rows(demo) == before


def test_an_unexpected_error_gives_one_line_and_a_crash_report(
        demo: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from clubdesk import crash_reports
    from clubdesk.cli import demo as demo_commands

    monkeypatch.setattr(crash_reports, "crash_folder", lambda: tmp_path / "crashes")

    def broken() -> dict[str, int]:
        raise KeyError("a bug")

    monkeypatch.setattr(demo_commands, "row_counts", broken)
    assert _run("--db", str(demo), "stats") == 2
    line = _one_line(capsys.readouterr().err)
    [report] = (tmp_path / "crashes").iterdir()
    assert str(report) in line and "KeyError" in report.read_text()
