"""Quorum: present and represented members against those entitled to vote."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clubdesk.db import Attendance, Event, Member
from clubdesk.domain.common.settings import load_settings, update_settings
from clubdesk.domain.events.general_assembly import quorum, required_votes


def _assembly() -> Event:
    return Event.create(title="Assemblée générale 2026", kind="general_assembly",
                        starts_at=dt.datetime(2026, 6, 20, 18, 0))


def test_required_votes_round_up() -> None:
    assert required_votes(41, Decimal("0.5")) == 21
    assert required_votes(40, Decimal("0.5")) == 20
    assert required_votes(10, Decimal("0.67")) == 7
    assert required_votes(0, Decimal("0.5")) == 0


def test_quorum_counts_present_late_and_valid_proxies(make_member) -> None:
    event = _assembly()
    members = [make_member() for _ in range(10)]
    statuses = ["present", "present", "late", "substitute", "absent", "absent", "excused",
                "absent", "absent", "absent"]
    rows = [Attendance.create(event=event, member=m, status=s)
            for m, s in zip(members, statuses, strict=True)]
    # Valid: absent/excused members whose holder is present or late.
    for giver, holder in ((4, 0), (5, 0), (6, 2)):
        rows[giver].proxy_to = members[holder]
        rows[giver].save()
    # Not counted: a proxy held by an absent member, or by a substitute.
    rows[7].proxy_to = members[8]
    rows[7].save()
    rows[9].proxy_to = members[3]
    rows[9].save()

    result = quorum(event.id)
    assert (result.entitled, result.present, result.represented) == (10, 3, 3)
    assert result.required == 5 and result.counted == 6 and result.reached

    update_settings(quorum_share=Decimal("0.75"))
    result = quorum(event.id)
    assert result.required == 8 and not result.reached


def test_before_check_in_the_active_members_are_entitled(make_member) -> None:
    event = _assembly()
    for status in ("active", "active", "active", "lapsed", "former", "prospect"):
        make_member(status=status)
    result = quorum(event.id)
    assert (result.entitled, result.present, result.represented) == (3, 0, 0)
    assert result.required == 2 and not result.reached


def test_settings_defaults_and_refusal_of_unknown_names(db_path) -> None:
    settings = load_settings()
    assert (settings.max_proxies_per_holder, settings.absence_alert_count,
            settings.absence_alert_months) == (2, 3, 6)
    assert settings.quorum_share == Decimal("0.5")
    try:
        update_settings(colour="blue")
    except ValueError as error:
        assert "colour" in str(error)
    else:
        raise AssertionError("an unknown setting was accepted")
    assert update_settings(name="Réseau Zoë").name == "Réseau Zoë"


def test_only_members_up_to_date_vote_when_the_statutes_say_so(db_path) -> None:
    from attendance_club import build_club, count_only_members_up_to_date

    club = build_club()
    assembly = club.events["e3"].id
    assert quorum(assembly).entitled == 6 and not quorum(assembly).dues_only
    count_only_members_up_to_date(club)
    result = quorum(assembly)
    # Dupont present, Nguyễn late, Martin (exempt) represented by Nguyễn; Ancien, Wiśniewski
    # (20 € of 50) and Петрова are not up to date: Wiśniewski's proxy no longer counts.
    assert (result.entitled, result.present, result.represented) == (3, 2, 1)
    assert (result.required, result.counted, result.reached) == (2, 3, True)
    assert (result.dues_only, result.dues_year, result.not_entitled) == (True, "2026", 3)


def test_a_proxy_held_by_a_member_not_up_to_date_does_not_count(db_path) -> None:
    from attendance_club import build_club, count_only_members_up_to_date

    club = build_club()
    count_only_members_up_to_date(club)
    assembly = club.events["e3"].id
    # Martin (exempt) gives her proxy to Wiśniewski, present but not up to date.
    Attendance.update(status="present").where(
        (Attendance.event == assembly) & (Attendance.member == club.members["wisniewski"])
    ).execute()
    Attendance.update(proxy_to=club.members["wisniewski"]).where(
        (Attendance.event == assembly) & (Attendance.member == club.members["martin"])
    ).execute()
    result = quorum(assembly)
    assert (result.entitled, result.present, result.represented) == (3, 2, 0)


def test_before_check_in_the_active_members_up_to_date_vote(db_path) -> None:
    from attendance_club import build_club, count_only_members_up_to_date

    club = build_club()
    count_only_members_up_to_date(club)
    later = Event.create(title="AG extraordinaire", kind="general_assembly",
                         starts_at=dt.datetime(2026, 9, 1, 18, 0))
    result = quorum(later.id)
    # Active: Dupont, Martin, Nguyễn, Wiśniewski, Zola, Петрова; up to date: four of them
    assert (result.entitled, result.not_entitled, result.required) == (4, 2, 2)


def test_the_fiscal_year_of_the_assembly_counts(db_path) -> None:
    from attendance_club import build_club, count_only_members_up_to_date

    club = build_club()
    count_only_members_up_to_date(club)
    # An assembly in 2027: no schedule, nothing is due, every member on the list votes.
    next_year = Event.create(title="AG 2027", kind="general_assembly",
                             starts_at=dt.datetime(2027, 3, 20, 18, 0))
    result = quorum(next_year.id)
    assert result.dues_year == "2027" and result.entitled == 6 and result.not_entitled == 0
    # With fiscal years from September, March 2026 falls in 2025-2026: no schedule either.
    update_settings(fiscal_year_start_month=9)
    result = quorum(club.events["e3"].id)
    assert result.dues_year == "2025–2026" and result.entitled == 6


def test_quorum_runs_a_fixed_number_of_queries(db_path) -> None:
    from attendance_club import add_crowd, build_club, count_only_members_up_to_date
    from playhouse.test_utils import count_queries

    club = build_club()
    assembly = club.events["e3"].id

    def queries() -> int:
        with count_queries() as counter:
            quorum(assembly)
        return counter.count

    assert queries() == 2  # settings, the counts (the list is started)
    count_only_members_up_to_date(club)
    few = queries()
    add_crowd(club, members=30, events=0)
    for member in Member.select().where(Member.last_name.startswith("Foule")):
        Attendance.create(event=assembly, member=member, status="present")
    assert queries() == few == 4  # settings, the assembly's date, the dues, the list
