"""The rules of the member form, checked against a real database."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from clubdesk import i18n
from clubdesk.domain.members.member_form import MemberInput, ValidationResult, validate_member

TODAY = dt.date.today()


@pytest.fixture
def valid(db_path) -> MemberInput:
    return MemberInput(first_name="Jeanne", last_name="Martin")


def test_minimal_member_is_valid(valid: MemberInput) -> None:
    result = validate_member(valid)
    assert result.ok
    assert result.errors == {}
    assert result.cleaned == valid


def test_result_is_frozen(valid: MemberInput) -> None:
    result = validate_member(valid)
    with pytest.raises(AttributeError):
        result.cleaned = None  # type: ignore[misc]


def test_names_are_required(db_path) -> None:
    result = validate_member(MemberInput(first_name="  ", last_name=""))
    assert not result.ok
    assert result.cleaned is None
    assert set(result.errors) == {"first_name", "last_name"}
    assert "required" in result.errors["first_name"]


def test_cleaned_values_are_trimmed_and_normalised(valid: MemberInput) -> None:
    data = replace(
        valid,
        first_name="  Jean  Pierre ",
        email="  Jean.Martin@Orange.FR ",
        phone="6 12 34 56 78",
        postcode="75 011",
        city=" Paris ",
        notes="\n  Vient de Lyon.  \n",
    )
    cleaned = validate_member(data).cleaned
    assert cleaned is not None
    assert cleaned.first_name == "Jean Pierre"
    assert cleaned.email == "jean.martin@orange.fr"
    assert cleaned.phone == "+33612345678"
    assert cleaned.postcode == "75011"
    assert cleaned.city == "Paris"
    assert cleaned.notes == "Vient de Lyon."
    assert data.phone == "6 12 34 56 78"  # the input is left alone


@pytest.mark.parametrize(
    "email",
    ["jeanne@orange.fr", "a.b+club@sub.example.co.uk", "élodie@exemple.fr", "x_y@123.fr", ""],
)
def test_good_emails_pass(valid: MemberInput, email: str) -> None:
    assert validate_member(replace(valid, email=email)).ok


@pytest.mark.parametrize(
    "email",
    ["jeanne", "jeanne@gmail", "jeanne@@gmail.com", "jeanne@gmail,com", "jean ne@gmail.com",
     "jeanne.@gmail.com", "jean..ne@gmail.com", "@gmail.com", "jeanne@-gmail.com",
     "jeanne@gmail.c", "jeanne@gmail.com."],
)
def test_bad_emails_are_refused(valid: MemberInput, email: str) -> None:
    result = validate_member(replace(valid, email=email))
    assert set(result.errors) == {"email"}
    assert "not valid" in result.errors["email"]


def test_email_used_by_another_member_is_refused_with_their_name(valid, make_member) -> None:
    make_member(first_name="Éloïse", last_name="Œuvray", email="Eloise@Example.fr")
    result = validate_member(replace(valid, email="eloise@example.FR"))
    assert result.errors["email"] == "This email address is already used by Éloïse Œuvray."


def test_member_keeps_their_own_email(make_member) -> None:
    member = make_member(email="jeanne@example.fr")
    data = MemberInput(first_name="Jeanne", last_name="Martin", email="jeanne@example.fr")
    assert validate_member(data, member_id=member.id).ok
    assert "email" in validate_member(data).errors  # but a new member may not take it


def test_invalid_phone_is_reported_on_the_phone_field(valid: MemberInput) -> None:
    result = validate_member(replace(valid, phone="06 12 34"))
    assert result.errors == {"phone": "This phone number is too short."}


@pytest.mark.parametrize(("postcode", "ok"), [("75011", True), ("01000", True), ("", True),
                                              ("7501", False), ("750111", False),
                                              ("ABCDE", False)])
def test_postcode_has_five_digits(valid: MemberInput, postcode: str, ok: bool) -> None:
    result = validate_member(replace(valid, postcode=postcode))
    assert result.ok is ok
    if not ok:
        assert set(result.errors) == {"postcode"}


def test_leaving_before_joining_is_refused(valid: MemberInput) -> None:
    data = replace(valid, status="former", joined_on=dt.date(2020, 9, 1),
                   left_on=dt.date(2020, 6, 30))
    assert set(validate_member(data).errors) == {"left_on"}
    assert validate_member(replace(data, left_on=dt.date(2020, 9, 1))).ok


def test_former_member_needs_a_leaving_date(valid: MemberInput) -> None:
    result = validate_member(replace(valid, status="former"))
    assert result.errors == {"left_on": "A former member needs a leaving date."}


@pytest.mark.parametrize("status", ["active", "prospect", "lapsed"])
def test_leaving_date_requires_the_former_status(valid: MemberInput, status: str) -> None:
    result = validate_member(replace(valid, status=status, left_on=dt.date(2024, 6, 30)))
    message = result.errors["left_on"]
    assert "set the status to “Former”" in message
    assert "clear the leaving date" in message


def test_leaving_date_message_is_translated(valid: MemberInput) -> None:
    i18n.set_language("fr")
    result = validate_member(replace(valid, status="active", left_on=dt.date(2024, 6, 30)))
    assert "«\u00a0Ancien membre\u00a0»" in result.errors["left_on"]
    assert "«\u00a0Actif\u00a0»" in result.errors["left_on"]


def test_former_member_cannot_keep_a_bureau_role(valid: MemberInput) -> None:
    data = replace(valid, status="former", left_on=dt.date(2024, 6, 30), role="treasurer")
    assert validate_member(data).errors == {
        "role": "A former member cannot hold a bureau role: choose “No role”."
    }


def test_unknown_codes_are_refused(valid: MemberInput) -> None:
    result = validate_member(replace(valid, status="gone", role="king"))
    assert {"status", "role"} <= set(result.errors)


def test_member_cannot_sponsor_themselves(make_member) -> None:
    member = make_member()
    data = MemberInput(first_name="A", last_name="B", sponsor_id=member.id)
    assert validate_member(data, member_id=member.id).errors == {
        "sponsor_id": "A member cannot be their own sponsor."
    }
    assert validate_member(data).ok  # a new member sponsored by this one


def test_missing_sponsor_is_refused(valid: MemberInput) -> None:
    result = validate_member(replace(valid, sponsor_id=9999))
    assert set(result.errors) == {"sponsor_id"}


def test_ticked_consent_without_date_is_dated_today(valid: MemberInput) -> None:
    data = replace(valid, consent_photos=True,
                   consent_directory=True, consent_directory_on=dt.date(2023, 1, 15))
    cleaned = validate_member(data).cleaned
    assert cleaned is not None
    assert cleaned.consent_photos_on == TODAY
    assert cleaned.consent_directory_on == dt.date(2023, 1, 15)
    assert cleaned.consent_newsletter_on is None
    assert data.consent_photos_on is None


def test_unticked_consent_with_a_date_is_withdrawn_today(valid: MemberInput) -> None:
    """A consent given once and refused now keeps its date and gains a withdrawal date."""
    given = dt.date(2023, 1, 15)
    cleaned = validate_member(replace(valid, consent_newsletter_on=given)).cleaned
    assert cleaned is not None
    assert cleaned.consent_newsletter is False
    assert cleaned.consent_newsletter_on == given
    assert cleaned.consent_newsletter_withdrawn_on == TODAY
    assert cleaned.consent_photos_withdrawn_on is None  # never given: nothing withdrawn


def test_withdrawal_keeps_its_own_date(valid: MemberInput) -> None:
    data = replace(valid, consent_photos_on=dt.date(2022, 5, 1),
                   consent_photos_withdrawn_on=dt.date(2024, 3, 2))
    cleaned = validate_member(data).cleaned
    assert cleaned is not None
    assert cleaned.consent_photos_withdrawn_on == dt.date(2024, 3, 2)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent_photos": True, "consent_photos_on": dt.date(2022, 5, 1)},
         "A consent that is given has no withdrawal date: untick it to withdraw it."),
        ({}, "A withdrawal needs the date the consent was given."),
        ({"consent_photos_on": dt.date(2024, 6, 1)},
         "The consent cannot be withdrawn before it was given (01/06/2024)."),
    ],
)
def test_withdrawal_date_rules(valid: MemberInput, changes: dict, message: str) -> None:
    data = replace(valid, consent_photos_withdrawn_on=dt.date(2024, 3, 2), **changes)
    assert validate_member(data).errors == {"consent_photos_withdrawn_on": message}


def test_withdrawal_cannot_be_dated_in_the_future(valid: MemberInput) -> None:
    data = replace(valid, consent_photos_on=dt.date(2022, 5, 1),
                   consent_photos_withdrawn_on=TODAY + dt.timedelta(days=1))
    assert validate_member(data).errors == {
        "consent_photos_withdrawn_on": "A withdrawal cannot be dated in the future."}


def test_consent_cannot_be_dated_in_the_future(valid: MemberInput) -> None:
    data = replace(valid, consent_photos=True, consent_photos_on=TODAY + dt.timedelta(days=1))
    assert set(validate_member(data).errors) == {"consent_photos_on"}


def test_several_errors_are_reported_together(db_path) -> None:
    data = MemberInput(email="x@", phone="12", postcode="1", status="former")
    result = validate_member(data)
    assert isinstance(result, ValidationResult)
    assert set(result.errors) == {"first_name", "last_name", "email", "phone", "postcode",
                                  "left_on"}
