"""Background work: results, failures and Cancel come back on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QWidget

from clubdesk.db import Member
from clubdesk.ui.common.background import BackgroundTask, run_with_progress


def test_result_and_progress_arrive(qtbot, db_path: Path, make_member) -> None:
    make_member(last_name="Nguyễn")
    seen: list[tuple[int, int]] = []

    def work(progress):
        names = [m.last_name for m in Member.select()]  # its own connection, same file
        for step in range(3):
            progress(step + 1, 3)
        return names, threading.get_ident()

    task = BackgroundTask(work)
    task.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(task.finished, timeout=5000):
        with qtbot.waitSignal(task.succeeded, timeout=5000) as succeeded:
            task.start()
    names, thread = succeeded.args[0]
    assert names == ["Nguyễn"]
    assert thread != threading.get_ident()
    qtbot.waitUntil(lambda: seen == [(1, 3), (2, 3), (3, 3)])


def test_cancel_stops_the_work(qtbot, db_path: Path) -> None:
    started = threading.Event()

    def work(progress):
        started.set()
        for step in range(10_000):
            if not progress(step, 10_000):
                raise RuntimeError("stopped as asked")
            threading.Event().wait(0.001)
        return "finished"

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.start()
        started.wait(5)
        task.cancel()
    assert task.result is None


def test_work_done_before_cancel_took_effect_is_a_success(qtbot, db_path: Path) -> None:
    """Cancel clicked as the work ends: the work did its job (a file written, a transaction
    committed), so the task reports success, not a cancel that did not happen."""
    cancel_now = threading.Event()
    may_finish = threading.Event()

    def work(progress):
        cancel_now.set()
        may_finish.wait(5)
        return "written"

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.succeeded, timeout=5000) as succeeded:
        task.start()
        cancel_now.wait(5)
        task.cancel()
        may_finish.set()
    assert succeeded.args == ["written"]


def test_failure_is_reported_with_the_exception(qtbot, db_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    failures: list[BaseException] = []

    def work(progress):
        raise LookupError("No event with number 99.")

    run_with_progress(parent, "Report", "Preparing…", work, lambda _r: None,
                      failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert str(failures[0]) == "No event with number 99."


def test_a_task_nobody_keeps_lives_until_it_ends(qtbot, db_path: Path) -> None:
    results: list[object] = []

    def start() -> None:
        task = BackgroundTask(lambda progress: sum(range(100_000)))
        task.succeeded.connect(results.append)
        task.start()  # the only reference goes out of scope here

    start()
    qtbot.waitUntil(lambda: results == [sum(range(100_000))], timeout=20_000)
    from clubdesk.ui.common import background

    qtbot.waitUntil(lambda: not background.running_tasks(), timeout=20_000)
