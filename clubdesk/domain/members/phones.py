"""Phone numbers as French users type them, stored in E.164 (``+33612345678``)."""

from __future__ import annotations

import re
from functools import cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumber, PhoneNumberFormat

from clubdesk.i18n import _

# Overseas departments share the French ten-digit plan ("0590 12 34 56" is dialled that way
# from Paris) but have their own country codes: a number that is not valid in metropolitan
# France is tried there before being refused.
_OVERSEAS_REGIONS = ("GP", "MQ", "GF", "RE", "YT")
_FRENCH_COUNTRY_CODES = frozenset({33, 262, 590, 594, 596})


# The number types phonenumbers.is_valid_number accepts (every type but UNKNOWN).
_NUMBER_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost",
                 "personal_number", "voip", "pager", "uan", "voicemail")
# A French number as people write it: "06 12 34 56 78", "06.12.34.56.78", "+33 6 12…",
# "0033…", or the nine digits a spreadsheet leaves when it drops the leading 0.
_SEPARATORS = str.maketrans("", "", " .-\u00a0")
_WRITTEN_FRENCH = re.compile(r"(?:\+33|0033|0)?([1-9]\d{8})")


class PhoneError(ValueError):
    """A phone number that cannot be stored; ``str(error)`` is a message for the user."""


def _parse(text: str, region: str) -> PhoneNumber:
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as error:
        raise PhoneError(_("This is not a phone number.")) from error
    if phonenumbers.is_valid_number(number):
        return number
    national = region == "FR" and not text.startswith(("+", "00"))
    if national:
        for overseas in _OVERSEAS_REGIONS:
            candidate = phonenumbers.parse(text, overseas)
            if phonenumbers.is_valid_number(candidate):
                return candidate
        digits = "".join(char for char in text if char.isdigit())
        if digits.startswith("0") and len(digits) != 10:
            # A French number typed with its 0 has ten digits: say which way it is wrong.
            if len(digits) < 10:
                raise PhoneError(_("This phone number is too short."))
            raise PhoneError(_("This phone number is too long."))
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason in (
        phonenumbers.ValidationResult.TOO_SHORT,
        phonenumbers.ValidationResult.INVALID_LENGTH,
    ):
        raise PhoneError(_("This phone number is too short."))
    if reason == phonenumbers.ValidationResult.TOO_LONG:
        raise PhoneError(_("This phone number is too long."))
    raise PhoneError(
        _("This phone number does not exist: check the digits, and start a foreign number "
          "with + and its country code.")
    )


@cache
def _french_national_number() -> re.Pattern[str]:
    """The nine national digits of every valid French number, from phonenumbers' own
    metadata: the same rule as ``is_valid_number``, without parsing."""
    metadata = PhoneMetadata.metadata_for_region("FR")
    patterns = [description.national_number_pattern for name in _NUMBER_TYPES
                if (description := getattr(metadata, name)) is not None
                and description.national_number_pattern]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


def _french_fast(text: str) -> str | None:
    """E.164 for a plainly written valid French number, or None to take the full path.

    An import of 20,000 rows spends most of its time parsing phone numbers; the common
    case needs one regular expression (see tests/domain/test_phones.py, which checks that
    both paths agree).
    """
    written = _WRITTEN_FRENCH.fullmatch(text.translate(_SEPARATORS))
    if written is None or not _french_national_number().fullmatch(digits := written[1]):
        return None
    return "+33" + digits


def normalize_phone(text: str, region: str = "FR") -> str:
    """``text`` in E.164, read as a number of ``region`` unless it starts with ``+``.

    ``"06 12 34 56 78"`` and ``"612345678"`` (the leading 0 lost by a spreadsheet) both give
    ``"+33612345678"``; an empty text gives ``""``. Raises :class:`PhoneError` otherwise.
    """
    text = text.strip()
    if not text:
        return ""
    if region == "FR" and (e164 := _french_fast(text)):
        return e164
    number = _parse(text, region)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """A stored number for display: ``06 12 34 56 78`` for France, international otherwise.

    Text that is not a valid number (an old import, say) is returned unchanged.
    """
    try:
        number = phonenumbers.parse(e164, "FR")
    except NumberParseException:
        return e164
    if not phonenumbers.is_valid_number(number):
        return e164
    if number.country_code in _FRENCH_COUNTRY_CODES:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
