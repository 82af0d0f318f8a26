"""*File > Backups…*: the verified backups of the open file, a backup now, and restoring one.

Restoring backs the current file up first, then replaces it; the window then reopens on the
restored file (the dialog is accepted with :attr:`BackupsDialog.restored` set).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.storage import close_database, open_database
from clubdesk.domain.safety.backups import Backup, backup_folders, list_backups, make_backup
from clubdesk.domain.safety.damage import format_moment
from clubdesk.domain.safety.restore import RestoreResult, restore_backup
from clubdesk.i18n import _
from clubdesk.ui.common.background import BackgroundTask, TaskRunner
from clubdesk.ui.common.formatting import format_datetime
from clubdesk.ui.common.prompts import confirm
from clubdesk.ui.common.record_model import ROW_ROLE, Column, RecordTableModel
from clubdesk.ui.common.table_views import current_row_object, make_row_table

COLUMN_WIDTHS = {0: 140, 1: 380, 2: 80, 3: 90}
BACKUP_FILTER = "clubdesk (*.db *.sqlite);;*"


def size_text(size: int) -> str:
    """"1,2 Mo", "840 ko": the size as the file manager shows it (locale decimals)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


class BackupsDialog(QDialog):
    """The list of backups, newest first, with *Back up now* and *Restore…*."""

    def __init__(self, database: Path, read_only: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Backups"))
        self.resize(820, 460)
        self.database = database
        self.restored: RestoreResult | None = None
        self._work = TaskRunner(self)

        folder = backup_folders(database)[0].absolute()
        intro = QLabel(_(
            "clubdesk keeps verified copies of {name} in {folder}: when the window closes "
            "after changes, every four hours while it stays open with changes, and before "
            "imports, merges, erasures, deletions and restores. It keeps every backup of the "
            "last two days, then one a day for two weeks, one a week for two months and one "
            "a month for two years.").format(name=database.name, folder=folder))
        intro.setWordWrap(True)
        self.model = RecordTableModel([
            Column(_("Date"), lambda row: format_datetime(row.created),
                   lambda row: row.created),
            Column(_("Made"), self.label_text, self.label_text),
            Column(_("Size"), lambda row: size_text(row.size), lambda row: row.size,
                   align_right=True),
            Column(_("Checked"), lambda row: _("verified") if row.verified
                   else "", lambda row: row.verified),
        ], self)
        self.table = make_row_table(self.model, widths=COLUMN_WIDTHS, parent=self)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.empty = QLabel(_("No backup yet: the first one is made when the window "
                                    "closes after changes, or now with Back up now."))
        self.empty.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.backup_button = QPushButton(_("&Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(_("&Restore…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(_("Restore from a &file…"))
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.folder_button = QPushButton(_("Open the &folder"))
        self.folder_button.clicked.connect(self.open_folder)
        self.read_only = read_only
        for button in (self.restore_button, self.restore_file_button):
            button.setEnabled(not read_only)
        if read_only:
            self.status.setText(_("The file is open read-only in this window: backups "
                                        "can be made, not restored."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.restore_file_button,
                       self.folder_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._follow_selection)
        self.reload()
        self.table.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, database: Path,
            read_only: bool = False) -> RestoreResult | None:
        """Show the dialog; the restore it made, if any."""
        dialog = cls(database, read_only, parent)
        dialog.exec()
        return dialog.restored

    def label_text(self, backup: Backup) -> str:
        return backup.label or _("on request")

    def reload(self) -> None:
        backups = list_backups(self.database)
        self.model.set_rows(backups, presorted=True)
        self.empty.setVisible(not backups)
        self.table.setVisible(bool(backups))
        if backups:
            self.table.selectRow(0)
        self._follow_selection()

    def _follow_selection(self) -> None:
        busy = self._work.is_running()
        self.restore_button.setEnabled(
            not (self.read_only or busy) and self.selected() is not None)

    def selected(self) -> Backup | None:
        backup = current_row_object(self.table, ROW_ROLE)
        return backup if isinstance(backup, Backup) else None

    def _busy(self, busy: bool, text: str = "") -> None:
        self.backup_button.setEnabled(not busy)
        self.restore_file_button.setEnabled(not (busy or self.read_only))
        self.status.setText(text)
        self._follow_selection()

    # -- actions -------------------------------------------------------------------------
    def back_up_now(self) -> BackgroundTask:
        database = self.database
        label = _("on request")
        task = self._work.run(lambda _progress: make_backup(label, database),
                              self._backed_up, lambda error: self._failed(str(error)))
        self._busy(True, _("Making a backup…"))
        return task

    def _backed_up(self, backup: Backup) -> None:
        self.reload()
        self._busy(False, _("Backup made and verified: {path}").format(path=backup.path))

    def _failed(self, message: str) -> None:
        self._busy(False, message)
        QMessageBox.warning(self, _("Backups"), message)

    def restore_selected(self) -> BackgroundTask | None:
        backup = self.selected()
        if backup is None or not self.restore_button.isEnabled():
            return None
        return self._restore(backup.path, _("the backup of {when}").format(
            when=format_moment(backup.created)))

    def restore_from_file(self) -> BackgroundTask | None:
        path, _selected = QFileDialog.getOpenFileName(
            self, _("Restore from a file"), str(backup_folders(self.database)[0]),
            BACKUP_FILTER)
        if not path:
            return None
        return self._restore(Path(path), Path(path).name)

    def _restore(self, source: Path, what: str) -> BackgroundTask | None:
        if not confirm(self, _("Restore"), _(
                "Replace the data of {name} by {what}?\n\nThe current file is backed up "
                "first, so this can be undone from this list. What was entered since that "
                "backup will no longer show.").format(name=self.database.name, what=what),
                _("Restore")):
            return None
        database = self.database
        # The window's own connection goes: the file may be replaced under it.
        close_database()
        task = self._work.run(lambda _progress: restore_backup(source, database),
                              self._restored, self._restore_failed)
        self._busy(True, _("Restoring…"))
        return task

    def _restored(self, result: RestoreResult) -> None:
        open_database(self.database)
        self.restored = result
        self.accept()

    def _restore_failed(self, error: BaseException) -> None:
        open_database(self.database)
        self._failed(str(error))

    def open_folder(self) -> None:
        folder = backup_folders(self.database)[0]
        if not folder.is_dir():
            folder = folder.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
