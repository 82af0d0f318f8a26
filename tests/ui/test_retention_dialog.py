"""The former members past the retention period, chosen and anonymised."""

from __future__ import annotations

import datetime as dt

import pytest

from clubdesk.db import Member
from clubdesk.ui.common import purge_prompt
from clubdesk.ui.settings import retention_dialog
from clubdesk.ui.settings.retention_dialog import RetentionDialog, months_since

TODAY = dt.date(2025, 6, 15)


class Prompts:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answer = True
        self.questions: list[str] = []
        self.informed: list[str] = []
        monkeypatch.setattr(retention_dialog, "confirm", self._confirm)
        monkeypatch.setattr(purge_prompt, "confirm", self._confirm)
        monkeypatch.setattr(purge_prompt, "inform",
                            lambda parent, title, text: self.informed.append(text))
        monkeypatch.setattr(retention_dialog, "inform",
                            lambda parent, title, text: self.informed.append(text))

    def _confirm(self, parent, title: str, text: str, accept_label: str) -> bool:
        self.questions.append(text)
        return self.answer


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    return Prompts(monkeypatch)


@pytest.fixture
def former(make_member) -> dict[str, Member]:
    return {
        "old": make_member(first_name="Odile", last_name="Ancienne", status="former",
                           left_on=dt.date(2020, 1, 31)),
        "older": make_member(first_name="Olivier", last_name="Vieux", status="former",
                             left_on=dt.date(2019, 5, 1)),
        "recent": make_member(first_name="Rémi", last_name="Récent", status="former",
                              left_on=dt.date(2024, 1, 1)),
        "active": make_member(first_name="Alice", last_name="Active"),
    }


def test_months_since() -> None:
    assert months_since(dt.date(2025, 1, 15), dt.date(2025, 6, 15)) == 5
    assert months_since(dt.date(2025, 1, 16), dt.date(2025, 6, 15)) == 4


def test_lists_members_past_retention(qtbot, former) -> None:
    dialog = RetentionDialog(today=TODAY)
    qtbot.addWidget(dialog)
    assert [c.id for c in dialog.candidates()] == [former["older"].id, former["old"].id]
    assert dialog.table.item(0, 0).text() == "VIEUX Olivier"
    assert dialog.table.item(0, 2).text() == "73"
    assert not dialog.anonymise_button.isEnabled()
    assert dialog.anonymise_button.text() == "Anonymise the 0 chosen"
    dialog.select_all.setChecked(True)
    assert dialog.chosen_ids() == [former["older"].id, former["old"].id]
    assert dialog.anonymise_button.text() == "Anonymise the 2 chosen"
    dialog.select_all.setChecked(False)
    assert dialog.chosen_ids() == []


def test_anonymises_the_chosen(qtbot, former, prompts) -> None:
    dialog = RetentionDialog(today=TODAY)
    qtbot.addWidget(dialog)
    dialog.set_checked(former["old"].id, True)
    assert dialog.anonymise_button.isEnabled()
    assert dialog.anonymise() == 1
    assert "Anonymise 1 former member?" in prompts.questions[0]
    # The backup made just before still holds them: removing it is offered, and done.
    assert prompts.questions[1].startswith("1 former member anonymised.")
    assert "1 backup made before still holds" in prompts.questions[1]
    assert "backups holding the person were removed" in prompts.informed[0]
    names = {member.last_name for member in Member.select()}
    assert "Ancienne" not in names and "Vieux" in names and "Récent" in names
    assert Member.get_by_id(former["old"].id).first_name == ""
    assert [c.id for c in dialog.candidates()] == [former["older"].id]
    assert dialog.anonymised == 1


def test_cancel_changes_nothing(qtbot, former, prompts) -> None:
    prompts.answer = False
    dialog = RetentionDialog(today=TODAY)
    qtbot.addWidget(dialog)
    dialog.select_all.setChecked(True)
    assert dialog.anonymise() == 0
    assert Member.get_by_id(former["old"].id).last_name == "Ancienne"
    assert prompts.informed == []
    assert dialog.anonymised == 0


def test_the_button_counts_in_french(qtbot, former, in_french) -> None:
    dialog = RetentionDialog(today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.anonymise_button.text() == "Anonymiser (0 choisi)"
    dialog.set_checked(former["old"].id, True)
    assert dialog.anonymise_button.text() == "Anonymiser (1 choisi)"
    dialog.select_all.setChecked(True)
    assert dialog.anonymise_button.text() == "Anonymiser (2 choisis)"
