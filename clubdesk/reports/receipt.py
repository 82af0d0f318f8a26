"""The receipt of one payment (reçu de cotisation), on the association's letterhead.

Its number is the payment's receipt number, never given twice, after the year it was paid
in ("Reçu de cotisation n° 2026-0042"); the amount in figures and in words, the fiscal
year, the rate, the date and the method (the cheque's number), who paid when it was not
the member, then the place, the date and the treasurer's signature. An exemption has no
receipt (:class:`~clubdesk.domain.dues.receipts.NoReceiptError`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from clubdesk.domain.common.codes import PaymentMethod
from clubdesk.domain.common.labels import payment_method_label
from clubdesk.domain.dues.receipts import Receipt, receipt
from clubdesk.domain.dues.wording import amount_in_words
from clubdesk.i18n import _
from clubdesk.reports.common import ProgressCallback
from clubdesk.reports.formatting import format_money
from clubdesk.reports.letterhead import (
    LetterStyles,
    clipped,
    day_text,
    facts_table,
    letter_document,
    letter_styles,
    no_numbers,
    one_page,
    person,
    place_and_date,
    sentence,
    signature_block,
    user,
    window_block,
)
from clubdesk.reports.template import PageSetup, build_report


def build_receipt(fee_id: int, output: Path, progress: ProgressCallback | None = None,
                  today: dt.date | None = None) -> Path:
    """Write the receipt of payment ``fee_id`` to the PDF ``output``; return its path.

    Raises :class:`~clubdesk.domain.dues.payments.PaymentNotFoundError`,
    :class:`~clubdesk.domain.dues.receipts.NoReceiptError` (an exemption),
    :class:`~clubdesk.reports.common.ReportCancelled` or
    :class:`~clubdesk.reports.common.ReportOutputError`.
    """
    return build_receipt_from(receipt(fee_id, today), output, progress)


def receipt_title(number: str) -> str:
    return _("Membership dues receipt no. {number}").format(number=number)


def method_text(method: str, cheque_number: str) -> str:
    """"Chèque n° 1234567", "Virement bancaire"."""
    label = payment_method_label(method)
    if method == PaymentMethod.CHEQUE and cheque_number.strip():
        return _("{method} no. {number}").format(method=label, number=cheque_number.strip())
    return label


def build_receipt_from(data: Receipt, output: Path,
                       progress: ProgressCallback | None = None) -> Path:
    """Lay out ``data`` into the PDF ``output`` (atomically); return its path."""
    title = receipt_title(data.number)
    setup = PageSetup(data.issuer.name, data.issuer.logo, title, person(data.member))

    def story(width: float, _tracker) -> list[Flowable]:
        return [one_page(_story(data, title, width, letter_styles()), width)]

    return build_report(Path(output), setup, story, 1, progress,
                        document=letter_document(data.issuer.address), numbering=no_numbers)


def _story(data: Receipt, title: str, width: float, styles: LetterStyles) -> list[Flowable]:
    paid = data.payment
    member = data.member
    amount = format_money(paid.amount)
    words = amount_in_words(paid.amount)
    story: list[Flowable] = window_block(
        member, width, styles,
        [_("Member no. {id}").format(id=member.member_id),
         _("Fiscal year {year}").format(year=paid.fiscal_year)])
    story.append(clipped(title, styles.title, 2))
    story.append(Spacer(1, 3 * mm))
    values = {"association": user(data.issuer.name), "member": f"<b>{user(person(member))}</b>",
              "amount": f"<b>{amount}</b>", "words": words, "year": paid.fiscal_year}
    if data.payer:
        text = _("The association “{association}” acknowledges having received from {payer}, "
                 "on behalf of {member}, the sum of {amount} ({words}) as membership dues "
                 "for the {year} fiscal year.").format(payer=f"<b>{user(data.payer)}</b>",
                                                       **values)
    else:
        text = _("The association “{association}” acknowledges having received from {member} "
                 "the sum of {amount} ({words}) as membership dues for the {year} fiscal "
                 "year.").format(**values)
    story.append(sentence(text, styles.body))
    start, end = data.period
    facts = [
        (_("Member"), _("{name} (member no. {id})").format(name=person(member),
                                                           id=member.member_id)),
        (_("Fiscal year"), _("{year}, from {start} to {end}").format(
            year=paid.fiscal_year, start=day_text(start),
            end=day_text(end))),
    ]
    if paid.rate_name:
        facts.append((_("Membership rate"), paid.rate_name))
    strong = len(facts)
    facts += [
        (_("Amount"), amount),
        (_("Amount in words"), words),
        (_("Payment date"), day_text(paid.paid_on)),
        (_("Payment method"), method_text(paid.method, paid.cheque_number)),
    ]
    if data.payer:
        facts.append((_("Paid by"), data.payer))
    if paid.reference.strip():
        facts.append((_("Reference"), paid.reference.strip()))
    story.append(Spacer(1, 2 * mm))
    story.append(facts_table(facts, width, styles, strong=(strong,)))
    story.append(Spacer(1, 10 * mm))
    story.append(signature_block(data.issuer, width, styles,
                                 place_and_date(data.issuer, made=True)))
    return story
