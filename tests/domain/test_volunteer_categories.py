"""The association's list of volunteer categories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clubdesk.db import VolunteerCategory, VolunteerEntry
from clubdesk.domain.volunteering.volunteer_categories import (
    CategoryError,
    CategoryNotFoundError,
    add_category,
    archive_category,
    category_names,
    category_rows,
    check_name,
    delete_category,
    move_category,
    rename_category,
    reorder_categories,
    unarchive_category,
)

DEFAULTS = ["Meeting organisation", "Welcoming guests", "Communication", "Mentoring",
            "Bureau work", "Events"]


def _id(name: str) -> int:
    return next(row.id for row in category_rows() if row.name == name)


def _log(member, category: str, count: int = 1) -> None:
    for _ in range(count):
        VolunteerEntry.create(member=member, date=dt.date(2026, 3, 3), hours=Decimal("1"),
                              category=category)


def test_a_new_file_starts_with_the_default_list(db_path) -> None:
    assert [row.name for row in category_rows()] == DEFAULTS
    assert category_names() == DEFAULTS


def test_rows_count_the_entries_using_each_category(make_member) -> None:
    member = make_member()
    _log(member, "Communication", 2)
    _log(member, "Events")
    counts = {row.name: row.entries for row in category_rows()}
    assert counts["Communication"] == 2 and counts["Events"] == 1 and counts["Mentoring"] == 0


def test_added_at_the_end_and_duplicates_refused_whatever_case_and_accents(db_path) -> None:
    new_id = add_category("  Salon   des entrepreneurs ")
    assert category_rows()[-1].id == new_id
    assert category_rows()[-1].name == "Salon des entrepreneurs"
    add_category("Événements régionaux")
    for duplicate, existing in (("communication", "Communication"),
                                ("EVENEMENTS REGIONAUX", "Événements régionaux"),
                                ("salon des  entrepreneurs", "Salon des entrepreneurs")):
        with pytest.raises(CategoryError) as refused:
            add_category(duplicate)
        assert str(refused.value) == f"The category “{existing}” already exists."
    assert check_name(" ") == "The name of the category is required."
    assert check_name("x" * 61) == "At most 60 characters (this text has 61)."
    assert len(category_rows()) == len(DEFAULTS) + 2


def test_renaming_renames_the_entries_too(make_member) -> None:
    member = make_member()
    _log(member, "Communication", 3)
    _log(member, "Events")
    assert rename_category(_id("Communication"), "Communication & réseaux") == 3
    assert sorted(row.category for row in VolunteerEntry.select()) == [
        "Communication & réseaux"] * 3 + ["Events"]
    assert "Communication" not in category_names()
    # A change of case only is allowed; another category's name is not.
    assert rename_category(_id("Events"), "EVENTS") == 1
    with pytest.raises(CategoryError):
        rename_category(_id("EVENTS"), "mentoring")
    assert VolunteerEntry.select().where(VolunteerEntry.category == "EVENTS").count() == 1
    with pytest.raises(CategoryNotFoundError):
        rename_category(999, "Anything")


def test_archived_categories_leave_the_forms_but_an_entry_keeps_its_own(db_path) -> None:
    archive_category(_id("Mentoring"))
    assert "Mentoring" not in category_names()
    assert category_names(keep="Mentoring") == DEFAULTS  # in its place, for that entry
    assert next(row for row in category_rows() if row.name == "Mentoring").archived
    unarchive_category(_id("Mentoring"))
    assert category_names() == DEFAULTS


def test_moving_and_reordering(db_path) -> None:
    move_category(_id("Events"), -1)
    assert category_names()[-2:] == ["Events", "Bureau work"]
    move_category(_id("Meeting organisation"), -1)  # already first: stays
    move_category(_id("Meeting organisation"), 10)  # goes to the end
    assert category_names()[0] == "Welcoming guests"
    assert category_names()[-1] == "Meeting organisation"
    ids = [row.id for row in category_rows()]
    reorder_categories(list(reversed(ids)))
    assert [row.id for row in category_rows()] == list(reversed(ids))
    with pytest.raises(CategoryError):
        reorder_categories(ids[:-1])


def test_an_unused_category_is_deleted_a_used_one_archived_instead(make_member) -> None:
    member = make_member()
    _log(member, "Communication", 2)
    delete_category(_id("Mentoring"))
    assert "Mentoring" not in [row.name for row in category_rows()]
    with pytest.raises(CategoryError) as refused:
        delete_category(_id("Communication"))
    assert str(refused.value) == ("“Communication” is used by 2 entries: archive it instead, "
                                  "so that they keep their category.")
    assert VolunteerCategory.select().where(VolunteerCategory.name == "Communication").exists()
    with pytest.raises(CategoryNotFoundError):
        delete_category(999)
