"""The figures behind the attendance reports, checked against the hand-made club."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from attendance_club import PERIOD, add_crowd, build_club, count_only_members_up_to_date
from playhouse.test_utils import count_queries

from clubdesk.db import Attendance, Member
from clubdesk.domain.activity.attendance_period import (
    InvalidPeriodError,
    alert_window,
    months_before,
    period_report_data,
)
from clubdesk.domain.activity.attendance_report import (
    StatusCounts,
    UnknownEventError,
    event_report_data,
    signin_sheet_data,
)


def _names(people) -> list[str]:
    return [person.last_name for person in people]


def test_signin_sheet_lists_the_roster_with_proxies(db_path) -> None:
    club = build_club()
    sheet = signin_sheet_data(club.events["e3"].id)
    assert sheet.roster_started and sheet.event.is_general_assembly
    assert sheet.association.name == "Club <Zoë> & Cie"
    assert [line.number for line in sheet.lines] == [1, 2, 3, 4, 5, 6]
    assert _names(line.person for line in sheet.lines) == [
        "Ancien", "Dupont", "Martin", "Nguyễn", "Wiśniewski", "Петрова"]
    proxies = {line.person.last_name: line.proxy_to.last_name
               for line in sheet.lines if line.proxy_to}
    assert proxies == {"Wiśniewski": "Dupont", "Martin": "Nguyễn", "Петрова": "Wiśniewski"}
    assert sheet.lines[1].person.company == "<b>&Co"
    assert sheet.guests == []


def test_signin_sheet_before_check_in_lists_the_active_members(db_path) -> None:
    club = build_club()
    sheet = signin_sheet_data(club.events["e5"].id)
    assert not sheet.roster_started
    assert _names(line.person for line in sheet.lines) == [
        "Dupont", "Martin", "Nguyễn", "Wiśniewski", "Zola", "Петрова"]
    assert all(line.proxy_to is None for line in sheet.lines)


def test_event_report_of_a_meeting(db_path) -> None:
    club = build_club()
    report = event_report_data(club.events["e1"].id)
    assert report.counts == StatusCounts(present=1, late=1, substitute=1, excused=1, absent=1)
    assert report.counts.expected == 5 and report.counts.attended == 2
    assert report.counts.rate == pytest.approx(0.4)
    assert {status: _names(line.person for line in lines)
            for status, lines in report.lines.items()} == {
        "present": ["Dupont"], "late": ["Wiśniewski"], "substitute": ["Nguyễn"],
        "excused": ["Martin"], "absent": ["Петрова"]}
    assert report.lines["substitute"][0].substitute_name == "Rose Remplaçante"
    assert report.lines["excused"][0].note == "Congés"
    [guest] = report.guests
    assert (guest.name, guest.company, guest.invited_by.last_name, guest.joined) == (
        "Paul Invité", "Invité & Fils", "Dupont", True)
    assert report.guests_joined == 1
    assert report.quorum is None and report.proxies == []


def test_event_report_of_a_general_assembly(db_path) -> None:
    club = build_club()
    report = event_report_data(club.events["e3"].id)
    assert report.counts == StatusCounts(present=1, late=1, substitute=0, excused=1, absent=3)
    result = report.quorum
    assert (result.entitled, result.present, result.represented, result.counted,
            result.required, result.reached) == (6, 2, 2, 4, 3, True)
    assert result.share == Decimal("0.5")
    assert [(p.giver.last_name, p.holder.last_name, p.counted) for p in report.proxies] == [
        ("Wiśniewski", "Dupont", True), ("Martin", "Nguyễn", True),
        ("Петрова", "Wiśniewski", False)]
    assert report.guests == []


def test_when_only_members_up_to_date_vote_the_sheet_and_report_say_who(db_path) -> None:
    club = build_club()
    assembly = club.events["e3"].id
    assert all(line.votes for line in signin_sheet_data(assembly).lines)
    assert event_report_data(assembly).not_entitled == []
    count_only_members_up_to_date(club)
    sheet = signin_sheet_data(assembly)
    assert sheet.dues_year == "2026" and sheet.voters == 3
    assert [(line.person.last_name, line.votes) for line in sheet.lines] == [
        ("Ancien", False), ("Dupont", True), ("Martin", True), ("Nguyễn", True),
        ("Wiśniewski", False), ("Петрова", False)]
    report = event_report_data(assembly)
    assert [(line.person.last_name, line.status, line.owed)
            for line in report.not_entitled] == [
        ("Ancien", "absent", Decimal("50.00")), ("Wiśniewski", "absent", Decimal("30.00")),
        ("Петрова", "absent", Decimal("50.00"))]
    assert [(p.giver.last_name, p.counted) for p in report.proxies] == [
        ("Wiśniewski", False), ("Martin", True), ("Петрова", False)]
    assert (report.quorum.entitled, report.quorum.counted) == (3, 3)
    # Only a general assembly has a vote: a meeting's sheet does not mark anyone.
    meeting = signin_sheet_data(club.events["e5"].id)
    assert meeting.dues_year == "" and all(line.votes for line in meeting.lines)


def test_period_report_per_member(db_path) -> None:
    build_club()
    report = period_report_data(*PERIOD)
    rows = {m.person.last_name: (m.counts, m.recent_absences, m.last_attended, m.flagged)
            for m in report.members}
    assert list(rows) == ["Ancien", "Dupont", "Martin", "Nguyễn", "Wiśniewski", "Петрова"]
    assert rows["Ancien"] == (StatusCounts(absent=1), 1, None, False)
    assert rows["Dupont"] == (StatusCounts(present=4), 0, dt.date(2026, 4, 7), False)
    assert rows["Martin"] == (StatusCounts(excused=2, absent=1), 0, None, False)
    assert rows["Nguyễn"] == (StatusCounts(present=1, late=1, substitute=1), 0,
                              dt.date(2026, 3, 17), False)
    assert rows["Wiśniewski"] == (StatusCounts(late=1, absent=3), 2, dt.date(2026, 1, 6), True)
    assert rows["Петрова"] == (StatusCounts(absent=4), 2, None, True)
    by_name = {m.person.last_name: m for m in report.members}
    assert by_name["Nguyễn"].counts.rate == pytest.approx(2 / 3)
    assert by_name["Dupont"].person.company == "<b>&Co"
    assert _names(m.person for m in report.flagged) == ["Wiśniewski", "Петрова"]


def test_period_report_per_event_and_in_total(db_path) -> None:
    build_club()
    report = period_report_data(*PERIOD)
    events = [(e.event.title, e.counts, e.guests, e.guests_joined) for e in report.events]
    assert events == [
        ("Réunion de janvier", StatusCounts(1, 1, 1, 1, 1), 1, 1),
        ("Réunion de février", StatusCounts(present=2, absent=3), 1, 0),
        ("Assemblée générale 2026", StatusCounts(1, 1, 0, 1, 3), 0, 0),
        ("Réunion d'avril", StatusCounts(present=1, absent=2), 0, 0),
        ("Réunion de mai", StatusCounts(), 0, 0),
    ]
    assert report.events[2].counts.rate == pytest.approx(2 / 6)
    assert report.events[4].counts.rate is None
    assert report.events_held == 4
    assert report.totals == StatusCounts(present=5, late=2, substitute=1, excused=2, absent=9)
    assert report.totals.expected == 19 and report.totals.rate == pytest.approx(7 / 19)
    assert (report.guests, report.guests_joined) == (2, 1)
    assert (report.alert.count, report.alert.months) == (1, 4)
    assert (report.alert.window_start, report.alert.window_end) == (
        dt.date(2026, 3, 1), dt.date(2026, 6, 30))


def test_the_alert_window_stays_within_the_period() -> None:
    assert months_before(dt.date(2026, 6, 30), 4) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 2, 15), 3) == dt.date(2025, 11, 15)
    assert alert_window(dt.date(2026, 1, 1), dt.date(2026, 12, 31), 6) == (
        dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert alert_window(dt.date(2026, 3, 1), dt.date(2026, 3, 31), 6) == (
        dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_one_day_period_includes_that_day_only(db_path) -> None:
    build_club()
    report = period_report_data(dt.date(2026, 3, 17), dt.date(2026, 3, 17))
    assert [e.event.title for e in report.events] == ["Assemblée générale 2026"]
    assert report.totals.expected == 6


def test_unknown_event_and_inverted_period_are_refused(db_path) -> None:
    build_club()
    for function in (signin_sheet_data, event_report_data):
        with pytest.raises(UnknownEventError, match="No event with number 999.") as caught:
            function(999)
        assert isinstance(caught.value, LookupError)
    with pytest.raises(InvalidPeriodError, match=r"ends \(2026-01-01\) before it starts "
                                                 r"\(2026-02-01\)") as caught:
        period_report_data(dt.date(2026, 2, 1), dt.date(2026, 1, 1))
    assert isinstance(caught.value, ValueError)


def _queries(function, *args) -> int:
    with count_queries() as counter:
        function(*args)
    return counter.count


def test_query_counts_do_not_grow_with_the_data(db_path) -> None:
    club = build_club()
    assembly, upcoming = club.events["e3"].id, club.events["e5"].id

    def counts() -> tuple[int, ...]:
        return (_queries(period_report_data, *PERIOD), _queries(event_report_data, assembly),
                _queries(signin_sheet_data, assembly), _queries(signin_sheet_data, upcoming))

    before = counts()
    add_crowd(club, members=30, events=12)
    crowd = list(Member.select().where(Member.last_name.startswith("Foule")))
    for index, member in enumerate(crowd):
        Attendance.create(event=assembly, member=member,
                          status=("present", "absent", "excused")[index % 3],
                          proxy_to=crowd[0] if index % 3 else None)
    assert counts() == before
    assert before[0] == 5  # settings, members, events, totals, guests
    grown = period_report_data(*PERIOD)
    assert len(grown.members) == 6 + 30 and len(grown.events) == 5 + 12
    assert len(signin_sheet_data(upcoming).lines) == 6 + 30
    assert len(event_report_data(assembly).proxies) == 3 + 20


def test_query_counts_stay_fixed_when_only_members_up_to_date_vote(db_path) -> None:
    club = build_club()
    count_only_members_up_to_date(club)
    assembly = club.events["e3"].id
    before = (_queries(event_report_data, assembly), _queries(signin_sheet_data, assembly))
    add_crowd(club, members=30, events=0)
    for member in Member.select().where(Member.last_name.startswith("Foule")):
        Attendance.create(event=assembly, member=member, status="present")
    assert (_queries(event_report_data, assembly),
            _queries(signin_sheet_data, assembly)) == before
    # The sheet: the event, settings, the assembly's date, the dues, the list, guests.
    assert before[1] == 6


def test_before_check_in_the_report_counts_the_active_members_up_to_date(db_path) -> None:
    from clubdesk.db import Event

    club = build_club()
    count_only_members_up_to_date(club)
    later = Event.create(title="AG extraordinaire", kind="general_assembly",
                         starts_at=dt.datetime(2026, 9, 1, 18, 0))
    report = event_report_data(later.id)
    assert (report.quorum.entitled, report.quorum.not_entitled) == (4, 2)
    sheet = signin_sheet_data(later.id)
    assert not sheet.roster_started and sheet.voters == 4
    assert [line.person.last_name for line in sheet.lines if not line.votes] == [
        "Wiśniewski", "Петрова"]
