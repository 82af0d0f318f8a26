"""The attendance report of one event: counts, the lists by status, guests, quorum, proxies."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from clubdesk.domain.activity.attendance_report import (
    STATUS_ORDER,
    AttendanceLine,
    EventReport,
    NotEntitledLine,
    event_report_data,
)
from clubdesk.domain.common.codes import AttendanceStatus
from clubdesk.domain.common.labels import attendance_status_label
from clubdesk.domain.events.general_assembly import QuorumResult
from clubdesk.i18n import _, ngettext
from clubdesk.reports.common import Progress, ProgressCallback
from clubdesk.reports.flowables import (
    BAD,
    GOOD,
    Cell,
    Styles,
    colour_hex,
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
    format_money,
    format_number,
    format_percent,
    format_when,
    markup,
)
from clubdesk.reports.template import PageSetup, build_report


def build_event_attendance_report(event_id: int, output: Path,
                                  progress: ProgressCallback | None = None) -> Path:
    """Write the attendance report of ``event_id`` to ``output`` (PDF); return ``output``.

    Raises :class:`~clubdesk.domain.activity.attendance_report.UnknownEventError`,
    :class:`~clubdesk.reports.common.ReportCancelled` or
    :class:`~clubdesk.reports.common.ReportOutputError`.
    """
    data = event_report_data(event_id)
    setup = PageSetup(data.association.name, data.association.logo, _("Attendance report"),
                      data.event.title)
    rows = (data.counts.expected + len(data.guests) + len(data.proxies)
            + len(data.not_entitled))

    def story(width: float, tracker: Progress) -> list[Flowable]:
        return _story(data, width, tracker)

    return build_report(Path(output), setup, story, rows, progress)


def _story(data: EventReport, width: float, tracker: Progress) -> list[Flowable]:
    styles = make_styles()
    event, counts = data.event, data.counts
    story: list[Flowable] = title_block(
        _("Attendance report"), event.title,
        [format_when(event.starts_at, event.ends_at), event.location], styles)
    story.append(key_figures([
        count_figure(counts.expected, ngettext("{n} member expected",
                                               "{n} members expected", counts.expected)),
        *(count_figure(counts.of(status), _status_count(status, counts.of(status)))
          for status in STATUS_ORDER),
        count_figure(len(data.guests), ngettext("{n} guest", "{n} guests", len(data.guests))),
        (format_percent(counts.rate), _("Attendance rate")),
    ], width, styles))
    if counts.expected:
        story.append(note(_(
            "Expected: the members on the event's attendance list. Attendance rate: members "
            "present or late over members expected; a member who sent a substitute is not "
            "counted as attending."), styles))
    else:
        story.append(note(_("The attendance of this event has not been taken."), styles))
    if data.quorum is not None:
        story += _quorum(data.quorum, width, styles)
    if data.not_entitled:
        story += _not_entitled(data.not_entitled, data.quorum, width, styles, tracker)
    for status in STATUS_ORDER:
        lines = data.lines.get(status, [])
        if lines:
            story += heading(_counted_heading(_status_count(status, len(lines)), len(lines)),
                             styles)
            story.append(_status_table(status, lines, width, styles, tracker))
    if data.guests:
        count = len(data.guests)
        story += heading(_counted_heading(ngettext("{n} guest",
                                                   "{n} guests", count), count), styles)
        rows: list[list[Cell]] = [
            [guest.name, guest.company,
             name_cell(guest.invited_by.last_name, guest.invited_by.first_name)
             if guest.invited_by else "",
             _("Yes") if guest.joined else ""]
            for guest in data.guests
        ]
        story.append(data_table(
            [_("Name"), _("Company"), _("Invited by"), _("Became a member")], rows,
            [0.3, 0.3, 0.26, 0.14], width, styles, progress=tracker))
    if data.proxies:
        count = len(data.proxies)
        story += heading(_counted_heading(ngettext("{n} proxy",
                                                   "{n} proxies", count), count), styles)
        rows = [
            [name_cell(proxy.giver.last_name, proxy.giver.first_name),
             name_cell(proxy.holder.last_name, proxy.holder.first_name),
             _("Yes") if proxy.counted else _("No")]
            for proxy in data.proxies
        ]
        story.append(data_table([_("Given by"), _("Held by"), _("Counted")], rows,
                                [0.42, 0.42, 0.16], width, styles, progress=tracker))
        story.append(note(_(
            "A proxy is counted when the member who gave it is absent or excused and the "
            "member holding it is present or late."), styles))
    return story


def _status_count(status: str, count: int) -> str:
    """"22 excused": the count of one attendance status, in words."""
    texts = {
        AttendanceStatus.PRESENT: ngettext("{n} present", "{n} present", count),
        AttendanceStatus.LATE: ngettext("{n} late", "{n} late", count),
        AttendanceStatus.SUBSTITUTE: ngettext("{n} substitute", "{n} substitutes", count),
        AttendanceStatus.EXCUSED: ngettext("{n} excused", "{n} excused", count),
        AttendanceStatus.ABSENT: ngettext("{n} absent", "{n} absent", count),
    }
    return texts[status]


def _counted_heading(text: str, count: int) -> str:
    """"Excusés (22)" from "22 excusés": a section title with its count."""
    return f"{capitalized(count_words(text, count))} ({format_number(count)})"


def _quorum(result: QuorumResult, width: float, styles: Styles) -> list[Flowable]:
    values = {"counted": format_number(result.counted),
              "required": format_number(result.required), "year": result.dues_year}
    if result.dues_only and result.reached:
        verdict = ngettext(
            "Quorum reached: {counted} of {n} member up to date with their {year} dues "
            "entitled to vote, at least {required} needed.",
            "Quorum reached: {counted} of {n} members up to date with their {year} dues "
            "entitled to vote, at least {required} needed.", result.entitled).format(**values)
    elif result.dues_only:
        verdict = ngettext(
            "Quorum not reached: {counted} of {n} member up to date with their {year} dues "
            "entitled to vote, at least {required} needed.",
            "Quorum not reached: {counted} of {n} members up to date with their {year} dues "
            "entitled to vote, at least {required} needed.", result.entitled).format(**values)
    elif result.reached:
        verdict = ngettext(
            "Quorum reached: {counted} of {n} member entitled to vote, at least {required} "
            "needed.",
            "Quorum reached: {counted} of {n} members entitled to vote, at least {required} "
            "needed.", result.entitled).format(**values)
    else:
        verdict = ngettext(
            "Quorum not reached: {counted} of {n} member entitled to vote, at least "
            "{required} needed.",
            "Quorum not reached: {counted} of {n} members entitled to vote, at least "
            "{required} needed.", result.entitled).format(**values)
    colour = colour_hex(GOOD if result.reached else BAD)
    return [
        *heading(_("Quorum"), styles),
        Paragraph(f'<font color="{colour}"><b>{markup(verdict)}</b></font>', styles.body),
        Spacer(1, 2 * mm),
        key_figures([
            count_figure(result.entitled, ngettext("{n} entitled to vote",
                                                   "{n} entitled to vote", result.entitled)),
            count_figure(result.present, ngettext("{n} present", "{n} present", result.present)),
            count_figure(result.represented,
                         ngettext("{n} represented", "{n} represented", result.represented)),
            count_figure(result.counted, ngettext("{n} vote counted",
                                                  "{n} votes counted", result.counted)),
            (format_number(result.required),
             _("needed ({share} of those entitled)").format(
                 share=format_percent(result.share))),
        ], width, styles),
        note(_quorum_definition(result), styles),
    ]


def _quorum_definition(result: QuorumResult) -> str:
    if result.dues_only:
        return _("Entitled to vote: the members on the attendance list (before check-in, the "
                 "active members) up to date with their dues for the fiscal year {year} — "
                 "paid, exempt or owing nothing —, as the statutes require. Present: present "
                 "or late. Represented: absent or excused, with a proxy held by a member "
                 "present and entitled to vote. Substitutes do not vote. Needed: the quorum "
                 "share of those entitled, rounded up.").format(year=result.dues_year)
    return _("Entitled to vote: the members on the attendance list (before check-in, the "
             "active members). Present: present or late. Represented: absent or excused, "
             "with a proxy held by a member present. Substitutes do not vote. Needed: the "
             "quorum share of those entitled, rounded up.")


def _not_entitled(lines: list[NotEntitledLine], result: QuorumResult | None, width: float,
                  styles: Styles, tracker: Progress) -> list[Flowable]:
    """The members on the list who may not vote, with what they still owe."""
    count = len(lines)
    year = result.dues_year if result is not None else ""
    story = heading(_counted_heading(ngettext("{n} member not entitled to vote",
                                              "{n} members not entitled to vote", count),
                                     count), styles)
    rows: list[list[Cell]] = [
        [name_cell(line.person.last_name, line.person.first_name), line.person.company,
         attendance_status_label(line.status),
         format_money(line.owed) if line.owed else DASH]
        for line in lines
    ]
    story.append(data_table([_("Name"), _("Company"), _("Status"), _("Still owed")],
                            rows, [0.34, 0.32, 0.16, 0.18], width, styles, numeric={3},
                            progress=tracker))
    story.append(note(_("Members on the list who are not up to date with their dues for the "
                        "fiscal year {year}: they may attend, but neither vote nor count for "
                        "the quorum. Still owed: what remains of their dues for the year, "
                        "as recorded when the report was printed; a dash: nothing was asked "
                        "of them that year.").format(year=year), styles))
    return story


def _status_table(status: str, lines: list[AttendanceLine], width: float, styles: Styles,
                  tracker: Progress) -> Flowable:
    extra = {AttendanceStatus.SUBSTITUTE: _("Substitute's name"),
             AttendanceStatus.EXCUSED: _("Reason")}.get(status)
    header = [_("Name"), _("Company")] + ([extra] if extra else [])
    widths = [0.36, 0.34, 0.30] if extra else [0.45, 0.55]
    rows: list[list[Cell]] = []
    for line in lines:
        row: list[Cell] = [name_cell(line.person.last_name, line.person.first_name),
                           line.person.company]
        if status == AttendanceStatus.SUBSTITUTE:
            row.append(line.substitute_name)
        elif status == AttendanceStatus.EXCUSED:
            row.append(line.note)
        rows.append(row)
    return data_table(header, rows, widths, width, styles, progress=tracker)
