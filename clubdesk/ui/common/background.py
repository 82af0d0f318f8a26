"""Slow work off the GUI thread, with progress, Cancel, and results back on the GUI thread.

The work is a plain function taking a progress callback ``(done, total) -> bool``; returning
False asks it to stop. Callers use one of two helpers, which own the task:

- :class:`TaskRunner`, given to a widget: a newer run, or the widget's end, drops what an
  older run delivers;
- :func:`run_with_progress`: a progress dialog with a Cancel button.

Both hand back a :class:`BackgroundTask`, the caller's handle on one run (its signals,
:meth:`~BackgroundTask.cancel`, :attr:`~BackgroundTask.dialog`). The part that runs on the
worker thread is this module's own: it is kept alive until its end has been handled on the
GUI thread, so that it is never destroyed while its worker still runs, whatever happens to
the handle or to the window meanwhile.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from clubdesk.domain.common.storage import close_database
from clubdesk.i18n import _
from clubdesk.ui.common.damage_monitor import report_if_damage

Work = Callable[[Callable[[int, int], bool]], Any]

_pool: QThreadPool | None = None


def task_pool() -> QThreadPool:
    """clubdesk's own threads: a few, so that one long report never keeps a list waiting
    (Qt's global pool has one thread per core, two on a small laptop)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(4, QThreadPool.globalInstance().maxThreadCount()))
    return _pool


class _Job(QObject):
    """What runs on the worker thread, and the signals that carry its outcome back.

    Nobody outside this module holds one. It stays in :data:`_alive` until its ``finished``
    signal has been handled on the GUI thread, where it is then deleted; its Qt parent,
    :func:`_keeper`, makes sure the worker thread never deletes it when it lets go of it
    last: a QObject destroyed from the worker thread while its signals were still on their
    way crashed the application."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__(_keeper())
        self._work = work
        self._stop = stop
        # The caller's handle lives as long as the job, even if nobody else keeps it.
        self.handle: BackgroundTask | None = None

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop.is_set()

    def run(self) -> None:
        """Called on the worker thread."""
        try:
            result = self._work(self._progress)
        except BaseException as error:  # noqa: BLE001 - reported to the GUI thread
            if self._stop.is_set():
                self.cancelled.emit()
            else:
                traceback.print_exception(error)
                report_if_damage(error)  # the window stops writing and offers a backup
                self.failed.emit(error)
        else:
            # Work that returned did its job, even if Cancel came too late to stop it
            # (the file is written, the transaction committed): say so, not "cancelled".
            self.succeeded.emit(result)
        finally:
            close_database()  # this thread's own connection
            self.finished.emit()

    def _release(self) -> None:
        _alive.discard(self)
        self.handle = None
        self.deleteLater()


# Jobs under way: see _Job.
_alive: set[_Job] = set()
_parent: QObject | None = None


def _keeper() -> QObject:
    """The Qt parent of every job, made on the GUI thread with the first one."""
    global _parent
    if _parent is None:
        _parent = QObject()
    return _parent


class _Runnable(QRunnable):
    def __init__(self, job: _Job) -> None:
        super().__init__()
        self._job: _Job | None = job
        self.setAutoDelete(True)

    def run(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.run()


class BackgroundTask(QObject):
    """The handle on one run of ``work``: its signals arrive on the GUI thread.

    Get one from :meth:`TaskRunner.run` or :func:`run_with_progress`. Deleting the handle
    (its owner went) asks the work to stop, and nothing it delivers arrives any more."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._stop = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.dialog: QProgressDialog | None = None  # run_with_progress's dialog
        stop = self._stop
        self.destroyed.connect(lambda *_args: stop.set())

    def cancel(self) -> None:
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()

    def start(self) -> None:
        job = _Job(self._work, self._stop)
        job.handle = self
        # Each relay has this handle as its receiver: Qt drops it with the handle.
        job.progressed.connect(self.progressed)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.cancelled.connect(self.cancelled)
        job.finished.connect(self.finished)
        # Last, so that the handle hears of the end first; queued: runs on the GUI thread.
        job.finished.connect(job._release)
        _alive.add(job)
        task_pool().start(_Runnable(job))

    def _succeeded(self, result: object) -> None:
        self.result = result
        self.succeeded.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.error = error
        self.failed.emit(error)


def _dispose(task: BackgroundTask) -> None:
    """Delete a handle whose run ended. Out of its parent first: deleting it releases the
    callbacks connected to it, and with them perhaps the last reference to that parent,
    which would then delete the handle a second time from within its own deletion."""
    task.setParent(None)
    task.deleteLater()


def run_with_progress(
    parent: QWidget, title: str, label: str, work: Work,
    on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None],
) -> BackgroundTask:
    """Run ``work`` with a progress dialog that has a Cancel button; the task goes with
    ``parent``."""
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    # Not modal: a modal QProgressDialog runs the event loop inside setValue(), and the
    # other tabs' own background work then re-entered it (a crash under load).
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.setMinimumDuration(300)  # quick work finishes before anything flashes
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    task = BackgroundTask(work, parent)
    task.dialog = dialog

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
        _dispose(task)

    task.progressed.connect(progressed)
    task.succeeded.connect(on_success)
    task.failed.connect(on_failure)
    task.finished.connect(finished)
    dialog.canceled.connect(task.cancel)
    task.start()
    return task


class TaskRunner(QObject):
    """The one way a widget runs work in the background without a progress dialog.

    Give it to the widget (``self.loader = TaskRunner(self)``) and call :meth:`run` with
    the work and what to do with its result. A newer run makes the older one's result
    arrive nowhere; so does the widget's end (the runner and its tasks go with it).
    Callers never parent tasks, count generations or look at ``sender()``.
    """

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self.task: BackgroundTask | None = None

    def run(self, work: Work, on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None) -> BackgroundTask:
        """Start ``work``; an earlier run of this runner is asked to stop and forgotten."""
        self.cancel()
        task = self.task = BackgroundTask(work, self)

        def wanted() -> bool:
            return self.task is task

        def done(result: object) -> None:
            if wanted():
                self.task = None  # over, as far as the owner is concerned
                on_done(result)

        def failed(error: BaseException) -> None:
            if wanted():
                self.task = None
                if on_error is not None:
                    on_error(error)

        def progressed(done: int, total: int) -> None:
            if wanted() and on_progress is not None:
                on_progress(done, total)

        def finished() -> None:
            if wanted():
                self.task = None  # cancelled from within the work
            _dispose(task)

        task.succeeded.connect(done)
        task.failed.connect(failed)
        task.progressed.connect(progressed)
        task.finished.connect(finished)
        task.start()
        return task

    def cancel(self) -> None:
        """Ask the running work to stop; whatever it still delivers is dropped."""
        if self.task is not None:
            self.task.cancel()
            self.task = None

    def is_running(self) -> bool:
        return self.task is not None
