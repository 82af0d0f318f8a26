"""What the member form edits, and the rules it must satisfy before it is saved."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from typing import Any

from peewee import fn

from clubdesk.db import BUREAU_ROLES, MEMBER_STATUSES, Member
from clubdesk.domain.common.codes import BureauRole, MemberStatus
from clubdesk.domain.common.labels import bureau_role_label, member_status_label
from clubdesk.domain.common.text_limits import check_texts, clean_lines
from clubdesk.domain.members.phones import PhoneError, normalize_phone
from clubdesk.i18n import _

CONSENTS = ("consent_directory", "consent_photos", "consent_newsletter")
"""The consent flags; each has the date it was given, ``<flag>_on``, and the date it was
withdrawn, ``<flag>_withdrawn_on``: a withdrawn consent keeps both, so the association can
show when it held the member's consent (GDPR, article 7)."""
# Each consent with its two date fields, named once: an import checks 20,000 rows.
_CONSENT_FIELDS = tuple((consent, f"{consent}_on", f"{consent}_withdrawn_on")
                        for consent in CONSENTS)

# Single-line texts: trimmed, inner runs of spaces collapsed (a pasted "Jean  Pierre").
_LINE_FIELDS = (
    "first_name", "last_name", "email", "phone", "company", "profession", "sector",
    "address", "city", "postcode",
)

# Pragmatic, not RFC 5322: one @, no spaces, dot-separated labels, a top-level domain of two
# letters or more. It catches the typos a secretary makes ("jean@gmail", "jean@@x.fr",
# "jean@x,fr") without refusing real addresses; unicode letters are allowed (IDN).
_EMAIL = re.compile(
    r"""
    [\w!#$%&'*+/=?^`{|}~-]+ (?:\.[\w!#$%&'*+/=?^`{|}~-]+)*   # local part, no leading/double dot
    @
    (?:[^\W_](?:[\w-]*[^\W_])?\.)+                           # domain labels
    (?:[^\W\d_]{2,}|xn--[\w-]+)                               # top-level domain
    """,
    re.VERBOSE,
)


def is_valid_email(text: str) -> bool:
    """True when ``text`` looks like an email address (see the pattern above)."""
    return _EMAIL.fullmatch(text) is not None
_POSTCODE = re.compile(r"\d{5}")


@dataclass
class MemberInput:
    """Everything the member form edits, as plain values (dates may be ``None``)."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    company: str = ""
    profession: str = ""
    sector: str = ""
    address: str = ""
    city: str = ""
    postcode: str = ""
    status: str = MemberStatus.ACTIVE
    role: str = BureauRole.NONE
    sponsor_id: int | None = None
    joined_on: dt.date | None = None
    left_on: dt.date | None = None
    consent_directory: bool = False
    consent_directory_on: dt.date | None = None
    consent_directory_withdrawn_on: dt.date | None = None
    consent_photos: bool = False
    consent_photos_on: dt.date | None = None
    consent_photos_withdrawn_on: dt.date | None = None
    consent_newsletter: bool = False
    consent_newsletter_on: dt.date | None = None
    consent_newsletter_withdrawn_on: dt.date | None = None
    notes: str = ""


FIELD_NAMES: tuple[str, ...] = tuple(item.name for item in fields(MemberInput))


@dataclass(frozen=True)
class ValidationResult:
    """Messages by field name; ``cleaned`` holds the values to store, only when valid."""

    errors: dict[str, str] = field(default_factory=dict)
    cleaned: MemberInput | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _clean(data: MemberInput, today: dt.date) -> MemberInput:
    """Trimmed texts, lower-case email, compact postcode, consent dates defaulted to today
    (the date given for a ticked consent, the withdrawal for an unticked one given before)."""
    values: dict[str, Any] = {
        name: " ".join(getattr(data, name).split()) for name in _LINE_FIELDS
    }
    values["email"] = str(values["email"]).lower()
    values["postcode"] = str(values["postcode"]).replace(" ", "")
    values["notes"] = clean_lines(data.notes)
    for consent, given_field, withdrawn_field in _CONSENT_FIELDS:
        given = getattr(data, given_field)
        if getattr(data, consent):
            if given is None:
                values[given_field] = today
        elif given is not None and getattr(data, withdrawn_field) is None:
            # A consent given once and now refused is withdrawn today, not forgotten.
            values[withdrawn_field] = today
    # A copy made from the instance's dict: dataclasses.replace() runs __init__ again and
    # copy.copy() goes through __reduce_ex__, a third of the time of checking a row when an
    # import checks 20,000 of them.
    cleaned = object.__new__(MemberInput)
    cleaned.__dict__.update(data.__dict__, **values)
    return cleaned


def _email_owner(email: str, member_id: int | None) -> str | None:
    """The name of another member using ``email`` (compared without case), if any."""
    query = (
        Member
        .select(Member.first_name, Member.last_name)
        .where(fn.lower(fn.trim(Member.email)) == email)
    )
    if member_id is not None:
        query = query.where(Member.id != member_id)
    row = query.limit(1).tuples().first()
    return f"{row[0]} {row[1]}".strip() if row else None


def _check_membership(data: MemberInput, errors: dict[str, str]) -> None:
    if data.status not in MEMBER_STATUSES:
        errors["status"] = _("Unknown status “{code}”.").format(code=data.status)
    if data.role not in BUREAU_ROLES:
        errors["role"] = _("Unknown bureau role “{code}”.").format(code=data.role)
    if data.joined_on and data.left_on and data.left_on < data.joined_on:
        errors["left_on"] = _("The leaving date is before the joining date.")
    elif data.status == MemberStatus.FORMER and data.left_on is None:
        errors["left_on"] = _("A former member needs a leaving date.")
    elif data.status != MemberStatus.FORMER and data.left_on is not None:
        errors["left_on"] = _(
            "A member with a leaving date is a former member: set the status to “{former}”, "
            "or clear the leaving date if they are still “{status}”."
        ).format(former=member_status_label(MemberStatus.FORMER),
                 status=member_status_label(data.status))
    if (data.status == MemberStatus.FORMER and data.role in BUREAU_ROLES
            and data.role != BureauRole.NONE):
        errors["role"] = _("A former member cannot hold a bureau role: choose “{none}”.").format(
            none=bureau_role_label(BureauRole.NONE))


def _check_consents(data: MemberInput, today: dt.date, errors: dict[str, str]) -> None:
    for consent, given_field, withdrawn_field in _CONSENT_FIELDS:
        given = getattr(data, given_field)
        withdrawn = getattr(data, withdrawn_field)
        if given is not None and given > today:
            errors[given_field] = _("A consent cannot be dated in the future.")
        if withdrawn is None:
            continue
        if getattr(data, consent):
            errors[withdrawn_field] = _(
                "A consent that is given has no withdrawal date: untick it to withdraw it.")
        elif given is None:
            errors[withdrawn_field] = _(
                "A withdrawal needs the date the consent was given.")
        elif withdrawn < given:
            errors[withdrawn_field] = _(
                "The consent cannot be withdrawn before it was given ({date}).").format(
                    date=given.strftime("%d/%m/%Y"))
        elif withdrawn > today:
            errors[withdrawn_field] = _("A withdrawal cannot be dated in the future.")


def validate_member(data: MemberInput, member_id: int | None = None) -> ValidationResult:
    """Check ``data`` for a new member (``member_id`` None) or for member ``member_id``.

    Every text within its limit and free of control characters (:mod:`text_limits`).
    Reads the database (an email used by another member, the sponsor), writes nothing.
    """
    today = dt.date.today()
    cleaned = _clean(data, today)
    errors: dict[str, str] = {}

    if not cleaned.first_name:
        errors["first_name"] = _("The first name is required.")
    if not cleaned.last_name:
        errors["last_name"] = _("The last name is required.")

    if cleaned.email:
        if not _EMAIL.fullmatch(cleaned.email):
            errors["email"] = _("This email address is not valid (expected: name@domain.fr).")
        elif owner := _email_owner(cleaned.email, member_id):
            errors["email"] = _("This email address is already used by {name}.").format(
                name=owner)

    try:
        cleaned.phone = normalize_phone(cleaned.phone)
    except PhoneError as error:
        errors["phone"] = str(error)

    if cleaned.postcode and not _POSTCODE.fullmatch(cleaned.postcode):
        errors["postcode"] = _("A French postcode has five digits.")

    _check_membership(cleaned, errors)

    if cleaned.sponsor_id is not None:
        if member_id is not None and cleaned.sponsor_id == member_id:
            errors["sponsor_id"] = _("A member cannot be their own sponsor.")
        elif not Member.select().where(Member.id == cleaned.sponsor_id).exists():
            errors["sponsor_id"] = _("This sponsor is not in the member list any more.")

    # Checked on the values as given, before ``_clean`` defaulted the dates to today.
    _check_consents(data, today, errors)
    # On the texts as typed: a control character's position is the one the user sees.
    check_texts("member", data, errors)

    return ValidationResult(errors=errors, cleaned=None if errors else cleaned)
