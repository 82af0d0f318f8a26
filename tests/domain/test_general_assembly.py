"""Quorum: present and represented members against those entitled to vote."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clubdesk.db import Attendance, Event
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
