"""A small club whose attendance figures are worked out by hand (see the tables below).

Imported by the attendance domain and report tests (``tests/`` is on ``sys.path`` through
the top conftest). Every figure the tests expect can be re-derived from the rows here.

Members (by folded last name): Ancien Fabrice (lapsed), Dupont Jean ("<b>&Co"),
Martin Zoë, Nguyễn Lan, Wiśniewski Łukasz, Zola Émile (no attendance), Петрова Жанна.

Attendance, period 2026-01-01 to 2026-06-30 (``e0`` is before it, ``e5`` not taken yet):

    event            Ancien  Dupont   Martin   Nguyễn      Wiśniewski  Петрова
    e1 06/01 meeting   -     present  excused  substitute  late        absent
    e2 03/02 meeting   -     present  absent   present     absent      absent
    e3 17/03 assembly absent present  excused  late        absent      absent
    e4 07/04 meeting   -     present   -        -          absent      absent

Proxies at e3: Wiśniewski -> Dupont (counted), Martin -> Nguyễn (counted), Петрова ->
Wiśniewski (not counted: the holder is absent). Guests: e1 Paul Invité (invited by Dupont,
since a member: Zola), e2 Anne Visiteuse (nobody), e0 Old Guest (before the period).

:func:`count_only_members_up_to_date` makes the statutes count only members up to date
with their 2026 dues (50 €): Dupont, Nguyễn and Zola paid, Martin is exempt, Wiśniewski
paid 20 €, Ancien and Петрова nothing. At e3, three of the six on the list vote: Dupont
(present), Nguyễn (late) and Martin (excused, represented by Nguyễn); Wiśniewski's proxy
to Dupont no longer counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from clubdesk.db import Attendance, Event, FeeRate, Guest, Member, MembershipFee
from clubdesk.domain.common.settings import update_settings

PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


@dataclass
class Club:
    members: dict[str, Member]
    events: dict[str, Event]


def build_club() -> Club:
    """Write the club into the open (empty) database; alert: more than 1 absence in 4 months."""
    update_settings(name="Club <Zoë> & Cie", absence_alert_count=1, absence_alert_months=4)
    people = {
        "ancien": ("Fabrice", "Ancien", "Ancien SA", "lapsed"),
        "dupont": ("Jean", "Dupont", "<b>&Co", "active"),
        "martin": ("Zoë", "Martin", "Zoë Conseil", "active"),
        "nguyen": ("Lan", "Nguyễn", "Phở Lyon", "active"),
        "wisniewski": ("Łukasz", "Wiśniewski", "Wiśniewski Bau", "active"),
        "zola": ("Émile", "Zola", "", "active"),
        "petrova": ("Жанна", "Петрова", "Петрова и партнёры", "active"),
    }
    members = {key: Member.create(first_name=first, last_name=last, company=company,
                                  status=status)
               for key, (first, last, company, status) in people.items()}

    def event(title: str, day: dt.date, kind: str = "meeting") -> Event:
        return Event.create(title=title, kind=kind, location="Salle <Lumière> & Co",
                            starts_at=dt.datetime.combine(day, dt.time(18, 30)),
                            ends_at=dt.datetime.combine(day, dt.time(20, 0)))

    events = {
        "e0": event("Réunion de décembre", dt.date(2025, 12, 15)),
        "e1": event("Réunion de janvier", dt.date(2026, 1, 6)),
        "e2": event("Réunion de février", dt.date(2026, 2, 3)),
        "e3": event("Assemblée générale 2026", dt.date(2026, 3, 17), "general_assembly"),
        "e4": event("Réunion d'avril", dt.date(2026, 4, 7)),
        "e5": event("Réunion de mai", dt.date(2026, 5, 5)),
    }
    table = {
        "e0": {"dupont": "present", "ancien": "absent"},
        "e1": {"dupont": "present", "martin": "excused", "nguyen": "substitute",
               "wisniewski": "late", "petrova": "absent"},
        "e2": {"dupont": "present", "martin": "absent", "nguyen": "present",
               "wisniewski": "absent", "petrova": "absent"},
        "e3": {"ancien": "absent", "dupont": "present", "martin": "excused", "nguyen": "late",
               "wisniewski": "absent", "petrova": "absent"},
        "e4": {"dupont": "present", "wisniewski": "absent", "petrova": "absent"},
    }
    proxies = {("e3", "wisniewski"): "dupont", ("e3", "martin"): "nguyen",
               ("e3", "petrova"): "wisniewski"}
    for event_key, statuses in table.items():
        for member_key, status in statuses.items():
            holder = proxies.get((event_key, member_key))
            Attendance.create(
                event=events[event_key], member=members[member_key], status=status,
                substitute_name="Rose Remplaçante" if status == "substitute" else "",
                note="Congés" if (event_key, status) == ("e1", "excused") else "",
                proxy_to=members[holder] if holder else None)
    Guest.create(event=events["e1"], name="Paul Invité", company="Invité & Fils",
                 invited_by=members["dupont"], converted_member=members["zola"])
    Guest.create(event=events["e2"], name="Anne Visiteuse", company="")
    Guest.create(event=events["e0"], name="Old Guest", company="")
    return Club(members, events)


def count_only_members_up_to_date(club: Club) -> None:
    """The statutes' rule: only members up to date with their dues vote (see the doc)."""
    update_settings(quorum_dues_only=True)
    FeeRate.create(year=2026, name="Cotisation", amount=Decimal("50"), position=0)
    for key, amount, exempt in [("dupont", "50", False), ("nguyen", "50", False),
                                ("zola", "50", False), ("martin", "0", True),
                                ("wisniewski", "20", False)]:
        MembershipFee.create(member=club.members[key], fiscal_year=2026,
                             period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                             amount=Decimal(amount), paid_on=dt.date(2026, 2, 1), exempt=exempt)


def add_crowd(club: Club, members: int, events: int) -> None:
    """More members and events in the period, to check that query counts do not grow."""
    crowd = [Member.create(first_name=f"Membre{n}", last_name=f"Foule{n}", company=f"Co{n}")
             for n in range(members)]
    for n in range(events):
        day = dt.date(2026, 5, 10) + dt.timedelta(days=n)
        extra = Event.create(title=f"Atelier {n}", kind="workshop",
                             starts_at=dt.datetime.combine(day, dt.time(12)))
        for index, member in enumerate(crowd):
            Attendance.create(event=extra, member=member,
                              status=("present", "absent", "excused")[index % 3])
        Guest.create(event=extra, name=f"Invité {n}", invited_by=crowd[0])
