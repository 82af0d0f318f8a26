"""A member's yearly statement of dues (attestation annuelle de cotisation), on the
association's letterhead: every payment of the fiscal year with its receipt, the total,
and whether the member is up to date or what is still owed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clubdesk.domain.dues.dues_status import DuesStatus
from clubdesk.domain.dues.receipts import Statement, receipt_number_label, statement
from clubdesk.i18n import _, ngettext
from clubdesk.reports.common import Progress, ProgressCallback
from clubdesk.reports.flowables import Cell, data_table, make_styles
from clubdesk.reports.formatting import DASH, format_date, format_money
from clubdesk.reports.letterhead import (
    LetterStyles,
    clipped,
    day_text,
    facts_table,
    letter_document,
    letter_styles,
    numbers_if_several,
    person,
    place_and_date,
    sentence,
    signature_block,
    user,
    window_block,
)
from clubdesk.reports.receipt import method_text
from clubdesk.reports.template import PageSetup, build_report


def build_dues_statement(member_id: int, year: int, output: Path,
                         progress: ProgressCallback | None = None,
                         today: dt.date | None = None) -> Path:
    """Write member ``member_id``'s statement for fiscal year ``year`` to the PDF
    ``output``; return its path.

    Raises :class:`~clubdesk.domain.members.members.MemberNotFoundError`,
    :class:`~clubdesk.reports.common.ReportCancelled` or
    :class:`~clubdesk.reports.common.ReportOutputError`.
    """
    return build_dues_statement_from(statement(member_id, year, today), output, progress)


def statement_title(year: int) -> str:
    return _("Statement of membership dues {year}").format(year=year)


def build_dues_statement_from(data: Statement, output: Path,
                              progress: ProgressCallback | None = None) -> Path:
    """Lay out ``data`` into the PDF ``output`` (atomically); return its path."""
    title = statement_title(data.fiscal_year)
    setup = PageSetup(data.issuer.name, data.issuer.logo, title, person(data.member))

    def story(width: float, tracker: Progress) -> list[Flowable]:
        return _story(data, title, width, letter_styles(), tracker)

    return build_report(Path(output), setup, story, len(data.payments) + 1, progress,
                        document=letter_document(data.issuer.address),
                        numbering=numbers_if_several)


def _story(data: Statement, title: str, width: float, styles: LetterStyles,
           tracker: Progress) -> list[Flowable]:
    member = data.member
    start, end = data.period
    story: list[Flowable] = window_block(
        member, width, styles, [_("Member no. {id}").format(id=member.member_id)])
    story.append(clipped(title, styles.title, 2))
    story.append(clipped(_("Fiscal year {year}, from {start} to {end}").format(
        year=data.fiscal_year, start=day_text(start),
        end=day_text(end)), styles.subtitle, 2))
    values = {"association": user(data.issuer.name), "member": f"<b>{user(person(member))}</b>",
              "id": member.member_id, "year": data.fiscal_year}
    paid = [row for row in data.payments if not row.exempt]
    if paid:
        text = ngettext(
            "The association “{association}” certifies that {member} (member no. {id}) made "
            "the following payment towards their membership dues for the {year} fiscal year:",
            "The association “{association}” certifies that {member} (member no. {id}) made "
            "the following {n} payments towards their membership dues for the {year} fiscal "
            "year:", len(paid)).format(**values)
    else:
        text = _("The association “{association}” certifies that no payment from {member} "
                 "(member no. {id}) towards the membership dues of the {year} fiscal year "
                 "has been recorded.").format(**values)
    story.append(sentence(text, styles.body))
    if paid:
        story.append(_payments_table(data, width, tracker))
        story.append(Spacer(1, 4 * mm))
    story.append(facts_table(_standing(data), width, styles, strong=(2,), label_share=0.4))
    story.append(Spacer(1, 10 * mm))
    story.append(signature_block(data.issuer, width, styles,
                                 place_and_date(data.issuer, made=True)))
    return story


def _payments_table(data: Statement, width: float, tracker: Progress) -> Flowable:
    rows: list[list[Cell]] = []
    for row in data.payments:
        if row.exempt:
            continue
        number = (receipt_number_label(row.receipt_number, row.paid_on.year)
                  if row.receipt_number is not None and row.paid_on is not None else DASH)
        rows.append([format_date(row.paid_on) if row.paid_on else DASH, number,
                     method_text(row.method, row.cheque_number), row.rate_name or DASH,
                     row.payer or DASH, format_money(row.amount)])
    rows.append([_("Total"), "", "", "", "", format_money(data.total)])
    return data_table([_("Date"), _("Receipt no."), _("Payment method"), _("Membership rate"),
                       _("Paid by"), _("Amount")], rows,
                      [0.12, 0.13, 0.2, 0.19, 0.21, 0.15], width, make_styles(), numeric={5},
                      progress=tracker)


def _standing(data: Statement) -> list[tuple[str, str]]:
    """(label, value): the dues, what was paid, where the member stands."""
    year = data.fiscal_year
    if data.status == DuesStatus.EXEMPT:
        return [(_("Dues for {year}").format(year=year), _("Exemption")),
                (_("Total paid"), format_money(data.total)),
                (_("Standing"), _("Exempt from membership dues for {year}").format(
                    year=year))]
    if data.status == DuesStatus.NOT_DUE:
        return [(_("Dues for {year}").format(year=year), _("Nothing due")),
                (_("Total paid"), format_money(data.total)),
                (_("Standing"), _("No dues were expected for {year}").format(year=year))]
    standing = (_("Up to date with the {year} dues").format(year=year)
                if data.status == DuesStatus.PAID else
                _("{amount} still to pay").format(amount=format_money(data.owed)))
    on = format_date(data.issuer.issued_on)
    return [(_("Dues for {year}").format(year=year), format_money(data.due)),
            (_("Total paid"), format_money(data.total)),
            (_("Standing on {date}").format(date=on), standing)]
