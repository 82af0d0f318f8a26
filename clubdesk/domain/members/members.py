"""Reading and writing one member for the member form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, replace

from clubdesk.db import Member, database
from clubdesk.domain.common.codes import BureauRole
from clubdesk.domain.common.edit_conflicts import checked_edit
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.text import fold
from clubdesk.domain.members.mandates import (
    MandateInput,
    MandatesChangedError,
    MandateValidationError,
    change_role,
    current_role,
    mandate_inputs,
    same_mandates,
    save_member_mandates,
    validate_mandates,
)
from clubdesk.domain.members.member_form import (
    FIELD_NAMES,
    MemberInput,
    ValidationResult,
    validate_member,
)
from clubdesk.i18n import _


class MemberValidationError(ValueError):
    """The data was refused; ``result.errors`` says why, field by field."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__("\n".join(result.errors.values()))
        self.result = result


class MemberNotFoundError(NotFoundError):
    """No member has this id (deleted meanwhile, for example)."""

    def __init__(self, member_id: int) -> None:
        super().__init__(_("Member {id} does not exist.").format(id=member_id))
        self.member_id = member_id


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def member_input(member_id: int) -> MemberInput:
    """The stored values of member ``member_id``, for the form (phone as stored, E.164)."""
    columns = [getattr(Member, "sponsor" if name == "sponsor_id" else name)
               for name in FIELD_NAMES]
    row = Member.select(*columns).where(Member.id == member_id).tuples().first()
    if row is None:
        raise MemberNotFoundError(member_id)
    return MemberInput(**dict(zip(FIELD_NAMES, row, strict=True)))


def _cleaned(data: MemberInput, member_id: int | None) -> MemberInput:
    result = validate_member(data, member_id)
    if result.cleaned is None:
        raise MemberValidationError(result)
    return result.cleaned


def _validated(data: MemberInput, member_id: int | None) -> dict[str, object]:
    values = asdict(_cleaned(data, member_id))
    values["sponsor"] = values.pop("sponsor_id")
    return values


def _checked_mandates(mandates: Sequence[MandateInput], today: dt.date) -> None:
    errors = validate_mandates(mandates, today)
    if errors:
        raise MandateValidationError(errors)


def create_member(data: MemberInput, mandates: Sequence[MandateInput] | None = None) -> int:
    """Validate ``data`` and store it as a new member; return its id.

    With ``mandates`` (the member form's history of roles), they are stored in the same
    transaction and the current role is the one they hold today.
    Raises :class:`MemberValidationError` or
    :class:`~clubdesk.domain.members.mandates.MandateValidationError` (nothing stored) when
    the data is refused.
    """
    today = dt.date.today()
    if mandates is not None:
        data = replace(data, role=current_role(mandates, today))
    with database.atomic():
        values = _validated(data, None)
        if mandates is not None:
            _checked_mandates(mandates, today)
        now = _now()
        member = Member.create(**values, created_at=now, updated_at=now)
        if mandates is not None:
            save_member_mandates(member.id, mandates, today)
        elif member.role != BureauRole.NONE:
            change_role(member.id, member.role)
    return int(member.id)


def update_member(member_id: int, data: MemberInput, *,
                  original: MemberInput | None = None,
                  mandates: Sequence[MandateInput] | None = None,
                  original_mandates: Sequence[MandateInput] | None = None) -> None:
    """Validate ``data`` and store it over member ``member_id``.

    With ``original`` (the stored values the form opened with), what changed meanwhile
    elsewhere is kept, and a field changed on both sides raises
    :class:`~clubdesk.domain.common.edit_conflicts.EditConflictError` with nothing written.

    With ``mandates`` (the member form's history of roles, ``original_mandates`` the one it
    opened with), the history is replaced in the same transaction and the current role is
    the one it holds today (``data.role`` is not used). A history the form left alone keeps
    what was stored meanwhile; one changed both in the form and elsewhere raises
    :class:`~clubdesk.domain.members.mandates.MandatesChangedError`, nothing written.

    Raises :class:`MemberValidationError` or
    :class:`~clubdesk.domain.members.mandates.MandateValidationError` when the data is
    refused and :class:`MemberNotFoundError` when there is no such member.
    """
    today = dt.date.today()
    if mandates is not None:
        _checked_mandates(mandates, today)
    with database.atomic():
        history: Sequence[MandateInput] | None = None
        if mandates is not None:
            history = _history_to_save(member_id, mandates, original_mandates)
            stored = mandate_inputs(member_id) if history is None else history
            # The role follows the history: the same on every side of the comparison.
            data = replace(data, role=current_role(stored, today))
            if original is not None:
                original = replace(original, role=data.role)
        if original is not None:
            current = member_input(member_id)  # raises when deleted meanwhile
            if mandates is not None:
                current = replace(current, role=data.role)
            data = checked_edit(original, _cleaned(data, member_id), current)
        elif not Member.select().where(Member.id == member_id).exists():
            raise MemberNotFoundError(member_id)
        values = _validated(data, member_id)
        before = Member.select(Member.role).where(Member.id == member_id).scalar()
        (
            Member
            .update(**values, updated_at=_now())
            .where(Member.id == member_id)
            .execute()
        )
        if history is not None:
            save_member_mandates(member_id, history, today)
        elif mandates is None and values["role"] != before:
            change_role(member_id, str(values["role"]))  # the history keeps the old one


def _history_to_save(member_id: int, mandates: Sequence[MandateInput],
                     original: Sequence[MandateInput] | None) -> Sequence[MandateInput] | None:
    """The history to store, or None to keep the stored one (the form left it alone)."""
    if original is None:
        return mandates
    if same_mandates(mandates, original):
        return None
    stored = mandate_inputs(member_id)
    if not same_mandates(stored, original) and not same_mandates(stored, mandates):
        raise MandatesChangedError(stored)
    return mandates


def member_name(member_id: int) -> str:
    """Member ``member_id``'s first and last name; :class:`MemberNotFoundError` if none."""
    row = (Member.select(Member.first_name, Member.last_name)
           .where(Member.id == member_id).tuples().first())
    if row is None:
        raise MemberNotFoundError(member_id)
    return f"{row[0]} {row[1]}".strip()


def sponsor_label(last_name: str, first_name: str, company: str) -> str:
    """How a member appears in the sponsor list: ``"Last First — Company"``."""
    name = f"{last_name} {first_name}".strip()
    return f"{name} — {company}" if company else name


def sponsor_choices(exclude_id: int | None = None) -> list[tuple[int, str]]:
    """``(id, "Last First — Company")`` of every member, by folded last then first name.

    One query over four columns; ``exclude_id`` (the member being edited) is left out, since
    nobody sponsors themselves.
    """
    query = Member.select(Member.id, Member.last_name, Member.first_name, Member.company)
    if exclude_id is not None:
        query = query.where(Member.id != exclude_id)
    # One fold a row ("\x00" sorts first, so the last name is compared before the first name).
    rows = sorted(query.tuples(), key=lambda row: (fold(f"{row[1]}\x00{row[2]}"), row[0]))
    return [(row[0], sponsor_label(row[1], row[2], row[3])) for row in rows]
