"""The database file the main window works on: opening another one, its backups, and the
way back when it is damaged.

:class:`WindowFile` owns the :class:`~clubdesk.ui.safety.session.DatabaseSession` of the
open file and asks the user what it must (which file, which backup, what to do with a
damaged file); the window answers its signals: it rebuilds its tabs on
:attr:`WindowFile.reopened`, shows :attr:`WindowFile.message` in its status bar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from clubdesk.domain.common.storage import DatabaseOpenError, open_database
from clubdesk.domain.safety.backups import Backup
from clubdesk.domain.safety.damage import newest_sound_backup
from clubdesk.domain.safety.restore import RestoreError, RestoreResult, restore_backup
from clubdesk.i18n import _
from clubdesk.ui.common.damage_monitor import damage_monitor
from clubdesk.ui.safety.backups_dialog import BackupsDialog
from clubdesk.ui.safety.damaged_dialog import DamageChoice, DamagedDialog
from clubdesk.ui.safety.session import (
    DATABASE_FILTER,
    DatabaseSession,
    OpenCancelled,
    open_session,
)

MESSAGE_MS = 5000
LONG_MESSAGE_MS = 30_000


class WindowFile(QObject):
    """The open file of ``window``: its session, switching, backups and damage."""

    reopened = Signal(Path)  # another file, or this one restored: the tabs must reload
    state_changed = Signal()  # read-only or damaged now: the title and the band change
    message = Signal(str, int)  # for the status bar, and for how many milliseconds
    quit_requested = Signal()

    def __init__(self, window: QWidget, session: DatabaseSession, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._damage_shown = False
        self.session = self._adopt(session)
        damage_monitor().damage_found.connect(self._on_damage)

    @property
    def path(self) -> Path:
        return self.session.path

    def _adopt(self, session: DatabaseSession) -> DatabaseSession:
        session.setParent(self)
        session.backup_made.connect(self._backup_made)
        session.backup_failed.connect(self._backup_failed)
        return session

    def _backup_made(self, backup: Backup) -> None:
        self.message.emit(_("Backup made: {path}").format(path=str(backup.path)), MESSAGE_MS)

    def _backup_failed(self, reason: str) -> None:
        self.message.emit(_("The automatic backup failed: {reason}").format(reason=reason),
                          LONG_MESSAGE_MS)

    # -- another file ----------------------------------------------------------------------
    def new_database(self) -> None:
        path, _selected = QFileDialog.getSaveFileName(
            self._window, _("New database"), str(self.path.parent / "association.db"),
            DATABASE_FILTER,
        )
        if path:
            if Path(path).exists():
                QMessageBox.warning(
                    self._window, _("New database"),
                    _("{path} already exists. Use File > Open to open it.").format(path=path),
                )
                return
            self.switch_to(Path(path))

    def open_database_dialog(self) -> None:
        path, _selected = QFileDialog.getOpenFileName(
            self._window, _("Open database"), str(self.path.parent), DATABASE_FILTER,
        )
        if path:
            self.switch_to(Path(path))

    def switch_to(self, path: Path) -> bool:
        """Open ``path`` instead of the current file; on failure keep the current one."""
        current = self.path
        if path.exists() and current.exists() and path.samefile(current):
            return True
        if not self.session.backup_before_closing(self._window):
            return False
        try:
            session = open_session(self._window, path, self._settings)
        except OpenCancelled:
            open_database(current, read_only=self.session.read_only)
            return False
        except DatabaseOpenError as error:
            QMessageBox.critical(self._window, _("Cannot open the database"), str(error))
            open_database(current, read_only=self.session.read_only)
            return False
        self.session.release()
        self.session.deleteLater()
        self.session = self._adopt(session)
        path = session.path  # a damaged file may have led to another
        self._settings.setValue("database/last", str(path))
        self.reopened.emit(path)
        self.message.emit(_("Opened {path}").format(path=str(path)), MESSAGE_MS)
        return True

    def may_close(self) -> bool:
        """A backup if something changed (or the user's leave to close without one), then
        the lock given back; False when the window must stay open."""
        if not self.session.backup_before_closing(self._window):
            return False
        self.session.release()
        return True

    # -- backups and damage ----------------------------------------------------------------
    def show_backups(self) -> None:
        result = BackupsDialog.ask(self._window, self.path, self.session.read_only)
        if result is not None:
            self.restored(result)

    def restored(self, result: RestoreResult) -> None:
        """The window on the restored file, and where the file as it was went."""
        self.reopened.emit(self.path)
        message = _("Backup restored; the file as it was is kept among the backups.")
        if result.damaged_copy is not None:
            message = _("Backup restored; the damaged file is kept as {path}.").format(
                path=result.damaged_copy)
        self.message.emit(message, MESSAGE_MS)

    def _on_damage(self, detail: str) -> None:
        """Damage found while open: stop writing, then offer the way back."""
        if self._damage_shown or self.session.damaged:
            return
        self._damage_shown = True
        self.session.stop_writes()
        self.state_changed.emit()
        backup = newest_sound_backup(self.path)
        choice = DamagedDialog.ask(self._window, self.path, detail, backup)
        self._damage_shown = False
        if choice is DamageChoice.RESTORE and backup is not None:
            try:
                result = restore_backup(backup.path, self.path)
            except RestoreError as error:
                QMessageBox.critical(self._window, _("Restore failed"), str(error))
                return
            self.session.recovered()
            self.restored(result)
        elif choice is DamageChoice.OPEN_OTHER:
            self.open_database_dialog()
        elif choice is DamageChoice.QUIT:
            self.quit_requested.emit()
