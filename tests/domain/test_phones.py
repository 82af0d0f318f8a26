"""Phone numbers typed the French way, stored in E.164."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clubdesk import i18n
from clubdesk.domain.members import phones
from clubdesk.domain.members.phones import PhoneError, format_phone, normalize_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("  0612345678 ", "+33612345678"),
        ("612345678", "+33612345678"),  # the leading 0 eaten by a spreadsheet
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("+33 (0)1 23 45 67 89", "+33123456789"),
        ("+32 470 12 34 56", "+32470123456"),
        ("0590 12 34 56", "+590590123456"),  # Guadeloupe, dialled from metropolitan France
        ("0692 12 34 56", "+262692123456"),  # Réunion mobile
    ],
)
def test_normalize_phone(typed: str, stored: str) -> None:
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("empty", ["", "   "])
def test_empty_phone_is_allowed(empty: str) -> None:
    assert normalize_phone(empty) == ""


def test_region_applies_to_numbers_without_country_code() -> None:
    assert normalize_phone("0470 12 34 56", region="BE") == "+32470123456"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "not a phone number"),
        ("06 12 34 56 7", "too short"),
        ("06 12 34 56 78 9", "too long"),
        ("+33 5 12", "too short"),
        ("07 00 00 00 00", "does not exist"),
    ],
)
def test_invalid_phone_says_why(typed: str, message: str) -> None:
    with pytest.raises(PhoneError, match=message):
        normalize_phone(typed)


def test_phone_error_is_a_value_error_in_the_current_language() -> None:
    i18n.set_language("fr")
    with pytest.raises(ValueError, match="trop court"):
        normalize_phone("06 12")


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+33612345678", "06 12 34 56 78"),
        ("+33123456789", "01 23 45 67 89"),
        ("+590590123456", "0590 12 34 56"),
        ("+32470123456", "+32 470 12 34 56"),
        ("+442079460958", "+44 20 7946 0958"),
        ("06 12 34 56 78", "06 12 34 56 78"),  # an old import, not yet in E.164
        ("not a number", "not a number"),
        ("+33 1", "+33 1"),
        ("", ""),
    ],
)
def test_format_phone(stored: str, shown: str) -> None:
    assert format_phone(stored) == shown


def test_format_then_normalize_round_trips() -> None:
    for stored in ("+33612345678", "+32470123456", "+590690123456"):
        assert normalize_phone(format_phone(stored)) == stored


_DIGITS = st.text(alphabet="0123456789", min_size=8, max_size=11)
_PREFIXES = st.sampled_from(["", "0", "+33", "0033", "+33 ", "00", "+3"])
_SEPARATOR = st.sampled_from(["", " ", ".", "-", "\u00a0"])


def _slow(text: str) -> str | PhoneError:
    """The full phonenumbers path, without the fast one."""
    try:
        return phones.phonenumbers.format_number(phones._parse(text.strip(), "FR"),
                                                 phones.PhoneNumberFormat.E164)
    except PhoneError as error:
        return error


@settings(max_examples=3000, deadline=None)
@given(prefix=_PREFIXES, digits=_DIGITS, separator=_SEPARATOR)
def test_fast_path_agrees_with_phonenumbers(prefix: str, digits: str, separator: str) -> None:
    """Whatever the digits and their spacing, the one-regex path for French numbers gives
    what the full parse gives, and only takes numbers the full parse accepts."""
    text = prefix + separator.join(digits[i:i + 2] for i in range(0, len(digits), 2))
    fast = phones._french_fast(text)
    slow = _slow(text)
    if fast is not None:
        assert fast == slow
    try:
        assert normalize_phone(text) == slow
    except PhoneError as error:
        assert isinstance(slow, PhoneError) and str(error) == str(slow)


@pytest.mark.parametrize("number", ["0612345678", "0123456789", "0970123456", "0800123456",
                                    "0899123456", "0512345678", "0745678901"])
def test_fast_path_takes_common_french_numbers(number: str) -> None:
    assert phones._french_fast(number) == _slow(number) == "+33" + number[1:]
