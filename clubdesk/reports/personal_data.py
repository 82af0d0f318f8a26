"""The PDF of everything stored about one member (GDPR right of access), and the
command-line export in JSON or PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from clubdesk.domain.common.files import OutputFileError
from clubdesk.domain.common.labels import (
    attendance_status_label,
    bureau_role_label,
    member_status_label,
    payment_method_label,
    referral_status_label,
)
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.gdpr.audit import action_label
from clubdesk.domain.gdpr.gdpr import (
    PersonalData,
    UnknownMemberError,
    export_personal_data_json,
    personal_data,
    record_access,
)
from clubdesk.i18n import _, ngettext
from clubdesk.reports.common import Progress, ProgressCallback
from clubdesk.reports.flowables import (
    Cell,
    Markup,
    Styles,
    data_table,
    heading,
    make_styles,
    note,
    title_block,
)
from clubdesk.reports.formatting import (
    DASH,
    format_date,
    format_money,
    format_number,
    format_time,
    markup,
)
from clubdesk.reports.template import PageSetup, build_report


def build_personal_data_pdf(member_id: int, output: Path,
                            progress: ProgressCallback | None = None) -> Path:
    """Write member ``member_id``'s personal data to the PDF ``output``; log the export.

    Raises :class:`UnknownMemberError`, :class:`~clubdesk.reports.common.ReportCancelled`
    or :class:`~clubdesk.reports.common.ReportOutputError`.
    """
    settings = load_settings()
    written = build_personal_data_pdf_from(personal_data(member_id), Path(output), progress,
                                           association=settings.name, logo=settings.logo)
    record_access(member_id, "PDF")
    return written


def build_personal_data_pdf_from(data: PersonalData, output: Path,
                                 progress: ProgressCallback | None = None,
                                 association: str = "", logo: bytes | None = None) -> Path:
    member = data["member"]
    name = f"{member['first_name']} {member['last_name'].upper()}".strip()
    setup = PageSetup(association, logo, _("Personal data"), name)
    rows = sum(len(value) for value in data.values() if isinstance(value, list))

    def story(width: float, tracker: Progress) -> list[Flowable]:
        return _story(data, name, width, make_styles(), tracker)

    return build_report(Path(output), setup, story, rows, progress)


def _text(value: Any) -> str:
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return f"{format_date(value.date())} {format_time(value)}"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_number(value, 2)
    return str(value)


def _money(value: Decimal | None) -> str:
    return format_money(value) if value is not None else DASH


def _when(value: dt.datetime) -> str:
    return format_date(value.date())


def _story(data: PersonalData, name: str, width: float, styles: Styles,
           tracker: Progress) -> list[Flowable]:
    member = data["member"]
    story = title_block(name, _("Everything the association stores about this member"),
                        [_("Member no. {number}").format(number=member["id"]),
                         _("Extracted on {date}").format(date=format_date(dt.date.today()))],
                        styles)
    story += _identity(data, width, styles)
    story += _consents(member, width, styles)
    story += _table(_("Roles held"), [_("Role"), _("From"), _("To")],
                    [[row["title"] or bureau_role_label(row["role"]),
                      format_date(row["starts_on"]), _text(row["ends_on"])]
                     for row in data["mandates"]], [0.5, 0.25, 0.25], width, styles, tracker)
    story += _table(_("Dues"), [_("Membership period"), _("Paid on"), _("Method"),
                                _("Paid by"), _("Amount")],
                    [[f"{format_date(row['period_start'])} – {format_date(row['period_end'])}",
                      _text(row["paid_on"]), payment_method_label(row["method"]),
                      _text(row["payer"]), _money(row["amount"])]
                     for row in data["fees"]], [0.3, 0.15, 0.15, 0.25, 0.15], width, styles,
                    tracker, numeric={4})
    story += _table(_("Attendance"), [_("Date"), _("Event"), _("Status"), _("Proxy given to"),
                                      _("Note")],
                    [[_when(row["starts_at"]), row["event"],
                      attendance_status_label(row["status"]), _text(row["proxy_to"]),
                      _text(row["note"] or row["substitute_name"])]
                     for row in data["attendance"]],
                    [0.14, 0.32, 0.16, 0.19, 0.19], width, styles, tracker)
    story += _table(_("Proxies held"), [_("Date"), _("Event"), _("Given by")],
                    [[_when(row["starts_at"]), row["event"], row["given_by"]]
                     for row in data["proxies_held"]], [0.14, 0.5, 0.36], width, styles,
                    tracker)
    story += _table(_("Guests invited"), [_("Date"), _("Event"), _("Guest"), _("Company")],
                    [[_when(row["starts_at"]), row["event"], row["name"], _text(row["company"])]
                     for row in data["guests_invited"]], [0.14, 0.36, 0.25, 0.25], width,
                    styles, tracker)
    story += _table(_("Invited as a guest before joining"),
                    [_("Date"), _("Event"), _("Name"), _("Email")],
                    [[_when(row["starts_at"]), row["event"], row["name"], _text(row["email"])]
                     for row in data["converted_from_guest"]], [0.14, 0.36, 0.25, 0.25],
                    width, styles, tracker)
    story += _table(_("Volunteering"), [_("Date"), _("Category"), _("Description"),
                                        _("Hours")],
                    [[format_date(row["date"]), _text(row["category"]),
                      _text(row["description"] or row["event"]), format_number(row["hours"], 2)]
                     for row in data["volunteer_entries"]], [0.14, 0.24, 0.5, 0.12], width,
                    styles, tracker, numeric={3}, long_text={2})
    story += _table(_("Referrals given"), [_("Date"), _("Given to"), _("Contact"), _("Status"),
                                           _("Amount")],
                    [[format_date(row["date"]),
                      _text(row["receiver"] or row["external_recipient"]), _text(row["contact"]),
                      referral_status_label(row["status"]), _money(row["amount"])]
                     for row in data["referrals_given"]], [0.14, 0.26, 0.26, 0.16, 0.18],
                    width, styles, tracker, numeric={4})
    story += _table(_("Referrals received"), [_("Date"), _("Given by"), _("Contact"),
                                              _("Status"), _("Amount")],
                    [[format_date(row["date"]), row["giver"], _text(row["contact"]),
                      referral_status_label(row["status"]), _money(row["amount"])]
                     for row in data["referrals_received"]], [0.14, 0.26, 0.26, 0.16, 0.18],
                    width, styles, tracker, numeric={4})
    story += _table(_("Members sponsored"), [_("Number"), _("Name"), _("Joined on")],
                    [[str(row["id"]), row["name"], _text(row["joined_on"])]
                     for row in data["sponsored_members"]], [0.14, 0.56, 0.3], width, styles,
                    tracker)
    story += _table(_("Referral history"), [_("Date"), _("Referral"), _("Description"),
                                            _("Steps")],
                    _referral_history(data), [0.14, 0.26, 0.32, 0.28], width, styles,
                    tracker)
    story += _table(_("Audit log entries about this member"),
                    [_("When"), _("Action"), _("Details")],
                    [[_text(row["at"]), action_label(row["action"]), row["details"]]
                     for row in data["audit_entries"]], [0.22, 0.18, 0.6], width, styles,
                    tracker)
    return story


def _referral_history(data: PersonalData) -> list[list[Cell]]:
    """Every referral given or received, oldest first, with each step it went through."""
    rows: list[tuple[dt.date, str, list[Cell]]] = []
    for key, direction in (("referrals_given", _("Given to {name}")),
                           ("referrals_received", _("Received from {name}"))):
        for row in data[key]:
            other = (row["giver"] if key == "referrals_received"
                     else row["receiver"] or row["external_recipient"])
            steps = [_("{status} on {date}").format(status=referral_status_label(step["status"]),
                                                    date=format_date(step["changed_on"]))
                     for step in row["status_history"]]
            rows.append((row["date"], key, [
                format_date(row["date"]), direction.format(name=other or DASH),
                _text(row["description"]),
                Markup("<br/>".join(markup(step) for step in steps)) if steps else DASH]))
    return [cells for _date, _key, cells in sorted(rows, key=lambda item: item[:2])]


def _identity(data: PersonalData, width: float, styles: Styles) -> list[Flowable]:
    member = data["member"]
    sponsor = data["sponsor"]
    fields: list[tuple[str, str]] = [
        (_("First name"), _text(member["first_name"])),
        (_("Last name"), _text(member["last_name"])),
        (_("Email"), _text(member["email"])), (_("Phone"), _text(member["phone"])),
        (_("Address"), _text(member["address"])), (_("Postcode"), _text(member["postcode"])),
        (_("City"), _text(member["city"])), (_("Company"), _text(member["company"])),
        (_("Profession"), _text(member["profession"])), (_("Sector"), _text(member["sector"])),
        (_("Status"), member_status_label(member["status"])),
        (_("Role"), bureau_role_label(member["role"])),
        (_("Sponsor"), sponsor["name"] if sponsor else DASH),
        (_("Joined on"), _text(member["joined_on"])), (_("Left on"), _text(member["left_on"])),
        (_("Anonymised on"), _text(member["anonymized_on"])),
        (_("Notes"), _text(member["notes"])),
        (_("Created"), _text(member["created_at"])),
        (_("Last changed"), _text(member["updated_at"])),
    ]
    rows: list[list[Cell]] = [[label, value] for label, value in fields]
    return [*heading(_("Identity and contact details"), styles),
            data_table([_("Field"), _("Value")], rows, [0.3, 0.7], width, styles,
                       long_text={1})]


def _consents(member: dict[str, Any], width: float, styles: Styles) -> list[Flowable]:
    rows: list[list[Cell]] = []
    for key, label in (("directory", _("Directory consent")),
                       ("photos", _("Photo consent")),
                       ("newsletter", _("Newsletter consent"))):
        rows.append([label, _text(member[f"consent_{key}"]),
                     _text(member[f"consent_{key}_on"]),
                     _text(member[f"consent_{key}_withdrawn_on"])])
    return [*heading(_("Consents"), styles),
            data_table([_("Consent"), _("Granted"), _("Given on"), _("Withdrawn on")], rows,
                       [0.4, 0.16, 0.22, 0.22], width, styles)]


def _table(title: str, header: list[str], rows: list[list[Cell]], widths: list[float],
           width: float, styles: Styles, tracker: Progress,
           numeric: set[int] | frozenset[int] = frozenset(),
           long_text: set[int] | frozenset[int] = frozenset()) -> list[Flowable]:
    story = heading(title, styles)
    if not rows:
        return [*story, Paragraph(markup(_("Nothing recorded.")), styles.body)]
    story.append(data_table(header, rows, widths, width, styles, numeric=numeric,
                            progress=tracker, long_text=long_text))
    story.append(note(ngettext("{n} row.", "{n} rows.", len(rows)), styles))
    return story


def gdpr_export_command(member_id: int, output: Path) -> tuple[int, str]:
    """``clubdesk gdpr export ID FILE``: JSON or PDF by ``output``'s suffix.

    Returns (exit status, message): 0 when written, 2 for an unknown member or suffix,
    1 when the file cannot be written.
    """
    suffix = Path(output).suffix.lower()
    if suffix not in (".json", ".pdf"):
        return 2, _("Cannot export to {path}: name a .json or .pdf file.").format(path=output)
    try:
        if suffix == ".json":
            written = export_personal_data_json(member_id, output)
        else:
            written = build_personal_data_pdf(member_id, Path(output))
    except UnknownMemberError as error:
        return 2, str(error)
    except OutputFileError as error:
        return 1, str(error)
    return 0, _("Personal data of member no. {number} written to {path}.").format(
        number=member_id, path=written)
