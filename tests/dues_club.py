"""A small club with its 2025 dues, for the receipts, statements and reminders tests.

Schedule 2025: "Plein tarif" 300 € (the default), "Première année" 240 € pro rata.

    member                 address  e-mail  2025 dues
    Zoë Martin             yes      yes     paid 300 by cheque 1234567; the treasurer
    Łukasz Wiśniewski      yes      yes     paid 300 by "Cabinet Morel & Associés" (transfer)
    Jean Dupont ("<b>&Co") yes      yes     paid 100 in cash, owes 200
    Émile Zola             yes      yes     owes 300
    Lan Nguyễn             yes      no      owes 300
    Жанна Петрова          no       yes     owes 300
    Fabrice Ancien         yes      yes     exempt
    Chloé Nouvelle         yes      yes     joined 1 July 2025, "Première année" pro rata:
                                            120 due, paid 20 by card, owes 100
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from clubdesk.db import Member
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.dues.payments import PaymentInput, record_payment
from clubdesk.domain.dues.rates import Rate, save_fee_schedule
from clubdesk.domain.members.mandates import MandateInput, save_member_mandates

YEAR = 2025
TODAY = dt.date(2026, 1, 15)
ADDRESS = "Maison des Associations\n28 rue Denfert-Rochereau\n69004 Lyon"


@dataclass
class DuesClub:
    members: dict[str, Member]
    fees: dict[str, int]  # payment ids


def build_dues_club() -> DuesClub:
    update_settings(name="Club <Zoë> & Cie", address=ADDRESS)
    full, first_year = save_fee_schedule(YEAR, [
        Rate(None, YEAR, "Plein tarif", Decimal("300")),
        Rate(None, YEAR, "Première année", Decimal("240"), True)])
    people = {
        "martin": ("Zoë", "Martin", "Zoë Conseil", "zoe@martin.example", True),
        "wisniewski": ("Łukasz", "Wiśniewski", "Wiśniewski Bau", "lukasz@bau.example", True),
        "dupont": ("Jean", "Dupont", "<b>&Co", "jean@dupont.example", True),
        "zola": ("Émile", "Zola", "", "emile@zola.example", True),
        "nguyen": ("Lan", "Nguyễn", "Phở Lyon", "", True),
        "petrova": ("Жанна", "Петрова", "", "zhanna@petrova.example", False),
        "ancien": ("Fabrice", "Ancien", "", "fabrice@ancien.example", True),
        "nouvelle": ("Chloé", "Nouvelle", "", "chloe@nouvelle.example", True),
    }
    members = {}
    for number, (key, (first, last, company, email, posted)) in enumerate(people.items()):
        members[key] = Member.create(
            first_name=first, last_name=last, company=company, email=email, status="active",
            joined_on=dt.date(2025, 7, 1) if key == "nouvelle" else dt.date(2019, 9, 1),
            address=f"{number + 1} rue de la République" if posted else "",
            postcode="69002" if posted else "", city="Lyon" if posted else "")
    save_member_mandates(members["martin"].id, [MandateInput("treasurer", dt.date(2024, 3, 1))],
                         today=TODAY)

    def pay(key: str, amount: str, **values: object) -> int:
        values.setdefault("paid_on", dt.date(2025, 2, 3))
        return record_payment(PaymentInput(member_id=members[key].id, fiscal_year=YEAR,
                                           amount=Decimal(amount), **values))

    fees = {
        "martin": pay("martin", "300", method="cheque", cheque_number="1234567",
                      rate_id=full.id),
        "wisniewski": pay("wisniewski", "300", method="transfer",
                          payer="Cabinet Morel & Associés", rate_id=full.id),
        "dupont": pay("dupont", "100", method="cash", paid_on=dt.date(2025, 3, 1)),
        "ancien": pay("ancien", "0", exempt=True),
        # The first-year rate, pro rata: 240 € for the six months from July is 120 €.
        "nouvelle": pay("nouvelle", "20", method="card", paid_on=dt.date(2025, 7, 10),
                        rate_id=first_year.id),
    }
    return DuesClub(members, fees)
