"""Guests of an event: who came, invited by whom, and turning a guest into a member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN

from clubdesk.db import Event, Guest, Member, database
from clubdesk.domain.common.codes import MemberStatus
from clubdesk.domain.common.edit_conflicts import checked_edit
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.text_limits import check_texts, clean_line
from clubdesk.domain.members.member_form import MemberInput, is_valid_email
from clubdesk.domain.members.members import MemberValidationError, create_member
from clubdesk.i18n import _

# Particles written in lower case inside a French surname ("de La Tour", "d'Estaing").
_PARTICLES = frozenset({"de", "du", "des", "d'"})


class GuestError(ValueError):
    """A guest change was refused; the message, translated, says why."""


class GuestNotFoundError(GuestError, NotFoundError):
    """The guest was deleted meanwhile (a refusal like the others, and a "not found")."""

    def __init__(self, guest_id: int) -> None:
        super().__init__(_("This guest does not exist any more."))
        self.guest_id = guest_id


@dataclass
class GuestInput:
    """What the guest form edits."""

    name: str = ""
    company: str = ""
    email: str = ""
    invited_by_id: int | None = None


@dataclass(frozen=True)
class GuestValidation:
    """Messages by field name; ``cleaned`` holds the values to store, only when valid."""

    errors: dict[str, str] = field(default_factory=dict)
    cleaned: GuestInput | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


class GuestValidationError(GuestError):
    """The guest form was refused; ``result.errors`` says why, field by field."""

    def __init__(self, result: GuestValidation) -> None:
        super().__init__("\n".join(result.errors.values()))
        self.result = result


@dataclass(frozen=True, slots=True)
class GuestRow:
    """One guest as the check-in lists them."""

    id: int
    name: str
    company: str
    email: str
    invited_by_id: int | None
    invited_by_name: str
    converted_member_id: int | None
    converted_member_name: str


def validate_guest(data: GuestInput) -> GuestValidation:
    """Check the form: a name, a well-formed email if any, an inviter still in the register,
    texts within their limits."""
    cleaned = GuestInput(
        name=clean_line(data.name),
        company=clean_line(data.company),
        email="".join(data.email.split()).lower(),
        invited_by_id=data.invited_by_id,
    )
    errors: dict[str, str] = {}
    if not cleaned.name:
        errors["name"] = _("The guest's name is required.")
    if cleaned.email and not is_valid_email(cleaned.email):
        errors["email"] = _("This email address is not valid (expected: name@domain.fr).")
    if (cleaned.invited_by_id is not None
            and not Member.select().where(Member.id == cleaned.invited_by_id).exists()):
        errors["invited_by_id"] = _("This member is not in the register any more.")
    check_texts("guest", data, errors)
    return GuestValidation(errors, None if errors else cleaned)


def _validated(data: GuestInput) -> GuestInput:
    result = validate_guest(data)
    if result.cleaned is None:
        raise GuestValidationError(result)
    return result.cleaned


def add_guest(event_id: int, data: GuestInput) -> int:
    """Record a guest of ``event_id``; return its id."""
    with database.atomic():
        if not Event.select().where(Event.id == event_id).exists():
            raise GuestError(_("This event does not exist any more."))
        values = _validated(data)
        guest = Guest.create(event=event_id, name=values.name, company=values.company,
                             email=values.email, invited_by=values.invited_by_id)
    return int(guest.id)


def update_guest(guest_id: int, data: GuestInput, *,
                 original: GuestInput | None = None) -> None:
    """Store the form over guest ``guest_id``.

    With ``original`` (what the form opened with), changes made meanwhile elsewhere are
    kept and a field changed on both sides raises
    :class:`~clubdesk.domain.common.edit_conflicts.EditConflictError`, nothing written.
    """
    with database.atomic():
        if original is not None:
            current = guest_input(guest_id)  # raises when deleted meanwhile
            data = checked_edit(original, _validated(data), current)
        values = _validated(data)
        updated = (Guest.update(name=values.name, company=values.company, email=values.email,
                                invited_by=values.invited_by_id)
                   .where(Guest.id == guest_id).execute())
        if not updated:
            raise GuestNotFoundError(guest_id)


def guest_input(guest_id: int) -> GuestInput:
    """The stored values of a guest, for the form."""
    row = (Guest.select(Guest.name, Guest.company, Guest.email, Guest.invited_by)
           .where(Guest.id == guest_id).tuples().first())
    if row is None:
        raise GuestNotFoundError(guest_id)
    return GuestInput(*row)


def delete_guest(guest_id: int) -> None:
    """Delete a guest entered by mistake; one who became a member stays as their history."""
    with database.atomic():
        row = _guest_with_member(guest_id)
        if row[4] is not None:
            raise GuestError(_("{guest} became a member ({member}) after this visit: the "
                               "record is kept as their history.").format(
                guest=row[1], member=row[5]))
        Guest.delete().where(Guest.id == guest_id).execute()


def guest_rows(event_id: int) -> list[GuestRow]:
    """The guests of ``event_id`` in the order they were recorded; one query."""
    inviter = Member.alias("inviter")
    converted = Member.alias("converted")
    query = (
        Guest
        .select(Guest.id, Guest.name, Guest.company, Guest.email, Guest.invited_by,
                inviter.first_name, inviter.last_name, Guest.converted_member,
                converted.first_name, converted.last_name)
        .join(inviter, JOIN.LEFT_OUTER, on=(Guest.invited_by == inviter.id))
        .switch(Guest)
        .join(converted, JOIN.LEFT_OUTER, on=(Guest.converted_member == converted.id))
        .where(Guest.event == event_id)
        .order_by(Guest.id)
        .tuples()
    )
    return [
        GuestRow(guest_id, name, company, email, inviter_id,
                 f"{inviter_first or ''} {inviter_last or ''}".strip(), member_id,
                 f"{member_first or ''} {member_last or ''}".strip())
        for (guest_id, name, company, email, inviter_id, inviter_first, inviter_last,
             member_id, member_first, member_last) in query
    ]


def _guest_with_member(guest_id: int) -> tuple:
    """``(id, name, company, email, converted id, converted name, invited_by)``."""
    converted = Member.alias("converted")
    row = (
        Guest
        .select(Guest.id, Guest.name, Guest.company, Guest.email, Guest.converted_member,
                converted.first_name, converted.last_name, Guest.invited_by)
        .join(converted, JOIN.LEFT_OUTER, on=(Guest.converted_member == converted.id))
        .where(Guest.id == guest_id)
        .tuples()
        .first()
    )
    if row is None:
        raise GuestNotFoundError(guest_id)
    guest_id, name, company, email, member_id, first, last, inviter = row
    return (guest_id, name, company, email, member_id,
            f"{first or ''} {last or ''}".strip(), inviter)


def _surname_case(words: list[str]) -> str:
    """A surname typed in capitals, written as usual: "DE LA TOUR" → "de La Tour"."""
    cased = []
    for position, word in enumerate(words):
        lower = word.lower()
        if lower in _PARTICLES and position < len(words) - 1:
            cased.append(lower)
        else:
            cased.append(_capitalized(lower))
    return " ".join(cased)


def _capitalized(word: str) -> str:
    """Each part of a compound capitalised: "le-goff" → "Le-Goff", "d'estaing" → "d'Estaing"."""
    parts = ["'".join(piece[:1].upper() + piece[1:] for piece in part.split("'"))
             for part in word.split("-")]
    text = "-".join(parts)
    return "d'" + text[2:] if text.startswith("D'") and len(text) > 2 else text


def _is_capitals(word: str) -> bool:
    """A word in capitals, not an initial ("DUPONT", not "J.")."""
    return word.isupper() and sum(char.isalpha() for char in word) > 1


def split_name(name: str) -> tuple[str, str]:
    """``(first name, last name)`` from a guest's name as typed.

    "Jeanne Dupont" and "Jean-Pierre de La Tour" give the first word as the first name; the
    French habit of a surname in capitals ("DUPONT Jeanne", "Jeanne DUPONT") is recognised
    and the surname written in the usual case. A single
    word gives an empty first name.
    """
    words = name.split()
    capitals = 0
    while capitals < len(words) and _is_capitals(words[capitals]):
        capitals += 1
    if 0 < capitals < len(words):
        return " ".join(words[capitals:]), _surname_case(words[:capitals])
    if len(words) < 2:
        return "", " ".join(words)
    last = words[1:]
    if all(_is_capitals(word) for word in last):  # "Jeanne DUPONT"
        return words[0], _surname_case(last)
    return words[0], " ".join(last)


def convert_guest_to_member(guest_id: int) -> int:
    """Make the guest an active member, sponsored by whoever invited them; the member's id.

    In one transaction: the member is created (validated like the member form) and the
    guest is linked to them. Refused when already converted or when the name has one word.
    """
    with database.atomic():
        _id, name, company, email, member_id, member_name, inviter = _guest_with_member(
            guest_id)
        if member_id is not None:
            raise GuestError(_("{guest} is already a member: {member}.").format(
                guest=name, member=member_name))
        first, last = split_name(name)
        if not first:
            raise GuestError(_("“{name}” needs a first and a last name to become a member: "
                               "edit the guest first.").format(name=name))
        data = MemberInput(first_name=first, last_name=last, company=company, email=email,
                           status=MemberStatus.ACTIVE, sponsor_id=inviter,
                           joined_on=dt.date.today())
        try:
            new_id = create_member(data)
        except MemberValidationError as error:
            raise GuestError(_("{name} could not become a member: {reason}").format(
                name=name, reason=str(error))) from error
        Guest.update(converted_member=new_id).where(Guest.id == guest_id).execute()
    return new_id
