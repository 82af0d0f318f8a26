"""2,000-character texts written straight into the database still give every report.

Each text wraps in its place, then ends with "…"; no report fails with a LayoutError, and
none runs to dozens of pages. The values come in three shapes (words, one word with no
space, hundreds of short lines): see ``long_text.py``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from attendance_club import PERIOD, Club
from gdpr_member import Subject
from long_text import LENGTH, SHAPES, build_long_club, head, text_columns
from pdf_text import pdf_pages
from report_text import in_order

from clubdesk.db import (
    ALL_MODELS,
    AssociationSettings,
    Attendance,
    Event,
    Guest,
    Member,
    Referral,
    VolunteerEntry,
)
from clubdesk.domain.activity.activity_figures import Period
from clubdesk.reports.activity_report import build_activity_report
from clubdesk.reports.event_attendance import build_event_attendance_report
from clubdesk.reports.member_sheet import build_member_sheet
from clubdesk.reports.period_attendance import build_period_attendance_report
from clubdesk.reports.personal_data import build_personal_data_pdf
from clubdesk.reports.signin_sheet import build_signin_sheet

ELLIPSIS = "…"
MOST_PAGES = 10  # the club is small: long texts add a page or two, never dozens


@dataclass
class LongClub:
    club: Club
    subject: Subject
    path: Path

    def attendance(self, event: str, member: str) -> Attendance:
        return Attendance.get(event=self.club.events[event], member=self.club.members[member])

    def event(self, key: str, column: str = "title") -> str:
        return head(Event, self.club.events[key].id, column)

    def member(self, key: str, column: str) -> str:
        return head(Member, self.club.members[key].id, column)


@pytest.fixture(params=SHAPES)
def long_club(request: pytest.FixtureRequest, db_path: Path) -> LongClub:
    club, subject = build_long_club(request.param)
    return LongClub(club, subject, db_path)


ASSOCIATION = head(AssociationSettings, 1, "name")


def _text(output: Path) -> tuple[str, list[str]]:
    pages = pdf_pages(output)
    assert 1 <= len(pages) <= MOST_PAGES
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page
    return " ".join(pages), pages


def _shows(text: str, *starts: str) -> None:
    for start in starts:
        assert start in text, start
    assert ELLIPSIS in text


def test_every_text_column_holds_a_long_value(long_club: LongClub) -> None:
    connection = sqlite3.connect(long_club.path)
    try:
        for model in ALL_MODELS:
            table = model._meta.table_name
            for column in text_columns(model):
                shortest, longest = connection.execute(
                    f'SELECT min(length("{column}")), max(length("{column}")) FROM "{table}"'
                ).fetchone()
                assert shortest in (None, LENGTH) and longest in (None, LENGTH), (table, column)
    finally:
        connection.close()
    for model, columns in ((AssociationSettings, {"name", "address"}),
                           (Event, {"title", "location", "description"}),
                           (Member, {"first_name", "last_name", "company", "notes"}),
                           (Attendance, {"note", "substitute_name"}),
                           (Guest, {"name", "company"}),
                           (VolunteerEntry, {"category", "description"}),
                           (Referral, {"contact", "description", "external_recipient"})):
        assert columns <= set(text_columns(model)), model
        assert model.select().count() >= 1, model
    assert AssociationSettings.get_by_id(1).name.startswith(ASSOCIATION)


@pytest.mark.parametrize("event", ["e2", "e3"])
def test_signin_sheet(long_club: LongClub, tmp_path: Path, event: str) -> None:
    text, pages = _text(build_signin_sheet(long_club.club.events[event].id,
                                           tmp_path / "sheet.pdf"))
    _shows(text, ASSOCIATION, long_club.event(event), long_club.event(event, "location"),
           long_club.member("dupont", "last_name").upper(),
           long_club.member("dupont", "first_name"), long_club.member("dupont", "company"))
    if event == "e3":  # Martin gave her proxy to Nguyễn
        _shows(text, long_club.member("nguyen", "last_name").upper())
    else:
        guest = Guest.get(event=long_club.club.events["e2"])
        _shows(text, head(Guest, guest.id, "name"), head(Guest, guest.id, "company"))
    if len(pages) > 1:  # the header of the next pages: name, title, event, each cut
        assert pages[1].startswith(ASSOCIATION)
        assert in_order(pages[1], ASSOCIATION, ELLIPSIS, "Sign-in sheet",
                        long_club.event(event), ELLIPSIS, "Printed on")


@pytest.mark.parametrize("event", ["e1", "e3"])
def test_event_attendance_report(long_club: LongClub, tmp_path: Path, event: str) -> None:
    text, _pages = _text(build_event_attendance_report(long_club.club.events[event].id,
                                                       tmp_path / "report.pdf"))
    _shows(text, ASSOCIATION, long_club.event(event), long_club.event(event, "location"),
           long_club.member("dupont", "company"),
           head(Attendance, long_club.attendance(event, "martin").id, "note"))
    if event == "e1":
        guest = Guest.get(event=long_club.club.events["e1"])
        _shows(text, head(Attendance, long_club.attendance("e1", "nguyen").id,
                          "substitute_name"),
               head(Guest, guest.id, "name"), head(Guest, guest.id, "company"))
    else:
        assert "Quorum" in text and "Held by" in text


def test_period_attendance_report(long_club: LongClub, tmp_path: Path) -> None:
    text, _pages = _text(build_period_attendance_report(*PERIOD, tmp_path / "period.pdf"))
    _shows(text, ASSOCIATION, *(long_club.event(key) for key in ("e1", "e2", "e3", "e4")),
           long_club.member("wisniewski", "company"), "Members to follow up")


def test_activity_report(long_club: LongClub, tmp_path: Path) -> None:
    text, pages = _text(build_activity_report(Period(*PERIOD), tmp_path / "activity.pdf"))
    entry = VolunteerEntry.get(member=long_club.club.members["dupont"])
    _shows(text, ASSOCIATION, long_club.member("dupont", "last_name").upper(),
           long_club.member("dupont", "company"), head(VolunteerEntry, entry.id, "category"))
    assert pages[0].count(ELLIPSIS) >= 1  # the cover's name


def test_member_sheet(long_club: LongClub, tmp_path: Path) -> None:
    dupont = long_club.club.members["dupont"]
    text, _pages = _text(build_member_sheet(dupont.id, Period(*PERIOD),
                                            tmp_path / "sheet.pdf"))
    entry = VolunteerEntry.get(member=dupont)
    _shows(text, ASSOCIATION, long_club.member("dupont", "first_name"),
           long_club.member("dupont", "company"), long_club.event("e1"),
           head(VolunteerEntry, entry.id, "description"),
           long_club.member("martin", "first_name"))


def test_personal_data(long_club: LongClub, tmp_path: Path) -> None:
    member = long_club.subject.member
    text, _pages = _text(build_personal_data_pdf(member.id, tmp_path / "data.pdf"))
    referral = Referral.get(giver=member)
    _shows(text, ASSOCIATION, *(head(Member, member.id, column) for column in
                                ("first_name", "last_name", "email", "address", "company",
                                 "notes")),
           head(Referral, referral.id, "contact"),
           head(Guest, Guest.get(invited_by=member).id, "name"))


@pytest.mark.parametrize("build", [
    lambda club, out: build_signin_sheet(club.events["e3"].id, out),
    lambda club, out: build_period_attendance_report(*PERIOD, out),
])
def test_french_reports_too(long_club: LongClub, tmp_path: Path, french: None,
                            build: Callable[[Club, Path], Path]) -> None:
    text, _pages = _text(build(long_club.club, tmp_path / "rapport.pdf"))
    _shows(text, ASSOCIATION, long_club.event("e3"))
