"""Slow work off the GUI thread, with progress, Cancel, and results back on the GUI thread.

The work is a plain function taking a progress callback ``(done, total) -> bool``; returning
False asks it to stop. Widgets are only touched in the slots connected to the task's
signals, which Qt delivers on the GUI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from clubdesk.db import close_database
from clubdesk.i18n import _
from clubdesk.ui.common.damage_monitor import report_if_damage

Work = Callable[[Callable[[int, int], bool]], Any]

# Tasks under way, kept alive until their end is handled on the GUI thread: a task that
# Python released while its worker still ran was destroyed from that worker (a crash).
_running: set[BackgroundTask] = set()


def running_tasks() -> list[BackgroundTask]:
    """The tasks whose work has not ended yet."""
    return [task for task in _running if not task._done.is_set()]


def task_pool() -> QThreadPool:
    """clubdesk's own threads: a few, so that one long report never keeps a list waiting
    (Qt's global pool has one thread per core, two on a small laptop)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(4, QThreadPool.globalInstance().maxThreadCount()))
    return _pool


_pool: QThreadPool | None = None


class BackgroundTask(QObject):
    """One run of ``work`` in Qt's thread pool."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self._done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool | None = None) -> None:
        # A task whose window went first never gets its finished signal: drop it here,
        # on the GUI thread, once its worker is done with it.
        _running.difference_update([task for task in _running if task._done.is_set()])
        _running.add(self)
        self.finished.connect(self._release)
        (pool or task_pool()).start(_Runner(self))

    def _release(self) -> None:
        _running.discard(self)

    def _progress(self, done: int, total: int) -> bool:
        try:
            self.progressed.emit(done, total)
        except RuntimeError:  # the task was deleted with its window: stop the work
            self._cancel.set()
            return False
        return not self._cancel.is_set()

    def _run(self) -> None:
        """Called on the worker thread."""
        try:
            try:
                self.result = self._work(self._progress)
            except BaseException as error:  # noqa: BLE001 - reported to the GUI thread
                if self._cancel.is_set():
                    self.cancelled.emit()
                else:
                    traceback.print_exception(error)
                    self.error = error
                    report_if_damage(error)  # the window stops writing and offers a backup
                    self.failed.emit(error)
            else:
                # Work that returned did its job, even if Cancel came too late to stop it
                # (the file is written, the transaction committed): say so, not "cancelled".
                self.succeeded.emit(self.result)
            finally:
                close_database()  # this thread's own connection
                self._done.set()
                self.finished.emit()
        except RuntimeError:
            pass  # deleted with its window while its work ran: nobody listens any more


class _Runner(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self._task._run()


def run_with_progress(
    parent: QWidget, title: str, label: str, work: Work,
    on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None],
) -> BackgroundTask:
    """Run ``work`` with a progress dialog that has a Cancel button."""
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    # Not modal: a modal QProgressDialog runs the event loop inside setValue(), and the
    # other tabs' own background work then re-entered it (a crash under load).
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(300)  # quick work finishes before anything flashes
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    task = BackgroundTask(work, parent)

    state = {"busy": False, "done": False}

    def progressed(done: int, total: int) -> None:
        if state["done"] or total <= 0:
            return
        state["busy"] = True
        try:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        finally:
            state["busy"] = False

    def finished() -> None:
        state["done"] = True
        if state["busy"]:
            QTimer.singleShot(10, finished)
            return
        dialog.close()
        dialog.deleteLater()
        task.deleteLater()

    task.progressed.connect(progressed)
    task.succeeded.connect(on_success)
    task.failed.connect(on_failure)
    task.finished.connect(finished)
    dialog.canceled.connect(task.cancel)
    task.dialog = dialog  # type: ignore[attr-defined]  # for tests and for Cancel
    task.start()
    return task


class _Delivery(QObject):
    """Brings one run's outcome to its callbacks, if that run is still the one wanted."""

    def __init__(self, runner: TaskRunner, generation: int, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None,
                 on_progress: Callable[[int, int], None] | None) -> None:
        super().__init__(runner)
        self._runner = runner
        self._generation = generation
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress

    def _wanted(self) -> bool:
        return self._runner.generation == self._generation

    def done(self, result: Any) -> None:
        if self._wanted():
            self._on_done(result)

    def failed(self, error: BaseException) -> None:
        if self._wanted() and self._on_error is not None:
            self._on_error(error)

    def progressed(self, done: int, total: int) -> None:
        if self._wanted() and self._on_progress is not None:
            self._on_progress(done, total)

    def finished(self) -> None:
        if self._wanted():
            self._runner.task = None
        # Its callbacks may hold the last reference to the owner: the owner may go while
        # this delivery is deleted, and must not delete it a second time as its child.
        self.setParent(None)
        self.deleteLater()


class TaskRunner(QObject):
    """The one way a widget runs work in the background.

    Give it to the widget (``self.loader = TaskRunner(self)``) and call :meth:`run` with
    the work and what to do with its result. A newer run makes the older one's result
    arrive nowhere; so does the widget's end (the runner goes with it, and Qt drops the
    connections). Callers never parent tasks, count generations or look at ``sender()``.
    """

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self.generation = 0
        self.task: BackgroundTask | None = None

    def run(self, work: Work, on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None) -> BackgroundTask:
        """Start ``work``; an earlier run of this runner is asked to stop and forgotten."""
        self.cancel()
        self.generation += 1
        delivery = _Delivery(self, self.generation, on_done, on_error, on_progress)
        task = self.task = BackgroundTask(work)
        task.succeeded.connect(delivery.done)
        task.failed.connect(delivery.failed)
        task.progressed.connect(delivery.progressed)
        task.finished.connect(delivery.finished)
        task.start()
        return task

    def cancel(self) -> None:
        """Ask the running work to stop; whatever it still delivers is dropped."""
        if self.task is not None:
            self.task.cancel()
            self.task = None
        self.generation += 1

    def is_running(self) -> bool:
        return self.task is not None
