"""Saving a form without losing what was saved meanwhile from elsewhere (a lost update).

A form keeps the values it opened with (``original``). On Save, inside the transaction that
writes, the record is read again (``current``) and compared field by field with the form
(``mine``):

- a field the form left alone takes the stored value: a change made elsewhere is kept;
- a field only the form changed is saved;
- a field changed on both sides, to different values, is a conflict: nothing is written, and
  :class:`EditConflictError` says which fields, with the three values, so that the user
  chooses. The choices are saved the same way, against the record as it is then.

The values compared are the form's input dataclasses (``MemberInput``, ``EventInput``…) as
their validators clean them: a phone typed "06 12 34 56 78" is the "+33612345678" stored.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class FieldConflict:
    """One field changed both in the form and elsewhere, to different values."""

    field: str
    original: Any
    mine: Any
    theirs: Any


class EditConflictError(Exception, Generic[T]):
    """The record changed elsewhere since the form opened, in the fields the form changed.

    ``current`` is the record as stored now, ``merged`` the form's values with the other
    changes taken in (the form's value where they conflict), ``conflicts`` the fields to
    choose, ``kept`` the fields changed only elsewhere, whose new values ``merged`` holds.
    Nothing was written.
    """

    def __init__(self, current: T, merged: T, conflicts: tuple[FieldConflict, ...],
                 kept: tuple[str, ...] = ()) -> None:
        super().__init__("changed meanwhile: " + ", ".join(item.field for item in conflicts))
        self.current = current
        self.merged = merged
        self.conflicts = conflicts
        self.kept = kept

    def resolved(self, theirs: set[str] | frozenset[str]) -> T:
        """``merged`` with the stored value for the conflicting fields named in ``theirs``
        (the form's value for the others)."""
        return replace(self.merged, **{  # type: ignore[type-var]
            item.field: item.theirs for item in self.conflicts if item.field in theirs})


@dataclass(frozen=True)
class Merge(Generic[T]):
    """The three-way comparison of a form: the values to save, and what it found."""

    merged: T
    conflicts: tuple[FieldConflict, ...] = ()
    kept: tuple[str, ...] = ()


def merge_edit(original: T, mine: T, current: T) -> Merge[T]:
    """Compare the form (``mine``) with the record as it opened and as it is now."""
    values: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    kept: list[str] = []
    for item in fields(mine):  # type: ignore[arg-type]
        name = item.name
        was, ours, theirs = (getattr(original, name), getattr(mine, name),
                             getattr(current, name))
        if theirs == was or ours == theirs:
            values[name] = ours
        elif ours == was:
            values[name] = theirs
            kept.append(name)
        else:
            values[name] = ours
            conflicts.append(FieldConflict(name, was, ours, theirs))
    return Merge(replace(mine, **values),  # type: ignore[type-var]
                 tuple(conflicts), tuple(kept))


def checked_edit(original: T, mine: T, current: T) -> T:
    """The values to save: ``mine`` with the changes made elsewhere taken in.

    Raises :class:`EditConflictError` when a field changed on both sides.
    """
    merge = merge_edit(original, mine, current)
    if merge.conflicts:
        raise EditConflictError(current, merge.merged, merge.conflicts, merge.kept)
    return merge.merged
