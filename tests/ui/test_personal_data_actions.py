"""The Members tab's GDPR actions: export personal data, anonymise one member."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from clubdesk.db import Member
from clubdesk.ui.common import purge_prompt
from clubdesk.ui.members import personal_data_actions as actions


class Prompts:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answer = True
        self.path: str | None = None
        self.questions: list[str] = []
        self.informed: list[str] = []
        monkeypatch.setattr(actions, "confirm", self._confirm)
        monkeypatch.setattr(purge_prompt, "confirm", self._confirm)
        monkeypatch.setattr(purge_prompt, "inform",
                            lambda parent, title, text: self.informed.append(text))
        monkeypatch.setattr(actions, "inform",
                            lambda parent, title, text: self.informed.append(text))
        monkeypatch.setattr(actions, "choose_export_path",
                            lambda parent, suggested: self.path)

    def _confirm(self, parent, title: str, text: str, accept_label: str) -> bool:
        self.questions.append(text)
        return self.answer


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    return Prompts(monkeypatch)


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_export_writes_json_and_pdf(parent, make_member, prompts, tmp_path: Path) -> None:
    member = make_member(first_name="Séverine", last_name="Quérault", email="s@q.fr")
    written = actions.export_personal_data(parent, member.id, str(tmp_path / "data.json"))
    assert written is not None
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["member"]["last_name"] == "Quérault"
    prompts.path = str(tmp_path / "data.pdf")
    pdf = actions.export_personal_data(parent, member.id)
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert "written to" in prompts.informed[-1]


def test_export_cancelled_or_failing(parent, make_member, prompts, tmp_path: Path) -> None:
    member = make_member()
    assert actions.export_personal_data(parent, member.id) is None  # dialog cancelled
    assert prompts.informed == []
    assert actions.export_personal_data(parent, member.id, str(tmp_path / "x.txt")) is None
    assert "json" in prompts.informed[-1]
    missing = str(tmp_path / "no" / "such" / "folder" / "x.json")
    (tmp_path / "no").write_text("a file, not a folder")
    assert actions.export_personal_data(parent, member.id, missing) is None
    assert "could not be exported" in prompts.informed[-1]


def test_anonymize_after_confirmation(parent, make_member, prompts) -> None:
    member = make_member(first_name="Séverine", last_name="Quérault", email="s@q.fr")
    assert actions.anonymize(parent, member.id)
    assert "Séverine" in prompts.questions[0] and "kept" in prompts.questions[0]
    row = Member.get_by_id(member.id)
    assert row.first_name == "" and row.email == "" and "Quérault" not in row.last_name
    # The backup made before the erasure still holds her: removing it is offered.
    assert "anonymised" in prompts.questions[1]
    assert "1 backup made before still holds" in prompts.questions[1]
    assert "backups holding the person were removed" in prompts.informed[0]
    from clubdesk.domain.safety.held_backups import backups_holding

    assert backups_holding([member.id]) == []


def test_anonymize_keeps_the_backups_if_asked_to(parent, make_member, prompts,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    member = make_member(first_name="Séverine", last_name="Quérault", email="s@q.fr")
    answers = iter([True, False])
    monkeypatch.setattr(actions, "confirm", lambda *args: next(answers))
    monkeypatch.setattr(purge_prompt, "confirm", lambda *args: next(answers))
    assert actions.anonymize(parent, member.id)
    from clubdesk.domain.safety.held_backups import backups_holding

    assert len(backups_holding([member.id])) == 1
    assert prompts.informed == []


def test_anonymize_cancel_changes_nothing(parent, make_member, prompts) -> None:
    member = make_member(first_name="Séverine", last_name="Quérault", email="s@q.fr")
    prompts.answer = False
    assert not actions.anonymize(parent, member.id)
    row = Member.get_by_id(member.id)
    assert (row.first_name, row.last_name, row.email) == ("Séverine", "Quérault", "s@q.fr")
    assert prompts.informed == []
