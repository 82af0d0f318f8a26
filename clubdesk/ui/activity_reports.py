"""The reports that belong to no single feature: the association's activity report, asked
for from the dashboard, and one member's activity sheet, asked for from the Members tab.

The main window owns one :class:`ActivityReports` and connects those requests to it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from clubdesk.domain.activity.activity_figures import Period
from clubdesk.domain.members.members import MemberNotFoundError, member_input
from clubdesk.i18n import _
from clubdesk.ui.common.background import BackgroundTask
from clubdesk.ui.common.report_runner import ReportRunner, file_slug


def member_name(member_id: int) -> str:
    """The member's first and last names; their number when they are gone."""
    try:
        member = member_input(member_id)
    except MemberNotFoundError:  # the sheet says so when it is built
        return str(member_id)
    return f"{member.first_name} {member.last_name}".strip()


class ActivityReports(QObject):
    """Builds the activity report and the member sheets in the background, then previews
    them."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.reports = ReportRunner(window)

    def activity_report(self, period: Period) -> BackgroundTask:
        """The activity report of ``period``."""
        # reportlab takes a while to load: only when a report is asked for.
        from clubdesk.reports.activity_report import build_activity_report

        return self.reports.run(
            _("Activity report from {start} to {end}").format(
                start=f"{period.start:%d/%m/%Y}", end=f"{period.end:%d/%m/%Y}"),
            f"rapport-activite-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.pdf",
            lambda output, progress: build_activity_report(period, output, progress))

    def member_sheet(self, member_id: int, period: Period) -> BackgroundTask:
        """One member's activity sheet over ``period``."""
        # reportlab takes a while to load: only when a report is asked for.
        from clubdesk.reports.member_sheet import build_member_sheet

        name = member_name(member_id)
        return self.reports.run(
            _("Activity of {name}").format(name=name),
            f"activite-{file_slug(name, 'member')}-{period.start:%Y-%m-%d}-"
            f"{period.end:%Y-%m-%d}.pdf",
            lambda output, progress: build_member_sheet(member_id, period, output, progress))
