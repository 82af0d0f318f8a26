"""The reports of no single feature: their titles and suggested file names."""

from __future__ import annotations

from clubdesk.ui.activity_reports import member_name
from clubdesk.ui.common.report_runner import file_slug


def test_member_name_or_number_when_gone(make_member) -> None:
    member = make_member(first_name="Zoë", last_name="Lefèvre")
    assert member_name(member.id) == "Zoë Lefèvre"
    assert member_name(4242) == "4242"


def test_file_slug_keeps_letters_and_digits_of_any_script() -> None:
    assert file_slug("Réunion <b>&", "event") == "reunion-b"
    assert file_slug("Жанна Петрова", "member") == "жанна-петрова"
    assert file_slug("«  »", "event") == "event"
    assert len(file_slug("a" * 80, "event")) == 60
