"""``clubdesk import payments FILE``: the preview of
:mod:`~clubdesk.domain.exchange.payment_import` printed line by line, then the import.

The report says what each line of the file gives: a payment to record, a member not found,
a payment already recorded or repeated, an order refunded or cancelled, or why the line is
refused. A refusal prints only the lines refused, one each, and the way out.
"""

from __future__ import annotations

from pathlib import Path

from clubdesk.domain.exchange.import_reading import ImportFileError
from clubdesk.domain.exchange.payment_columns import FileKind
from clubdesk.domain.exchange.payment_import import (
    LineState,
    PaymentImportResult,
    PaymentPreview,
    PreviewLine,
    apply_payment_import,
    preview_payment_import,
)
from clubdesk.i18n import _, ngettext
from clubdesk.reports.formatting import format_date, format_money


def _payment_text(line: PreviewLine) -> str:
    """"120,00 € paid on 15/09/2025 for 2025, by Cabinet Bernard"."""
    if line.amount is None or line.paid_on is None:
        return ""
    text = _("{amount} paid on {day} for {year}").format(
        amount=format_money(line.amount), day=format_date(line.paid_on),
        year=line.fiscal_year or "?")
    if line.payer:
        text += ", " + _("by {payer}").format(payer=line.payer)
    return text


def _numbered(line: PreviewLine, what: str) -> str:
    """"line 12: Élise Dupré — what", or "line 1: what" for a line naming no one."""
    if not line.name:
        return _("line {line}: {what}").format(line=line.line, what=what)
    return _("line {line}: {name} — {what}").format(line=line.line, name=line.name,
                                                     what=what)


def _line_text(line: PreviewLine, create_missing: bool) -> str:
    """One line of the file, as the report says it."""
    if line.state == LineState.NEW:
        what = _("to record: {payment} (member: {member}, {how})").format(
            payment=_payment_text(line), member=line.member_name,
            how=line.detail[:1].lower() + line.detail[1:].rstrip("."))
    elif line.state == LineState.MISSING:
        what = (_("new member, to record: {payment}") if create_missing
                else _("member not found: {payment}")).format(payment=_payment_text(line))
    elif line.state == LineState.INVALID:
        what = _("refused: {reason}").format(reason=line.detail)
    else:
        what = line.detail
    return _numbered(line, what)


def payment_report(preview: PaymentPreview, create_missing: bool = False,
                   result: PaymentImportResult | None = None) -> str:
    """The counts, then every line of the file, then what was written (if anything)."""
    kind = (_("HelloAsso export") if preview.kind == FileKind.HELLOASSO
            else _("List of payments"))
    to_record = preview.to_record(create_missing)
    lines = [
        _("File: {name} ({kind})").format(name=preview.path.name, kind=kind),
        _("Payments to record: {n} ({amount})").format(
            n=len(to_record), amount=format_money(sum(
                (line.amount or 0 for line in to_record), start=0))),
        _("Lines of members not found: {n} ({people})").format(
            n=len(preview.missing),
            people=ngettext("{n} member to create", "{n} members to create",
                            preview.newcomers)),
        _("Already recorded: {n}").format(n=len(preview.already)),
        _("Repeated in the file: {n}").format(n=len(preview.repeated)),
        _("Refunded or cancelled: {n}").format(n=len(preview.not_paid)),
        _("Invalid lines: {n}").format(n=len(preview.invalid)),
    ]
    lines += [_line_text(line, create_missing) for line in preview.lines]
    if result is not None:
        lines.append(_result_text(result))
    return "\n".join(lines)


def _result_text(result: PaymentImportResult) -> str:
    if not result.recorded:
        return _("Nothing was recorded: no line gives a payment to record.")
    text = ngettext("{n} payment recorded ({amount})", "{n} payments recorded ({amount})",
                    result.recorded).format(amount=format_money(result.total))
    if result.receipts is not None:
        first, last = result.receipts
        text += ", " + (_("receipt no. {first}").format(first=first) if first == last
                        else _("receipts no. {first} to {last}").format(first=first,
                                                                       last=last))
    if result.members_created:
        text += "; " + ngettext("{n} member created", "{n} members created",
                                result.members_created)
    return text + "."


def _refusal_text(preview: PaymentPreview, create_missing: bool, skip_missing: bool,
                  skip_invalid: bool) -> str:
    """The lines that refuse the import, one each, then the way out; "" when none do."""
    refused: list[PreviewLine] = []
    advice: list[str] = []
    if preview.invalid and not skip_invalid:
        refused += preview.invalid
        advice.append(_("correct the invalid lines, or use --skip-invalid"))
    if preview.missing and not (create_missing or skip_missing):
        refused += preview.missing
        advice.append(_("use --create-missing to create the members not found, or "
                        "--skip-missing to leave their lines out"))
    if not refused:
        return ""
    lines = [_numbered(line, line.detail if line.state == LineState.INVALID else _(
        "no member found (to create with --create-missing)"))
        for line in sorted(refused, key=lambda item: item.line)]
    lines.append(_("Nothing was imported: {advice}.").format(advice="; ".join(advice)))
    return "\n".join(lines)


def run_payment_import(path: Path, *, dry_run: bool = False, create_missing: bool = False,
                       skip_missing: bool = False, skip_invalid: bool = False,
                       fiscal_year: int | None = None) -> tuple[int, str]:
    """``clubdesk import payments FILE``: (exit code, report). The database must be open.

    2 with the refused lines when the file cannot be read or lines are refused; 0 with the
    whole report otherwise. A dry run writes nothing.
    """
    try:
        preview = preview_payment_import(Path(path), fiscal_year)
    except ImportFileError as error:
        return 2, str(error)
    refusal = _refusal_text(preview, create_missing, skip_missing, skip_invalid)
    if refusal:
        return 2, refusal
    if dry_run:
        return 0, payment_report(preview, create_missing) + "\n" + _(
            "Dry run: nothing was written.")
    result = apply_payment_import(preview, create_missing=create_missing,
                                  skip_invalid=skip_invalid, skip_missing=skip_missing)
    return 0, payment_report(preview, create_missing, result)
