"""The main window: the tabs, the menus, and the only place that wires features together.

A feature asks for another one through a signal ("show this member", "check in at this
event", "the dashboard's figures behind this card"); the window connects the signal to the
tab that answers. The file itself (switching, backups, damage) is
:class:`~clubdesk.ui.window_file.WindowFile`'s; the menu bar is
:class:`~clubdesk.ui.window_menu.MainMenu`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from clubdesk import __version__, i18n
from clubdesk.domain.activity.activity_figures import Period
from clubdesk.i18n import _, ngettext
from clubdesk.ui.activity_reports import ActivityReports
from clubdesk.ui.common.palette import Role, hex_colour
from clubdesk.ui.common.period_dialog import PeriodDialog
from clubdesk.ui.dashboard.dashboard_tab import DashboardTab
from clubdesk.ui.events.event_actions import EventActions
from clubdesk.ui.events.events_tab import EventsTab
from clubdesk.ui.members.members_tab import MembersTab
from clubdesk.ui.referrals.referrals_tab import ReferralsTab
from clubdesk.ui.safety.lock_prompt import holder_text
from clubdesk.ui.safety.session import DatabaseSession
from clubdesk.ui.volunteering.volunteering_tab import VolunteeringTab
from clubdesk.ui.window_file import MESSAGE_MS, WindowFile
from clubdesk.ui.window_menu import MainMenu

# Fusion clips the accent of a capital letter on unselected tabs ("Événements" shows as
# "Evénements"); tabs with their own padding keep the whole glyph.
TAB_STYLE = (
    "QTabBar::tab { padding: 5px 14px; border: 1px solid palette(mid); border-bottom: none;"
    " background: palette(button); margin-right: 2px; border-top-left-radius: 4px;"
    " border-top-right-radius: 4px; }"
    " QTabBar::tab:selected { background: palette(base); }"
    " QTabBar::tab:!selected { margin-top: 2px; }"
)


def notice_style() -> str:
    """The band in the status bar that says the file is read-only or damaged."""
    return (f"QLabel {{ background: {hex_colour(Role.NOTICE)};"
            f" color: {hex_colour(Role.NOTICE_TEXT)}; padding: 1px 6px; }}")


class MainWindow(QMainWindow):
    """Holds the tabs; switching database rebuilds them on the new file."""

    database_changed = Signal(Path)

    def __init__(self, database_path: Path, settings: QSettings,
                 parent: QWidget | None = None,
                 session: DatabaseSession | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setMinimumSize(760, 480)
        self.file = WindowFile(self, session or DatabaseSession(database_path), settings)
        self.file.reopened.connect(self._reopened)
        self.file.state_changed.connect(self._show_path)
        self.file.message.connect(self.statusBar().showMessage)
        self.file.quit_requested.connect(self.close)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setStyleSheet(TAB_STYLE)
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.count_label = QLabel()
        self.path_label = QLabel()
        self.read_only_label = QLabel()
        self.read_only_label.setStyleSheet(notice_style())
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.path_label)

        self.menu = self._build_menu()
        self.import_action = self.menu.import_action
        self._rebuilding = True  # adding the first tab makes it current: not yet
        self._build_tabs()
        self._restore_state()
        self._rebuilding = False
        # The figures are computed when the dashboard is seen, not behind another tab.
        self._tab_shown(self.tabs.currentIndex())

    @property
    def session(self) -> DatabaseSession:
        return self.file.session

    @property
    def database_path(self) -> Path:
        return self.file.path

    def _build_menu(self) -> MainMenu:
        menu = MainMenu(i18n.current_language(), self)
        menu.new_database_requested.connect(self.file.new_database)
        menu.open_database_requested.connect(self.file.open_database_dialog)
        menu.import_requested.connect(self.import_members)
        menu.import_payments_requested.connect(self.import_payments)
        menu.backups_requested.connect(self.file.show_backups)
        menu.quit_requested.connect(self.close)
        menu.settings_requested.connect(self.edit_settings)
        menu.audit_log_requested.connect(self.show_audit_log)
        menu.retention_requested.connect(self.review_retention)
        menu.language_chosen.connect(self.choose_language)
        menu.about_requested.connect(self.show_about)
        self.setMenuBar(menu)
        return menu

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
        self.volunteering_tab.entries_changed.connect(self.members_tab.refresh_detail)
        self.referrals_tab.referrals_changed.connect(self.members_tab.refresh_detail)
        self._show_path()
        self.members_tab.reload()
        self.session.check_in_background()

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
        period = PeriodDialog.ask(self, _("Activity sheet"))
        if period is not None:
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

    def _check_in(self, event_id: int) -> None:
        # A dialog loaded when first opened, not with the window: the window starts 0.1 s
        # sooner (tests/bench, startup_members_tab).
        from clubdesk.ui.events.checkin.checkin_dialog import CheckinDialog

        if CheckinDialog.ask(self, event_id):
            self.events_tab.refresh_event(event_id)
            self.members_tab.reload()  # a guest may have become a member

    def _reopened(self, path: Path) -> None:
        """Another file, or this one restored: every tab starts again on it."""
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
        self.database_changed.emit(path)

    # -- status bar and title --------------------------------------------------------------
    def _show_member_count(self, shown: int, total: int) -> None:
        self.count_label.setText(ngettext("{n} member", "{n} members", total))

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    def _show_path(self) -> None:
        path = self.database_path
        self.path_label.setText(str(path))
        self.path_label.setToolTip(str(path))
        title = _("clubdesk — {file}").format(file=path.name)
        session = self.session
        if session.read_only or session.damaged:
            title += " " + _("(read-only)")
            self.read_only_label.setText(
                _("Damaged: nothing more is written") if session.damaged
                else _("Read-only: changes cannot be saved"))
            self.read_only_label.setToolTip(
                holder_text(path, session.holder) if session.holder else "")
        self.read_only_label.setVisible(session.read_only or session.damaged)
        self.setWindowTitle(title)

    # -- the file --------------------------------------------------------------------------
    def switch_database(self, path: Path) -> bool:
        """Open ``path`` instead of the current file; on failure keep the current one."""
        return self.file.switch_to(path)

    # -- what the menus ask for ------------------------------------------------------------
    def import_members(self) -> None:
        """The import wizard; the lists and the figures show the new members after it."""
        # A dialog loaded when first opened, not with the window: the window starts 0.1 s
        # sooner (tests/bench, startup_members_tab).
        from clubdesk.ui.importing.import_wizard import ImportWizard

        if ImportWizard.ask(self):
            self.members_tab.reload()
            if self.tabs.currentWidget() is self.dashboard_tab:
                self.dashboard_tab.reload()  # otherwise it recomputes when next shown
            self._show_message(_("Members imported."))

    def import_payments(self) -> None:
        """The payment import; the lists and the figures show the dues paid after it."""
        # A dialog loaded when first opened, not with the window: the window starts sooner.
        from clubdesk.ui.importing.payment_import_dialog import PaymentImportDialog

        if PaymentImportDialog.ask(self):
            self.members_tab.reload()  # members created, dues now paid
            if self.tabs.currentWidget() is self.dashboard_tab:
                self.dashboard_tab.reload()  # otherwise it recomputes when next shown
            self._show_message(_("Payments imported."))

    def show_audit_log(self) -> None:
        # A dialog loaded when first opened, not with the window: the window starts 0.1 s
        # sooner (tests/bench, startup_members_tab).
        from clubdesk.ui.settings.audit_dialog import AuditDialog

        AuditDialog.ask(self)

    def review_retention(self) -> None:
        # A dialog loaded when first opened, not with the window: the window starts 0.1 s
        # sooner (tests/bench, startup_members_tab).
        from clubdesk.ui.settings.retention_dialog import RetentionDialog

        if RetentionDialog.ask(self):
            self.members_tab.reload()

    def edit_settings(self) -> None:
        # A dialog loaded when first opened, not with the window: the window starts 0.1 s
        # sooner (tests/bench, startup_members_tab).
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
        if not self.file.may_close():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
