"""A member with one row of every kind that refers to a member, for the GDPR tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from clubdesk.db import (
    Attendance,
    Event,
    Guest,
    Mandate,
    Member,
    MembershipFee,
    Referral,
    ReferralStatusChange,
    VolunteerEntry,
)

NAME = ("Séverine", "Quérault-Zylberstein")
EMAIL = "severine.querault@exemple-rgpd.fr"


@dataclass
class Subject:
    member: Member
    friend: Member
    sponsor: Member
    sponsored: Member


def build_subject() -> Subject:
    """The subject, her sponsor, a member she sponsored and a friend, with their history."""
    sponsor = Member.create(first_name="Paul", last_name="Parrain", status="active")
    member = Member.create(
        first_name=NAME[0], last_name=NAME[1], email=EMAIL, phone="06 12 34 56 78",
        company="Quérault Conseil", profession="Avocate", sector="Droit",
        address="12 rue des Lilas", city="Lyon", postcode="69003", status="former",
        sponsor=sponsor, joined_on=dt.date(2019, 1, 10), left_on=dt.date(2021, 6, 30),
        consent_directory=True, consent_directory_on=dt.date(2019, 1, 10),
        consent_photos_withdrawn_on=dt.date(2020, 2, 1), notes="Allergique aux arachides")
    friend = Member.create(first_name="Fanny", last_name="Amie", status="active",
                           notes=f"Présentée par {NAME[0]} {NAME[1]}")
    sponsored = Member.create(first_name="Simon", last_name="Filleul", status="active",
                              sponsor=member, joined_on=dt.date(2020, 3, 1))
    first = Event.create(title="Réunion de janvier", starts_at=dt.datetime(2020, 1, 14, 8))
    assembly = Event.create(title="Assemblée générale", kind="general_assembly",
                            starts_at=dt.datetime(2020, 6, 20, 18),
                            description=f"Rapport moral lu par {NAME[0]} {NAME[1]}")
    MembershipFee.create(member=member, period_start=dt.date(2020, 1, 1),
                         period_end=dt.date(2020, 12, 31), amount=Decimal("150.50"),
                         paid_on=dt.date(2020, 1, 5), method="cheque")
    Mandate.create(member=member, role="treasurer", starts_on=dt.date(2019, 3, 15),
                   ends_on=dt.date(2021, 3, 14))
    Attendance.create(event=first, member=member, status="present", note="En retard, malade")
    Attendance.create(event=first, member=friend, status="present")
    Attendance.create(event=assembly, member=member, status="absent", proxy_to=friend)
    Attendance.create(event=assembly, member=sponsored, status="absent", proxy_to=member)
    Attendance.create(event=assembly, member=friend, status="present")
    Guest.create(event=first, name="Gaston Invité", company="Gaston SARL", invited_by=member)
    Guest.create(event=first, name=f"{NAME[0]} {NAME[1]}", email=EMAIL,
                 company="Quérault Conseil", invited_by=sponsor, converted_member=member)
    VolunteerEntry.create(member=member, date=dt.date(2020, 2, 2), hours=Decimal("3.5"),
                          category="Accueil", event=first, description="Accueil des invités")
    VolunteerEntry.create(member=friend, date=dt.date(2020, 2, 2), hours=Decimal("2"),
                          description=f"Aidé {NAME[0]} {NAME[1]} à l'accueil")
    won = Referral.create(giver=member, receiver=friend, date=dt.date(2020, 3, 3),
                          status="won", amount=Decimal("1200.00"), contact="M. Client",
                          description="Contrat de conseil")
    ReferralStatusChange.create(referral=won, status="contacted", changed_on=dt.date(2020, 3, 5))
    ReferralStatusChange.create(referral=won, status="won", changed_on=dt.date(2020, 4, 1))
    received = Referral.create(giver=friend, receiver=member, date=dt.date(2020, 4, 4),
                               status="contacted",
                               description=f"Pour {NAME[1].upper()} {NAME[0]}")
    ReferralStatusChange.create(referral=received, status="contacted",
                                changed_on=dt.date(2020, 4, 9))
    return Subject(member, friend, sponsor, sponsored)
