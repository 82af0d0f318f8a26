"""What the Events tab asks for: check-in, reports in the background, the calendar file.

The main window creates one of these and connects the tab's signals to it, so the tab knows
nothing of dialogs and reports beyond asking for them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from clubdesk.db import Event
from clubdesk.i18n import _
from clubdesk.ui.common.background import BackgroundTask
from clubdesk.ui.common.period_dialog import PeriodDialog
from clubdesk.ui.common.report_runner import ReportRunner, failure_message


def _slug(text: str) -> str:
    from clubdesk.domain.common.text import fold

    words = "".join(c if c.isalnum() else " " for c in fold(text)).split()
    return "-".join(words)[:60] or "event"


class EventActions(QObject):
    """Carries out the Events tab's requests on behalf of the main window."""

    status_message = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.reports = ReportRunner(window)

    def _event_name(self, event_id: int) -> tuple[str, str]:
        event = Event.get_or_none(Event.id == event_id)
        if event is None:
            return str(event_id), str(event_id)
        return event.title, f"{event.starts_at:%Y-%m-%d}-{_slug(event.title)}"

    def report(self, kind: str, event_id: int) -> BackgroundTask:
        title, stem = self._event_name(event_id)
        if kind == "signin":
            from clubdesk.reports.signin_sheet import build_signin_sheet

            return self.reports.run(
                _("Sign-in sheet — {event}").format(event=title), f"emargement-{stem}.pdf",
                lambda output, progress: build_signin_sheet(event_id, output, progress))
        from clubdesk.reports.event_attendance import build_event_attendance_report

        return self.reports.run(
            _("Attendance — {event}").format(event=title), f"presences-{stem}.pdf",
            lambda output, progress: build_event_attendance_report(event_id, output, progress))

    def period_report(self, period: tuple[dt.date, dt.date] | None = None) -> None:
        period = period or PeriodDialog.ask(self._window, _("Attendance over a period"))
        if period is None:
            return
        first, last = period
        from clubdesk.reports.period_attendance import build_period_attendance_report

        self.reports.run(
            _("Attendance from {start} to {end}").format(start=f"{first:%d/%m/%Y}",
                                                         end=f"{last:%d/%m/%Y}"),
            f"presences-{first:%Y-%m-%d}-{last:%Y-%m-%d}.pdf",
            lambda output, progress: build_period_attendance_report(
                first, last, output, progress))

    def activity_report(self, period) -> BackgroundTask:
        """The activity report of ``period`` (an ``activity_figures.Period``)."""
        from clubdesk.reports.activity_report import build_activity_report

        return self.reports.run(
            _("Activity report from {start} to {end}").format(
                start=f"{period.start:%d/%m/%Y}", end=f"{period.end:%d/%m/%Y}"),
            f"rapport-activite-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.pdf",
            lambda output, progress: build_activity_report(period, output, progress))

    def member_sheet(self, member_id: int, period) -> BackgroundTask:
        """One member's activity sheet over ``period``."""
        from clubdesk.db import Member
        from clubdesk.reports.member_sheet import build_member_sheet

        member = Member.get_or_none(Member.id == member_id)
        name = member.full_name if member else str(member_id)
        return self.reports.run(
            _("Activity of {name}").format(name=name),
            f"activite-{_slug(name)}-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.pdf",
            lambda output, progress: build_member_sheet(member_id, period, output, progress))

    def export_calendar(self, target: str | None = None) -> Path | None:
        from clubdesk.domain.common.files import OutputFileError, write_bytes_atomically
        from clubdesk.domain.common.output_paths import checked_output_path
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
