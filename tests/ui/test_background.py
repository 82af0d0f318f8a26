"""Background work: results, failures and Cancel come back on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QWidget

from clubdesk.db import Member
from clubdesk.ui.common.background import TaskRunner, run_with_progress, task_pool


def _owner(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_result_and_progress_arrive(qtbot, db_path: Path, make_member) -> None:
    make_member(last_name="Nguyễn")
    seen: list[tuple[int, int]] = []
    results: list[object] = []

    def work(progress):
        names = [m.last_name for m in Member.select()]  # its own connection, same file
        for step in range(3):
            progress(step + 1, 3)
        return names, threading.get_ident()

    owner = _owner(qtbot)
    task = TaskRunner(owner).run(
        work, results.append, on_progress=lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    [(names, thread)] = results
    assert names == ["Nguyễn"]
    assert thread != threading.get_ident()
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_cancel_stops_the_work(qtbot, db_path: Path) -> None:
    started = threading.Event()
    results: list[object] = []

    def work(progress):
        started.set()
        for step in range(10_000):
            if not progress(step, 10_000):
                raise RuntimeError("stopped as asked")
            threading.Event().wait(0.001)
        return "finished"

    owner = _owner(qtbot)
    task = run_with_progress(owner, "Export", "Writing…", work, results.append,
                             results.append)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        started.wait(5)
        task.dialog.canceled.emit()  # what the Cancel button says
    assert task.result is None and results == []


def test_work_done_before_cancel_took_effect_is_a_success(qtbot, db_path: Path) -> None:
    """Cancel clicked as the work ends: the work did its job (a file written, a transaction
    committed), so the task reports success, not a cancel that did not happen."""
    cancel_now = threading.Event()
    may_finish = threading.Event()
    results: list[object] = []

    def work(progress):
        cancel_now.set()
        may_finish.wait(5)
        return "written"

    owner = _owner(qtbot)
    task = run_with_progress(owner, "Export", "Writing…", work, results.append,
                             results.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        cancel_now.wait(5)
        task.cancel()
        may_finish.set()
    assert results == ["written"]


def test_failure_is_reported_with_the_exception(qtbot, db_path: Path) -> None:
    failures: list[BaseException] = []

    def work(progress):
        raise LookupError("No event with number 99.")

    owner = _owner(qtbot)
    run_with_progress(owner, "Report", "Preparing…", work, lambda _r: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert str(failures[0]) == "No event with number 99."


def test_a_task_nobody_keeps_lives_until_it_ends(qtbot, db_path: Path) -> None:
    results: list[object] = []
    owner = _owner(qtbot)

    def start() -> None:
        # The handle returned is dropped at once.
        run_with_progress(owner, "Sum", "Adding…", lambda progress: sum(range(100_000)),
                          results.append, results.append)

    start()
    qtbot.waitUntil(lambda: results == [sum(range(100_000))], timeout=20_000)


def test_the_owners_end_stops_the_work_and_nothing_arrives(qtbot, db_path: Path) -> None:
    """The window closed while its work ran: the work is asked to stop, nothing reaches
    the callbacks of the widgets that went, and nothing crashes."""
    owner = QWidget()
    started, gone = threading.Event(), threading.Event()
    stopped: list[bool] = []
    results: list[object] = []

    def work(progress):
        started.set()
        gone.wait(5)
        stopped.append(not progress(1, 2))
        return "late"

    run_with_progress(owner, "Report", "Preparing…", work, results.append, results.append)
    started.wait(5)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner))
    gone.set()
    task_pool().waitForDone(5000)
    qtbot.wait(50)
    assert stopped == [True] and results == []

