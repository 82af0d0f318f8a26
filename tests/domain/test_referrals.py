"""Recording a referral and following it step by step, on a real SQLite file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from peewee import IntegrityError

from clubdesk import i18n
from clubdesk.db import Referral, ReferralStatusChange, database
from clubdesk.domain.common.amounts import check_amount, parse_amount
from clubdesk.domain.common.codes import ReferralStatus
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.referrals.referrals import (
    ReferralInput,
    ReferralNotFoundError,
    ReferralValidationError,
    StatusChangeError,
    change_status,
    create_referral,
    delete_referral,
    member_choices,
    next_statuses,
    referral_input,
    referral_state,
    status_history,
    update_referral,
    validate_referral,
)

TODAY = dt.date.today()


def _day(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


@pytest.fixture
def people(make_member) -> dict[str, int]:
    return {"loic": make_member(first_name="Loïc", last_name="Bréhat", company="Bréhat SARL").id,
            "anais": make_member(first_name="Anaïs", last_name="Dumas").id,
            "old": make_member(first_name="Paul", last_name="Ancien", status="former").id}


@pytest.fixture
def referral(people) -> int:
    """Loïc passed Anaïs a contact 30 days ago."""
    return create_referral(ReferralInput(giver_id=people["loic"], receiver_id=people["anais"],
                                         date=_day(-30), contact="  Zoé   Martin ",
                                         description=" Un devis pour des bureaux. "))


def _errors(data: ReferralInput, **kwargs) -> dict[str, str]:
    return validate_referral(data, today=TODAY, **kwargs).errors


# -- the referral itself ----------------------------------------------------------------------

def test_a_referral_needs_a_giver_and_exactly_one_receiver() -> None:
    assert _errors(ReferralInput(receiver_id=2)) == {
        "giver_id": "Choose the member who gives the referral."}
    assert _errors(ReferralInput(giver_id=1)) == {
        "receiver": "Choose the member who receives the referral, or name the person outside "
                    "the network."}
    assert _errors(ReferralInput(giver_id=1, external_recipient="   ")) == {
        "receiver": "Choose the member who receives the referral, or name the person outside "
                    "the network."}
    assert _errors(ReferralInput(giver_id=1, receiver_id=2, external_recipient="Cabinet X")) == {
        "receiver": "Choose a member or name someone outside the network, not both."}
    assert _errors(ReferralInput(giver_id=1, receiver_id=1)) == {
        "receiver": "A member can't pass a referral to themselves."}
    result = validate_referral(ReferralInput(giver_id=1, external_recipient=" Cabinet  Dupré "))
    assert result.ok and result.cleaned.external_recipient == "Cabinet Dupré"


def test_the_date_cannot_be_in_the_future_nor_after_the_next_step() -> None:
    data = ReferralInput(giver_id=1, receiver_id=2, date=_day(1))
    assert _errors(data) == {"date": "The date can't be in the future (today is "
                                     f"{TODAY:%d/%m/%Y})."}
    data.date = dt.date(2026, 3, 10)
    assert _errors(data, next_step=("contacted", dt.date(2026, 3, 6))) == {
        "date": "The referral can't be given after its next step (Contacted on 06/03/2026)."}
    assert not _errors(data, next_step=("contacted", dt.date(2026, 3, 10)))


def test_lengths_are_limited() -> None:
    errors = _errors(ReferralInput(giver_id=1, external_recipient="x" * 201, contact="y" * 201))
    assert errors == {"receiver": "At most 200 characters (this text has 201).",
                      "contact": "At most 200 characters (this text has 201)."}


def test_the_messages_speak_french(people) -> None:
    i18n.set_language("fr")
    assert _errors(ReferralInput(giver_id=1, receiver_id=1)) == {
        "receiver": "Un membre ne peut pas se donner une recommandation à lui-même."}


def test_create_records_the_given_step_in_the_same_transaction(referral, people) -> None:
    row = Referral.get_by_id(referral)
    assert (row.giver_id, row.receiver_id, row.status, row.amount) == (
        people["loic"], people["anais"], "new", None)
    assert (row.contact, row.description) == ("Zoé Martin", "Un devis pour des bureaux.")
    assert status_history(referral) == [("new", _day(-30))]
    assert referral_input(referral) == ReferralInput(
        giver_id=people["loic"], receiver_id=people["anais"], date=_day(-30),
        contact="Zoé Martin", description="Un devis pour des bureaux.")


def test_create_refuses_and_writes_nothing(people) -> None:
    with pytest.raises(ReferralValidationError) as refused:
        create_referral(ReferralInput(giver_id=people["loic"], receiver_id=people["loic"]))
    assert refused.value.result.errors == {
        "receiver": "A member can't pass a referral to themselves."}
    with pytest.raises(ReferralValidationError) as refused:
        create_referral(ReferralInput(giver_id=people["loic"], receiver_id=9999))
    assert refused.value.result.errors == {"receiver": "This member no longer exists."}
    assert Referral.select().count() == 0 and ReferralStatusChange.select().count() == 0


def test_outside_recipient(people) -> None:
    referral_id = create_referral(ReferralInput(giver_id=people["anais"],
                                                external_recipient="Boulangerie Müller"))
    row = Referral.get_by_id(referral_id)
    assert (row.receiver_id, row.external_recipient) == (None, "Boulangerie Müller")


def test_update_moves_the_given_step_but_never_after_the_next_one(referral, people) -> None:
    data = referral_input(referral)
    data.date = _day(-25)
    data.receiver_id, data.external_recipient = None, "Cabinet Dupré"
    update_referral(referral, data)
    assert status_history(referral) == [("new", _day(-25))]
    assert Referral.get_by_id(referral).external_recipient == "Cabinet Dupré"
    change_status(referral, "contacted", _day(-20))
    data.date = _day(-19)
    with pytest.raises(ReferralValidationError) as refused:
        update_referral(referral, data)
    assert refused.value.result.errors["date"] == (
        "The referral can't be given after its next step (Contacted on "
        f"{_day(-20):%d/%m/%Y}).")
    with pytest.raises(ReferralNotFoundError, match="Referral 999 does not exist."):
        update_referral(999, data)


def test_delete_takes_the_history_along(referral) -> None:
    change_status(referral, "contacted", _day(-10))
    delete_referral(referral)
    assert not Referral.select().exists()
    assert not ReferralStatusChange.select().exists()
    with pytest.raises(ReferralNotFoundError):
        delete_referral(referral)


def test_a_referral_gone_is_a_not_found_error(db_path) -> None:
    with pytest.raises(NotFoundError, match="Referral 7 does not exist."):
        status_history(7)


def test_member_choices_leave_former_members_out_unless_kept(people) -> None:
    assert member_choices() == [(people["loic"], "Bréhat Loïc — Bréhat SARL"),
                                (people["anais"], "Dumas Anaïs")]
    assert [member_id for member_id, _label in member_choices(keep=[people["old"], None])] == [
        people["old"], people["loic"], people["anais"]]


# -- the steps --------------------------------------------------------------------------------

def test_the_status_flow_with_dates_and_history(referral) -> None:
    change_status(referral, "contacted", _day(-28))
    change_status(referral, "in_progress", _day(-20))
    change_status(referral, "won", _day(-5), Decimal("1250.5"))
    row = Referral.get_by_id(referral)
    assert (row.status, row.amount, row.closed_on) == ("won", Decimal("1250.50"), _day(-5))
    assert status_history(referral) == [("new", _day(-30)), ("contacted", _day(-28)),
                                        ("in_progress", _day(-20)), ("won", _day(-5))]


def test_steps_may_be_skipped_and_lost_has_no_amount(referral) -> None:
    assert next_statuses("new") == ("contacted", "in_progress", "won", "lost")
    assert next_statuses(ReferralStatus.NEW) == (
        ReferralStatus.CONTACTED, ReferralStatus.IN_PROGRESS, ReferralStatus.WON,
        ReferralStatus.LOST)
    change_status(referral, "lost", _day(-2))
    row = Referral.get_by_id(referral)
    assert (row.status, row.amount, row.closed_on) == ("lost", None, _day(-2))
    assert next_statuses("lost") == ("in_progress", "lost")


def test_won_on_the_day_it_was_given(referral) -> None:
    change_status(referral, "won", _day(-30), Decimal("0"))
    assert Referral.get_by_id(referral).amount == Decimal("0.00")


def _refusal(referral: int, status: str, on: dt.date, amount: Decimal | None = None
             ) -> dict[str, str]:
    with pytest.raises(StatusChangeError) as refused:
        change_status(referral, status, on, amount)
    return refused.value.errors


def test_dates_of_a_step_are_checked(referral) -> None:
    given = f"{_day(-30):%d/%m/%Y}"
    assert _refusal(referral, "won", _day(-31), Decimal("10")) == {
        "date": f"A referral can't be won before it was given (given on {given})."}
    assert _refusal(referral, "contacted", _day(-31)) == {
        "date": f"The contact can't be made before the referral was given (given on {given})."}
    assert _refusal(referral, "lost", _day(1)) == {
        "date": f"The date can't be in the future (today is {TODAY:%d/%m/%Y})."}
    change_status(referral, "contacted", _day(-10))
    assert _refusal(referral, "in_progress", _day(-11)) == {
        "date": "This step can't come before the previous one (Contacted on "
                f"{_day(-10):%d/%m/%Y})."}
    assert status_history(referral) == [("new", _day(-30)), ("contacted", _day(-10))]


def test_won_needs_an_amount_not_negative_with_at_most_cents(referral) -> None:
    assert _refusal(referral, "won", TODAY) == {
        "amount": "Enter the amount of the business won."}
    assert _refusal(referral, "won", TODAY, Decimal("-1")) == {
        "amount": "The amount can't be negative."}
    assert _refusal(referral, "won", TODAY, Decimal("12.345")) == {
        "amount": "The amount can't have more than two decimals (cents)."}
    assert _refusal(referral, "won", TODAY, Decimal("10000000000")) == {
        "amount": "The amount is too large."}
    assert _refusal(referral, "lost", TODAY, Decimal("5")) == {
        "amount": "Only a won referral has an amount."}
    assert check_amount(Decimal("12.300")) == ""  # the same as 12.30
    assert Referral.get_by_id(referral).status == "new"


def test_an_open_referral_never_goes_back(referral) -> None:
    change_status(referral, "in_progress", _day(-10))
    assert _refusal(referral, "contacted", TODAY) == {
        "status": "A referral can't go back from “In progress” to “Contacted”."}
    assert _refusal(referral, "in_progress", TODAY) == {
        "status": "The referral is already at the step “In progress”."}
    assert "status" in _refusal(referral, "new", TODAY)
    assert _refusal(referral, "stalled", TODAY) == {
        "status": "Unknown referral status “stalled”."}


def test_a_closed_referral_is_reopened_and_the_reopening_kept(referral) -> None:
    change_status(referral, "won", _day(-10), Decimal("500"))
    assert _refusal(referral, "lost", TODAY) == {
        "status": "The referral is already “Won”: reopen it first."}
    assert _refusal(referral, "in_progress", _day(-11))["date"].startswith(
        "This step can't come before the previous one (Won on")
    change_status(referral, "in_progress", _day(-3))
    row = Referral.get_by_id(referral)
    assert (row.status, row.amount, row.closed_on) == ("in_progress", None, None)
    change_status(referral, "lost", _day(-1))
    assert status_history(referral) == [("new", _day(-30)), ("won", _day(-10)),
                                        ("in_progress", _day(-3)), ("lost", _day(-1))]


def test_won_again_corrects_the_amount_and_date_without_a_new_step(referral) -> None:
    change_status(referral, "contacted", _day(-20))
    change_status(referral, "won", _day(-10), Decimal("1250"))
    change_status(referral, "won", _day(-12), Decimal("12500"))
    row = Referral.get_by_id(referral)
    assert (row.amount, row.closed_on) == (Decimal("12500.00"), _day(-12))
    assert status_history(referral)[-1] == ("won", _day(-12))
    assert len(status_history(referral)) == 3
    assert _refusal(referral, "won", _day(-21), Decimal("1"))["date"].startswith(
        "This step can't come before the previous one (Contacted on")


def test_a_referral_recorded_without_history_still_moves_on(people) -> None:
    legacy = Referral.create(giver=people["loic"], receiver=people["anais"], date=_day(-9),
                             status="won", amount=Decimal("80"), closed_on=_day(-2))
    assert status_history(legacy.id) == [("new", _day(-9))]
    assert referral_state(legacy.id).steps == (("new", _day(-9)),)
    change_status(legacy.id, "won", _day(-4), Decimal("90"))  # the correction adds the step
    assert status_history(legacy.id) == [("new", _day(-9)), ("won", _day(-4))]


def test_the_referral_and_its_step_change_together_or_not_at_all(referral) -> None:
    database.execute_sql(
        "CREATE TRIGGER refuse_step BEFORE INSERT ON referral_status_change "
        "WHEN NEW.status = 'won' BEGIN SELECT RAISE(ABORT, 'no'); END")
    with pytest.raises(IntegrityError):
        change_status(referral, "won", TODAY, Decimal("100"))
    row = Referral.get_by_id(referral)
    assert (row.status, row.amount, row.closed_on) == ("new", None, None)
    assert status_history(referral) == [("new", _day(-30))]


def test_a_missing_referral_is_reported() -> None:
    with pytest.raises(ReferralNotFoundError, match="Referral 42 does not exist."):
        status_history(42)
    with pytest.raises(ReferralNotFoundError):
        change_status(42, "won", TODAY, Decimal("1"))


# -- amounts as typed -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "amount"), [
    ("1 250,50 €", Decimal("1250.50")), ("1\u202f250,5", Decimal("1250.5")),
    ("1250.50", Decimal("1250.50")), ("1.250,50", Decimal("1250.50")),
    ("1,250.50", Decimal("1250.50")), ("12,345", Decimal("12.345")), ("-5", Decimal("-5")),
    (",5", Decimal("0.5")), ("", None), ("  ", None),
])
def test_amounts_typed_the_french_or_english_way(text: str, amount: Decimal | None) -> None:
    assert parse_amount(text) == amount


def test_text_that_is_no_amount_says_how_to_type_it() -> None:
    with pytest.raises(ValueError, match="“douze” is not an amount: type it like 1 250,50."):
        parse_amount("douze")
    with pytest.raises(ValueError):
        parse_amount("1,2,3")
