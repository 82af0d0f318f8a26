"""Proxies at a general assembly: every rule, every refusal, and the quorum they feed."""

from __future__ import annotations

import datetime as dt

import pytest
from playhouse.test_utils import count_queries

from clubdesk import i18n
from clubdesk.db import Attendance, Event, Member
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.events.checkin import set_status, start_roster
from clubdesk.domain.events.general_assembly import quorum
from clubdesk.domain.events.proxies import ProxyError, give_proxy, proxy_holders, withdraw_proxy


@pytest.fixture
def assembly(make_member) -> tuple[Event, dict[str, Member]]:
    """An assembly with Jeanne and Marc present, the others absent."""
    people = {
        "jeanne": make_member(first_name="Jeanne", last_name="Dupont"),
        "marc": make_member(first_name="Marc", last_name="Leroy"),
        "anne": make_member(first_name="Anne", last_name="Martin"),
        "paul": make_member(first_name="Paul", last_name="Petit"),
        "lea": make_member(first_name="Léa", last_name="Roux"),
        "outsider": make_member(first_name="Otto", last_name="Dehors", status="lapsed"),
    }
    event = Event.create(title="AG 2026", kind="general_assembly",
                         starts_at=dt.datetime(2026, 3, 19, 18, 30))
    start_roster(event.id)
    set_status(event.id, people["jeanne"].id, "present")
    set_status(event.id, people["marc"].id, "late")
    return event, people


def _proxy(event: Event, member: Member) -> int | None:
    return Attendance.get(event=event, member=member).proxy_to_id


def test_give_and_withdraw(assembly) -> None:
    event, people = assembly
    give_proxy(event.id, people["anne"].id, people["jeanne"].id)
    assert _proxy(event, people["anne"]) == people["jeanne"].id
    set_status(event.id, people["paul"].id, "excused")
    give_proxy(event.id, people["paul"].id, people["marc"].id)  # late holds too
    assert proxy_holders(event.id) == {people["jeanne"].id: 1, people["marc"].id: 1}
    withdraw_proxy(event.id, people["anne"].id)
    assert _proxy(event, people["anne"]) is None
    with pytest.raises(ProxyError, match="^Anne Martin has not given a proxy.$"):
        withdraw_proxy(event.id, people["anne"].id)


def test_giving_again_moves_the_proxy(assembly) -> None:
    event, people = assembly
    give_proxy(event.id, people["anne"].id, people["jeanne"].id)
    give_proxy(event.id, people["anne"].id, people["marc"].id)
    assert proxy_holders(event.id) == {people["marc"].id: 1}


def test_limit_per_holder_from_the_settings(assembly) -> None:
    event, people = assembly
    jeanne = people["jeanne"].id
    give_proxy(event.id, people["anne"].id, jeanne)
    give_proxy(event.id, people["paul"].id, jeanne)
    with pytest.raises(ProxyError,
                       match="^Jeanne Dupont already holds 2 proxies, the most allowed.$"):
        give_proxy(event.id, people["lea"].id, jeanne)
    assert _proxy(event, people["lea"]) is None
    give_proxy(event.id, people["paul"].id, jeanne)  # the same proxy again: not one more
    update_settings(max_proxies_per_holder=1)
    give_proxy(event.id, people["lea"].id, people["marc"].id)
    with pytest.raises(ProxyError,
                       match="^Marc Leroy already holds 1 proxy, the most allowed.$"):
        give_proxy(event.id, people["anne"].id, people["marc"].id)
    assert _proxy(event, people["anne"]) == jeanne  # the refused move changed nothing
    update_settings(max_proxies_per_holder=0)
    with pytest.raises(ProxyError, match="The settings allow no proxies"):
        give_proxy(event.id, people["lea"].id, people["marc"].id)


def test_french_refusal(assembly) -> None:
    event, people = assembly
    give_proxy(event.id, people["anne"].id, people["jeanne"].id)
    give_proxy(event.id, people["paul"].id, people["jeanne"].id)
    i18n.set_language("fr")
    with pytest.raises(ProxyError, match="^Jeanne Dupont détient déjà 2 procurations, "
                                         "le maximum autorisé.$"):
        give_proxy(event.id, people["lea"].id, people["jeanne"].id)


def test_giver_must_not_attend(assembly) -> None:
    event, people = assembly
    with pytest.raises(ProxyError, match="^Marc Leroy is marked “Late”: only a member who "
                                         "does not attend gives a proxy.$"):
        give_proxy(event.id, people["marc"].id, people["jeanne"].id)
    set_status(event.id, people["lea"].id, "substitute", "Marie Curie")
    with pytest.raises(ProxyError, match="Léa Roux is marked “Substitute”"):
        give_proxy(event.id, people["lea"].id, people["jeanne"].id)


def test_holder_must_be_present_in_person(assembly) -> None:
    event, people = assembly
    with pytest.raises(ProxyError, match="^Paul Petit is marked “Absent”: only a member "
                                         "present in person can hold a proxy.$"):
        give_proxy(event.id, people["anne"].id, people["paul"].id)
    set_status(event.id, people["paul"].id, "substitute", "Marie Curie")
    with pytest.raises(ProxyError, match="Paul Petit is marked “Substitute”"):
        give_proxy(event.id, people["anne"].id, people["paul"].id)


def test_not_to_oneself_and_only_people_on_the_list(assembly) -> None:
    event, people = assembly
    with pytest.raises(ProxyError, match="^Anne Martin cannot give a proxy to themselves.$"):
        give_proxy(event.id, people["anne"].id, people["anne"].id)
    with pytest.raises(ProxyError, match="^Otto Dehors is not on the attendance list.$"):
        give_proxy(event.id, people["anne"].id, people["outsider"].id)
    with pytest.raises(ProxyError, match="^Otto Dehors is not on the attendance list.$"):
        give_proxy(event.id, people["outsider"].id, people["jeanne"].id)
    with pytest.raises(ProxyError, match="^Member 999 does not exist.$"):
        give_proxy(event.id, people["anne"].id, 999)


def test_a_proxy_cannot_be_passed_on(assembly) -> None:
    event, people = assembly
    jeanne, anne = people["jeanne"].id, people["anne"].id
    # Data written by hand (an older import): Jeanne holds Paul's proxy while absent.
    Attendance.update(status="absent").where(Attendance.member == jeanne).execute()
    Attendance.update(proxy_to=jeanne).where(Attendance.member == people["paul"]).execute()
    with pytest.raises(ProxyError, match="^Jeanne Dupont holds proxies from other members "
                                         "and cannot pass them on.$"):
        give_proxy(event.id, jeanne, people["marc"].id)
    # A holder who gave their own proxy cannot hold one.
    Attendance.update(status="present", proxy_to=people["marc"]).where(
        Attendance.member == anne).execute()
    with pytest.raises(ProxyError, match="^Anne Martin gave their own proxy"):
        give_proxy(event.id, people["lea"].id, anne)


def test_only_for_a_general_assembly(make_member) -> None:
    event = Event.create(title="Réunion", kind="meeting", starts_at=dt.datetime(2026, 1, 6))
    a, b = make_member(), make_member()
    start_roster(event.id)
    set_status(event.id, b.id, "present")
    with pytest.raises(ProxyError, match="^Proxies are only given for a general assembly.$"):
        give_proxy(event.id, a.id, b.id)
    with pytest.raises(ProxyError, match="This event does not exist any more."):
        give_proxy(999, a.id, b.id)


def test_proxies_count_towards_quorum(assembly) -> None:
    event, people = assembly
    result = quorum(event.id)
    assert (result.entitled, result.present, result.represented) == (5, 2, 0)
    assert not result.reached  # 2 of 5, 3 needed
    give_proxy(event.id, people["anne"].id, people["jeanne"].id)
    result = quorum(event.id)
    assert (result.counted, result.required) == (3, 3) and result.reached


def test_proxy_holders_is_one_query(assembly) -> None:
    event, people = assembly
    give_proxy(event.id, people["anne"].id, people["jeanne"].id)
    with count_queries() as counter:
        holders = proxy_holders(event.id)
    assert counter.count == 1 and holders == {people["jeanne"].id: 1}
