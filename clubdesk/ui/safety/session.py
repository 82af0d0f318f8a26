"""The file open in the window: its lock, whether it may be written, its automatic backups.

Opening asks when another window has the file (read-only, or not at all), offers the way
back when the file is damaged, and warns once about synchronised or network folders. While
the window is open, a backup is made every few hours if something was written; when it
closes after changes, once more.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from clubdesk.domain.common.storage import (
    CorruptDatabaseError,
    DatabaseOpenError,
    NotADatabaseError,
    close_database,
    open_database,
    refuse_writes,
    writes_so_far,
)
from clubdesk.domain.safety.backups import Backup, make_backup, newest_backup
from clubdesk.domain.safety.damage import damage_found, newest_sound_backup
from clubdesk.domain.safety.lock import DatabaseInUseError, DatabaseLock, LockHolder
from clubdesk.domain.safety.restore import RestoreError, restore_backup
from clubdesk.domain.safety.sync_folders import unsafe_location
from clubdesk.i18n import _
from clubdesk.ui.common.background import BackgroundTask, TaskRunner
from clubdesk.ui.common.damage_monitor import damage_monitor
from clubdesk.ui.safety.damaged_dialog import DamageChoice, DamagedDialog
from clubdesk.ui.safety.lock_prompt import LockPrompt

DATABASE_FILTER = "clubdesk (*.db *.sqlite);;*"


class DatabaseSession(QObject):
    """One database open in the window; :meth:`release` when the window lets it go."""

    backup_made = Signal(object)  # Backup
    backup_failed = Signal(str)

    # How often to look, and how old the last backup must be, for a backup while open.
    CHECK_EVERY_MS = 10 * 60 * 1000
    BACKUP_EVERY = dt.timedelta(hours=4)

    def __init__(self, path: Path, lock: DatabaseLock | None = None, read_only: bool = False,
                 holder: LockHolder | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.lock = lock
        self.read_only = read_only
        self.holder = holder
        self.damaged = False
        self._mark = writes_so_far()
        newest = None if read_only else newest_backup(path)
        self.last_backup_at = newest.created if newest else dt.datetime.now()
        self._backups = TaskRunner(self)
        self._checks = TaskRunner(self)
        self._timer = QTimer(self)
        self._timer.setInterval(self.CHECK_EVERY_MS)
        self._timer.timeout.connect(self.backup_if_due)
        self._timer.start()

    # -- state ---------------------------------------------------------------------------
    def has_changes(self) -> bool:
        """Something was written since the last backup (and may be backed up)."""
        return not (self.read_only or self.damaged) and writes_so_far() > self._mark

    def stop_writes(self) -> None:
        """The file is damaged: refuse every write from now on, in every thread."""
        self.damaged = True
        refuse_writes()

    def recovered(self) -> None:
        """A good backup took the damaged file's place: writing may resume."""
        self.damaged = False
        self._mark = writes_so_far()

    def release(self) -> None:
        """Stop the automatic backups and give the lock back."""
        self._timer.stop()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- backups -------------------------------------------------------------------------
    def backup_if_due(self, now: dt.datetime | None = None) -> BackgroundTask | None:
        """A backup in the background when there are changes and the last one is old."""
        now = now or dt.datetime.now()
        if self._backups.is_running() or not self.has_changes():
            return None
        if now - self.last_backup_at < self.BACKUP_EVERY:
            return None
        return self.backup_in_background(_("automatic, while the window is open"))

    def backup_in_background(self, label: str) -> BackgroundTask:
        mark = writes_so_far()
        path = self.path
        return self._backups.run(lambda _progress: make_backup(label, path),
                                 lambda backup: self._backed_up(backup, mark),
                                 lambda error: self.backup_failed.emit(str(error)))

    def check_in_background(self) -> BackgroundTask:
        """SQLite's quick check of the open file, off the GUI thread; damage is reported to
        :func:`clubdesk.ui.common.damage_monitor.damage_monitor`."""
        path = self.path
        return self._checks.run(lambda _progress: damage_found(path), self._checked)

    def _checked(self, problem: str | None) -> None:
        if problem is not None:
            damage_monitor().damage_found.emit(problem)

    def _backed_up(self, backup: Backup, mark: int) -> None:
        self._mark = max(self._mark, mark)
        self.last_backup_at = backup.created
        self.backup_made.emit(backup)

    def backup_before_closing(self, parent: QWidget) -> bool:
        """A backup when the window closes after changes; True when it may close.

        The backup runs in the background under a progress dialog; if it fails, the user
        chooses between closing anyway and staying.
        """
        if not self.has_changes():
            return True
        mark = writes_so_far()
        path = self.path
        progress = QProgressDialog(_("Making a backup before closing…"), "", 0, 0, parent)
        progress.setWindowTitle(_("Backup"))
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        outcome: dict[str, object] = {}
        loop = QEventLoop()
        # The last backup supersedes one the timer may have started.
        task = self._backups.run(lambda _progress: make_backup(_("on closing"), path),
                                 lambda backup: outcome.setdefault("backup", backup),
                                 lambda error: outcome.setdefault("error", error))
        task.finished.connect(loop.quit)
        loop.exec()
        progress.close()
        progress.deleteLater()
        backup = outcome.get("backup")
        if isinstance(backup, Backup):
            self._backed_up(backup, mark)
            return True
        return ask_close_without_backup(parent, str(outcome.get("error", "")))


def ask_close_without_backup(parent: QWidget, reason: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, _("Backup failed"),
                      _("The backup made on closing failed: {reason}").format(reason=reason),
                      QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(_("Your changes are saved in the database itself; only the "
                               "extra copy is missing. Close anyway?"))
    close = box.addButton(_("Close without a backup"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is close


# -- opening -------------------------------------------------------------------------------
class OpenCancelled(Exception):
    """The user chose not to open the file (or to quit on a damaged one)."""


def _warn_once_about_location(parent: QWidget | None, path: Path,
                              settings: QSettings) -> None:
    place = unsafe_location(path)
    key = f"warned/location/{path.resolve()}"
    if place is None or settings.value(key):
        return
    settings.setValue(key, True)
    where = (_("on a network drive") if place == "network"
             else _("in a folder synchronised by {service}").format(service=place))
    box = QMessageBox(QMessageBox.Icon.Warning, _("Database in a risky folder"),
                      _("{name} is {where}.").format(name=path.name, where=where),
                      QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(_(
        "Synchronisation tools and network drives can damage a database while it is open. "
        "Keep the database on this computer (File > New database, or move the file while "
        "clubdesk is closed), and choose a backups folder inside the synchronised folder "
        "in Options > Association settings: the backups will travel safely instead."))
    box.exec()


def _choose_other(parent: QWidget | None, near: Path) -> Path:
    path, _selected = QFileDialog.getOpenFileName(parent, _("Open database"),
                                                  str(near.parent), DATABASE_FILTER)
    if not path:
        raise OpenCancelled
    return Path(path)


def _recover(parent: QWidget | None, path: Path, detail: str) -> Path:
    """The damaged-file dialog; returns the file to open next."""
    backup = newest_sound_backup(path)
    choice = DamagedDialog.ask(parent, path, detail, backup)
    if choice is DamageChoice.RESTORE and backup is not None:
        try:
            restore_backup(backup.path, path)
        except RestoreError as error:
            QMessageBox.critical(parent, _("Restore failed"), str(error))
            raise OpenCancelled from error
        close_database()
        return path
    if choice is DamageChoice.OPEN_OTHER:
        return _choose_other(parent, path)
    raise OpenCancelled


def open_session(parent: QWidget | None, path: Path, settings: QSettings) -> DatabaseSession:
    """Take the lock (or ask), open the database, recover a damaged file; warn once about
    a risky folder. Raises :class:`OpenCancelled` when the user chose not to open, and
    :class:`DatabaseOpenError` for a file that cannot be used (it is left untouched)."""
    for _attempt in range(10):  # each damaged or refused file lets the user pick another
        lock: DatabaseLock | None = None
        holder: LockHolder | None = None
        try:
            lock = DatabaseLock.acquire(path)
        except DatabaseInUseError as busy:
            if not LockPrompt.ask(parent, path, busy.holder):
                raise OpenCancelled from busy
            holder = busy.holder
        except OSError:
            lock = None  # a folder one may not write to: opening says so
        try:
            open_database(path, read_only=holder is not None)
        except (CorruptDatabaseError, NotADatabaseError) as damaged:
            if lock is not None:
                lock.release()
            # Not a database at all, but it had backups: it was one, and got damaged.
            if isinstance(damaged, NotADatabaseError) and newest_sound_backup(path) is None:
                raise
            path = _recover(parent, path, str(getattr(damaged, "detail", damaged)))
            continue
        except DatabaseOpenError:
            if lock is not None:
                lock.release()
            raise
        _warn_once_about_location(parent, path, settings)
        return DatabaseSession(path, lock, read_only=holder is not None, holder=holder)
    raise OpenCancelled


__all__ = ["DatabaseSession", "OpenCancelled", "open_session"]
