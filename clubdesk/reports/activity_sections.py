"""The sections of the activity report, one function each, from :class:`ActivityFigures`."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Paragraph, Spacer, Table

from clubdesk.domain.activity.activity_figures import (
    ActivityFigures,
    DuesFigures,
    LeadershipFigures,
    MemberActivity,
    Period,
)
from clubdesk.domain.activity.activity_leadership import tenure_short, tenure_text
from clubdesk.domain.common.labels import event_kind_label, member_status_label
from clubdesk.domain.members.mandates import MandateRow
from clubdesk.i18n import _, ngettext
from clubdesk.reports.activity_charts import month_bars, ranked_bars
from clubdesk.reports.common import Progress
from clubdesk.reports.flowables import (
    ACCENT,
    MUTED,
    Cell,
    Styles,
    clipped,
    count_figure,
    data_table,
    heading,
    key_figures,
    name_cell,
    note,
)
from clubdesk.reports.fonts import FONT, FONT_BOLD
from clubdesk.reports.formatting import (
    DASH,
    abridged,
    capitalized,
    format_date,
    format_date_long,
    format_money,
    format_number,
    format_percent,
    format_time,
    markup,
)

LOGO_ON_COVER = (70 * mm, 35 * mm)
COVER_NAME_LINES = 3  # the association's name, large on the cover, before "…"


def period_words(period: Period) -> str:
    """"Du 1er janvier au 31 décembre 2025": the first year only when it differs."""
    start = format_date_long(period.start, weekday=False)
    if period.start.year == period.end.year:
        start = start.rsplit(" ", 1)[0]
    return _("From {start} to {end}").format(
        start=start, end=format_date_long(period.end, weekday=False))


def hours_text(hours: Decimal) -> str:
    """Hours with a decimal only when there is one: "1 250 h", "12,5 h"."""
    decimals = 0 if hours == hours.to_integral_value() else 1
    return _("{hours} h").format(hours=format_number(hours, decimals))


def cover(figures: ActivityFigures, logo: bytes | None, printed_at: dt.datetime,
          width: float) -> list[Flowable]:
    """The first page: who, what, when — large and centred."""
    def style(name: str, size: float, font: str = FONT_BOLD, colour=ACCENT,
              after: float = 0) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.25,
                              textColor=colour, alignment=TA_CENTER, spaceAfter=after)

    story: list[Flowable] = [Spacer(1, 38 * mm)]
    image = _cover_logo(logo)
    if image is not None:
        story += [image, Spacer(1, 12 * mm)]
    story += [
        clipped(figures.association, style("cover_name", 28, after=10 * mm), COVER_NAME_LINES),
        Paragraph(markup(_("Activity report")), style("cover_title", 20, FONT, after=4 * mm)),
        Paragraph(markup(period_words(figures.period)),
                  style("cover_period", 13, FONT, MUTED, after=60 * mm)),
        Paragraph(markup(_("Printed on {date} at {time}").format(
            date=format_date_long(printed_at.date()), time=format_time(printed_at))),
            style("cover_printed", 9, FONT, MUTED)),
        PageBreak(),
    ]
    return story


def _cover_logo(data: bytes | None) -> Image | None:
    if not data:
        return None
    try:
        logo_w, logo_h = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # noqa: BLE001 - a damaged logo only leaves the cover without it
        return None
    scale = min(LOGO_ON_COVER[0] / logo_w, LOGO_ON_COVER[1] / logo_h)
    return Image(io.BytesIO(data), logo_w * scale, logo_h * scale)


def key_figures_band(figures: ActivityFigures, width: float, styles: Styles) -> list[Flowable]:
    members = figures.health.members
    volunteering, referrals = figures.volunteering, figures.referrals
    return [
        Paragraph(markup(_("The year in figures")), styles.title),
        key_figures([
            count_figure(members, ngettext("{n} member at the end",
                                           "{n} members at the end", members)),
            count_figure(figures.meetings.events, ngettext("{n} event",
                                                           "{n} events", figures.meetings.events)),
            (format_percent(figures.meetings.average_attendance_rate),
             _("Attendance rate")),
            (hours_text(volunteering.hours), _("Volunteer hours")),
        ], width, styles),
        Spacer(1, 2 * mm),
        key_figures([
            (format_money(volunteering.value), _("Value of the volunteering")),
            count_figure(referrals.given, ngettext("{n} referral given",
                                                   "{n} referrals given", referrals.given)),
            count_figure(referrals.won, ngettext("{n} referral won",
                                                 "{n} referrals won", referrals.won)),
            (format_money(referrals.business), _("Business generated")),
        ], width, styles),
    ]


def membership(figures: ActivityFigures, width: float, styles: Styles) -> list[Flowable]:
    data = figures.membership
    story = heading(_("Membership"), styles)
    story.append(key_figures([
        count_figure(data.active_at_start, ngettext("{n} member at the start",
                                                    "{n} members at the start",
                                                    data.active_at_start)),
        count_figure(data.active_at_end, ngettext("{n} member at the end",
                                                  "{n} members at the end", data.active_at_end)),
        count_figure(data.joined, ngettext("{n} joined", "{n} joined", data.joined)),
        count_figure(data.left, ngettext("{n} left", "{n} left", data.left)),
        (format_percent(data.retention_rate), _("Retention")),
    ], width, styles))
    story.append(note(_("Retention: of the members at the start of the period, the share "
                        "still members at its end."), styles))
    story.append(Spacer(1, 3 * mm))
    story += dues(data.dues, width, styles)
    if data.by_sector:
        story.append(Spacer(1, 3 * mm))
        story.append(KeepTogether([
            Paragraph(markup(_("Members by sector")), styles.subtitle),
            ranked_bars([item.label or _("Sector not given") for item in data.by_sector],
                        [item.value for item in data.by_sector], width,
                        other=_("Other sectors")),
        ]))
    story.append(Spacer(1, 3 * mm))
    story.append(_count_table(_("Status"), [(member_status_label(item.label), item.value)
                                            for item in data.by_status],
                              _("Members"), width, styles))
    return story


def dues(data: DuesFigures, width: float, styles: Styles) -> list[Flowable]:
    """The dues of the period's fiscal year: expected, received, outstanding, up to date."""
    title = Paragraph(markup(_("Dues of the fiscal year {year}").format(year=data.year_name)),
                      styles.subtitle)
    if not data.any_due:
        return [title, Paragraph(markup(_(
            "No dues are recorded for the fiscal year {year}: it has no fee schedule and no "
            "payment.").format(year=data.year_name)), styles.body)]
    return [
        title,
        key_figures([
            (format_money(data.expected), _("Dues expected")),
            (format_money(data.received), _("Dues received")),
            (format_money(data.outstanding), _("Still owed")),
            (format_percent(data.up_to_date_rate), _("Members up to date")),
        ], width, styles),
        note(ngettext(
            "The dues of the fiscal year {year}, the one holding most of the period, as "
            "recorded on the day of printing (a late payment counts for the year it pays). "
            "Expected: what the fee schedule asks of the {n} member who owes dues that year. "
            "Received: what was paid for the year. Still owed: what the members not up to "
            "date still owe. Up to date: paid, exempt or owing nothing ({up} of {n}).",
            "The dues of the fiscal year {year}, the one holding most of the period, as "
            "recorded on the day of printing (a late payment counts for the year it pays). "
            "Expected: what the fee schedule asks of the {n} members who owe dues that year. "
            "Received: what was paid for the year. Still owed: what the members not up to "
            "date still owe. Up to date: paid, exempt or owing nothing ({up} of {n}).",
            data.members).format(year=data.year_name, up=format_number(data.up_to_date)),
            styles),
    ]


def bureau(figures: ActivityFigures, width: float, styles: Styles) -> list[Flowable]:
    """"The bureau in 2025": who held which role during each year of the period."""
    if not figures.bureaus:
        return [*heading(_("The bureau"), styles), Paragraph(markup(_(
            "No bureau or committee role is recorded for this period.")), styles.body)]
    story: list[Flowable] = []
    for year, rows in sorted(figures.bureaus.items(), reverse=True):
        story += heading(_("The bureau in {year}").format(year=year), styles)
        story.append(_bureau_table(rows, width, styles))
    story.append(note(_("Everyone who held a role in the bureau or a committee at any time "
                        "during the year, with the dates of their mandate."), styles))
    return story


def _bureau_table(rows: list[MandateRow], width: float, styles: Styles) -> Flowable:
    cells: list[list[Cell]] = [
        [row.label, name_cell(row.last_name, row.first_name), format_date(row.starts_on),
         format_date(row.ends_on) if row.ends_on else _("in office")]
        for row in rows
    ]
    return data_table([_("Role"), _("Name"), _("From"), _("To")], cells,
                      [0.3, 0.36, 0.17, 0.17], width, styles)


def _count_table(label: str, rows: Sequence[tuple[str, int | Decimal]], unit: str,
                 width: float, styles: Styles, decimals: int = 0) -> Flowable:
    """Label, value and share of the total, with a total row; half the page wide."""
    total = sum((value for _label, value in rows), Decimal(0))
    cells: list[list[Cell]] = [
        [capitalized(name), format_number(value, decimals),
         format_percent(Decimal(value) / total if total else None)]
        for name, value in rows
    ]
    cells.append([_("Total"), format_number(total, decimals), format_percent(1 if total
                                                                            else None)])
    return KeepTogether([data_table([label, unit, _("Share")], cells, [0.34, 0.13, 0.13],
                                    width, styles, numeric={1, 2})])


def meetings(figures: ActivityFigures, width: float, styles: Styles) -> list[Flowable]:
    data = figures.meetings
    story = heading(_("Meetings"), styles)
    story.append(key_figures([
        count_figure(data.events, ngettext("{n} event", "{n} events", data.events)),
        (format_percent(data.average_attendance_rate), _("Average attendance rate")),
        count_figure(data.guests, ngettext("{n} guest", "{n} guests", data.guests)),
        count_figure(data.guests_joined, ngettext("{n} guest joined",
                                                  "{n} guests joined", data.guests_joined)),
    ], width, styles))
    story.append(note(_("Average attendance rate: for each event whose attendance was "
                        "taken, the members present or late over the members expected; "
                        "then the mean of the events."), styles))
    story.append(Spacer(1, 3 * mm))
    story.append(_count_table(_("Kind of event"), [(event_kind_label(item.label), item.value)
                                                   for item in data.by_kind],
                              _("Events"), width, styles))
    return story


def volunteering(figures: ActivityFigures, width: float, styles: Styles) -> list[Flowable]:
    data = figures.volunteering
    story = heading(_("Volunteering"), styles)
    story.append(key_figures([
        (hours_text(data.hours), _("Volunteer hours")),
        (format_money(data.value), _("Value of the volunteering")),
        count_figure(data.volunteers, ngettext("{n} volunteer", "{n} volunteers", data.volunteers)),
    ], width, styles))
    story.append(note(_("Hours valued at {rate} an hour, the association's rate.").format(
        rate=format_money(data.hourly_rate)), styles))
    if data.by_month:
        story.append(Spacer(1, 3 * mm))
        story.append(KeepTogether([
            Paragraph(markup(_("Hours by month")), styles.subtitle),
            month_bars([item.label for item in data.by_month],
                       [[item.value for item in data.by_month]], [_("Hours")], width),
        ]))
    if data.by_category:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(markup(_("Hours by category")), styles.subtitle))
        story.append(_count_table(_("Category"), [(item.label, item.value)
                                                  for item in data.by_category],
                                  _("Hours"), width, styles, decimals=1))
    return story


def referrals(figures: ActivityFigures, width: float, styles: Styles) -> list[Flowable]:
    data = figures.referrals
    story = heading(_("Referrals"), styles)
    story.append(key_figures([
        count_figure(data.given, ngettext("{n} referral given", "{n} referrals given", data.given)),
        count_figure(data.won, ngettext("{n} won", "{n} won", data.won)),
        count_figure(data.lost, ngettext("{n} lost", "{n} lost", data.lost)),
        count_figure(data.open, ngettext("{n} still open", "{n} still open", data.open)),
        (format_percent(data.conversion_rate), _("Conversion")),
        (format_money(data.business), _("Business generated")),
    ], width, styles))
    story.append(note(ngettext("Conversion: of the referrals closed, the share won. Business "
                               "generated: the amounts of the referrals won. {n} referral was "
                               "given to someone outside the network.",
                               "Conversion: of the referrals closed, the share won. Business "
                               "generated: the amounts of the referrals won. {n} referrals were "
                               "given to people outside the network.", data.to_outside), styles))
    if data.by_month:
        story.append(Spacer(1, 3 * mm))
        story.append(KeepTogether([
            Paragraph(markup(_("Referrals by month")), styles.subtitle),
            month_bars([item.month for item in data.by_month],
                       [[item.given for item in data.by_month],
                        [item.won for item in data.by_month]],
                       [_("Given"), _("Referrals won")], width),
        ]))
    return story


def health(figures: ActivityFigures, width: float, styles: Styles) -> list[Flowable]:
    """One indicator a row: the figure large on the left, what it measures on the right."""
    data = figures.health
    members = figures.members
    value_style = ParagraphStyle("health_value", fontName=FONT_BOLD, fontSize=22, leading=26,
                                 textColor=ACCENT, alignment=TA_CENTER)
    label_style = ParagraphStyle("health_label", parent=styles.body, fontName=FONT_BOLD,
                                 fontSize=10.5, leading=13, textColor=ACCENT, spaceAfter=1.5)
    stopped = len(data.stopped_coming)
    indicators = [
        (format_percent(data.active_share), _("Active members"), _(
            "Of the {members} members at the end of the period, the share who attended at "
            "least half of their meetings, volunteered or gave a referral.").format(
                members=format_number(data.members))),
        (format_percent(data.hours_outside_bureau_share), _("Hours outside the bureau"), _(
            "The share of the volunteer hours given by members with no bureau role: the "
            "association is not run by its bureau alone.")),
        (format_percent(data.top_tenth_hours_share), _("Hours of the most active tenth"), _(
            "The share of the volunteer hours given by the most active tenth of the "
            "volunteers: the higher, the more the work rests on a few.")),
        (_format_ratio(data.guests_per_meeting), _("Guests per meeting"), _(
            "Guests over the meetings held: how open the network is to newcomers.")),
        (format_percent(data.guest_conversion), _("Guests who joined"), _(
            "Of the guests of the period, the share who became members.")),
        (format_number(stopped), _("Members who stopped coming"), _(
            "Active members on attendance lists who were not present at any event of the "
            "last three months of the period.")),
        *leadership_indicators(data.leadership),
    ]
    rows = [[Paragraph(markup(value), value_style),
             [Paragraph(markup(label), label_style), Paragraph(markup(text), styles.body)]]
            for value, label, text in indicators]
    table = Table(rows, colWidths=[0.26 * width, 0.74 * width], hAlign="LEFT")
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.4, MUTED),
                    ("TOPPADDING", (0, 0), (-1, -1), 9),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 9)])
    story: list[Flowable] = [PageBreak(), Paragraph(markup(_("Network health")), styles.title),
                             table]
    if stopped:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(markup(_("Members who stopped coming")), styles.subtitle))
        story.append(clipped(stopped_names(data.stopped_coming, members), styles.body,
                             STOPPED_NAMES_LINES))
    return story


def leadership_indicators(data: LeadershipFigures) -> list[tuple[str, str, str]]:
    """Shared leadership: how many led, and the longest in office, each with its definition."""
    on = format_date(data.on)
    leaders = (format_number(data.holders), _("Shared leadership"), ngettext(
        "{n} member held a bureau or committee role in the {years} years up to {date}: the "
        "more they are, the more leadership is shared and renewed.",
        "{n} different members held a bureau or committee role in the {years} years up to "
        "{date}: the more they are, the more leadership is shared and renewed.",
        data.holders).format(years=data.years, date=on))
    months = data.longest_months
    if months is None or data.longest_since is None:
        return [leaders, (DASH, _("Longest in office"), _(
            "Nobody held a bureau or committee role on {date}.").format(date=on))]
    longest = (tenure_short(months), _("Longest in office"), _(
        "Of the members holding a role on {date}, the one who has held it longest: {name}, "
        "{role}, since {since} ({tenure}). The longer, the less leadership is renewed.")
        .format(date=on, name=data.longest_name,
                role=data.longest_role[:1].lower() + data.longest_role[1:],
                since=format_date(data.longest_since), tenure=tenure_text(months)))
    return [leaders, longest]


STOPPED_NAMES_SHOWN = 60
STOPPED_NAME_CHARACTERS = 80  # one name in the list, before "…"
STOPPED_NAMES_LINES = 16


def stopped_names(names: list[str], members: list[MemberActivity]) -> str:
    """The names, as the domain sorted them; initials for members who refused the
    directory, and the first few only when there are many (the dashboard lists them all)."""
    hidden = {f"{m.first_name} {m.last_name}".strip(): initials(m.first_name, m.last_name)
              for m in members if not m.in_directory}
    shown = [abridged(hidden.get(name, name), STOPPED_NAME_CHARACTERS)
             for name in names[:STOPPED_NAMES_SHOWN]]
    text = ", ".join(shown)
    if len(names) > STOPPED_NAMES_SHOWN:
        text += " " + ngettext("and {n} other.",
                               "and {n} others.", len(names) - STOPPED_NAMES_SHOWN)
    return text


def _format_ratio(value: float | None) -> str:
    return DASH if value is None else format_number(value, 1)


def initials(first_name: str, last_name: str) -> str:
    """"J. D." for Jean Dupont, "J.-P. D." for Jean-Pierre Dupont."""
    def one(name: str) -> str:
        words = [word for word in name.split() if word]
        return " ".join("-".join(f"{part[0].upper()}." for part in word.split("-") if part)
                        for word in words)
    return " ".join(text for text in (one(first_name), one(last_name)) if text)


def member_table(figures: ActivityFigures, width: float, styles: Styles,
                 tracker: Progress) -> list[Flowable]:
    members = sorted(figures.members,
                     key=lambda m: (m.last_name.casefold(), m.first_name.casefold()))
    story: list[Flowable] = [PageBreak()]
    title = _("Activity by member")
    story += heading(f"{title} ({format_number(len(members))})", styles)
    rows: list[list[Cell]] = [
        [name_cell(member.last_name, member.first_name) if member.in_directory
         else initials(member.first_name, member.last_name),
         member.company if member.in_directory else DASH,
         format_percent(member.attendance_rate),
         format_number(member.hours, 1) if member.hours else DASH,
         format_number(member.referrals_given), format_number(member.referrals_received),
         format_number(member.referrals_won),
         format_money(member.business_generated) if member.business_generated else DASH]
        for member in members
    ]
    story.append(data_table(
        [_("Name"), _("Company"), _("Attendance rate"), _("Hours"), _("Given"),
         _("Received"), _("Referrals won"), _("Business generated")],
        rows, [0.22, 0.2, 0.1, 0.07, 0.08, 0.09, 0.1, 0.14], width, styles,
        numeric=range(2, 8), progress=tracker))
    story.append(note(_(
        "Attendance rate: events attended (present or late) over the events whose list held "
        "the member. Given, Received: referrals given and received. Referrals won: those given "
        "by the member and won. Business generated: the "
        "amounts of those referrals. Members who did not agree to appear in the directory "
        "are shown by their initials."), styles))
    return story

