"""Figure of the activity report's layout: the PDF from figures already computed.

The floor is reportlab laying out the same rows with no charts, no cover and no styling of
its own: a SimpleDocTemplate with the small tables and one plain Table of every member.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from figures import Context, Samples, figure, last_attended_year, opened_copy, time_into


def _floor(figures: object, output: Path) -> None:
    """The same rows through plain reportlab: one Table a list, default styles."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    from clubdesk.domain.activity.activity_figures import ActivityFigures

    assert isinstance(figures, ActivityFigures)
    small = [
        [[item.label, str(item.value)] for item in figures.membership.by_sector],
        [[item.label, str(item.value)] for item in figures.membership.by_status],
        [[item.label, str(item.value)] for item in figures.meetings.by_kind],
        [[item.label, str(item.value)] for item in figures.volunteering.by_category],
        [[item.label, str(item.value)] for item in figures.volunteering.by_month],
        [[item.month, str(item.given), str(item.won)] for item in figures.referrals.by_month],
    ]
    members = [[f"{m.last_name} {m.first_name}", m.company, str(m.attendance_rate),
                str(m.hours), str(m.referrals_given), str(m.referrals_received),
                str(m.referrals_won), str(m.business_generated)] for m in figures.members]
    story = [Table(rows) for rows in small if rows]
    story.append(Table([["name", "company", "rate", "hours", "given", "received", "won",
                         "business"], *members], repeatRows=1))
    SimpleDocTemplate(str(output), pagesize=A4).build(story)


@figure("activity_report_render")
def activity_report_render(context: Context) -> tuple[Samples, Samples]:
    """The activity report's PDF from prepared figures, against plain reportlab tables."""
    from clubdesk.domain.activity.activity_figures import Period
    from clubdesk.domain.activity.activity_queries import activity_figures
    from clubdesk.i18n import set_language
    from clubdesk.reports.activity_report import build_activity_report_from

    repeat = min(context.repeat, 2) if context.size == "federation" else context.repeat
    samples: Samples = []
    floor: Samples = []
    set_language("fr")
    with opened_copy(context.database):
        figures = activity_figures(Period(*last_attended_year(context.database)))
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "rapport.pdf"
        plain = Path(folder) / "plain.pdf"
        for _ in range(repeat):
            time_into(samples, build_activity_report_from, figures, output)
            time_into(floor, _floor, figures, plain)
    return samples, floor
