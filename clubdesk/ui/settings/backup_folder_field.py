"""The settings' backups folder: shown, chosen, or set back to the folder beside the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from clubdesk.i18n import _


class BackupFolderField(QWidget):
    """A read-only path with *Choose…* and *Beside the database*; ``changed`` on change."""

    changed = Signal()

    def __init__(self, folder: str, default_folder: Path | None,
                 parent: QWidget | None = None) -> None:
        """``default_folder``: where backups go when none is chosen (None: no database
        open)."""
        super().__init__(parent)
        self._folder = folder
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setMinimumWidth(320)
        if default_folder is not None:
            self.path.setPlaceholderText(
                _("{folder} (beside the database)").format(folder=default_folder.absolute()))
        self.choose_button = QPushButton(_("Choose…"))
        self.choose_button.clicked.connect(lambda: self.choose())
        self.default_button = QPushButton(_("Beside the database"))
        self.default_button.clicked.connect(lambda: self.set_folder(""))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.default_button)
        self._show()

    def folder(self) -> str:
        """The chosen folder, or "" for the default one."""
        return self._folder

    def set_folder(self, folder: str) -> None:
        if folder != self._folder:
            self._folder = folder
            self._show()
            self.changed.emit()

    def choose(self, folder: str | None = None) -> None:
        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self, _("Backups folder"), self._folder or str(Path.home()))
        if folder:
            self.set_folder(folder)

    def _show(self) -> None:
        self.path.setText(self._folder)
        self.path.setToolTip(self._folder)
        self.default_button.setEnabled(bool(self._folder))
