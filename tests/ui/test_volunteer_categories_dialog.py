"""The list of volunteer categories, edited in its dialog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clubdesk.db import VolunteerEntry
from clubdesk.domain.volunteering.volunteer_categories import category_names, category_rows
from clubdesk.ui.volunteering import volunteer_categories_dialog as module
from clubdesk.ui.volunteering.volunteer_categories_dialog import VolunteerCategoriesDialog


@pytest.fixture
def dialog(qtbot, make_member) -> VolunteerCategoriesDialog:
    member = make_member()
    for _ in range(2):
        VolunteerEntry.create(member=member, date=dt.date(2026, 3, 3), hours=Decimal("1"),
                              category="Communication")
    widget = VolunteerCategoriesDialog()
    qtbot.addWidget(widget)
    return widget


def answer(monkeypatch: pytest.MonkeyPatch, name: str | None) -> list[str]:
    asked: list[str] = []

    def ask(parent, title: str, label: str, text: str = "") -> str | None:
        asked.append(text)
        return name

    monkeypatch.setattr(module, "ask_name", ask)
    return asked


def _select(dialog: VolunteerCategoriesDialog, name: str) -> None:
    dialog.list.setCurrentRow(dialog.names().index(name))


def test_the_list_says_what_each_category_is_used_for(dialog) -> None:
    texts = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert texts[2] == "Communication  —  2 entries"
    assert texts[3] == "Mentoring"
    _select(dialog, "Communication")
    assert not dialog.delete_button.isEnabled()  # used: archive it instead
    assert dialog.delete_button.toolTip() == "Used by entries: archive it instead."
    _select(dialog, "Mentoring")
    assert dialog.delete_button.isEnabled()


def test_add_refuses_a_duplicate_and_accepts_a_new_name(dialog, monkeypatch) -> None:
    answer(monkeypatch, "COMMUNICATION")
    dialog.add_button.click()
    assert dialog.message.text() == "The category “Communication” already exists."
    assert not dialog.changed
    answer(monkeypatch, "Salon des entrepreneurs")
    dialog.add_button.click()
    assert dialog.message.text() == "“Salon des entrepreneurs” added."
    assert dialog.current().name == "Salon des entrepreneurs" and dialog.changed


def test_rename_archive_move_and_delete(dialog, monkeypatch) -> None:
    _select(dialog, "Communication")
    asked = answer(monkeypatch, "Communication & réseaux")
    dialog.rename_button.click()
    assert asked == ["Communication"]
    assert dialog.message.text() == "Renamed; 2 entries follow the new name."
    assert {row.category for row in VolunteerEntry.select()} == {"Communication & réseaux"}

    dialog.archive_button.click()
    assert "Communication & réseaux" not in category_names()
    assert dialog.archive_button.text() == "Bring back"
    assert dialog.list.currentItem().font().italic()
    dialog.archive_button.click()
    assert "Communication & réseaux" in category_names()

    dialog.up_button.click()
    assert category_names()[1] == "Communication & réseaux"
    assert dialog.current().name == "Communication & réseaux"
    dialog.list.setCurrentRow(0)
    assert not dialog.up_button.isEnabled()

    _select(dialog, "Mentoring")
    dialog.delete_button.click()
    assert dialog.message.text() == "“Mentoring” deleted."
    assert "Mentoring" not in [row.name for row in category_rows()]
    assert dialog.current().name == "Bureau work"  # the next one
    assert dialog.changed
