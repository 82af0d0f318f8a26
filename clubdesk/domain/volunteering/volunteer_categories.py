"""The association's list of volunteer categories: add, rename, archive, order, delete.

Entries store the category's name, not its id: renaming a category renames it in every
entry, in the same transaction. A category some entries use cannot be deleted (their hours
would lose their meaning); it is archived instead, which hides it from the forms while its
entries keep it. Two names that differ only by case or accents are the same category.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peewee import JOIN, fn

from clubdesk.db import VolunteerCategory, VolunteerEntry, database
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.text import fold
from clubdesk.domain.common.text_limits import clean_line, text_limit, text_problem
from clubdesk.i18n import _, ngettext


@dataclass(frozen=True, slots=True)
class CategoryRow:
    """One category of the list, with the number of entries using it."""

    id: int
    name: str
    position: int
    archived: bool
    entries: int


class CategoryError(ValueError):
    """A change to the list was refused; the message says why, for the user."""


class CategoryNotFoundError(NotFoundError):
    """No category has this id (deleted meanwhile)."""

    def __init__(self, category_id: int) -> None:
        super().__init__(_("This category no longer exists."))
        self.category_id = category_id


def category_rows() -> list[CategoryRow]:
    """Every category in the association's order, with its use count, in one query."""
    used = (
        VolunteerEntry
        .select(VolunteerEntry.category, fn.COUNT(VolunteerEntry.id).alias("entries"))
        .group_by(VolunteerEntry.category)
        .alias("used")
    )
    query = (
        VolunteerCategory
        .select(VolunteerCategory.id, VolunteerCategory.name, VolunteerCategory.position,
                VolunteerCategory.archived, fn.COALESCE(used.c.entries, 0))
        .join(used, JOIN.LEFT_OUTER, on=(used.c.category == VolunteerCategory.name))
        .order_by(VolunteerCategory.position, VolunteerCategory.id)
        .tuples()
    )
    return [CategoryRow(int(id_), name, int(position), bool(archived), int(entries))
            for id_, name, position, archived, entries in query]


def category_names(keep: str | None = None) -> list[str]:
    """The names a form offers: the categories in use, in order, plus ``keep`` (an
    entry's current category) even when it is archived."""
    query = (
        VolunteerCategory
        .select(VolunteerCategory.name, VolunteerCategory.archived)
        .order_by(VolunteerCategory.position, VolunteerCategory.id)
        .tuples()
    )
    return [name for name, archived in query if not archived or name == keep]


def check_name(name: str, category_id: int | None = None) -> str | None:
    """What is wrong with ``name`` for a new category (or for ``category_id``), or None."""
    if (problem := text_problem(name, text_limit("volunteer_category", "name"))) is not None:
        return problem
    name = clean_line(name)
    if not name:
        return _("The name of the category is required.")
    folded = fold(name)
    query = VolunteerCategory.select(VolunteerCategory.id, VolunteerCategory.name).tuples()
    for other_id, other in query:
        if other_id != category_id and fold(other) == folded:
            return _("The category “{name}” already exists.").format(name=other)
    return None


def _checked(name: str, category_id: int | None = None) -> str:
    message = check_name(name, category_id)
    if message is not None:
        raise CategoryError(message)
    return clean_line(name)


def _get(category_id: int) -> VolunteerCategory:
    category = VolunteerCategory.get_or_none(VolunteerCategory.id == category_id)
    if category is None:
        raise CategoryNotFoundError(category_id)
    return category


def add_category(name: str) -> int:
    """Add a category at the end of the list; its id. Refuses a duplicate name."""
    with database.atomic():
        name = _checked(name)
        last = VolunteerCategory.select(fn.MAX(VolunteerCategory.position)).scalar()
        category = VolunteerCategory.create(name=name, position=(last or 0) + 1)
    return int(category.id)


def rename_category(category_id: int, name: str) -> int:
    """Rename a category and every entry using it; the number of entries renamed."""
    with database.atomic():
        category = _get(category_id)
        name = _checked(name, category_id)
        old = category.name
        if name == old:
            return 0
        VolunteerCategory.update(name=name).where(VolunteerCategory.id == category_id).execute()
        return int(VolunteerEntry.update(category=name)
                   .where(VolunteerEntry.category == old).execute())


def set_archived(category_id: int, archived: bool) -> None:
    """Archive a category (forms stop offering it; entries keep it), or bring it back."""
    with database.atomic():
        _get(category_id)
        (VolunteerCategory.update(archived=archived)
         .where(VolunteerCategory.id == category_id).execute())


def archive_category(category_id: int) -> None:
    set_archived(category_id, True)


def unarchive_category(category_id: int) -> None:
    set_archived(category_id, False)


def reorder_categories(category_ids: Sequence[int]) -> None:
    """Put the categories in the order of ``category_ids`` (every id, once)."""
    with database.atomic():
        existing = {row[0] for row in VolunteerCategory.select(VolunteerCategory.id).tuples()}
        if set(category_ids) != existing or len(category_ids) != len(existing):
            raise CategoryError(_("The list of categories changed meanwhile: try again."))
        for position, category_id in enumerate(category_ids):
            (VolunteerCategory.update(position=position)
             .where(VolunteerCategory.id == category_id).execute())


def move_category(category_id: int, offset: int) -> None:
    """Move a category up (``offset`` < 0) or down the list; at an end, it stays."""
    with database.atomic():
        ids = [row.id for row in category_rows()]
        if category_id not in ids:
            raise CategoryNotFoundError(category_id)
        position = ids.index(category_id)
        target = max(0, min(len(ids) - 1, position + offset))
        ids.insert(target, ids.pop(position))
        reorder_categories(ids)


def delete_category(category_id: int) -> None:
    """Delete a category no entry uses; a used one is refused (archive it instead)."""
    with database.atomic():
        category = _get(category_id)
        used = (VolunteerEntry.select()
                .where(VolunteerEntry.category == category.name).count())
        if used:
            raise CategoryError(ngettext("“{name}” is used by {n} entry: archive it instead, so "
                                         "that it keeps its category.",
                                         "“{name}” is used by {n} entries: archive it instead, "
                                         "so that they keep their category.",
                                         used).format(name=category.name))
        VolunteerCategory.delete().where(VolunteerCategory.id == category_id).execute()
