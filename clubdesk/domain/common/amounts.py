"""Amounts in euros: read as people type them, checked against what the database keeps."""

from __future__ import annotations

import re
from decimal import Decimal

from clubdesk.i18n import _

AMOUNT_MAX = Decimal("9999999999.99")  # money columns hold 12 digits, 2 of them cents

_SPACES = re.compile(r"[\s\u00a0\u202f€]")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def parse_amount(text: str) -> Decimal | None:
    """An amount typed the French way ("1 250,50 €") or the English way ("1,250.50").

    None when ``text`` is empty; ValueError with a message saying how to type it when it is
    not a number. With one kind of separator only, it is the decimal one: "12,345" is 12.345
    (which :func:`check_amount` then refuses) rather than a guess at twelve thousand.
    """
    compact = _SPACES.sub("", text)
    if not compact:
        return None
    if "," in compact and "." in compact:  # the last one separates the cents
        grouping = "." if compact.rfind(",") > compact.rfind(".") else ","
        compact = compact.replace(grouping, "")
    if not _NUMBER.fullmatch(compact):
        raise ValueError(_("“{text}” is not an amount: type it like 1 250,50.").format(
            text=text.strip()))
    return Decimal(compact.replace(",", "."))


def check_amount(amount: Decimal) -> str:
    """Why ``amount`` can't be stored as euros and cents, or ""."""
    if not amount.is_finite():
        return _("The amount must be a number.")
    if amount < 0:
        return _("The amount can't be negative.")
    if amount != amount.quantize(Decimal("0.01")):
        return _("The amount can't have more than two decimals (cents).")
    if amount > AMOUNT_MAX:
        return _("The amount is too large.")
    return ""
