"""What the Events tab asks for: its reports, built in the background, and the calendar file.

The main window creates one of these and connects the tab's signals to it, so the tab knows
nothing of reports beyond asking for them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from clubdesk.domain.common.files import OutputFileError, write_bytes_atomically
from clubdesk.domain.common.output_paths import checked_output_path
from clubdesk.domain.events.events import EventNotFoundError, event_input
from clubdesk.i18n import _
from clubdesk.ui.common.background import BackgroundTask
from clubdesk.ui.common.period_dialog import PeriodDialog
from clubdesk.ui.common.report_runner import ReportRunner, failure_message, file_slug


class EventActions(QObject):
    """Carries out the Events tab's requests on behalf of the main window."""

    status_message = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.reports = ReportRunner(window)

    def _event_name(self, event_id: int) -> tuple[str, str]:
        """The event's title, and the stem of its reports' file names."""
        try:
            event = event_input(event_id)
        except EventNotFoundError:  # the report says so when it is built
            return str(event_id), str(event_id)
        return event.title, f"{event.starts_at:%Y-%m-%d}-{file_slug(event.title, 'event')}"

    def report(self, kind: str, event_id: int) -> BackgroundTask:
        """The sign-in sheet (``kind`` "signin") or the attendance report of ``event_id``."""
        title, stem = self._event_name(event_id)
        if kind == "signin":
            # reportlab takes a while to load: only when a report is asked for.
            from clubdesk.reports.signin_sheet import build_signin_sheet

            return self.reports.run(
                _("Sign-in sheet — {event}").format(event=title), f"emargement-{stem}.pdf",
                lambda output, progress: build_signin_sheet(event_id, output, progress))
        # reportlab takes a while to load: only when a report is asked for.
        from clubdesk.reports.event_attendance import build_event_attendance_report

        return self.reports.run(
            _("Attendance — {event}").format(event=title), f"presences-{stem}.pdf",
            lambda output, progress: build_event_attendance_report(event_id, output, progress))

    def period_report(self, period: tuple[dt.date, dt.date] | None = None) -> None:
        period = period or PeriodDialog.ask(self._window, _("Attendance over a period"))
        if period is None:
            return
        first, last = period
        # reportlab takes a while to load: only when a report is asked for.
        from clubdesk.reports.period_attendance import build_period_attendance_report

        self.reports.run(
            _("Attendance from {start} to {end}").format(start=f"{first:%d/%m/%Y}",
                                                         end=f"{last:%d/%m/%Y}"),
            f"presences-{first:%Y-%m-%d}-{last:%Y-%m-%d}.pdf",
            lambda output, progress: build_period_attendance_report(
                first, last, output, progress))

    def export_calendar(self, target: str | None = None) -> Path | None:
        # icalendar takes a while to load: only when the calendar is exported.
        from clubdesk.domain.exchange.calendar_export import events_calendar

        if target is None:
            target, _selected = QFileDialog.getSaveFileName(
                self._window, _("Export the calendar"), "agenda.ics",
                _("Calendar (*.ics)"))
        if not target:
            return None
        try:
            path = checked_output_path(target, (".ics",))
            write_bytes_atomically(path, events_calendar())
        except (OutputFileError, OSError) as error:
            QMessageBox.warning(self._window, _("Export the calendar"),
                                failure_message(error))
            return None
        self.status_message.emit(_("Calendar written to {path}").format(path=str(path)))
        return path
