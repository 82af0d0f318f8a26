"""Check-in: starting the list, adding and removing members, statuses and their effects."""

from __future__ import annotations

import datetime as dt

import pytest
from peewee import IntegrityError
from playhouse.test_utils import count_queries

from clubdesk import i18n
from clubdesk.db import Attendance, Event, Member
from clubdesk.domain.events import checkin
from clubdesk.domain.events.checkin import (
    CheckinError,
    add_to_roster,
    checkin_counts,
    checkin_event,
    checkin_rows,
    mark_all_present,
    remove_from_roster,
    set_note,
    set_status,
    set_statuses,
    start_roster,
)


def _event(kind: str = "meeting") -> Event:
    return Event.create(title="Réunion de décembre", kind=kind,
                        starts_at=dt.datetime(2026, 12, 1, 7, 0), location="Lyon")


def _status(event: Event, member: Member) -> str:
    return Attendance.get(event=event, member=member).status


@pytest.fixture
def people(make_member) -> dict[str, Member]:
    return {
        "zoe": make_member(first_name="Zoë", last_name="Ébrard", company="Atelier Zoë"),
        "jean": make_member(first_name="Jean", last_name="Dupont"),
        "anne": make_member(first_name="Anne", last_name="Martin"),
        "paul": make_member(first_name="Paul", last_name="Petit"),
        "lapsed": make_member(first_name="Luc", last_name="Lapsus", status="lapsed"),
        "former": make_member(first_name="Fanny", last_name="Formet", status="former",
                              left_on=dt.date(2025, 1, 1)),
        "prospect": make_member(first_name="Pia", last_name="Prospect", status="prospect"),
    }


def test_start_roster_lists_every_active_member_absent_in_one_statement(
    people, make_member
) -> None:
    event = _event()
    assert checkin.active_member_count() == 4
    with count_queries() as counter:
        assert start_roster(event.id) == 4
    assert counter.count <= 3  # event check, insert … select (and the transaction)
    rows = checkin_rows(event.id)
    # By folded last name: "Ébrard" sorts with the e's.
    assert [row.last_name for row in rows] == ["Dupont", "Ébrard", "Martin", "Petit"]
    assert {row.status for row in rows} == {"absent"}
    assert start_roster(event.id) == 0  # those on the list are not added twice
    make_member(first_name="Nina", last_name="Nouvelle")
    assert start_roster(event.id) == 1


def test_start_roster_refuses_a_deleted_event(db_path) -> None:
    with pytest.raises(CheckinError, match="This event does not exist any more."):
        start_roster(999)
    with pytest.raises(CheckinError, match="This event does not exist any more."):
        checkin_event(999)


def test_rows_and_counts_take_one_query_whatever_the_size(make_member) -> None:
    event = _event("general_assembly")
    members = [make_member() for _ in range(30)]
    start_roster(event.id)
    holder = members[0]
    Attendance.update(status="present").where(Attendance.member == holder).execute()
    Attendance.update(proxy_to=holder).where(Attendance.member == members[1]).execute()
    with count_queries() as counter:
        rows = checkin_rows(event.id)
    assert counter.count == 1 and len(rows) == 30
    giver = next(row for row in rows if row.member_id == members[1].id)
    assert giver.proxy_to_id == holder.id and giver.proxy_holder_name == holder.full_name
    with count_queries() as counter:
        counts = checkin_counts(event.id)
    assert counter.count == 1
    assert counts == {"present": 1, "absent": 29, "excused": 0, "late": 0, "substitute": 0}


def test_search_key_is_folded_and_holds_both_name_orders(people) -> None:
    event = _event()
    start_roster(event.id)
    zoe = next(row for row in checkin_rows(event.id) if row.first_name == "Zoë")
    assert "zoe ebrard" in zoe.search_key and "ebrard zoe" in zoe.search_key
    assert "atelier zoe" in zoe.search_key


def test_add_to_roster_rules(people) -> None:
    event = _event()
    start_roster(event.id)
    add_to_roster(event.id, people["lapsed"].id)
    add_to_roster(event.id, people["prospect"].id, status="present")
    assert _status(event, people["lapsed"]) == "absent"
    assert _status(event, people["prospect"]) == "present"
    with pytest.raises(CheckinError, match="^Luc Lapsus is already on the list.$"):
        add_to_roster(event.id, people["lapsed"].id)
    with pytest.raises(CheckinError, match="Fanny Formet is a former member: record them "
                                           "as a guest instead."):
        add_to_roster(event.id, people["former"].id)
    with pytest.raises(CheckinError, match="Member 999 does not exist."):
        add_to_roster(event.id, 999)


def test_remove_from_roster_only_while_absent_without_proxy(people) -> None:
    event = _event("general_assembly")
    start_roster(event.id)
    remove_from_roster(event.id, people["paul"].id)
    assert not Attendance.select().where(Attendance.member == people["paul"]).exists()
    with pytest.raises(CheckinError, match="^Paul Petit is not on the attendance list.$"):
        remove_from_roster(event.id, people["paul"].id)
    set_status(event.id, people["jean"].id, "late")
    with pytest.raises(CheckinError, match="Jean Dupont is marked “Late”: only a member "
                                           "still absent can be taken off the list."):
        remove_from_roster(event.id, people["jean"].id)
    Attendance.update(proxy_to=people["jean"]).where(
        Attendance.member == people["anne"]).execute()
    with pytest.raises(CheckinError, match="Anne Martin gave a proxy: withdraw it before "
                                           "taking them off the list."):
        remove_from_roster(event.id, people["anne"].id)


def test_status_messages_are_translated(people) -> None:
    event = _event()
    start_roster(event.id)
    set_status(event.id, people["jean"].id, "late")
    i18n.set_language("fr")
    with pytest.raises(CheckinError, match="Jean Dupont est marqué·e «\u00a0En retard\u00a0»"):
        remove_from_roster(event.id, people["jean"].id)


def test_set_status_and_substitute_name(people) -> None:
    event = _event()
    start_roster(event.id)
    jean = people["jean"].id
    change = set_status(event.id, jean, "present")
    assert change.changed == (jean,) and change.messages == ()
    with pytest.raises(CheckinError, match="A substitute needs the name of the person who "
                                           "came instead."):
        set_status(event.id, jean, "substitute", "   ")
    assert _status(event, people["jean"]) == "present"
    set_status(event.id, jean, "substitute", "  Marie   Curie ")
    row = Attendance.get(event=event, member=jean)
    assert (row.status, row.substitute_name) == ("substitute", "Marie Curie")
    set_status(event.id, jean, "excused", "ignored")
    row = Attendance.get(event=event, member=jean)
    assert (row.status, row.substitute_name) == ("excused", "")
    with pytest.raises(CheckinError, match="Unknown attendance status “gone”."):
        set_status(event.id, jean, "gone")
    with pytest.raises(CheckinError, match="Fanny Formet is not on the attendance list."):
        set_status(event.id, people["former"].id, "present")


def test_set_statuses_is_one_transaction(people) -> None:
    event = _event()
    start_roster(event.id)
    ids = [people[name].id for name in ("jean", "anne", "paul")]
    change = set_statuses(event.id, ids, "present")
    assert set(change.changed) == set(ids)
    assert checkin_counts(event.id)["present"] == 3
    # One of them is not on the list: nobody is changed.
    with pytest.raises(CheckinError, match="Luc Lapsus is not on the attendance list."):
        set_statuses(event.id, [*ids, people["lapsed"].id], "excused")
    assert checkin_counts(event.id)["present"] == 3
    with pytest.raises(CheckinError, match="for one member at a time"):
        set_statuses(event.id, ids, "substitute")


def test_a_failure_midway_writes_nothing(people, monkeypatch) -> None:
    event = _event("general_assembly")
    start_roster(event.id)
    jean, anne = people["jean"].id, people["anne"].id
    set_status(event.id, jean, "present")
    Attendance.update(proxy_to=jean).where(Attendance.member == anne).execute()

    # The proxies held by Jean are withdrawn first, then the statuses fail to update.
    real_update = Attendance.update

    def failing_update(*args, **kwargs):
        if "status" in kwargs:
            raise IntegrityError("disk trouble")
        return real_update(*args, **kwargs)

    monkeypatch.setattr(Attendance, "update", failing_update)
    with pytest.raises(IntegrityError):
        set_status(event.id, jean, "absent")
    monkeypatch.undo()
    assert _status(event, people["jean"]) == "present"
    assert Attendance.get(event=event, member=anne).proxy_to_id == jean


def test_attending_giver_loses_the_proxy_they_gave(people) -> None:
    event = _event("general_assembly")
    start_roster(event.id)
    jean, anne = people["jean"].id, people["anne"].id
    set_status(event.id, jean, "present")
    Attendance.update(proxy_to=jean).where(Attendance.member == anne).execute()
    change = set_status(event.id, anne, "excused")  # still not attending: kept
    assert change.proxies_withdrawn == 0
    change = set_status(event.id, anne, "late")
    assert change.messages == (
        "Anne Martin attends: the proxy given to Jean Dupont is withdrawn.",)
    assert change.proxies_withdrawn == 1
    assert Attendance.get(event=event, member=anne).proxy_to_id is None


def test_holder_who_stops_attending_loses_the_proxies_held(people) -> None:
    event = _event("general_assembly")
    start_roster(event.id)
    jean = people["jean"].id
    set_status(event.id, jean, "present")
    for name in ("anne", "paul"):
        Attendance.update(proxy_to=jean).where(Attendance.member == people[name]).execute()
    assert set_status(event.id, jean, "late").proxies_withdrawn == 0  # still here
    change = set_status(event.id, jean, "substitute", "Marie Curie")
    assert change.proxies_withdrawn == 2
    assert set(change.changed) == {jean, people["anne"].id, people["paul"].id}
    assert change.messages == ("2 proxies held by Jean Dupont are withdrawn (Anne Martin, "
                               "Paul Petit): only a member present can hold one.",)
    assert not Attendance.select().where(Attendance.proxy_to.is_null(False)).exists()


def test_holder_messages_in_french_singular(people) -> None:
    event = _event("general_assembly")
    start_roster(event.id)
    jean = people["jean"].id
    set_status(event.id, jean, "present")
    Attendance.update(proxy_to=jean).where(Attendance.member == people["anne"]).execute()
    i18n.set_language("fr")
    change = set_status(event.id, jean, "absent")
    assert change.messages == ("1 procuration détenue par Jean Dupont est retirée "
                               "(Anne Martin)\u00a0: seul un membre présent peut en détenir.",)


def test_mark_all_present_keeps_deliberate_statuses(people) -> None:
    event = _event("general_assembly")
    start_roster(event.id)
    add_to_roster(event.id, people["lapsed"].id)
    set_status(event.id, people["zoe"].id, "excused")
    set_status(event.id, people["anne"].id, "late")
    set_status(event.id, people["jean"].id, "present")
    Attendance.update(proxy_to=people["jean"]).where(
        Attendance.member == people["paul"]).execute()
    with count_queries() as counter:
        marked = mark_all_present(event.id)
    assert marked == 1  # only Luc: absent without a proxy
    assert counter.count <= 3
    assert _status(event, people["lapsed"]) == "present"
    assert _status(event, people["zoe"]) == "excused"
    assert _status(event, people["anne"]) == "late"
    assert _status(event, people["paul"]) == "absent"
    assert mark_all_present(event.id) == 0


def test_notes(people) -> None:
    event = _event()
    start_roster(event.id)
    set_note(event.id, people["jean"].id, "  arrive   à 8 h ")
    row = next(r for r in checkin_rows(event.id) if r.member_id == people["jean"].id)
    assert row.note == "arrive à 8 h"
    with pytest.raises(CheckinError, match="Luc Lapsus is not on the attendance list."):
        set_note(event.id, people["lapsed"].id, "x")


def test_rows_of_some_members(people) -> None:
    event = _event()
    start_roster(event.id)
    rows = checkin.checkin_rows_of(event.id, [people["anne"].id, people["jean"].id])
    assert [row.full_name for row in rows] == ["Jean Dupont", "Anne Martin"]


def test_roster_candidates_are_current_members_off_the_list(people) -> None:
    event = _event()
    start_roster(event.id)
    with count_queries() as counter:
        choices = checkin.roster_candidates(event.id)
    assert counter.count == 1
    assert choices == [(people["lapsed"].id, "Lapsus Luc (lapsed)"),
                       (people["prospect"].id, "Prospect Pia (prospect)")]
    add_to_roster(event.id, people["lapsed"].id)
    assert [choice[0] for choice in checkin.roster_candidates(event.id)] == [
        people["prospect"].id]
