"""One member's activity sheet: attendance, volunteering, referrals and dues, with totals,
and the roles the member held in the bureau or a committee."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from clubdesk.domain.activity.activity_figures import MemberSheet, Period, SheetReferral
from clubdesk.domain.activity.activity_sheet import member_sheet
from clubdesk.domain.common.codes import BureauRole
from clubdesk.domain.common.labels import (
    attendance_status_label,
    bureau_role_label,
    event_kind_label,
    member_status_label,
    payment_method_label,
    referral_status_label,
)
from clubdesk.domain.common.settings import load_settings
from clubdesk.i18n import _, ngettext
from clubdesk.reports.activity_sections import hours_text, period_words
from clubdesk.reports.common import Progress, ProgressCallback
from clubdesk.reports.flowables import (
    Cell,
    Styles,
    count_figure,
    data_table,
    heading,
    key_figures,
    make_styles,
    note,
    title_block,
)
from clubdesk.reports.formatting import (
    DASH,
    format_date,
    format_money,
    format_number,
    format_percent,
    markup,
)
from clubdesk.reports.template import PageSetup, build_report


def build_member_sheet(member_id: int, period: Period, output: Path,
                       progress: ProgressCallback | None = None) -> Path:
    """Compute the sheet of member ``member_id`` over ``period`` and write it to ``output``.

    Raises :class:`~clubdesk.domain.activity.activity_sheet.UnknownMemberError`,
    :class:`~clubdesk.reports.common.ReportCancelled` or
    :class:`~clubdesk.reports.common.ReportOutputError`.
    """
    return build_member_sheet_from(member_sheet(member_id, period), output, progress,
                                   logo=load_settings().logo)


def build_member_sheet_from(sheet: MemberSheet, output: Path,
                            progress: ProgressCallback | None = None,
                            logo: bytes | None = None) -> Path:
    """Lay out ``sheet`` into the PDF ``output`` (atomically); return its path."""
    setup = PageSetup(sheet.association, logo, _("Member activity sheet"),
                      f"{sheet.first_name} {sheet.last_name.upper()}")
    rows = (len(sheet.attendance) + len(sheet.hours) + len(sheet.referrals_given)
            + len(sheet.referrals_received) + len(sheet.fees) + len(sheet.mandates))

    def story(width: float, tracker: Progress) -> list[Flowable]:
        return _story(sheet, width, make_styles(), tracker)

    return build_report(Path(output), setup, story, rows, progress)


def _story(sheet: MemberSheet, width: float, styles: Styles,
           tracker: Progress) -> list[Flowable]:
    identity = [" — ".join(part for part in (sheet.company, sheet.profession) if part),
                _("Status: {status}").format(status=member_status_label(sheet.status)),
                bureau_role_label(sheet.role) if sheet.role not in ("", BureauRole.NONE) else "",
                _("Member since {date}").format(date=format_date(sheet.joined_on))
                if sheet.joined_on else ""]
    story = title_block(f"{sheet.first_name} {sheet.last_name.upper()}",
                        _("Activity {period}").format(
                            period=period_words(sheet.period)[:1].lower()
                            + period_words(sheet.period)[1:]),
                        identity, styles)
    given, received = len(sheet.referrals_given), len(sheet.referrals_received)
    story.append(key_figures([
        (format_percent(sheet.attendance_rate), _("Attendance rate")),
        (hours_text(sheet.total_hours), _("Volunteer hours")),
        count_figure(given, ngettext("{n} referral given", "{n} referrals given", given)),
        count_figure(received, ngettext("{n} referral received",
                                        "{n} referrals received", received)),
        (format_money(sheet.business_generated), _("Business generated")),
        (format_money(sheet.fees_total), _("Dues paid")),
    ], width, styles))
    story += _attendance(sheet, width, styles, tracker)
    story += _hours(sheet, width, styles, tracker)
    story += _referrals(_("Referrals given"), _("Given to"), sheet.referrals_given,
                        sheet.business_generated, width, styles, tracker)
    story += _referrals(_("Referrals received"), _("Given by"), sheet.referrals_received,
                        sheet.business_received, width, styles, tracker)
    story += _fees(sheet, width, styles, tracker)
    story += _roles(sheet, width, styles, tracker)
    return story


def _nothing(styles: Styles) -> Paragraph:
    return Paragraph(markup(_("Nothing in this period.")), styles.body)


def _attendance(sheet: MemberSheet, width: float, styles: Styles,
                tracker: Progress) -> list[Flowable]:
    story = heading(_("Attendance"), styles)
    if not sheet.attendance:
        return [*story, _nothing(styles)]
    rows: list[list[Cell]] = [
        [format_date(row.day), row.title, event_kind_label(row.kind),
         attendance_status_label(row.status)] for row in sheet.attendance]
    story.append(data_table([_("Date"), _("Event"), _("Kind"), _("Status")], rows,
                            [0.14, 0.46, 0.2, 0.2], width, styles, progress=tracker))
    story.append(note(ngettext("Attended {n} event (present or late) out of {expected}: {rate}.",
                               "Attended {n} events (present or late) out of {expected}: {rate}.",
                               sheet.attended).format(expected=format_number(sheet.expected),
                               rate=format_percent(sheet.attendance_rate)), styles))
    return story


def _hours(sheet: MemberSheet, width: float, styles: Styles,
           tracker: Progress) -> list[Flowable]:
    story = heading(_("Volunteering"), styles)
    if not sheet.hours:
        return [*story, _nothing(styles)]
    rows: list[list[Cell]] = [
        [format_date(row.day), row.category, row.description, format_number(row.hours, 1)]
        for row in sheet.hours]
    rows.append([_("Total"), "", "", format_number(sheet.total_hours, 1)])
    story.append(data_table([_("Date"), _("Category"), _("Description"), _("Hours")], rows,
                            [0.14, 0.24, 0.5, 0.12], width, styles, numeric={3},
                            progress=tracker, long_text={2}))
    rate = sheet.hours_value / sheet.total_hours if sheet.total_hours else Decimal(0)
    story.append(note(_("{hours} valued at {rate} an hour: {value}.").format(
        hours=hours_text(sheet.total_hours), rate=format_money(rate),
        value=format_money(sheet.hours_value)), styles))
    return story


def _referrals(title: str, other: str, referrals: list[SheetReferral], business: Decimal,
               width: float, styles: Styles, tracker: Progress) -> list[Flowable]:
    story = heading(title, styles)
    if not referrals:
        return [*story, _nothing(styles)]
    rows: list[list[Cell]] = [
        [format_date(row.day), row.other, referral_status_label(row.status),
         format_money(row.amount) if row.amount is not None else DASH] for row in referrals]
    rows.append([_("Total"), ngettext("{n} referral", "{n} referrals", len(referrals)), "",
                 format_money(business)])
    story.append(data_table([_("Date"), other, _("Status"), _("Amount")], rows,
                            [0.14, 0.48, 0.2, 0.18], width, styles, numeric={3},
                            progress=tracker))
    story.append(note(_("Total: the amounts of the referrals won."), styles))
    return story


def _fees(sheet: MemberSheet, width: float, styles: Styles,
          tracker: Progress) -> list[Flowable]:
    story = heading(_("Dues"), styles)
    if not sheet.fees:
        return [*story, _nothing(styles)]
    rows: list[list[Cell]] = [
        [fee.fiscal_year_name
         or f"{format_date(fee.period_start)} – {format_date(fee.period_end)}",
         format_date(fee.paid_on) if fee.paid_on else DASH,
         DASH if fee.exempt else payment_method_label(fee.method) if fee.method else DASH,
         str(fee.receipt_number) if fee.receipt_number is not None else DASH,
         _("Exempt") if fee.exempt else format_money(fee.amount)]
        for fee in sheet.fees]
    rows.append([_("Total"), "", "", "", format_money(sheet.fees_total)])
    story.append(data_table([_("Fiscal year"), _("Paid on"), _("Method"), _("Receipt no."),
                             _("Amount")], rows,
                            [0.22, 0.18, 0.26, 0.14, 0.2], width, styles, numeric={3, 4},
                            progress=tracker))
    story.append(note(_("The payments recorded in the period, for whichever fiscal year "
                        "they pay."), styles))
    return story


def _roles(sheet: MemberSheet, width: float, styles: Styles,
           tracker: Progress) -> list[Flowable]:
    """Every role the member held in the bureau or a committee, the latest first."""
    story = heading(_("Roles in the association"), styles)
    if not sheet.mandates:
        return [*story, Paragraph(markup(_("No bureau or committee role.")), styles.body)]
    rows: list[list[Cell]] = [
        [row.label, format_date(row.starts_on),
         format_date(row.ends_on) if row.ends_on else _("in office")]
        for row in sheet.mandates]
    story.append(data_table([_("Role"), _("From"), _("To")], rows, [0.5, 0.25, 0.25], width,
                            styles, progress=tracker))
    return story
