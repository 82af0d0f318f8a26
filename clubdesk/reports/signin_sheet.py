"""The sign-in sheet (feuille d'émargement) of an event, printed before it starts.

One row a member expected, tall enough to sign; for a general assembly, the member holding
each proxy already recorded and, when only members up to date with their dues vote, whether
each one does. Then the guests already known and blank rows for the others.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from clubdesk.domain.activity.attendance_report import SigninSheet, signin_sheet_data
from clubdesk.i18n import _, ngettext
from clubdesk.reports.common import Progress, ProgressCallback
from clubdesk.reports.flowables import (
    Cell,
    Markup,
    data_table,
    heading,
    make_styles,
    name_cell,
    note,
    title_block,
)
from clubdesk.reports.formatting import format_when, markup
from clubdesk.reports.template import PageSetup, build_report

SIGNATURE_ROW = 13 * mm  # room for a signature
BLANK_GUEST_ROWS = 6


def build_signin_sheet(event_id: int, output: Path,
                       progress: ProgressCallback | None = None) -> Path:
    """Write the sign-in sheet of ``event_id`` to ``output`` (PDF); return ``output``.

    Raises :class:`~clubdesk.domain.activity.attendance_report.UnknownEventError`,
    :class:`~clubdesk.reports.common.ReportCancelled` or
    :class:`~clubdesk.reports.common.ReportOutputError`.
    """
    data = signin_sheet_data(event_id)
    setup = PageSetup(data.association.name, data.association.logo, _("Sign-in sheet"),
                      data.event.title)
    rows = len(data.lines) + len(data.guests) + BLANK_GUEST_ROWS

    def story(width: float, tracker: Progress) -> list[Flowable]:
        return _story(data, width, tracker)

    return build_report(Path(output), setup, story, rows, progress)


def _story(data: SigninSheet, width: float, tracker: Progress) -> list[Flowable]:
    styles = make_styles()
    event = data.event
    story: list[Flowable] = title_block(
        _("Sign-in sheet"), event.title,
        [format_when(event.starts_at, event.ends_at), event.location], styles)
    expected = len(data.lines)
    expected_text = ngettext("{n} member expected", "{n} members expected", expected)
    story.append(Paragraph(f"<b>{markup(expected_text)}</b>", styles.body))
    if not data.roster_started:
        story.append(note(_("The attendance list has not been started: every active member "
                            "is listed."), styles))
    assembly = event.is_general_assembly
    dues_only = assembly and bool(data.dues_year)
    if dues_only:
        voters = data.voters
        story.append(Paragraph(markup(ngettext(
            "{n} of them is up to date with their {year} dues and entitled to vote.",
            "{n} of them are up to date with their {year} dues and entitled to vote.",
            voters).format(year=data.dues_year)), styles.body))
        story.append(note(_("Votes: “No” for a member not up to date with their dues for the "
                            "fiscal year {year} when the sheet was printed: they sign, but "
                            "neither vote nor count for the quorum, unless they pay before "
                            "the vote.").format(year=data.dues_year), styles))
        header = [_("No."), _("Name"), _("Company"), _("Votes"), _("Proxy given to"),
                  _("Signature")]
        widths = [0.06, 0.24, 0.19, 0.08, 0.18, 0.25]
    elif assembly:
        header = [_("No."), _("Name"), _("Company"), _("Proxy given to"), _("Signature")]
        widths = [0.06, 0.26, 0.22, 0.19, 0.27]
    else:
        header = [_("No."), _("Name"), _("Company"), _("Signature")]
        widths = [0.06, 0.31, 0.27, 0.36]
    rows: list[list[Cell]] = []
    for line in data.lines:
        person = line.person
        row: list[Cell] = [str(line.number), name_cell(person.last_name, person.first_name),
                           person.company]
        if dues_only:  # "No" in bold: the one to see at the door
            row.append(_("Yes") if line.votes else Markup(f"<b>{markup(_('No'))}</b>"))
        if assembly:
            holder = line.proxy_to
            row.append(name_cell(holder.last_name, holder.first_name) if holder else "")
        row.append("")
        rows.append(row)
    story.append(Spacer(1, 2 * mm))
    story.append(data_table(header, rows, widths, width, styles, numeric={0},
                            progress=tracker, min_row_height=SIGNATURE_ROW, grid=True))
    story += heading(_("Guests"), styles)
    guest_rows: list[list[Cell]] = [
        [guest.name, guest.company,
         name_cell(guest.invited_by.last_name, guest.invited_by.first_name)
         if guest.invited_by else "", ""]
        for guest in data.guests
    ]
    guest_rows += [["", "", "", ""] for _blank in range(BLANK_GUEST_ROWS)]
    story.append(data_table([_("Name"), _("Company"), _("Invited by"), _("Signature")],
                            guest_rows, [0.27, 0.24, 0.21, 0.28], width, styles,
                            progress=tracker, min_row_height=SIGNATURE_ROW, grid=True))
    return story
