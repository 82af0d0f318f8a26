"""The audit log: what was done in bulk or to personal data (GDPR accountability).

Entries never name a person: they say what was done, to how many rows, with numbers.
:func:`member_numbers` reads those numbers back, for a member's access request.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from clubdesk.db import AuditEntry, database
from clubdesk.i18n import _, forms

# The entries written with a member's number, as their modules write them (the English
# source, stored translated), and which of their fields hold member numbers.
# A text with a count is given with its English plural.
MEMBER_NUMBER_TEXTS: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    ("Personal data of member no. {number} exported ({kind}).", None, ("number",)),
    ("{n} member anonymised (numbers: {numbers}).",
     "{n} members anonymised (numbers: {numbers}).", ("numbers",)),
    # Its counts are any text to the pattern: entries written before they took their
    # plural forms ("{rows} related rows moved, {conflicts} attendance conflicts
    # resolved") read back too.
    ("Member {other} merged into member {keep}: {moved}, {resolved}.", None,
     ("other", "keep")),
)
# Any other entry saying "member no. 12" or "membre n° 12".
_MEMBER_NO = re.compile(r"\b(?:member|membre)\s+(?:no\.|n°|n\.|nº)\s*(\d+)\b", re.IGNORECASE)
_FIELD = re.compile(r"\{(\w+)\}")
_NUMBERS = re.compile(r"\d+")


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: dt.datetime
    action: str
    details: str
    rows: int


def action_label(code: str) -> str:
    """What an entry's ``action`` code is called, for the reader."""
    labels = {"import": _("Import"), "export": _("Export"), "merge": _("Merge"),
              "erasure": _("Erasure"), "access": _("Personal data access")}
    return labels.get(code, code)


def record(action: str, details: str, rows: int = 0) -> AuditRecord:
    """Write one entry: in its own small transaction, or inside the caller's if one is open
    (then it is kept or rolled back with the caller's changes)."""
    with database.atomic():
        entry = AuditEntry.create(action=action, details=details, rows=rows)
    return _record(entry)


def audit_entries(limit: int = 500) -> list[AuditRecord]:
    """The latest ``limit`` entries, newest first."""
    query = (AuditEntry.select()
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
             .limit(limit))
    return [_record(entry) for entry in query]


def _pattern(text: str, numbers: tuple[str, ...]) -> re.Pattern[str]:
    """``text`` as a pattern: member numbers captured, other fields anything."""
    parts: list[str] = []
    position = 0
    for field in _FIELD.finditer(text):
        parts.append(_literal(text[position:field.start()]))
        name = field[1]
        if name in numbers:
            parts.append(rf"(?P<{name}>\d+(?:\s*,\s*\d+)*)")
        else:
            parts.append(".*?")
        position = field.end()
    parts.append(_literal(text[position:]))
    return re.compile("".join(parts), re.DOTALL)


def _literal(text: str) -> str:
    """``text`` as a pattern where any space matches any other: entries written before
    French texts took their non-breaking spaces still read back."""
    return r"\s".join(re.escape(piece) for piece in re.split(r"\s", text))


@cache
def _member_patterns() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """Every language's every form of :data:`MEMBER_NUMBER_TEXTS`."""
    patterns = []
    for singular, plural, numbers in MEMBER_NUMBER_TEXTS:
        patterns += [(_pattern(form, numbers), numbers) for form in sorted(forms(singular,
                                                                                 plural))]
    return tuple(patterns)


def member_numbers(details: str) -> set[int]:
    """The members an entry's ``details`` refer to by number, in any language."""
    found = {int(number) for number in _MEMBER_NO.findall(details)}
    for pattern, numbers in _member_patterns():
        match = pattern.fullmatch(details)
        if match is not None:
            for name in numbers:
                found.update(int(number) for number in _NUMBERS.findall(match[name]))
    return found


def entries_about(member_id: int, mentions: Callable[[str], bool]) -> list[AuditRecord]:
    """The entries about member ``member_id``, oldest first: those that give their number,
    and those whose details ``mentions`` them (their name in a file name, say)."""
    query = AuditEntry.select().order_by(AuditEntry.at, AuditEntry.id)
    return [_record(entry) for entry in query
            if member_id in member_numbers(entry.details) or mentions(entry.details)]


def _record(entry: AuditEntry) -> AuditRecord:
    return AuditRecord(entry.id, entry.at, entry.action, entry.details, entry.rows)
