"""How long each text a user types may be, and the characters no text may hold.

One table for every stored text typed in a form, read from a file or given on the command
line. The numbers leave room for any real value and stop what is not one: a whole page
pasted into a name, a spreadsheet column shifted into the company. Reports lay out a long
value on several lines, but a name of a thousand characters is never a name.

- names of people: 100 characters each part (the longest French civil names are under 80);
  a guest's or a substitute's whole name: 150;
- companies, professions, a person outside the network with their company: 150 to 200;
- an address line: 250; a city or a sector: 100; a postcode: 10; a phone as typed: 40;
- an email: 254, the most RFC 5321 lets a mail server accept;
- titles: 200; places: 250; a volunteer category: 60 (it heads a column of the reports);
- a note on one line (attendance): 200; a volunteer entry's description: 500;
- free notes and descriptions over several lines: 5,000 (two printed pages).

Control characters (Unicode category Cc: NUL, escape, form feed, …) are refused everywhere:
they are invisible on screen, cut texts short in other programs and break the files exported
from here. Only the line feed and the tab are text: they are kept in texts over several
lines (whose Windows and old Mac line ends become line feeds), and in a one-line text they
count as the spaces the form's cleaning turns them into (an address typed over two lines in
a spreadsheet cell imports on one line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clubdesk.i18n import _, current_language


@dataclass(frozen=True, slots=True)
class TextLimit:
    """The most characters a text may have, and whether it may run over several lines."""

    maximum: int
    multiline: bool = False


def _line(maximum: int) -> TextLimit:
    return TextLimit(maximum)


def _lines(maximum: int) -> TextLimit:
    return TextLimit(maximum, multiline=True)


NOTES = 5000
"""Free notes and descriptions over several lines."""

TEXT_LIMITS: dict[str, dict[str, TextLimit]] = {
    "member": {
        "first_name": _line(100), "last_name": _line(100), "email": _line(254),
        "phone": _line(40), "company": _line(150), "profession": _line(150),
        "sector": _line(100), "address": _line(250), "city": _line(100),
        "postcode": _line(10), "notes": _lines(NOTES),
    },
    "event": {"title": _line(200), "location": _line(250), "description": _lines(NOTES)},
    "series": {"title": _line(200), "location": _line(250), "description": _lines(NOTES)},
    "guest": {"name": _line(150), "company": _line(150), "email": _line(254)},
    "volunteer": {"category": _line(60), "description": _lines(500)},
    "volunteer_category": {"name": _line(60)},
    "referral": {"external_recipient": _line(200), "contact": _line(200),
                 "description": _lines(NOTES)},
    "attendance": {"note": _line(200), "substitute_name": _line(150)},
    "settings": {"name": _line(150), "address": _lines(500)},
    "fee_rate": {"name": _line(80)},
    "payment": {"cheque_number": _line(40), "payer": _line(150), "reference": _line(80),
                "note": _line(200)},
    "mandate": {"title": _line(100)},
}
"""Record → field → limit. Referral status changes carry no text (a date, an amount)."""

# Category Cc is U+0000-U+001F and U+007F-U+009F; tab (09), line feed (0A) and carriage
# return (0D, a line feed once normalised) are the three kept as text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_ENDS = re.compile("\r\n?")


def text_limit(record: str, field: str) -> TextLimit:
    """The limit of ``field`` of ``record`` (keys of :data:`TEXT_LIMITS`)."""
    return TEXT_LIMITS[record][field]


def max_length(record: str, field: str) -> int:
    """The most characters ``field`` of ``record`` may hold (for ``setMaxLength``)."""
    return TEXT_LIMITS[record][field].maximum


def normalise_line_ends(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends as line feeds."""
    return _LINE_ENDS.sub("\n", text) if "\r" in text else text


def clean_line(text: str) -> str:
    """A one-line text trimmed, inner runs of spaces, tabs and line ends made one space."""
    return " ".join(text.split())


def clean_lines(text: str) -> str:
    """A text over several lines with its line ends normalised and its ends trimmed."""
    return normalise_line_ends(text).strip()


def count_text(count: int) -> str:
    """A count of characters as the language writes it: ``2 000`` or ``2,000``."""
    text = f"{count:,}"
    return text.replace(",", "\u202f") if current_language() == "fr" else text


def text_problem(text: str, limit: TextLimit) -> str | None:
    """What is wrong with ``text`` (as typed) for ``limit``, for the user; None if nothing.

    A control character is named with its position (the first is 1) in the text as typed,
    line ends normalised; the length is that of the text as stored (see :func:`clean_line`
    and :func:`clean_lines`).
    """
    if len(text) <= limit.maximum and _CONTROL.search(text) is None:
        return None  # the usual case, checked 200,000 times by a large import
    if limit.multiline:
        text = normalise_line_ends(text)
    if (found := _CONTROL.search(text)) is not None:
        return _("This text contains an invisible control character (position {position}); "
                 "remove it.").format(position=count_text(found.start() + 1))
    length = len(clean_lines(text) if limit.multiline else clean_line(text))
    if length > limit.maximum:
        # Both numbers are always above one: no plural form to choose.
        return _("At most {max} characters (this text has {count}).").format(
            max=count_text(limit.maximum), count=count_text(length))
    return None


def text_problems(record: str, values: object) -> dict[str, str]:
    """Field → what is wrong with it, for the texts of ``values`` that break their limit.

    ``values`` holds the fields of ``record`` as attributes (a form's input dataclass).
    """
    limits = TEXT_LIMITS[record]
    texts = [getattr(values, field, None) for field in limits]
    # One look at all the texts together first: an import checks every row this way.
    if (all(type(text) is str and len(text) <= limit.maximum
            for text, limit in zip(texts, limits.values(), strict=True))
            and _CONTROL.search("".join(texts)) is None):  # type: ignore[arg-type]
        return {}
    problems: dict[str, str] = {}
    for (field, limit), text in zip(limits.items(), texts, strict=True):
        if isinstance(text, str) and (message := text_problem(text, limit)) is not None:
            problems[field] = message
    return problems


def check_texts(record: str, values: object, errors: dict[str, str]) -> None:
    """Add to ``errors`` (field → message) what is wrong with the texts of ``values``.

    A text's own problem replaces another message on the same field: an email with an
    escape character in it is that, before it is an invalid address.
    """
    errors.update(text_problems(record, values))
