"""A small club whose activity figures are worked out by hand in the tests.

Period 2026-01-01 to 2026-03-31. Members (status, role, sector, joined -> left):

    A Anne Alpha     active   president  Tech   2025-01-01
    B Bob Bernard    active   none       Tech   2025-06-01
    C Chloé Cohen    active   none       ""     2026-02-01
    D Dan Dubois     former   none       Tech   2024-01-01 -> 2026-02-15
    E Eve Éluard     prospect none       ""     -
    F Fred Fabre     lapsed   none       Droit  - (joined unknown)
    G Gus Garnier    former   none       ""     2020-01-01 -> 2025-12-01

Events: m0 meeting 2025-12-20 (F present, guest g4), m1 meeting 2026-01-10 (A present,
B late, C absent, D absent; guests g1 -> became C, g2), m2 meeting 2026-02-14 (A present,
B absent, C absent, F excused), m3 meeting 2026-03-05 (no list), w1 workshop 2026-03-31
20:00 (A present, B absent; guest g3), m4 meeting 2026-04-01 00:00 (after).

Hours: A 01-05 3.00 Bureau, A 03-31 2.50 Bureau, B 01-20 1.25 Accueil, C 03-10 0.75
Accueil, D 01-25 1.00 Accueil, F 2025-12-31 4.00 and 2026-04-01 2.00 (outside).

Referrals: r1 A->B 01-15 won 1000 closed 02-10; r2 A->"Ext Co" 02-20 lost closed 03-01;
r3 B->A 03-05 new; r4 C->A 2025-11-10 won 500 closed 2026-01-05; r5 B->C 03-20 won 200
closed 04-10. Hourly rate 20 €.

Dues: fiscal years are calendar years; 2026's schedule is one rate, 100 €. Payments for
2026: A 100 paid 01-10, B 50.50 paid 02-01 and 30 paid 03-31, C 80 paid 04-02; D and F pay
nothing. Expected from A B C D F (E is a prospect, G left in 2025): 500 €.

Mandates: A president since 2024-03-15; B treasurer 2022-03-15 -> 2025-03-14; D secretary
2023-03-15 -> 2026-02-15 (left); G "Communication" 2020-01-01 -> 2022-12-31.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clubdesk.db import (
    Attendance,
    Event,
    FeeRate,
    Guest,
    Mandate,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
)
from clubdesk.domain.activity.activity_figures import Period
from clubdesk.domain.common.settings import update_settings

PERIOD = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
D = dt.date


def build_activity_club() -> dict[str, Member]:
    update_settings(name="Club Test", volunteer_hourly_rate=Decimal("20"))
    people = {
        "A": ("Anne", "Alpha", "active", "president", "Tech", D(2025, 1, 1), None, True),
        "B": ("Bob", "Bernard", "active", "none", "Tech", D(2025, 6, 1), None, False),
        "C": ("Chloé", "Cohen", "active", "none", "", D(2026, 2, 1), None, True),
        "D": ("Dan", "Dubois", "former", "none", "Tech", D(2024, 1, 1), D(2026, 2, 15), False),
        "E": ("Eve", "Éluard", "prospect", "none", "", None, None, False),
        "F": ("Fred", "Fabre", "lapsed", "none", "Droit", None, None, False),
        "G": ("Gus", "Garnier", "former", "none", "", D(2020, 1, 1), D(2025, 12, 1), False),
    }
    m = {key: Member.create(first_name=first, last_name=last, status=status, role=role,
                            sector=sector, joined_on=joined, left_on=left,
                            company=f"{last} SA", consent_directory=consent)
         for key, (first, last, status, role, sector, joined, left, consent)
         in people.items()}

    def event(title: str, when: dt.datetime, kind: str = "meeting") -> Event:
        return Event.create(title=title, kind=kind, starts_at=when)

    at = dt.datetime
    e = {
        "m0": event("m0", at(2025, 12, 20, 18, 30)),
        "m1": event("m1", at(2026, 1, 10, 18, 30)),
        "m2": event("m2", at(2026, 2, 14, 18, 30)),
        "m3": event("m3", at(2026, 3, 5, 18, 30)),
        "w1": event("w1", at(2026, 3, 31, 20, 0), "workshop"),
        "m4": event("m4", at(2026, 4, 1, 0, 0)),
    }
    lists = {
        "m0": {"F": "present"},
        "m1": {"A": "present", "B": "late", "C": "absent", "D": "absent"},
        "m2": {"A": "present", "B": "absent", "C": "absent", "F": "excused"},
        "w1": {"A": "present", "B": "absent"},
        "m4": {"F": "absent"},
    }
    for event_key, statuses in lists.items():
        for member_key, status in statuses.items():
            Attendance.create(event=e[event_key], member=m[member_key], status=status)
    Guest.create(event=e["m1"], name="g1", converted_member=m["C"])
    Guest.create(event=e["m1"], name="g2")
    Guest.create(event=e["w1"], name="g3")
    Guest.create(event=e["m0"], name="g4")
    for key, day, hours, category in [
        ("A", D(2026, 1, 5), "3.00", "Bureau"), ("A", D(2026, 3, 31), "2.50", "Bureau"),
        ("B", D(2026, 1, 20), "1.25", "Accueil"), ("C", D(2026, 3, 10), "0.75", "Accueil"),
        ("D", D(2026, 1, 25), "1.00", "Accueil"), ("F", D(2025, 12, 31), "4.00", "Accueil"),
        ("F", D(2026, 4, 1), "2.00", "Accueil"),
    ]:
        VolunteerEntry.create(member=m[key], date=day, hours=Decimal(hours),
                              category=category, description=f"{key} {day}")
    for giver, receiver, day, status, amount, closed in [
        ("A", "B", D(2026, 1, 15), "won", "1000", D(2026, 2, 10)),
        ("A", None, D(2026, 2, 20), "lost", None, D(2026, 3, 1)),
        ("B", "A", D(2026, 3, 5), "new", None, None),
        ("C", "A", D(2025, 11, 10), "won", "500", D(2026, 1, 5)),
        ("B", "C", D(2026, 3, 20), "won", "200", D(2026, 4, 10)),
    ]:
        Referral.create(giver=m[giver], receiver=m[receiver] if receiver else None,
                        external_recipient="" if receiver else "Ext Co", date=day,
                        status=status, amount=Decimal(amount) if amount else None,
                        closed_on=closed)
    FeeRate.create(year=2026, name="Plein tarif", amount=Decimal("100"), position=0)
    for key, amount, paid in [("A", "100", D(2026, 1, 10)), ("B", "50.50", D(2026, 2, 1)),
                              ("B", "30", D(2026, 3, 31)), ("C", "80", D(2026, 4, 2))]:
        MembershipFee.create(member=m[key], fiscal_year=2026, period_start=D(2026, 1, 1),
                             period_end=D(2026, 12, 31), amount=Decimal(amount), paid_on=paid)
    for key, role, title, start, end in [
        ("A", "president", "", D(2024, 3, 15), None),
        ("B", "treasurer", "", D(2022, 3, 15), D(2025, 3, 14)),
        ("D", "secretary", "", D(2023, 3, 15), D(2026, 2, 15)),
        ("G", "other", "Communication", D(2020, 1, 1), D(2022, 12, 31)),
    ]:
        Mandate.create(member=m[key], role=role, title=title, starts_on=start, ends_on=end)
    return m


def add_activity_crowd(count: int) -> None:
    """More members, each with attendance, hours and a referral, in the period."""
    meeting = Event.create(title="crowd", kind="meeting", starts_at=dt.datetime(2026, 2, 2))
    crowd = [Member.create(first_name=f"P{n}", last_name=f"Foule{n}", sector=f"S{n % 3}")
             for n in range(count)]
    for n, member in enumerate(crowd):
        Attendance.create(event=meeting, member=member, status=("present", "absent")[n % 2])
        VolunteerEntry.create(member=member, date=D(2026, 2, 3), hours=Decimal("1.5"),
                              category=f"cat{n % 4}")
        Referral.create(giver=member, receiver=crowd[n - 1], date=D(2026, 2, 4),
                        status="won", amount=Decimal("10"), closed_on=D(2026, 2, 5))
        MembershipFee.create(member=member, period_start=D(2026, 1, 1),
                             period_end=D(2026, 12, 31), amount=Decimal("5"),
                             paid_on=D(2026, 2, 6))
        Guest.create(event=meeting, name=f"guest {n}")
