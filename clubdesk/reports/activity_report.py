"""The year's activity report (rapport d'activité) printed for the general assembly.

A cover, the year in figures, one section per area (membership, meetings, volunteering,
referrals), the network's health with each indicator defined under it, and the activity of
every member. The figures come computed (:class:`ActivityFigures`); this module lays out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Flowable

from clubdesk.domain.activity.activity_figures import ActivityFigures, Period
from clubdesk.domain.activity.activity_queries import ActivityCancelled, activity_figures
from clubdesk.domain.common.settings import load_settings
from clubdesk.i18n import _
from clubdesk.reports import activity_sections as sections
from clubdesk.reports.common import Progress, ProgressCallback, ReportCancelled
from clubdesk.reports.flowables import make_styles
from clubdesk.reports.template import PageSetup, build_report

# The small tables and charts before the member table, in rows for the progress.
FIXED_ROWS = 40


def build_activity_report(period: Period, output: Path,
                          progress: ProgressCallback | None = None) -> Path:
    """Compute the figures of ``period`` and write the activity report to ``output``.

    The computation counts for the first half of the progress, the layout for the second.
    Raises :class:`~clubdesk.domain.activity.attendance_period.InvalidPeriodError`,
    :class:`ReportCancelled` or :class:`~clubdesk.reports.common.ReportOutputError`.
    """
    first, second = _halves(progress)
    try:
        figures = activity_figures(period, progress=first)
    except ActivityCancelled as error:
        raise ReportCancelled() from error
    return build_activity_report_from(figures, output, second, logo=load_settings().logo)


def _halves(progress: ProgressCallback | None
            ) -> tuple[ProgressCallback | None, ProgressCallback | None]:
    """Two callbacks sharing one bar: the first fills it to half, the second to the end."""
    if progress is None:
        return None, None
    scale = 1000

    def first(done: int, total: int) -> bool:
        return progress(done * scale // max(total, 1), 2 * scale) is not False

    def second(done: int, total: int) -> bool:
        return progress(scale + done * scale // max(total, 1), 2 * scale) is not False

    return first, second


def build_activity_report_from(figures: ActivityFigures, output: Path,
                               progress: ProgressCallback | None = None,
                               logo: bytes | None = None,
                               printed_at: dt.datetime | None = None) -> Path:
    """Lay out ``figures`` into the PDF ``output`` (atomically); return its path."""
    printed_at = printed_at or dt.datetime.now()
    setup = PageSetup(figures.association, logo, _("Activity report"),
                      sections.period_words(figures.period), printed_at)

    def story(width: float, tracker: Progress) -> list[Flowable]:
        return activity_story(figures, width, tracker, logo, printed_at)

    return build_report(Path(output), setup, story, len(figures.members) + FIXED_ROWS,
                        progress)


def activity_story(figures: ActivityFigures, width: float, tracker: Progress,
                   logo: bytes | None, printed_at: dt.datetime) -> list[Flowable]:
    """Every flowable of the report, in reading order."""
    styles = make_styles()
    story = sections.cover(figures, logo, printed_at, width)
    story += sections.key_figures_band(figures, width, styles)
    for section in (sections.membership, sections.bureau, sections.meetings,
                    sections.volunteering, sections.referrals):
        story += section(figures, width, styles)
        tracker.advance(FIXED_ROWS // 6)
        tracker.check()
    story += sections.health(figures, width, styles)
    story += sections.member_table(figures, width, styles, tracker)
    return story
