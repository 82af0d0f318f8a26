"""The main window: the tabs, the menus, and the only place that wires tabs together."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from clubdesk import __version__, i18n
from clubdesk.db import DatabaseOpenError, open_database
from clubdesk.domain.safety.backups import Backup
from clubdesk.domain.safety.damage import newest_sound_backup
from clubdesk.domain.safety.restore import RestoreError, RestoreResult, restore_backup
from clubdesk.i18n import _, ngettext
from clubdesk.ui.activity_reports import ActivityReports
from clubdesk.ui.common.damage_monitor import damage_monitor
from clubdesk.ui.dashboard.dashboard_tab import DashboardTab
from clubdesk.ui.events.event_actions import EventActions
from clubdesk.ui.events.events_tab import EventsTab
from clubdesk.ui.members.members_tab import MembersTab
from clubdesk.ui.referrals.referrals_tab import ReferralsTab
from clubdesk.ui.safety.backups_dialog import BackupsDialog
from clubdesk.ui.safety.damaged_dialog import DamageChoice, DamagedDialog
from clubdesk.ui.safety.lock_prompt import holder_text
from clubdesk.ui.safety.session import (
    DATABASE_FILTER,
    DatabaseSession,
    OpenCancelled,
    check_in_background,
    open_session,
)
from clubdesk.ui.volunteering.volunteering_tab import VolunteeringTab

# Fusion clips the accent of a capital letter on unselected tabs ("Événements" shows as
# "Evénements"); tabs with their own padding keep the whole glyph.
TAB_STYLE = (
    "QTabBar::tab { padding: 5px 14px; border: 1px solid palette(mid); border-bottom: none;"
    " background: palette(button); margin-right: 2px; border-top-left-radius: 4px;"
    " border-top-right-radius: 4px; }"
    " QTabBar::tab:selected { background: palette(base); }"
    " QTabBar::tab:!selected { margin-top: 2px; }"
)


class MainWindow(QMainWindow):
    """Holds the tabs; switching database rebuilds them on the new file."""

    database_changed = Signal(Path)

    def __init__(self, database_path: Path, settings: QSettings,
                 parent: QWidget | None = None,
                 session: DatabaseSession | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.database_path = database_path
        self.setMinimumSize(760, 480)
        self._damage_shown = False
        self.session = self._adopt(session or DatabaseSession(database_path))
        damage_monitor().damage_found.connect(self._on_damage)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setStyleSheet(TAB_STYLE)
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.count_label = QLabel()
        self.path_label = QLabel()
        self.read_only_label = QLabel()
        self.read_only_label.setStyleSheet(
            "QLabel { background: #fff4ce; color: #5c4400; padding: 1px 6px; }")
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.path_label)

        self._build_menus()
        self._rebuilding = True  # adding the first tab makes it current: not yet
        self._build_tabs()
        self._restore_state()
        self._rebuilding = False
        # The figures are computed when the dashboard is seen, not behind another tab.
        self._tab_shown(self.tabs.currentIndex())

    # -- tabs ------------------------------------------------------------------------------
    def _build_tabs(self) -> None:
        self.dashboard_tab = DashboardTab(self)
        self.members_tab = MembersTab(self)
        self.events_tab = EventsTab(self)
        self.volunteering_tab = VolunteeringTab(self)
        self.referrals_tab = ReferralsTab(self)
        self.tabs.addTab(self.dashboard_tab, _("Dashboard"))
        self.tabs.addTab(self.members_tab, _("Members"))
        self.tabs.addTab(self.events_tab, _("Events"))
        self.tabs.addTab(self.volunteering_tab, _("Volunteering"))
        self.tabs.addTab(self.referrals_tab, _("Referrals"))
        self.members_tab.member_count_changed.connect(self._show_member_count)
        self.members_tab.import_requested.connect(self.import_members)
        for tab in (self.dashboard_tab, self.members_tab, self.events_tab,
                    self.volunteering_tab, self.referrals_tab):
            tab.status_message.connect(self._show_message)
        self._wire_events()
        self._wire_dashboard()
        # Hours and referrals show in the member's detail: keep it current.
        self.volunteering_tab.entries_changed.connect(self._refresh_member_detail)
        self.referrals_tab.referrals_changed.connect(self._refresh_member_detail)
        self._show_path()
        self.members_tab.reload()
        check_in_background(self.session)

    def _wire_events(self) -> None:
        """Check-in, reports and the calendar, asked for by the Events tab."""
        previous = getattr(self, "event_actions", None)
        if previous is not None:
            previous.deleteLater()
        actions = self.event_actions = EventActions(self)
        events = self.events_tab
        events.checkin_requested.connect(self._check_in)
        events.report_requested.connect(actions.report)
        events.period_report_requested.connect(actions.period_report)
        events.export_calendar_requested.connect(actions.export_calendar)
        actions.status_message.connect(self._show_message)

    def _wire_dashboard(self) -> None:
        """Click-through to the tabs, the activity report, and fresh figures when shown."""
        previous = getattr(self, "activity_reports", None)
        if previous is not None:
            previous.deleteLater()
        self.activity_reports = ActivityReports(self)
        dashboard = self.dashboard_tab
        dashboard.open_requested.connect(self.open_filtered)
        dashboard.report_requested.connect(self.activity_reports.activity_report)
        dashboard.import_requested.connect(self.import_members)
        dashboard.new_member_requested.connect(self._new_member)
        self.members_tab.activity_sheet_requested.connect(self._member_sheet)

    def _new_member(self) -> None:
        """The member form, from the dashboard's welcome: the new member shows in the list."""
        self.tabs.setCurrentWidget(self.members_tab)
        self.members_tab.new_member()

    def _member_sheet(self, member_id: int) -> None:
        from clubdesk.ui.common.period_dialog import PeriodDialog

        period = PeriodDialog.ask(self, _("Activity sheet"))
        if period is not None:
            from clubdesk.domain.activity.activity_figures import Period

            self.activity_reports.member_sheet(member_id, Period(*period))

    def _tab_shown(self, index: int) -> None:
        if self._rebuilding:
            return
        if self.tabs.widget(index) is self.dashboard_tab and not self.dashboard_tab.is_computing():
            self.dashboard_tab.reload()  # figures may have changed in the other tabs

    def open_filtered(self, target: str, filters: object) -> None:
        """Show the ``target`` tab narrowed as the dashboard asked (each tab's ``narrow``)."""

        tab = {"members": self.members_tab, "events": self.events_tab,
               "volunteering": self.volunteering_tab,
               "referrals": self.referrals_tab}.get(target)
        if tab is None:
            return
        self.tabs.setCurrentWidget(tab)
        tab.narrow(dict(filters) if isinstance(filters, dict) else {})

    def _refresh_member_detail(self) -> None:
        detail = self.members_tab.detail
        if detail.member_id() is not None:
            detail.show_member(detail.member_id())

    def _check_in(self, event_id: int) -> None:
        from clubdesk.ui.events.checkin.checkin_dialog import CheckinDialog

        if CheckinDialog.ask(self, event_id):
            self.events_tab.refresh_event(event_id)
            self.members_tab.reload()  # a guest may have become a member

    def _rebuild_tabs(self) -> None:
        current = self.tabs.currentIndex()
        self._rebuilding = True
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        self._build_tabs()
        self.tabs.setCurrentIndex(max(current, 0))
        self._rebuilding = False
        self._tab_shown(self.tabs.currentIndex())

    def _show_member_count(self, shown: int, total: int) -> None:
        self.count_label.setText(ngettext("{n} member", "{n} members", total))

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    def _show_path(self) -> None:
        self.path_label.setText(str(self.database_path))
        self.path_label.setToolTip(str(self.database_path))
        title = _("clubdesk — {file}").format(file=self.database_path.name)
        session = self.session
        if session.read_only or session.damaged:
            title += " " + _("(read-only)")
            self.read_only_label.setText(
                _("Damaged: nothing more is written") if session.damaged
                else _("Read-only: changes cannot be saved"))
            self.read_only_label.setToolTip(
                holder_text(self.database_path, session.holder) if session.holder else "")
        self.read_only_label.setVisible(session.read_only or session.damaged)
        self.setWindowTitle(title)

    # -- the file's safety -----------------------------------------------------------------
    def _adopt(self, session: DatabaseSession) -> DatabaseSession:
        session.setParent(self)
        session.backup_made.connect(self._backup_made)
        session.backup_failed.connect(self._backup_failed)
        return session

    def _backup_made(self, backup: Backup) -> None:
        self._show_message(_("Backup made: {path}").format(path=str(backup.path)))

    def _backup_failed(self, message: str) -> None:
        self.statusBar().showMessage(
            _("The automatic backup failed: {reason}").format(reason=message), 30_000)

    def show_backups(self) -> None:
        result = BackupsDialog.ask(self, self.database_path, self.session.read_only)
        if result is not None:
            self._restored(result)

    def _restored(self, result: RestoreResult) -> None:
        """The window on the restored file, and where the file as it was went."""
        self._rebuild_tabs()
        message = _("Backup restored; the file as it was is kept among the backups.")
        if result.damaged_copy is not None:
            message = _("Backup restored; the damaged file is kept as {path}.").format(
                path=result.damaged_copy)
        self._show_message(message)

    def _on_damage(self, detail: str) -> None:
        """Damage found while open: stop writing, then offer the way back."""
        if self._damage_shown or self.session.damaged:
            return
        self._damage_shown = True
        self.session.stop_writes()
        self._show_path()
        backup = newest_sound_backup(self.database_path)
        choice = DamagedDialog.ask(self, self.database_path, detail, backup)
        self._damage_shown = False
        if choice is DamageChoice.RESTORE and backup is not None:
            try:
                result = restore_backup(backup.path, self.database_path)
            except RestoreError as error:
                QMessageBox.critical(self, _("Restore failed"), str(error))
                return
            self.session.recovered()
            self._restored(result)
        elif choice is DamageChoice.OPEN_OTHER:
            self.open_database_dialog()
        elif choice is DamageChoice.QUIT:
            self.close()

    # -- menus -----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        new_action = QAction(_("&New database…"), self)
        new_action.triggered.connect(self.new_database)
        open_action = QAction(_("&Open database…"), self)
        open_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        open_action.triggered.connect(self.open_database_dialog)
        self.import_action = QAction(_("&Import members…"), self)
        self.import_action.triggered.connect(self.import_members)
        self.backups_action = QAction(_("&Backups…"), self)
        self.backups_action.triggered.connect(self.show_backups)
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(new_action)
        file_menu.addAction(open_action)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        options_menu = self.menuBar().addMenu(_("&Options"))
        settings_action = QAction(_("Association &settings…"), self)
        settings_action.triggered.connect(self.edit_settings)
        options_menu.addAction(settings_action)
        audit_action = QAction(_("&Audit log…"), self)
        audit_action.triggered.connect(self.show_audit_log)
        retention_action = QAction(_("&Former members to anonymise…"), self)
        retention_action.triggered.connect(self.review_retention)
        options_menu.addAction(audit_action)
        options_menu.addAction(retention_action)
        options_menu.addSeparator()
        language_menu = options_menu.addMenu(_("&Language"))
        group = QActionGroup(self)
        current = i18n.current_language()
        for code, name in (("fr", "Français"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(_("&Help"))
        about_action = QAction(_("&About clubdesk"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def new_database(self) -> None:
        path, _selected = QFileDialog.getSaveFileName(
            self, _("New database"), str(self.database_path.parent / "association.db"),
            DATABASE_FILTER,
        )
        if path:
            if Path(path).exists():
                QMessageBox.warning(
                    self, _("New database"),
                    _("{path} already exists. Use File > Open to open it.").format(path=path),
                )
                return
            self.switch_database(Path(path))

    def open_database_dialog(self) -> None:
        path, _selected = QFileDialog.getOpenFileName(
            self, _("Open database"), str(self.database_path.parent), DATABASE_FILTER,
        )
        if path:
            self.switch_database(Path(path))

    def switch_database(self, path: Path) -> bool:
        """Open ``path`` instead of the current file; on failure keep the current one."""
        if path.exists() and self.database_path.exists() and path.samefile(self.database_path):
            return True
        if not self.session.backup_before_closing(self):
            return False
        try:
            session = open_session(self, path, self._settings)
        except OpenCancelled:
            open_database(self.database_path, read_only=self.session.read_only)
            return False
        except DatabaseOpenError as error:
            QMessageBox.critical(self, _("Cannot open the database"), str(error))
            open_database(self.database_path, read_only=self.session.read_only)
            return False
        self.session.release()
        self.session.deleteLater()
        self.session = self._adopt(session)
        path = session.path  # a damaged file may have led to another
        self.database_path = path
        self._settings.setValue("database/last", str(path))
        self._rebuild_tabs()
        self.database_changed.emit(path)
        self._show_message(_("Opened {path}").format(path=str(path)))
        return True

    def import_members(self) -> None:
        """The import wizard; the lists and the figures show the new members after it."""
        from clubdesk.ui.importing.import_wizard import ImportWizard

        if ImportWizard.ask(self):
            self.members_tab.reload()
            if self.tabs.currentWidget() is self.dashboard_tab:
                self.dashboard_tab.reload()  # otherwise it recomputes when next shown
            self._show_message(_("Members imported."))

    def show_audit_log(self) -> None:
        from clubdesk.ui.settings.audit_dialog import AuditDialog

        AuditDialog.ask(self)

    def review_retention(self) -> None:
        from clubdesk.ui.settings.retention_dialog import RetentionDialog

        if RetentionDialog.ask(self):
            self.members_tab.reload()

    def edit_settings(self) -> None:
        from clubdesk.ui.settings.settings_dialog import SettingsDialog

        if SettingsDialog.ask(self):
            self._show_message(_("Settings saved."))
            if self.volunteering_tab.is_loaded():
                self.volunteering_tab.reload()  # hours are valued at the new rate

    def choose_language(self, code: str) -> None:
        self._settings.setValue("language", code)
        QMessageBox.information(
            self, _("Language"),
            _("The new language applies the next time clubdesk starts."),
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self, _("About clubdesk"),
            _("<p><b>clubdesk</b> {version}</p><p>Members, meetings, volunteer hours and "
              "referrals of an association.</p><p>Database: {database}</p>").format(
                  version=__version__, database=self.database_path),
        )

    # -- state -----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 720)
        tab = self._settings.value("window/tab", 0)
        try:
            self.tabs.setCurrentIndex(int(tab))
        except (TypeError, ValueError):
            self.tabs.setCurrentIndex(0)

    def save_state(self) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/tab", self.tabs.currentIndex())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.session.backup_before_closing(self):
            event.ignore()
            return
        self.save_state()
        self.session.release()
        super().closeEvent(event)


