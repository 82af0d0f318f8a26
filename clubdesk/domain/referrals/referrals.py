"""Recording one referral, and following it step by step until the business is won or lost.

The steps go forward: new → contacted → in progress → won or lost, skipping any (a deal
may close the day it is passed). Each change is dated and kept in ``ReferralStatusChange``.
Going back is only for correcting: a won or lost referral can be *reopened* (back to in
progress, amount and closing date cleared, the reopening kept in the history), and marking a
closed referral won or lost again corrects its amount or closing date in place. An open
referral never goes back a step: moving forward by mistake is harmless, and the history
stays a plain timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from decimal import Decimal

from peewee import JOIN

from clubdesk.db import Member, Referral, ReferralStatusChange, database
from clubdesk.domain.common.amounts import check_amount
from clubdesk.domain.common.codes import MemberStatus, ReferralStatus
from clubdesk.domain.common.edit_conflicts import checked_edit
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.labels import referral_status_label
from clubdesk.domain.common.text import search_fold
from clubdesk.domain.common.text_limits import clean_line, clean_lines, text_problems
from clubdesk.domain.common.validation import ValidationResult
from clubdesk.domain.members.members import sponsor_label
from clubdesk.i18n import _

REFERRAL_STATUSES = tuple(ReferralStatus)
"""Every step, in the order a referral goes through them."""
OPEN_STATUSES = (ReferralStatus.NEW, ReferralStatus.CONTACTED, ReferralStatus.IN_PROGRESS)
CLOSED_STATUSES = (ReferralStatus.WON, ReferralStatus.LOST)
_RANK = {ReferralStatus.NEW: 0, ReferralStatus.CONTACTED: 1, ReferralStatus.IN_PROGRESS: 2,
         ReferralStatus.WON: 3, ReferralStatus.LOST: 3}

Step = tuple[str, dt.date]


@dataclass(kw_only=True)
class ReferralInput:
    """Everything the referral form edits, as plain values."""

    giver_id: int | None = None
    receiver_id: int | None = None
    external_recipient: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    contact: str = ""
    description: str = ""


@dataclass(frozen=True)
class ReferralState:
    """What a status change is checked against: the referral and its steps so far."""

    id: int
    date: dt.date
    status: str
    amount: Decimal | None
    closed_on: dt.date | None
    steps: tuple[Step, ...]  # oldest first, starting with (ReferralStatus.NEW, date)


class ReferralValidationError(ValueError):
    """The referral was refused; ``result.errors`` says why, field by field."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__("\n".join(result.errors.values()))
        self.result = result


class StatusChangeError(ValueError):
    """A status change was refused; ``errors`` maps "status", "date", "amount" to why."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("\n".join(errors.values()))
        self.errors = errors


class ReferralNotFoundError(NotFoundError):
    """No referral has this id (deleted meanwhile, for example)."""

    def __init__(self, referral_id: int) -> None:
        super().__init__(_("Referral {id} does not exist.").format(id=referral_id))
        self.referral_id = referral_id


def day_text(day: dt.date) -> str:
    """A date in messages: 03/03/2026 (French and British English alike)."""
    return f"{day:%d/%m/%Y}"


# -- the referral itself ---------------------------------------------------------------------

def validate_referral(data: ReferralInput, today: dt.date | None = None,
                      next_step: Step | None = None) -> ValidationResult[ReferralInput]:
    """Check ``data`` without writing; ``next_step`` is the first step after "given", if any."""
    today = today or dt.date.today()
    cleaned = replace(data, external_recipient=clean_line(data.external_recipient),
                      contact=clean_line(data.contact),
                      description=clean_lines(data.description))
    errors: dict[str, str] = {}
    if cleaned.giver_id is None:
        errors["giver_id"] = _("Choose the member who gives the referral.")
    has_member = cleaned.receiver_id is not None
    if has_member and cleaned.external_recipient:
        errors["receiver"] = _("Choose a member or name someone outside the network, "
                               "not both.")
    elif not has_member and not cleaned.external_recipient:
        errors["receiver"] = _("Choose the member who receives the referral, or name the "
                               "person outside the network.")
    elif has_member and cleaned.receiver_id == cleaned.giver_id:
        errors["receiver"] = _("A member can't pass a referral to themselves.")
    if cleaned.date > today:
        errors["date"] = _("The date can't be in the future (today is {today})."
                           ).format(today=day_text(today))
    elif next_step is not None and cleaned.date > next_step[1]:
        errors["date"] = _("The referral can't be given after its next step ({step} on "
                           "{date}).").format(step=referral_status_label(next_step[0]),
                                              date=day_text(next_step[1]))
    texts = text_problems("referral", data)
    if "external_recipient" in texts:
        # The form shows the person outside the network under "Received by".
        errors["receiver"] = texts.pop("external_recipient")
    errors.update(texts)
    return ValidationResult(errors=errors, cleaned=None if errors else cleaned)


def _validated(data: ReferralInput, next_step: Step | None = None) -> ReferralInput:
    result = validate_referral(data, next_step=next_step)
    if result.cleaned is None:
        raise ReferralValidationError(result)
    cleaned = result.cleaned
    wanted = {cleaned.giver_id, cleaned.receiver_id} - {None}
    found = set(Member.select(Member.id).where(Member.id.in_(list(wanted))).tuples())
    errors = {name: _("This member no longer exists.")
              for name, member_id in (("giver_id", cleaned.giver_id),
                                      ("receiver", cleaned.receiver_id))
              if member_id is not None and (member_id,) not in found}
    if errors:
        raise ReferralValidationError(ValidationResult(errors=errors))
    return cleaned


def _values(data: ReferralInput) -> dict[str, object]:
    return {"giver": data.giver_id, "receiver": data.receiver_id,
            "external_recipient": data.external_recipient, "date": data.date,
            "contact": data.contact, "description": data.description}


def create_referral(data: ReferralInput) -> int:
    """Validate ``data`` and store it as a new referral, with its first step; its id."""
    with database.atomic():
        cleaned = _validated(data)
        referral = Referral.create(**_values(cleaned), status=ReferralStatus.NEW)
        ReferralStatusChange.create(referral=referral, status=ReferralStatus.NEW,
                                    changed_on=cleaned.date)
    return int(referral.id)


def update_referral(referral_id: int, data: ReferralInput, *,
                    original: ReferralInput | None = None) -> None:
    """Store ``data`` over referral ``referral_id``; its status and history stay.

    The "given" step moves with the date, which can't come after the next step. With
    ``original`` (what the form opened with), changes made meanwhile elsewhere are kept
    and a field changed on both sides raises
    :class:`~clubdesk.domain.common.edit_conflicts.EditConflictError`, nothing written.
    """
    with database.atomic():
        steps = status_history(referral_id)
        next_step = steps[1] if len(steps) > 1 else None
        if original is not None:
            current = referral_input(referral_id)
            data = checked_edit(original, _validated(data, next_step=next_step), current)
        cleaned = _validated(data, next_step=next_step)
        Referral.update(**_values(cleaned)).where(Referral.id == referral_id).execute()
        updated = (ReferralStatusChange
                   .update(changed_on=cleaned.date)
                   .where((ReferralStatusChange.referral == referral_id)
                          & (ReferralStatusChange.status == ReferralStatus.NEW))
                   .execute())
        if not updated:
            ReferralStatusChange.create(referral=referral_id, status=ReferralStatus.NEW,
                                        changed_on=cleaned.date)


def delete_referral(referral_id: int) -> None:
    """Delete referral ``referral_id``; its history goes with it (the foreign key cascades)."""
    with database.atomic():
        if not Referral.delete().where(Referral.id == referral_id).execute():
            raise ReferralNotFoundError(referral_id)


def referral_input(referral_id: int) -> ReferralInput:
    """The stored values of referral ``referral_id``, for the form."""
    row = (
        Referral
        .select(Referral.giver, Referral.receiver, Referral.external_recipient, Referral.date,
                Referral.contact, Referral.description)
        .where(Referral.id == referral_id)
        .tuples()
        .first()
    )
    if row is None:
        raise ReferralNotFoundError(referral_id)
    giver_id, receiver_id, external, date, contact, description = row
    return ReferralInput(giver_id=giver_id, receiver_id=receiver_id,
                         external_recipient=external, date=date, contact=contact,
                         description=description)


def member_choices(keep: Collection[int | None] = ()) -> list[tuple[int, str]]:
    """``(id, "Last First — Company")`` of the members a referral can name, by name.

    Former members are left out, except those in ``keep`` (the giver and receiver of the
    referral being edited). One query.
    """
    wanted = [member_id for member_id in keep if member_id is not None]
    query = (Member
             .select(Member.id, Member.last_name, Member.first_name, Member.company)
             .where((Member.status != MemberStatus.FORMER) | Member.id.in_(wanted))
             .tuples())
    rows = sorted(query, key=lambda row: (search_fold(f"{row[1]}\x00{row[2]}"), row[0]))
    return [(row[0], sponsor_label(row[1], row[2], row[3])) for row in rows]


# -- its steps -------------------------------------------------------------------------------

def status_history(referral_id: int) -> list[Step]:
    """The steps of referral ``referral_id``, oldest first, "new" (given) always first."""
    query = (
        Referral
        .select(Referral.date, ReferralStatusChange.status, ReferralStatusChange.changed_on)
        .join(ReferralStatusChange, JOIN.LEFT_OUTER,
              on=(ReferralStatusChange.referral == Referral.id))
        .where(Referral.id == referral_id)
        .order_by(ReferralStatusChange.changed_on, ReferralStatusChange.id)
        .tuples()
    )
    rows = list(query)
    if not rows:
        raise ReferralNotFoundError(referral_id)
    given = _as_date(rows[0][0])
    steps: list[Step] = [(status, _as_date(on)) for _given, status, on in rows if status]
    if not steps or steps[0][0] != ReferralStatus.NEW:  # recorded before the history was kept
        steps = [(ReferralStatus.NEW, given),
                 *(step for step in steps if step[0] != ReferralStatus.NEW)]
    return steps


def referral_state(referral_id: int) -> ReferralState:
    """Referral ``referral_id`` as :func:`check_status_change` needs it."""
    row = (Referral
           .select(Referral.date, Referral.status, Referral.amount, Referral.closed_on)
           .where(Referral.id == referral_id)
           .tuples()
           .first())
    if row is None:
        raise ReferralNotFoundError(referral_id)
    date, status, amount, closed_on = row
    return ReferralState(referral_id, date, status, amount, closed_on,
                         tuple(status_history(referral_id)))


def next_statuses(current: str) -> tuple[str, ...]:
    """The statuses a referral at ``current`` may move to: any later step when it is open;
    back to in progress (reopened) or itself (corrected) when it is closed."""
    if current in CLOSED_STATUSES:
        return (ReferralStatus.IN_PROGRESS, current)
    return tuple(status for status in REFERRAL_STATUSES
                 if _RANK[status] > _RANK.get(current, 0))


def _before_given(status: str, given: dt.date) -> str:
    messages = {
        ReferralStatus.CONTACTED: _("The contact can't be made before the referral was given "
                                    "(given on {date})."),
        ReferralStatus.IN_PROGRESS: _("A referral can't be in progress before it was given "
                                      "(given on {date})."),
        ReferralStatus.WON: _("A referral can't be won before it was given (given on {date})."),
        ReferralStatus.LOST: _("A referral can't be lost before it was given (given on "
                               "{date})."),
    }
    return messages[status].format(date=day_text(given))


def check_status_change(state: ReferralState, status: str, on: dt.date,
                        amount: Decimal | None = None,
                        today: dt.date | None = None) -> dict[str, str]:
    """Why moving ``state`` to ``status`` on ``on`` is refused, by field; empty when allowed."""
    today = today or dt.date.today()
    current = referral_status_label(state.status)
    errors: dict[str, str] = {}
    if status not in REFERRAL_STATUSES:
        return {"status": _("Unknown referral status “{code}”.").format(code=status)}
    if status == ReferralStatus.NEW:
        errors["status"] = _("A referral is new only when it is given: it can't go back to "
                             "that step.")
    elif status == state.status and status in OPEN_STATUSES:
        errors["status"] = _("The referral is already at the step “{status}”.").format(
            status=current)
    elif state.status in CLOSED_STATUSES and status not in (state.status,
                                                              ReferralStatus.IN_PROGRESS):
        errors["status"] = _("The referral is already “{status}”: reopen it first.").format(
            status=current)
    elif _RANK[status] < _RANK.get(state.status, 0) and state.status in OPEN_STATUSES:
        errors["status"] = _("A referral can't go back from “{current}” to “{status}”."
                             ).format(current=current, status=referral_status_label(status))
    correcting = status == state.status and len(state.steps) > 1
    previous = state.steps[-2] if correcting else state.steps[-1]
    if on > today:
        errors["date"] = _("The date can't be in the future (today is {today})."
                           ).format(today=day_text(today))
    elif on < state.date and status != ReferralStatus.NEW:
        errors["date"] = _before_given(status, state.date)
    elif on < previous[1]:
        errors["date"] = _("This step can't come before the previous one ({status} on "
                           "{date}).").format(status=referral_status_label(previous[0]),
                                              date=day_text(previous[1]))
    if status == ReferralStatus.WON:
        message = (_("Enter the amount of the business won.") if amount is None
                   else check_amount(amount))
        if message:
            errors["amount"] = message
    elif amount is not None:
        errors["amount"] = _("Only a won referral has an amount.")
    return errors


def change_status(referral_id: int, status: str, on: dt.date,
                  amount: Decimal | None = None) -> None:
    """Move referral ``referral_id`` to ``status`` on ``on``, keeping the step in its history.

    ``won`` needs ``amount``; ``won`` and ``lost`` set the closing date to ``on``; reopening
    (a closed referral back to ``in_progress``) clears both. The referral and its history
    change in one transaction. Raises :class:`StatusChangeError` when refused.
    """
    with database.atomic():
        state = referral_state(referral_id)
        errors = check_status_change(state, status, on, amount)
        if errors:
            raise StatusChangeError(errors)
        closed = status in CLOSED_STATUSES
        (Referral
         .update(status=status, closed_on=on if closed else None,
                 amount=amount.quantize(Decimal("0.01")) if amount is not None else None)
         .where(Referral.id == referral_id)
         .execute())
        last = (ReferralStatusChange
                .select(ReferralStatusChange.id, ReferralStatusChange.status)
                .where(ReferralStatusChange.referral == referral_id)
                .order_by(ReferralStatusChange.changed_on.desc(),
                          ReferralStatusChange.id.desc())
                .tuples()
                .first())
        if status == state.status and last is not None and last[1] == status:
            # A correction of the closing: the step stays one step, at its corrected date.
            (ReferralStatusChange.update(changed_on=on)
             .where(ReferralStatusChange.id == last[0]).execute())
        else:
            ReferralStatusChange.create(referral=referral_id, status=status, changed_on=on)


def _as_date(value: object) -> dt.date:
    # A joined or computed column may come back as stored text.
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
