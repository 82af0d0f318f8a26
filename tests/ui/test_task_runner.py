"""The background helper: a newer run or the owner's end drops what an older run delivers."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from clubdesk.ui.common.background import TaskRunner, task_pool


def test_a_result_arrives_on_the_gui_thread(qtbot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = TaskRunner(owner)
    seen: list[tuple[int, bool]] = []
    runner.run(lambda progress: 42,
               lambda result: seen.append((result, threading.current_thread()
                                           is threading.main_thread())))
    qtbot.waitUntil(lambda: seen == [(42, True)])
    assert not runner.is_running()


def test_a_newer_run_drops_the_older_result(qtbot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = TaskRunner(owner)
    gate = threading.Event()
    seen: list[str] = []

    def slow(progress):
        gate.wait(5)
        return "old"

    runner.run(slow, seen.append)
    runner.run(lambda progress: "new", seen.append)
    qtbot.waitUntil(lambda: seen == ["new"])
    gate.set()
    task_pool().waitForDone(5000)
    qtbot.wait(50)
    assert seen == ["new"]


def test_errors_and_progress_reach_their_callbacks(qtbot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = TaskRunner(owner)
    steps: list[tuple[int, int]] = []
    errors: list[str] = []

    def work(progress):
        progress(1, 2)
        raise ValueError("refused")

    runner.run(work, lambda result: None, lambda error: errors.append(str(error)),
               lambda done, total: steps.append((done, total)))
    qtbot.waitUntil(lambda: errors == ["refused"])
    assert steps == [(1, 2)]


def test_the_owners_end_drops_the_result(qtbot) -> None:
    owner = QWidget()
    runner = TaskRunner(owner)
    gate = threading.Event()
    seen: list[str] = []

    def slow(progress):
        gate.wait(5)
        return "late"

    runner.run(slow, seen.append)
    owner.deleteLater()
    qtbot.wait(20)
    gate.set()
    task_pool().waitForDone(5000)
    qtbot.wait(50)
    assert seen == []


def test_an_owner_only_its_callbacks_keep_goes_cleanly(qtbot) -> None:
    """The owner's last reference was the callback: releasing it with the finished run must
    not delete the run's handle a second time (the automatic backup's session did)."""
    names: list[str] = []

    def start() -> None:
        owner = QObject()
        runner = TaskRunner(owner)
        runner.run(lambda progress: "done", lambda result: names.append(
            owner.objectName() or result))

    start()
    qtbot.waitUntil(lambda: names == ["done"])
    task_pool().waitForDone(5000)
    qtbot.wait(100)  # the deferred deletions happen here
