"""The main window's menu bar: what each entry asks for, as a signal the window answers."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

from clubdesk.i18n import _

LANGUAGES = (("fr", "Français"), ("en", "English"))


class MainMenu(QMenuBar):
    """*File*, *Options* and *Help*; each entry emits the request it stands for."""

    new_database_requested = Signal()
    open_database_requested = Signal()
    import_requested = Signal()
    import_payments_requested = Signal()
    backups_requested = Signal()
    quit_requested = Signal()
    settings_requested = Signal()
    audit_log_requested = Signal()
    retention_requested = Signal()
    language_chosen = Signal(str)  # "fr", "en"
    about_requested = Signal()

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        file_menu = self.addMenu(_("&File"))
        self.new_action = self._action(_("&New database…"), self.new_database_requested)
        self.open_action = self._action(_("&Open database…"), self.open_database_requested,
                                        QKeySequence.StandardKey.Open)
        self.import_action = self._action(_("&Import members…"), self.import_requested)
        self.import_payments_action = self._action(_("Import &payments…"),
                                                   self.import_payments_requested)
        self.backups_action = self._action(_("&Backups…"), self.backups_requested)
        self.quit_action = self._action(_("&Quit"), self.quit_requested,
                                        QKeySequence.StandardKey.Quit)
        file_menu.addActions([self.new_action, self.open_action, self.import_action,
                              self.import_payments_action])
        file_menu.addSeparator()
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        options_menu = self.addMenu(_("&Options"))
        options_menu.addAction(self._action(_("Association &settings…"),
                                            self.settings_requested))
        options_menu.addAction(self._action(_("&Audit log…"), self.audit_log_requested))
        options_menu.addAction(self._action(_("&Former members to anonymise…"),
                                            self.retention_requested))
        options_menu.addSeparator()
        language_menu = options_menu.addMenu(_("&Language"))
        group = QActionGroup(self)
        for code, name in LANGUAGES:
            action = QAction(name, self, checkable=True)
            action.setChecked(code == language)
            action.triggered.connect(
                lambda _checked=False, code=code: self.language_chosen.emit(code))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&About clubdesk"), self.about_requested))

    def _action(self, text: str, request: SignalInstance,
                shortcut: QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(request.emit)
        return action
