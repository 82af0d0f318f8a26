"""Text limits: the check itself, then every validator a form, the import or the command
line goes through, field by field: too long, exactly the limit, NUL and ESC, tab and line
feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from decimal import Decimal

import pytest

from clubdesk import i18n
from clubdesk.db import Attendance, Event, VolunteerCategory
from clubdesk.domain.common.settings import Settings, load_settings, validate_settings
from clubdesk.domain.common.text_limits import TEXT_LIMITS, TextLimit, text_problem
from clubdesk.domain.dues.payments import PaymentInput, validate_payment
from clubdesk.domain.dues.rates import Rate, validate_schedule
from clubdesk.domain.events.checkin import CheckinError, set_note, set_status
from clubdesk.domain.events.event_series import SeriesInput, validate_series
from clubdesk.domain.events.events import EventInput, validate_event
from clubdesk.domain.events.guests import GuestInput, validate_guest
from clubdesk.domain.members.mandates import MandateInput, validate_mandates
from clubdesk.domain.members.member_form import MemberInput, validate_member
from clubdesk.domain.referrals.referrals import ReferralInput, validate_referral
from clubdesk.domain.volunteering.volunteer_categories import check_name
from clubdesk.domain.volunteering.volunteering import VolunteerInput, validate_batch, validate_entry

NAME = TextLimit(100)
NOTES = TextLimit(5000, multiline=True)
TODAY = dt.date.today()
START = dt.datetime(2026, 3, 10, 19, 0)


# -- the check ---------------------------------------------------------------------------

def test_a_text_up_to_the_limit_passes_one_more_character_does_not() -> None:
    assert text_problem("x" * 100, NAME) is None
    assert text_problem("x" * 101, NAME) == "At most 100 characters (this text has 101)."
    assert text_problem("x" * 2000, NAME) == "At most 100 characters (this text has 2,000)."


def test_the_length_is_that_of_the_text_as_stored() -> None:
    # Spaces around and inside a one-line text go; a text over several lines is trimmed,
    # its Windows line ends counted as one character.
    assert text_problem("  " + "x" * 50 + "    " + "y" * 49 + "  ", NAME) is None
    assert text_problem("\r\n" + "x" * 4999 + "\r\n\r\n", NOTES) is None
    assert text_problem("abcd\r\n" * 1000, NOTES) is None
    assert text_problem("abcde\r\n" * 1000, NOTES) == (
        "At most 5,000 characters (this text has 5,999).")


@pytest.mark.parametrize(("text", "position"), [
    ("Jean-Pierre\x00", 12), ("\x1b[31mRouge", 1), ("Page\x0csuivante", 5),
    ("Tab\x0bvertical", 4), ("C1\x85", 3), ("DEL\x7f", 4),
])
def test_a_control_character_is_refused_with_its_position(text: str, position: int) -> None:
    expected = (f"This text contains an invisible control character (position {position}); "
                "remove it.")
    assert text_problem(text, NAME) == expected
    assert text_problem(text, NOTES) == expected


def test_tab_and_line_feed_are_text_line_ends_are_normalised_first() -> None:
    assert text_problem("Ordre du jour :\n\t1. Accueil\r\n\t2. Tour de table\r", NOTES) is None
    # A one-line field turns them into spaces, as it does with runs of spaces.
    assert text_problem("12 rue de la Paix\n75002 Paris\tFrance", NAME) is None
    # The position counts a Windows line end as one character, as the form shows it.
    assert text_problem("ab\r\ncd\x1b", NOTES) == (
        "This text contains an invisible control character (position 6); remove it.")


def test_the_messages_speak_french() -> None:
    i18n.set_language("fr")
    assert text_problem("x" * 2000, NAME) == (
        "Au plus 100 caractères (ce texte en a 2\u202f000).")
    assert text_problem("ab\x00", NAME) == (
        "Ce texte contient un caractère de contrôle invisible (position 3)\u00a0; "
        "supprimez-le.")


def _field_names(record: str) -> set[str]:
    kinds: dict[str, type] = {
        "member": MemberInput, "event": EventInput, "series": SeriesInput,
        "guest": GuestInput, "volunteer": VolunteerInput, "referral": ReferralInput,
        "settings": Settings, "fee_rate": Rate, "payment": PaymentInput,
        "mandate": MandateInput,
    }
    if record in kinds:
        return {item.name for item in fields(kinds[record])}
    model = {"attendance": Attendance, "volunteer_category": VolunteerCategory}[record]
    return set(model._meta.fields)


@pytest.mark.parametrize("record", sorted(TEXT_LIMITS))
def test_every_limit_is_a_field_of_its_record(record: str) -> None:
    assert set(TEXT_LIMITS[record]) <= _field_names(record)
    assert all(limit.maximum >= 10 for limit in TEXT_LIMITS[record].values())


# -- every validator ---------------------------------------------------------------------

Check = Callable[[str, str], dict[str, str]]  # (field, text) -> errors


@dataclass(frozen=True)
class Case:
    record: str
    field: str
    key: str = ""  # the error's key, when it is not the field's name

    @property
    def limit(self) -> TextLimit:
        return TEXT_LIMITS[self.record.removesuffix("_batch")][self.field]

    def __str__(self) -> str:
        return f"{self.record}.{self.field}"


CASES = [Case(record, name, "receiver" if name == "external_recipient" else "")
         for record, limits in TEXT_LIMITS.items() for name in limits]
CASES += [Case("volunteer_batch", name) for name in TEXT_LIMITS["volunteer"]]


def _fit(case: Case, length: int) -> str:
    """A valid value of ``length`` characters for the field."""
    if case.field == "email":
        return "j" * (length - len("@exemple.fr")) + "@exemple.fr"
    if case.field == "phone":
        return "0" + ".-" * ((length - 10) // 2) + "612345678" + "." * (length % 2)
    if case.field == "postcode" and length <= 10:
        return "69001"  # five digits are all a postcode holds: its limit is for pasted text
    return "x" * length


def _by_field(field: str, errors: dict[int, str]) -> dict[str, str]:
    """The message of a one-row list's validator, under the field's name."""
    return {field: errors[0]} if errors else {}


@pytest.fixture
def check(db_path, make_member) -> Callable[[Case, str], dict[str, str]]:
    """(case, text) -> the errors of the case's validator with the field set to text."""
    jeanne = make_member(first_name="Jeanne", last_name="Martin")
    paul = make_member(first_name="Paul", last_name="Durand")
    event = Event.create(title="Réunion", starts_at=START)
    Attendance.create(event=event, member=jeanne, status="absent")
    volunteer = VolunteerInput(member_id=jeanne.id, date=TODAY, hours=Decimal(1),
                               category="Communication")

    def attendance(field: str, text: str) -> dict[str, str]:
        try:
            if field == "note":
                set_note(event.id, jeanne.id, text)
            else:
                set_status(event.id, jeanne.id, "substitute", text)
        except CheckinError as error:
            return {field: str(error)}
        return {}

    checks: dict[str, Check] = {
        "member": lambda field, text: validate_member(replace(
            MemberInput(first_name="Jeanne", last_name="Martin"), **{field: text})).errors,
        "event": lambda field, text: validate_event(replace(
            EventInput(title="Réunion", starts_at=START), **{field: text})).errors,
        "series": lambda field, text: validate_series(replace(
            SeriesInput(title="Réunion", first_on=TODAY, until=TODAY), **{field: text})).errors,
        "guest": lambda field, text: validate_guest(replace(
            GuestInput(name="Zoé Blanc"), **{field: text})).errors,
        "volunteer": lambda field, text: validate_entry(
            replace(volunteer, **{field: text})).errors,
        "volunteer_batch": lambda field, text: validate_batch(
            [jeanne.id, paul.id], replace(volunteer, **{field: text})).errors,
        "volunteer_category": lambda field, text: (
            {field: message} if (message := check_name(text)) else {}),
        "referral": lambda field, text: validate_referral(replace(
            ReferralInput(giver_id=jeanne.id, external_recipient="Léa Roux"),
            **{field: text})).errors,
        "attendance": attendance,
        "settings": lambda field, text: validate_settings(replace(
            replace(load_settings(), name="Réseau Pro"), **{field: text})),
        "fee_rate": lambda field, text: _by_field(field, validate_schedule(
            [Rate(None, 2026, text, Decimal(300))])),
        "payment": lambda field, text: validate_payment(replace(PaymentInput(
            member_id=jeanne.id, fiscal_year=TODAY.year, amount=Decimal(300), paid_on=TODAY),
            **{field: text})).errors,
        "mandate": lambda field, text: _by_field(field, validate_mandates(
            [MandateInput(role="other", starts_on=TODAY, title=text)])),
    }
    return lambda case, text: checks[case.record](case.field, text)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_text_far_too_long_is_refused(check, case: Case) -> None:
    # Notes take 5,000 characters: twice that is what a pasted document gives them.
    length = 2000 if case.limit.maximum < 2000 else 2 * case.limit.maximum
    message = check(case, _fit(case, length)).get(case.key or case.field, "")
    assert (f"At most {case.limit.maximum:,} characters (this text has {length:,})."
            in message)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_exactly_the_limit_is_accepted(check, case: Case) -> None:
    message = check(case, _fit(case, case.limit.maximum)).get(case.key or case.field, "")
    assert "characters (this text has" not in message
    if case.field not in ("postcode", "category"):  # a postcode has 5 digits; a category
        assert message == ""                          # must be one of the list


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize(("text", "position"), [("Jean-Pierre\x00B", 12),
                                                ("\x1b[2JEffacé", 1)])
def test_nul_and_escape_are_refused_with_their_position(check, case: Case, text: str,
                                                        position: int) -> None:
    message = check(case, text).get(case.key or case.field, "")
    assert f"invisible control character (position {position}); remove it." in message


@pytest.mark.parametrize("case", CASES, ids=str)
def test_tab_and_line_feed_are_kept_in_multiline_texts_only(check, case: Case) -> None:
    text = "Deux\tmots\nsur deux lignes" if case.field not in ("email", "phone", "postcode") \
        else " \t" + _fit(case, 30) + "\n"
    message = check(case, text).get(case.key or case.field, "")
    assert "control character" not in message
    if case.field not in ("postcode", "category"):
        assert message == ""


def test_a_one_line_text_is_stored_on_one_line_a_multiline_one_keeps_its_lines(
        db_path) -> None:
    cleaned = validate_member(MemberInput(
        first_name="Jeanne", last_name="Martin", address="12 rue de la Paix\r\n75002 Paris",
        notes="Première ligne\r\n\tdeuxième ligne\rtroisième\n")).cleaned
    assert cleaned is not None
    assert cleaned.address == "12 rue de la Paix 75002 Paris"
    assert cleaned.notes == "Première ligne\n\tdeuxième ligne\ntroisième"
