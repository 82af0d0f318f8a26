"""The attendance report of a period: key figures, events, members to follow up, members.

The members to follow up come before the long table of every member, so that the bureau
finds them on the first pages, even for a federation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from clubdesk.domain.activity.attendance_period import (
    PeriodReport,
    period_report_data,
)
from clubdesk.domain.activity.attendance_report import StatusCounts
from clubdesk.i18n import _, ngettext
from clubdesk.reports.common import Progress, ProgressCallback
from clubdesk.reports.flowables import (
    Cell,
    Styles,
    count_figure,
    data_table,
    heading,
    key_figures,
    make_styles,
    name_cell,
    note,
    title_block,
)
from clubdesk.reports.formatting import (
    DASH,
    capitalized,
    count_words,
    format_date,
    format_date_long,
    format_number,
    format_percent,
    markup,
)
from clubdesk.reports.template import PageSetup, build_report

COUNT_COLUMNS = 6  # expected, in person, substitute, excuses, absences, rate
NUMBER_WIDTH = 0.09  # of the page's width: room for "Absences" or "In person" in the header


def build_period_attendance_report(date_from: dt.date, date_to: dt.date, output: Path,
                                   progress: ProgressCallback | None = None) -> Path:
    """Write the attendance report of the period (both days included) to ``output``.

    Raises :class:`~clubdesk.domain.activity.attendance_period.InvalidPeriodError`,
    :class:`~clubdesk.reports.common.ReportCancelled` or
    :class:`~clubdesk.reports.common.ReportOutputError`.
    """
    data = period_report_data(date_from, date_to)
    setup = PageSetup(data.association.name, data.association.logo, _("Attendance report"),
                      period_label(date_from, date_to))
    rows = len(data.events) + len(data.members) + len(data.flagged)

    def story(width: float, tracker: Progress) -> list[Flowable]:
        return _story(data, width, tracker)

    return build_report(Path(output), setup, story, rows, progress)


def period_label(date_from: dt.date, date_to: dt.date) -> str:
    """"Du 1er décembre 2025 au 30 novembre 2026"."""
    return _("From {start} to {end}").format(start=format_date_long(date_from, weekday=False),
                                            end=format_date_long(date_to, weekday=False))


def _story(data: PeriodReport, width: float, tracker: Progress) -> list[Flowable]:
    styles = make_styles()
    totals = data.totals
    members = len(data.members)
    story: list[Flowable] = title_block(
        _("Attendance report"), period_label(data.date_from, data.date_to), [], styles)
    story.append(key_figures([
        count_figure(data.events_held, ngettext("{n} event held",
                                                "{n} events held", data.events_held)),
        count_figure(members, ngettext("{n} member expected", "{n} members expected", members)),
        count_figure(totals.attended, ngettext("{n} attendance",
                                               "{n} attendances", totals.attended)),
        count_figure(totals.substitute,
                     ngettext("{n} substitute", "{n} substitutes", totals.substitute)),
        count_figure(totals.excused, ngettext("{n} excused", "{n} excused", totals.excused)),
        count_figure(totals.absent, ngettext("{n} absent", "{n} absent", totals.absent)),
        count_figure(data.guests, ngettext("{n} guest", "{n} guests", data.guests)),
        (format_percent(totals.rate), _("Attendance rate")),
    ], width, styles))
    story.append(note(_(
        "Over the events of the period whose attendance was taken. Attendances: members "
        "present or late. A member who sent a substitute is counted apart, neither present "
        "nor absent. Attendance rate: attendances over members expected, event by event."),
        styles))
    story += _events(data, width, styles, tracker)
    story += _flagged(data, width, styles, tracker)
    title = _("Attendance by member")
    story += heading(f"{title} ({format_number(members)})", styles)
    rows: list[list[Cell]] = [
        [name_cell(member.person.last_name, member.person.first_name),
         member.person.company, *_counts(member.counts)]
        for member in data.members
    ]
    story.append(data_table(
        [_("Name"), _("Company"), *_count_header()], rows,
        [0.26, 0.2, *[NUMBER_WIDTH] * COUNT_COLUMNS], width, styles,
        numeric=range(2, 2 + COUNT_COLUMNS), progress=tracker))
    story.append(note(_(
        "Expected: the events of the period whose attendance list held the member. In "
        "person: present or late. Subst.: sent a substitute. Excuses: absent with an excuse. "
        "Absences: absent without excuse. Rate: in person over expected."), styles))
    return story


def _count_header() -> list[str]:
    return [_("Expected"), _("In person"), _("Subst."), _("Excuses"), _("Absences"),
            _("Rate")]


def _counts(counts: StatusCounts) -> list[Cell]:
    """The six count columns; dashes when nobody was expected."""
    if not counts.expected:
        return [DASH] * COUNT_COLUMNS
    return [format_number(counts.expected), format_number(counts.attended),
            format_number(counts.substitute), format_number(counts.excused),
            format_number(counts.absent), format_percent(counts.rate)]


def _events(data: PeriodReport, width: float, styles: Styles,
            tracker: Progress) -> list[Flowable]:
    count = len(data.events)
    title = capitalized(count_words(ngettext("{n} event", "{n} events", count), count))
    story = heading(f"{title} ({format_number(count)})", styles)
    rows: list[list[Cell]] = [
        [format_date(item.event.starts_at.date()), item.event.title, *_counts(item.counts),
         format_number(item.guests)]
        for item in data.events
    ]
    story.append(data_table(
        [_("Date"), _("Event"), *_count_header(), _("Guests")], rows,
        [0.13, 0.24, *[NUMBER_WIDTH] * (COUNT_COLUMNS + 1)], width, styles,
        numeric=range(2, 3 + COUNT_COLUMNS), progress=tracker))
    story.append(note(_(
        "Expected: the members on the event's attendance list. In person: present or late. "
        "Subst.: members who sent a substitute. Excuses and Absences: members absent with "
        "and without an excuse. Rate: in person over expected. A dash: the attendance of the "
        "event was not taken (yet)."), styles))
    return story


def _flagged(data: PeriodReport, width: float, styles: Styles,
             tracker: Progress) -> list[Flowable]:
    alert, flagged = data.alert, data.flagged
    title = _("Members to follow up")
    story = heading(f"{title} ({format_number(len(flagged))})", styles)
    if flagged:
        rows: list[list[Cell]] = [
            [name_cell(member.person.last_name, member.person.first_name),
             member.person.company, format_number(member.recent_absences),
             format_date(member.last_attended) if member.last_attended else DASH,
             format_percent(member.counts.rate)]
            for member in flagged
        ]
        story.append(data_table(
            [_("Name"), _("Company"), _("Recent absences"), _("Last attended"), _("Rate")],
            rows, [0.3, 0.3, 0.13, 0.17, 0.1], width, styles, numeric={2, 3, 4},
            progress=tracker))
    else:
        story.append(Paragraph(markup(_("No member is flagged.")), styles.body))
    story.append(note(ngettext("To follow up: more than {n} absence without excuse from {start} "
                               "to {end} (the alert window of the association's settings, within "
                               "the period). Recent absences: those absences. Excuses and "
                               "substitutes are not counted. Last attended: the member's last "
                               "event of the period attended in person.",
                               "To follow up: more than {n} absences without excuse from {start} "
                               "to {end} (the alert window of the association's settings, within "
                               "the period). Recent absences: those absences. Excuses and "
                               "substitutes are not counted. Last attended: the member's last "
                               "event of the period attended in person.", alert.count).format(
            start=format_date(alert.window_start), end=format_date(alert.window_end)),
        styles))
    return story
