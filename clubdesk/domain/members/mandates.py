"""Who held which role when: the history of the bureau and committee mandates.

A member's current role (``Member.role``, what the lists show and filter on) is the role of
their open mandate (no end date); it is kept in step here, in the same transaction as the
history. Changing the role in the member form closes the open mandate and opens a new one
on that day; archiving a member closes theirs on their leaving day: nothing is forgotten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from peewee import fn

from clubdesk.db import Mandate, Member, database
from clubdesk.domain.common.codes import BureauRole
from clubdesk.domain.common.dates import years_before
from clubdesk.domain.common.labels import bureau_role_label
from clubdesk.domain.common.text_limits import check_texts, clean_line
from clubdesk.i18n import _

# The order roles are listed in (a member's current role is the first of their open ones).
ROLE_ORDER = (BureauRole.PRESIDENT, BureauRole.VICE_PRESIDENT, BureauRole.TREASURER,
              BureauRole.SECRETARY, BureauRole.OTHER)


@dataclass(frozen=True)
class MandateInput:
    """One mandate as the member form edits it (``ends_on`` None: still held)."""

    role: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    title: str = ""


@dataclass(frozen=True)
class MandateRow:
    """A stored mandate with its holder's name."""

    id: int
    member_id: int
    last_name: str
    first_name: str
    role: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None

    @property
    def label(self) -> str:
        """"Trésorier", or the association's own name of an "other" role."""
        return self.title if self.role == BureauRole.OTHER and self.title else \
            bureau_role_label(self.role)

    def held_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class MandateValidationError(ValueError):
    """The history was refused; ``errors`` maps a mandate's position to its message."""

    def __init__(self, errors: dict[int, str]) -> None:
        super().__init__("\n".join(errors.values()))
        self.errors = errors


def _rows(query) -> list[MandateRow]:
    return [MandateRow(*row) for row in query.tuples()]


def _select():
    return (Mandate
            .select(Mandate.id, Mandate.member, Member.last_name, Member.first_name,
                    Mandate.role, Mandate.title, Mandate.starts_on, Mandate.ends_on)
            .join(Member, on=(Mandate.member == Member.id)))


def member_mandates(member_id: int) -> list[MandateRow]:
    """A member's mandates, the latest first."""
    return _rows(_select().where(Mandate.member == member_id)
                 .order_by(Mandate.starts_on.desc(), Mandate.id.desc()))


def mandate_inputs(member_id: int) -> list[MandateInput]:
    """A member's mandates as the member form edits them, the latest first."""
    return [MandateInput(row.role, row.starts_on, row.ends_on, row.title)
            for row in member_mandates(member_id)]


def form_mandates(member_id: int, today: dt.date | None = None) -> list[MandateInput]:
    """The history as the member form shows it: the stored mandates, latest first, and the
    member's current role as a mandate since they joined when none holds it (a role
    recorded without its history): saving the form then records it."""
    today = today or dt.date.today()
    history = mandate_inputs(member_id)
    row = Member.select(Member.role, Member.joined_on).where(
        Member.id == member_id).tuples().first()
    if row is None or row[0] not in ROLE_ORDER or current_role(history, today) == row[0]:
        return history
    starts_on = row[1] if row[1] is not None and row[1] <= today else today
    return [MandateInput(row[0], starts_on), *history]


def _normal(item: MandateInput) -> tuple[str, dt.date, dt.date, str]:
    """What tells mandates apart: the title only names an "other" role."""
    title = clean_line(item.title) if item.role == BureauRole.OTHER else ""
    return item.role, item.starts_on, item.ends_on or dt.date.max, title


def same_mandates(first: Sequence[MandateInput], second: Sequence[MandateInput]) -> bool:
    """True when both histories hold the same mandates, whatever their order."""
    return sorted(map(_normal, first)) == sorted(map(_normal, second))


class MandatesChangedError(Exception):
    """The mandates were changed elsewhere since the form opened, and the form changed
    them too: nothing was written. ``stored`` is the history as it is now."""

    def __init__(self, stored: list[MandateInput]) -> None:
        super().__init__(_("The roles of this member were changed elsewhere meanwhile."))
        self.stored = stored


def validate_mandates(mandates: Sequence[MandateInput],
                      today: dt.date | None = None) -> dict[int, str]:
    """Position -> what is wrong with that mandate."""
    today = today or dt.date.today()
    errors: dict[int, str] = {}
    for position, item in enumerate(mandates):
        texts: dict[str, str] = {}
        check_texts("mandate", replace(item, title=clean_line(item.title)), texts)
        if item.role not in ROLE_ORDER:
            errors[position] = _("Choose the role.")
        elif item.role == BureauRole.OTHER and not clean_line(item.title):
            errors[position] = _("Name the role (for example “Communication officer”).")
        elif texts:
            errors[position] = next(iter(texts.values()))
        elif item.starts_on > today + dt.timedelta(days=366):
            errors[position] = _("A mandate cannot start more than a year from now.")
        elif item.ends_on is not None and item.ends_on < item.starts_on:
            errors[position] = _("A mandate cannot end before it starts.")
    # Of two mandates of a role that overlap, the one starting later is the one to fix.
    for position, item in enumerate(mandates):
        for earlier, other in enumerate(mandates[:position]):
            if (position in errors or earlier in errors or other.role != item.role
                    or item.role == BureauRole.OTHER or not _overlap(item, other)):
                continue
            later = position if item.starts_on >= other.starts_on else earlier
            errors[later] = _("Two mandates of {role} overlap.").format(
                role=bureau_role_label(item.role))
    return dict(sorted(errors.items()))


def _overlap(first: MandateInput, second: MandateInput) -> bool:
    far = dt.date.max
    return first.starts_on <= (second.ends_on or far) and second.starts_on <= (
        first.ends_on or far)


def current_role(mandates: Sequence[MandateInput], day: dt.date) -> str:
    """The role a member holds on ``day``: the first, in the bureau's order, of their
    mandates running that day."""
    held = {item.role for item in mandates
            if item.starts_on <= day and (item.ends_on is None or item.ends_on >= day)}
    return next((role for role in ROLE_ORDER if role in held), BureauRole.NONE)


def save_member_mandates(member_id: int, mandates: Sequence[MandateInput],
                         today: dt.date | None = None) -> None:
    """Replace a member's mandate history, in one transaction, and their current role.

    Raises :class:`MandateValidationError` (nothing changed) when a mandate is refused.
    """
    today = today or dt.date.today()
    errors = validate_mandates(mandates, today)
    if errors:
        raise MandateValidationError(errors)
    with database.atomic():
        Mandate.delete().where(Mandate.member == member_id).execute()
        if mandates:
            Mandate.insert_many([
                {"member": member_id, "role": item.role, "title": clean_line(item.title),
                 "starts_on": item.starts_on, "ends_on": item.ends_on}
                for item in mandates]).execute()
        Member.update(role=current_role(mandates, today)).where(
            Member.id == member_id).execute()


def change_role(member_id: int, role: str, on: dt.date | None = None) -> None:
    """The member's role becomes ``role`` on ``on`` (today): their open mandates end the day
    before, a new one starts. Call inside the transaction that changes the member."""
    on = on or dt.date.today()
    open_mandates = Mandate.select().where((Mandate.member == member_id)
                                           & Mandate.ends_on.is_null())
    if role != BureauRole.NONE and any(item.role == role for item in open_mandates):
        return
    for item in open_mandates:
        # A mandate started today and changed at once was a mistake: it goes.
        if item.starts_on >= on:
            item.delete_instance()
        else:
            Mandate.update(ends_on=on - dt.timedelta(days=1)).where(
                Mandate.id == item.id).execute()
    if role != BureauRole.NONE:
        Mandate.create(member=member_id, role=role, starts_on=on)


def end_mandates(member_id: int, on: dt.date) -> None:
    """Close the member's open mandates on ``on`` (they leave): the history stays."""
    (Mandate.update(ends_on=fn.MAX(Mandate.starts_on, on))
     .where((Mandate.member == member_id) & Mandate.ends_on.is_null())
     .execute())


def bureau_on(day: dt.date) -> list[MandateRow]:
    """The bureau and committees on ``day``, in the bureau's order."""
    rows = _rows(_select().where((Mandate.starts_on <= day)
                                 & (Mandate.ends_on.is_null() | (Mandate.ends_on >= day))))
    return sorted(rows, key=lambda row: (ROLE_ORDER.index(row.role), row.title,
                                         row.last_name, row.first_name))


def bureaus_by_year(first: int, last: int) -> dict[int, list[MandateRow]]:
    """For each calendar year from ``first`` to ``last``, everyone who held a role during it
    ("Le bureau en 2025"), in the bureau's order."""
    rows = _rows(_select().where(
        (Mandate.starts_on <= dt.date(last, 12, 31))
        & (Mandate.ends_on.is_null() | (Mandate.ends_on >= dt.date(first, 1, 1)))))
    years: dict[int, list[MandateRow]] = {}
    for year in range(first, last + 1):
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        held = [row for row in rows
                if row.starts_on <= end and (row.ends_on is None or row.ends_on >= start)]
        if held:
            years[year] = sorted(held, key=lambda row: (
                ROLE_ORDER.index(row.role), row.title, row.starts_on, row.last_name))
    return years


@dataclass(frozen=True)
class Leadership:
    """Is leadership shared and renewed? Over the years before ``on``."""

    years: int
    holders: int                       # different members who held a role
    longest_name: str                  # the longest-serving current holder
    longest_role: str
    longest_years: float               # how long they have held it, in years
    longest_since: dt.date | None = None  # the day their mandate started


def leadership(on: dt.date, years: int = 3) -> Leadership:
    """How many different members held a role in the ``years`` years up to ``on``, and who
    has held their current role longest (two queries)."""
    since = years_before(on, years)
    holders = (Mandate.select(fn.COUNT(Mandate.member.distinct()))
               .where((Mandate.starts_on <= on)
                      & (Mandate.ends_on.is_null() | (Mandate.ends_on >= since)))
               .scalar()) or 0
    longest = (_select().where((Mandate.starts_on <= on)
                               & (Mandate.ends_on.is_null() | (Mandate.ends_on >= on)))
               .order_by(Mandate.starts_on, Mandate.id).tuples().first())
    if longest is None:
        return Leadership(years, holders, "", "", 0.0)
    row = MandateRow(*longest)
    held = (on - row.starts_on).days / 365.25
    return Leadership(years, holders, f"{row.first_name} {row.last_name}".strip(), row.label,
                      round(held, 1), row.starts_on)
