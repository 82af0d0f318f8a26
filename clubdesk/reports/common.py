"""What every report shares with its callers: progress, cancelling, output errors.

A report is built by a plain function ``build_…(…, output, progress=None) -> Path`` that
may run on a worker thread. ``progress(done, total)`` is called now and then; returning
False asks the build to stop, and it raises :class:`ReportCancelled`. The output file is
written atomically: on failure or cancel nothing is left and an existing file is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from clubdesk.domain.common.files import OutputFileError

ProgressCallback = Callable[[int, int], bool]


class ReportCancelled(Exception):
    """The progress callback asked to stop; no file was written."""


class ReportOutputError(OutputFileError):
    """The PDF could not be written there; ``str(error)`` says where and why."""


class Progress:
    """Counts work units and reports them to a :data:`ProgressCallback`.

    ``advance()`` is cheap: the callback is called once ``every`` units have passed, and
    by :meth:`check`. A callback returning False (not merely None) cancels the build.
    """

    def __init__(self, callback: ProgressCallback | None, every: int = 500) -> None:
        self._callback = callback
        self.every = every
        self.total = 1
        self.done = 0
        self._reported = 0

    def plan(self, total: int) -> None:
        """Set how many units the whole build counts."""
        self.total = max(1, total)
        self.check()

    def advance(self, units: int = 1) -> None:
        self.done += units
        if self.done - self._reported >= self.every:
            self.check()

    def reach(self, done: int) -> None:
        """Move forward to ``done`` (never back) and report it."""
        self.done = max(self.done, done)
        self.check()

    def check(self) -> None:
        """Report now; raise :class:`ReportCancelled` if the callback says stop."""
        self._reported = self.done
        if self._callback is None:
            return
        if self._callback(min(self.done, self.total), self.total) is False:
            raise ReportCancelled()
