"""Logging volunteer hours: the rules an entry must satisfy, and writing entries.

Hours are counted in quarter hours, given on a day that has come (today at the latest), in
a category of the association's list, by a member who exists. Nobody gives more than 24
hours in a day: a member's other entries of that day count, so that the message can say how
many hours they already have. Several members can be logged at once (after a meeting, say):
all of them or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from peewee import fn

from clubdesk.db import Event, Member, VolunteerCategory, VolunteerEntry, database
from clubdesk.domain.common.edit_conflicts import checked_edit
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.text_limits import check_texts, clean_line, clean_lines
from clubdesk.domain.common.validation import ValidationResult
from clubdesk.i18n import _, current_language, ngettext

QUARTER = Decimal("0.25")
DAY_HOURS = Decimal("24")
CENT = Decimal("0.01")
# Several members at once: ids go to SQL in chunks, under SQLite's older parameter limit.
_CHUNK = 900


@dataclass(kw_only=True)
class VolunteerInput:
    """Everything the entry form edits, as plain values."""

    member_id: int | None = None
    date: dt.date
    hours: Decimal = Decimal("0")
    category: str = ""
    event_id: int | None = None
    description: str = ""


@dataclass(frozen=True)
class OverLimit:
    """A member who would give more than 24 hours on a day: who, and what they have."""

    member_id: int
    name: str
    already: Decimal


@dataclass(frozen=True)
class BatchResult:
    """The check of a batch: messages by field, the members over 24 hours, clean input."""

    errors: dict[str, str] = field(default_factory=dict)
    over_limit: list[OverLimit] = field(default_factory=list)
    cleaned: VolunteerInput | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


class VolunteerValidationError(ValueError):
    """The entry was refused; ``result.errors`` says why, field by field."""

    def __init__(self, result: ValidationResult | BatchResult) -> None:
        super().__init__("\n".join(result.errors.values()))
        self.result = result


class VolunteerEntryNotFoundError(NotFoundError):
    """No entry has this id (deleted meanwhile, for example)."""

    def __init__(self, entry_id: int) -> None:
        super().__init__(_("This volunteer entry no longer exists."))
        self.entry_id = entry_id


def hours_text(value: Decimal) -> str:
    """``22,50`` in French, ``22.50`` in English: hours in messages."""
    text = f"{value:.2f}"
    return text.replace(".", ",") if current_language() == "fr" else text


def _date_text(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _as_decimal(value: object) -> Decimal:
    # SQLite hands DECIMAL columns and their sums back as floats; quarters are exact ones.
    return Decimal(str(value or 0)).quantize(CENT)


def _clean(data: VolunteerInput) -> VolunteerInput:
    return replace(data, hours=Decimal(data.hours).quantize(CENT),
                   category=clean_line(data.category),
                   description=clean_lines(data.description))


def _check_common(data: VolunteerInput, errors: dict[str, str], today: dt.date,
                  keep_category: str | None = None) -> None:
    """The rules every entry of a batch shares: date, hours, category, event (``data`` is
    cleaned; its texts are checked as typed by the callers)."""
    if data.date > today:
        errors["date"] = _("The date is in the future: log hours once they are given.")
    if data.hours <= 0:
        errors["hours"] = _("Enter the time given: more than 0 hours.")
    elif data.hours % QUARTER:
        lower = (data.hours // QUARTER) * QUARTER
        errors["hours"] = _("Hours are counted in quarter hours: {lower} or {upper} rather "
                            "than {hours}.").format(lower=hours_text(lower),
                                                    upper=hours_text(lower + QUARTER),
                                                    hours=hours_text(data.hours))
    elif data.hours > DAY_HOURS:
        errors["hours"] = _("At most 24 hours in one day.")
    _check_category(data.category, errors, keep_category)
    if data.event_id is not None and not Event.select().where(
            Event.id == data.event_id).exists():
        errors["event_id"] = _("This event no longer exists.")


def _check_category(name: str, errors: dict[str, str], keep: str | None) -> None:
    if name and name == keep:  # an entry keeps its category, even archived or renamed away
        return
    if not name:
        errors["category"] = _("Choose a category.")
        return
    archived = (VolunteerCategory.select(VolunteerCategory.archived)
                .where(VolunteerCategory.name == name).scalar())
    if archived is None:
        errors["category"] = _("“{name}” is not in the list of categories.").format(name=name)
    elif archived:
        errors["category"] = _("The category “{name}” is archived: choose another one."
                               ).format(name=name)


def _hours_that_day(member_ids: Sequence[int], day: dt.date,
                    entry_id: int | None = None) -> dict[int, Decimal]:
    """Hours already logged on ``day`` by each of ``member_ids`` (one query a chunk)."""
    found: dict[int, Decimal] = {}
    for start in range(0, len(member_ids), _CHUNK):
        query = (VolunteerEntry
                 .select(VolunteerEntry.member, fn.SUM(VolunteerEntry.hours))
                 .where(VolunteerEntry.member.in_(member_ids[start:start + _CHUNK]),
                        VolunteerEntry.date == day)
                 .group_by(VolunteerEntry.member)
                 .tuples())
        if entry_id is not None:
            query = query.where(VolunteerEntry.id != entry_id)
        found.update((int(member_id), _as_decimal(total)) for member_id, total in query)
    return found


def _day_message(name: str, already: Decimal, day: dt.date) -> str:
    if already >= DAY_HOURS:
        return _("{name} already has 24 hours logged on {date}.").format(
            name=name, date=_date_text(day))
    return _("At most 24 hours in one day: {name} already has {already} h on {date}, so "
             "{left} h more at most.").format(name=name, already=hours_text(already),
                                               date=_date_text(day),
                                               left=hours_text(DAY_HOURS - already))


def validate_entry(data: VolunteerInput, entry_id: int | None = None,
                   today: dt.date | None = None) -> ValidationResult[VolunteerInput]:
    """Check one entry (``entry_id``: the one being edited, whose hours do not count twice
    and whose category may stay as it is). Writes nothing."""
    cleaned = _clean(data)
    errors: dict[str, str] = {}
    keep = None
    if entry_id is not None:
        keep = (VolunteerEntry.select(VolunteerEntry.category)
                .where(VolunteerEntry.id == entry_id).scalar())
    _check_common(cleaned, errors, today or dt.date.today(), keep)
    check_texts("volunteer", data, errors)
    member_id = cleaned.member_id
    if member_id is None:
        errors["member_id"] = _("Choose the member who gave the time.")
        return ValidationResult(errors=errors)
    name = _names([member_id]).get(member_id)
    if name is None:
        errors["member_id"] = _("This member no longer exists.")
    elif "hours" not in errors and "date" not in errors:
        already = _hours_that_day([member_id], cleaned.date, entry_id).get(member_id,
                                                                           Decimal(0))
        if already + cleaned.hours > DAY_HOURS:
            errors["hours"] = _day_message(name, already, cleaned.date)
    return ValidationResult(errors=errors, cleaned=None if errors else cleaned)


def _validated(data: VolunteerInput, entry_id: int | None = None) -> VolunteerInput:
    result = validate_entry(data, entry_id)
    if result.cleaned is None:
        raise VolunteerValidationError(result)
    return result.cleaned


def _values(data: VolunteerInput) -> dict[str, object]:
    return {"member": data.member_id, "date": data.date, "hours": data.hours,
            "category": data.category, "event": data.event_id,
            "description": data.description}


def create_entry(data: VolunteerInput) -> int:
    """Validate ``data`` and store it as a new entry; its id."""
    with database.atomic():
        entry = VolunteerEntry.create(**_values(_validated(data)))
    return int(entry.id)


def update_entry(entry_id: int, data: VolunteerInput, *,
                 original: VolunteerInput | None = None) -> None:
    """Validate ``data`` and store it over entry ``entry_id``.

    With ``original`` (what the form opened with), changes made meanwhile elsewhere are
    kept and a field changed on both sides raises
    :class:`~clubdesk.domain.common.edit_conflicts.EditConflictError`, nothing written.
    """
    with database.atomic():
        if original is not None:
            current = entry_input(entry_id)  # raises when deleted meanwhile
            data = checked_edit(original, _validated(data, entry_id), current)
        elif not VolunteerEntry.select().where(VolunteerEntry.id == entry_id).exists():
            raise VolunteerEntryNotFoundError(entry_id)
        values = _values(_validated(data, entry_id))
        VolunteerEntry.update(**values).where(VolunteerEntry.id == entry_id).execute()


def delete_entries(entry_ids: Iterable[int]) -> int:
    """Delete entries, all in one transaction; how many were deleted."""
    ids = list(dict.fromkeys(entry_ids))
    deleted = 0
    with database.atomic():
        for start in range(0, len(ids), _CHUNK):
            deleted += (VolunteerEntry.delete()
                        .where(VolunteerEntry.id.in_(ids[start:start + _CHUNK])).execute())
    return int(deleted)


def delete_entry(entry_id: int) -> None:
    """Delete one entry; raises when it no longer exists."""
    if not delete_entries([entry_id]):
        raise VolunteerEntryNotFoundError(entry_id)


def entry_input(entry_id: int) -> VolunteerInput:
    """The stored values of entry ``entry_id``, for the form."""
    row = (VolunteerEntry
           .select(VolunteerEntry.member, VolunteerEntry.date, VolunteerEntry.hours,
                   VolunteerEntry.category, VolunteerEntry.event, VolunteerEntry.description)
           .where(VolunteerEntry.id == entry_id)
           .tuples()
           .first())
    if row is None:
        raise VolunteerEntryNotFoundError(entry_id)
    member_id, day, hours, category, event_id, description = row
    return VolunteerInput(member_id=int(member_id), date=_as_date(day),
                          hours=_as_decimal(hours), category=category, event_id=event_id,
                          description=description)


def validate_batch(member_ids: Sequence[int], data: VolunteerInput,
                   today: dt.date | None = None) -> BatchResult:
    """Check the same hours for several members (``data.member_id`` is ignored)."""
    ids = list(dict.fromkeys(member_ids))
    cleaned = replace(_clean(data), member_id=None)
    errors: dict[str, str] = {}
    _check_common(cleaned, errors, today or dt.date.today())
    check_texts("volunteer", data, errors)
    over: list[OverLimit] = []
    if not ids:
        errors["members"] = _("Tick at least one member.")
    else:
        names = _names(ids)
        missing = [member_id for member_id in ids if member_id not in names]
        if missing:
            errors["members"] = _("Some of the members no longer exist: reopen the list.")
        elif "hours" not in errors and "date" not in errors:
            already = _hours_that_day(ids, cleaned.date)
            over = [OverLimit(member_id, names[member_id], already[member_id])
                    for member_id in ids
                    if already.get(member_id, Decimal(0)) + cleaned.hours > DAY_HOURS]
            over.sort(key=lambda item: item.name.casefold())
            if over:
                who = ", ".join(_("{name} ({already} h already)").format(
                    name=item.name, already=hours_text(item.already)) for item in over)
                errors["members"] = ngettext(
                    "At most 24 hours in one day: on {date} this member would go over it: "
                    "{names}.",
                    "At most 24 hours in one day: on {date} these members would go over "
                    "it: {names}.", len(over)).format(date=_date_text(cleaned.date),
                                                      names=who)
    return BatchResult(errors=errors, over_limit=over, cleaned=None if errors else cleaned)


def _names(member_ids: Sequence[int]) -> dict[int, str]:
    names: dict[int, str] = {}
    for start in range(0, len(member_ids), _CHUNK):
        query = (Member.select(Member.id, Member.first_name, Member.last_name)
                 .where(Member.id.in_(member_ids[start:start + _CHUNK])).tuples())
        names.update((int(id_), f"{first} {last}".strip()) for id_, first, last in query)
    return names


def create_entries_for_members(member_ids: Sequence[int], date: dt.date, hours: Decimal,
                               category: str, event_id: int | None = None,
                               description: str = "") -> list[int]:
    """Log the same hours for several members in one transaction: all of them, or none
    when one would go over 24 hours that day (the error lists who). The new ids, in the
    order of ``member_ids``."""
    data = VolunteerInput(date=date, hours=hours, category=category, event_id=event_id,
                          description=description)
    with database.atomic():
        result = validate_batch(member_ids, data)
        if result.cleaned is None:
            raise VolunteerValidationError(result)
        values = _values(result.cleaned)
        return [int(VolunteerEntry.create(**{**values, "member": member_id}).id)
                for member_id in dict.fromkeys(member_ids)]


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
