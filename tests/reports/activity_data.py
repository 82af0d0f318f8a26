"""Hand-made activity figures and member sheets for the report tests and the benchmark."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clubdesk.domain.activity.activity_figures import (
    ActivityFigures,
    Amount,
    Count,
    DuesFigures,
    HealthFigures,
    LeadershipFigures,
    MeetingFigures,
    MemberActivity,
    MemberSheet,
    MembershipFigures,
    MonthReferrals,
    Period,
    ReferralFigures,
    SheetAttendance,
    SheetFee,
    SheetHours,
    SheetReferral,
    VolunteeringFigures,
)
from clubdesk.domain.members.mandates import MandateRow

YEAR = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
MONTHS = [f"2025-{month:02d}" for month in range(1, 13)]


def member(member_id: int, last: str, first: str, company: str, *, in_directory: bool = True,
           expected: int = 10, attended: int = 8, hours: str = "12.5", given: int = 3,
           received: int = 2, won: int = 1, business: str = "1500") -> MemberActivity:
    return MemberActivity(member_id, last, first, company, in_directory, expected, attended,
                          Decimal(hours), given, received, won, Decimal(business))


def named_members() -> list[MemberActivity]:
    return [
        member(1, "Dupont", "Jean", "<b>&Co", expected=12, attended=9),
        member(2, "Wiśniewski", "Łukasz", "Wiśniewski Bau", hours="0", given=0, received=0,
               won=0, business="0"),
        member(3, "Nguyễn", "Lan", "Phở Lyon", hours="40"),
        member(4, "Петрова", "Жанна", "Петрова и партнёры", expected=0, attended=0),
        member(5, "Martin", "Zoë", "Zoë Conseil", given=7, won=4, business="12345.5"),
        member(6, "Secret", "Dominique", "Discrète SARL", in_directory=False),
    ]


def activity(members: list[MemberActivity] | None = None,
             association: str = "Club <Zoë> & Cie") -> ActivityFigures:
    members = named_members() if members is None else members
    return ActivityFigures(
        period=YEAR,
        association=association,
        membership=MembershipFigures(
            active_at_start=118, active_at_end=126, joined=21, left=13, retention_rate=0.89,
            by_sector=[Count("Bâtiment", 31), Count("Conseil", 24), Count("Commerce", 18),
                       Count("Santé", 12), Count("", 3)],
            by_status=[Count("active", 126), Count("lapsed", 9), Count("former", 40)],
            dues=DuesFigures(2025, "2025", members=130, up_to_date=112,
                             expected=Decimal("39000"), received=Decimal("37800"),
                             outstanding=Decimal("5400"))),
        meetings=MeetingFigures(
            events=58, by_kind=[Count("meeting", 46), Count("workshop", 8),
                                Count("general_assembly", 1), Count("board", 3)],
            average_attendance_rate=0.784, attendance_rows=5200, guests=97, guests_joined=14),
        volunteering=VolunteeringFigures(
            hours=Decimal("1843.5"), value=Decimal("27652.50"), hourly_rate=Decimal("15"),
            volunteers=47,
            by_category=[Amount("Accueil", Decimal("620")), Amount("Communication",
                                                                   Decimal("540.5")),
                         Amount("Organisation d'événements", Decimal("683"))],
            by_month=[Amount(month, Decimal(100 + 20 * index))
                      for index, month in enumerate(MONTHS)]),
        referrals=ReferralFigures(
            given=412, won=187, lost=96, open=129, conversion_rate=187 / 283,
            business=Decimal("1254300"), to_outside=23,
            by_month=[MonthReferrals(month, 30 + index, 12 + index, Decimal(1000 * index))
                      for index, month in enumerate(MONTHS)]),
        health=HealthFigures(
            members=126, active_members=101, hours_outside_bureau_share=0.72,
            top_tenth_hours_share=0.38, guests_per_meeting=2.1, guest_conversion=14 / 97,
            stopped_coming=["Ivan Petrov", "Émile Zola"],  # as the domain sorts them
            leadership=LeadershipFigures(dt.date(2025, 12, 31), 3, 11, "Zoë Martin",
                                         "Trésorière <adjointe>", dt.date(2019, 3, 15))),
        members=members,
        bureaus=bureaus(),
    )


def mandate(number: int, last: str, first: str, role: str, start: dt.date,
            end: dt.date | None = None, title: str = "") -> MandateRow:
    return MandateRow(number, number, last, first, role, title, start, end)


def bureaus() -> dict[int, list[MandateRow]]:
    """2025: a president who handed over in March, a treasurer, an "other" role."""
    day = dt.date
    return {2025: [
        mandate(1, "Dupont", "Jean", "president", day(2021, 3, 15), day(2025, 3, 14)),
        mandate(2, "Nguyễn", "Lan", "president", day(2025, 3, 15)),
        mandate(5, "Martin", "Zoë", "treasurer", day(2019, 3, 15)),
        mandate(3, "Петрова", "Жанна", "other", day(2024, 3, 15),
                title="Responsable <communication> & réseaux"),
    ]}


def crowd(count: int) -> list[MemberActivity]:
    """``count`` members with varied figures, every tenth without directory consent."""
    return [member(1000 + n, f"Foule{n}", f"Membre{n}", f"Société {n}",
                   in_directory=n % 10 != 0, expected=n % 13, attended=n % 7,
                   hours=str(n % 25), given=n % 5, received=n % 4, won=n % 3,
                   business=str(n % 3 * 750))
            for n in range(count)]


def sheet() -> MemberSheet:
    """Zoë Martin's year: three events, two volunteer entries, referrals both ways, dues."""
    day = dt.date
    return MemberSheet(
        period=YEAR, association="Club <Zoë> & Cie", member_id=5, first_name="Zoë",
        last_name="Martin", company="<b>&Co", profession="Conseil en Łódź", status="active",
        role="treasurer", joined_on=day(2019, 9, 1),
        attendance=[SheetAttendance(day(2025, 1, 14), "Réunion de janvier", "meeting",
                                    "present"),
                    SheetAttendance(day(2025, 2, 11), "Réunion de février", "meeting", "late"),
                    SheetAttendance(day(2025, 3, 11), "Assemblée générale", "general_assembly",
                                    "absent")],
        expected=3, attended=2,
        hours=[SheetHours(day(2025, 2, 1), Decimal("2.5"), "Accueil", "Accueil des invités"),
               SheetHours(day(2025, 6, 20), Decimal("4"), "Communication", "Лист новостей")],
        total_hours=Decimal("6.5"), hours_value=Decimal("97.50"),
        referrals_given=[SheetReferral(day(2025, 4, 2), "NGUYỄN Lan", "won", Decimal("1200")),
                         SheetReferral(day(2025, 5, 9), "Жанна ПЕТРОВА", "lost", None),
                         SheetReferral(day(2025, 7, 1), "Extérieur <SA>", "won",
                                       Decimal("800.50"))],
        referrals_received=[SheetReferral(day(2025, 3, 3), "WIŚNIEWSKI Łukasz", "won",
                                          Decimal("450"))],
        business_generated=Decimal("2000.50"), business_received=Decimal("450"),
        fees=[SheetFee(day(2025, 1, 1), day(2025, 12, 31), Decimal("300"), day(2025, 1, 20),
                       "2025", "cheque", 41),
              SheetFee(day(2024, 1, 1), day(2024, 12, 31), Decimal("0"), day(2025, 2, 1),
                       "2024", "transfer", None, exempt=True)],
        fees_total=Decimal("300"),
        mandates=[mandate(9, "Martin", "Zoë", "treasurer", day(2019, 3, 15)),
                  mandate(8, "Martin", "Zoë", "other", day(2017, 3, 15), day(2019, 3, 14),
                          title="Responsable accueil")],
    )
