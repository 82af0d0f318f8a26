"""The pieces of text that may name a person: words, e-mail addresses, phone numbers.

Text is folded (lower case, no accents) before it is searched, so that "DUPONT Jean",
"jean dupont" and "Jéan Dupont" read alike; :class:`FoldedText` remembers where each
folded character came from, so that a match is replaced in the original text. The patterns
here are the same for everyone: a look-up tells whose name, address or number was found
(:mod:`clubdesk.domain.gdpr.gdpr_traces`), so that one scan serves any number of people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from clubdesk.domain.common.text import fold

# A word of a name: letters only, so that "_", "-", "." and digits separate words.
LETTERS = re.compile(r"[^\W\d_]+")
NOT_DIGITS = re.compile(r"[^0-9]+")
# Between the words of a name: a space, hyphen (any dash), underscore, dot or apostrophe
# ("jean-dupont", "adhesion_jean.dupont.xlsx", "J.-P. Dupont"); a comma in "DUPONT, Jean".
NAME_GAP = re.compile(r"[\s_.'’\-\u2010-\u2015]{1,3}")
COMMA_GAP = re.compile(r"\s*,\s*")
EMAILS = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# Between the digits of a phone number: nothing, or a few spaces, dots, dashes or slashes.
_GAP = r"[\s.\-/]{0,3}"
# A French number as people write it: "06 12 34 56 78", "06.12.34.56.78", "0612345678",
# "+33 6 12 34 56 78", "0033 6…", "+33 (0)6…", or its nine digits alone.
FRENCH_PHONES = re.compile(
    rf"(?<![0-9+])(?:(?:\+|00)\s?(?P<country>[1-9][0-9]{{1,2}}){_GAP}(?:\(0\){_GAP})?"
    rf"|0{_GAP})?[1-9](?:{_GAP}[0-9]){{8}}(?![0-9])")
FRENCH_DIGITS = 9
# The fewest digits of a stored number, not in the French plan, that are looked for.
MIN_PHONE_DIGITS = 8


class _FoldTable(dict[int, str]):
    """What each character becomes once folded, computed once per character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = " " if char.isspace() else fold(char)
        self[code] = folded
        return folded


_FOLDED = _FoldTable()


def fold_text(text: str) -> str:
    """``text`` lower-cased, without accents ("Œ" is "oe"), for searching names in it."""
    return text.lower() if text.isascii() else text.translate(_FOLDED)


class FoldedText:
    """A text and its folded form, with the way back from one to the other."""

    def __init__(self, text: str) -> None:
        self.text = text
        if text.isascii():
            self.folded = text.lower()
            self._pieces: list[str] | None = None
            self._owner: list[int] = []
            return
        self._pieces = [_FOLDED[ord(char)] for char in text]
        self.folded = "".join(self._pieces)
        self._owner = [index for index, piece in enumerate(self._pieces) for _char in piece]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Where folded ``[start, end)`` lies in the original text (accents kept)."""
        if self._pieces is None:
            return start, end
        first, last = self._owner[start], self._owner[end - 1] + 1
        # A combining accent right after the match folds to nothing: it goes with it.
        while last < len(self._pieces) and not self._pieces[last]:
            last += 1
        return first, last


def words(name: str) -> tuple[str, ...]:
    """The folded words of a name: ``words("Le Goff-Ségur")`` is ``("le", "goff", "segur")``."""
    return tuple(LETTERS.findall(fold_text(name)))


def folded_email(email: str) -> str:
    """``email`` as it is looked for, or "" when it is no address."""
    folded = fold_text(email.strip())
    return folded if EMAILS.fullmatch(folded) else ""


@dataclass(frozen=True)
class StoredPhone:
    """What is looked for of a stored phone number.

    ``key``: digits every written form holds (found in the text's digits run together).
    A French-plan number has its ``country`` code and nine digits (``key``), found by
    :data:`FRENCH_PHONES`; any other is found by its own ``pattern``.
    """

    key: str
    country: int | None = None
    pattern: str = ""


def _spaced(digits: str) -> str:
    return _GAP.join(digits)


def stored_phone(phone: str) -> StoredPhone | None:
    """How the stored ``phone`` (E.164, or text from an old import) is looked for."""
    phone = phone.strip()
    if not phone:
        return None
    try:
        number = phonenumbers.parse(phone, "FR")
        valid = phonenumbers.is_valid_number(number)
    except NumberParseException:
        valid = False
    if not valid:
        digits = NOT_DIGITS.sub("", phone)
        if len(digits) < MIN_PHONE_DIGITS:
            return None
        return StoredPhone(digits, None, rf"(?<![0-9])(?:{_spaced(digits)})(?![0-9])")
    national = phonenumbers.national_significant_number(number)
    country = number.country_code
    dialled = NOT_DIGITS.sub("", phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
    if len(national) == FRENCH_DIGITS and dialled == "0" + national:
        return StoredPhone(national, country)
    forms = [rf"(?:\+|00)\s?{_spaced(str(country))}{_GAP}(?:\(0\){_GAP})?{_spaced(national)}",
             _spaced(dialled)]
    if len(national) >= MIN_PHONE_DIGITS:
        forms.append(_spaced(national))
    return StoredPhone(national, country,
                       rf"(?<![0-9+])(?:{'|'.join(forms)})(?![0-9])")
