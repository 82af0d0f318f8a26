"""The conflict dialog, built and clicked without exec(), and the save loop around it."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from PySide6.QtWidgets import QDialog

from clubdesk.domain.common.edit_conflicts import EditConflictError, merge_edit
from clubdesk.ui.common.conflict_dialog import (
    MINE,
    THEIRS,
    ConflictDialog,
    excerpts,
    save_checked,
    value_text,
)

LABELS = {"name": "Name", "phone": "Phone", "city": "City", "notes": "Notes"}


@dataclass
class Card:
    name: str = "Jeanne"
    phone: str = "06 12 34 56 78"
    city: str = "Lyon"
    notes: str = ""


def _conflict(original: Card, mine: Card, theirs: Card) -> EditConflictError[Card]:
    merge = merge_edit(original, mine, theirs)
    return EditConflictError(theirs, merge.merged, merge.conflicts, merge.kept)


def _show(name: str, value: object) -> str:
    return f"[{value}]" if name == "phone" else value_text(value)


@pytest.fixture
def conflict() -> EditConflictError[Card]:
    original = Card()
    return _conflict(original, replace(original, phone="06 23 45 67 89", notes="À rappeler"),
                     replace(original, phone="07 81 22 33 44", notes="", city="Villeurbanne",
                             name="Jeanne M."))


def _dialog(qtbot, conflict: EditConflictError[Card]) -> ConflictDialog:
    dialog = ConflictDialog(conflict, LABELS, _show)
    qtbot.addWidget(dialog)
    return dialog


def test_each_conflict_shows_both_values_and_what_else_was_kept(qtbot, conflict) -> None:
    dialog = _dialog(qtbot, conflict)
    assert dialog.windowTitle() == "Changed elsewhere"
    assert list(dialog.groups) == ["phone"]
    mine, theirs = dialog.buttons_of["phone"]
    assert (mine.text(), theirs.text()) == ("[06 23 45 67 89]", "[07 81 22 33 44]")
    assert not dialog.kept.isHidden()
    assert dialog.kept.text() == "Also changed meanwhile, and kept: Name, City."


def test_save_waits_for_a_choice_on_every_field(qtbot) -> None:
    original = Card()
    conflict = _conflict(original, replace(original, phone="1", city="Paris"),
                         replace(original, phone="2", city="Lille"))
    dialog = _dialog(qtbot, conflict)
    assert dialog.kept.isHidden()
    assert not dialog.save_button.isEnabled()
    assert dialog.save_button.toolTip() == "Choose a value for every field first."
    dialog.choose("phone", THEIRS)
    assert not dialog.save_button.isEnabled()
    dialog.buttons_of["city"][MINE].click()
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.resolved() == Card(phone="2", city="Paris")


def test_going_back_to_the_form(qtbot, conflict) -> None:
    dialog = _dialog(qtbot, conflict)
    dialog.back_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_an_empty_value_and_a_long_one(qtbot) -> None:
    original = Card()
    long_note = "Première ligne d'une longue note\n" + "x" * 200
    dialog = _dialog(qtbot, _conflict(original, replace(original, notes=long_note),
                                      replace(original, notes="Courte")))
    dialog2 = _dialog(qtbot, _conflict(original, replace(original, city=""),
                                       replace(original, city="Paris")))
    mine, theirs = dialog.buttons_of["notes"]
    assert mine.text() == "Première ligne d'une longue note ↵ " + "x" * 25 + "…"
    assert mine.toolTip() == long_note
    assert (theirs.text(), theirs.toolTip()) == ("Courte", "")
    assert dialog2.buttons_of["city"][MINE].text() == "(empty)"


def test_long_values_are_shown_where_they_differ() -> None:
    start = "Adhérente depuis 2019, présente à chaque réunion du mardi matin."
    assert excerpts(start + "\nTrésorière adjointe.", start + "\nA changé de numéro.") == (
        "…n du mardi matin. ↵ Trésorière adjointe.",
        "…n du mardi matin. ↵ A changé de numéro.")
    assert excerpts("Lyon", "Paris") == ("Lyon", "Paris")


def test_the_dialog_speaks_french(qtbot, in_french, conflict) -> None:
    dialog = _dialog(qtbot, conflict)
    assert dialog.windowTitle() == "Modifié ailleurs"
    assert dialog.save_button.text() == "Enregistrer avec ces choix"
    assert dialog.back_button.text() == "Revenir au formulaire"
    assert dialog.kept.text().startswith("Également modifié entre-temps, et conservé\u00a0:")


# -- the loop every form's Save goes through -------------------------------------------------

class Record:
    """A record saved with an original, changed by "someone else" on demand."""

    def __init__(self) -> None:
        self.stored = Card()
        self.meanwhile: list[Card] = []  # what someone else saves before each attempt

    def save(self, values: Card, original: Card) -> None:
        if self.meanwhile:
            self.stored = self.meanwhile.pop(0)
        merge = merge_edit(original, values, self.stored)
        if merge.conflicts:
            raise EditConflictError(self.stored, merge.merged, merge.conflicts, merge.kept)
        self.stored = merge.merged


def test_save_checked_asks_again_when_the_record_changed_again(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    record = Record()
    original = Card()
    record.meanwhile = [replace(original, phone="2"), replace(original, phone="3")]
    asked: list[tuple[str, str]] = []

    def ask(cls, parent, conflict, labels, show):
        asked.append((conflict.conflicts[0].mine, conflict.conflicts[0].theirs))
        return conflict.resolved(set())  # keep mine

    monkeypatch.setattr(ConflictDialog, "ask", classmethod(ask))
    assert save_checked(None, record.save, replace(original, phone="1"), original, LABELS,
                        _show)
    assert asked == [("1", "2"), ("1", "3")]
    assert record.stored.phone == "1"


def test_save_checked_stops_when_the_user_goes_back(qtbot, monkeypatch) -> None:
    record = Record()
    original = Card()
    record.meanwhile = [replace(original, phone="2")]
    monkeypatch.setattr(ConflictDialog, "ask",
                        classmethod(lambda cls, parent, conflict, labels, show: None))
    assert not save_checked(None, record.save, replace(original, phone="1"), original,
                            LABELS, _show)
    assert record.stored.phone == "2"
