"""Demo contributions: volunteer hours, business referrals and yearly dues."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from clubdesk.demo import names as names
from clubdesk.demo.events import PlannedEvent, months
from clubdesk.demo.people import Chapter, Person
from clubdesk.domain.common.codes import BureauRole, EventKind, PaymentMethod, ReferralStatus
from clubdesk.domain.common.dates import years_before
from clubdesk.domain.common.fiscal_years import fiscal_year_bounds, fiscal_year_of

VOLUNTEER_FIELDS = ("member", "date", "hours", "category", "event", "description")
REFERRAL_FIELDS = ("giver", "receiver", "external_recipient", "date", "contact",
                   "description", "status", "amount", "closed_on")
FEE_RATE_FIELDS = ("year", "name", "amount", "pro_rata", "position")
FEE_FIELDS = ("member", "fiscal_year", "period_start", "period_end", "rate", "amount",
              "paid_on", "method", "cheque_number", "payer", "reference", "exempt", "note",
              "receipt_number")
# Employers paying their staff's dues, several members at once.
_EMPLOYERS = ("Groupe Rhône Conseil (employeur)", "Mutuelle des Artisans du Lyonnais",
              "Cabinet Morel & Associés")

_CENT = Decimal("0.01")
_QUARTERS = tuple(Decimal(quarters * 25).scaleb(-2) for quarters in range(33))
# Weights of the VOLUNTEERING categories for the bureau, other roles and the others.
_CATEGORY_WEIGHTS = {
    "bureau": (25, 15, 5, 45, 10, 0),
    "other": (30, 20, 15, 5, 15, 15),
    "member": (25, 15, 20, 0, 20, 20),
}
_OPEN_EVENTS = (EventKind.NETWORKING, EventKind.GENERAL_ASSEMBLY, EventKind.OTHER)
_LINKED_TO_MEETINGS = ("Organisation des réunions", "Accueil des invités")
_METHODS = ((PaymentMethod.TRANSFER, PaymentMethod.CHEQUE, PaymentMethod.CARD, PaymentMethod.CASH,
             PaymentMethod.OTHER), (55, 20, 15, 5, 5))
_REFERRAL_EXTRAS = ("", "", " Rappeler de ma part.", " Urgent.",
                    " Contact chaleureux, déjà client chez moi.")


@dataclass(slots=True)
class Month:
    """One calendar month of the past three years, up to yesterday."""

    first: int
    last: int
    active: list[list[Person]]  # per chapter: the members in the middle of the month
    events: dict[int | None, list[PlannedEvent]] = field(default_factory=dict)


def month_table(chapters: list[Chapter], events: list[PlannedEvent],
                today: dt.date) -> list[Month]:
    """Members and past events month by month: volunteering and referrals draw from it."""
    start, yesterday = years_before(today, 3), today.toordinal() - 1
    table: dict[tuple[int, int], Month] = {}
    for year, month in months(start, today):
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        first = max(dt.date(year, month, 1).toordinal(), start.toordinal())
        last = min(following.toordinal() - 1, yesterday)
        if first <= last:
            middle = (first + last) // 2
            active = [[p for p in chapter.members if p.active_on(middle)]
                      for chapter in chapters]
            table[year, month] = Month(first, last, active)
    for event in events:
        day = dt.date.fromordinal(event.day)
        month_of = table.get((day.year, day.month))
        if month_of is not None and event.day <= yesterday:
            month_of.events.setdefault(event.chapter, []).append(event)
    return list(table.values())


def volunteer_rows(table: list[Month], rng: random.Random, rate: float) -> Iterator[tuple]:
    """Entries in quarter hours; the bureau gives most, many members now and then."""
    for month in table:
        for chapter, active in enumerate(month.active):
            for person in active:
                if person.drift_from is not None and person.drift_from <= month.last:
                    continue
                if person.role in (BureauRole.NONE, BureauRole.OTHER):
                    kind = "other" if person.role == BureauRole.OTHER else "member"
                    share = rate if person.volunteer else 0.02
                    count = rng.randint(1, 3) if kind == "other" else int(rng.random() < share)
                else:
                    kind, count = "bureau", rng.randint(2, 4)
                for _ in range(count):
                    row = _volunteer_entry(person, kind, month, chapter, rng)
                    if row is not None:
                        yield row


def _volunteer_entry(person: Person, kind: str, month: Month, chapter: int,
                     rng: random.Random) -> tuple | None:
    category, shortest, longest, texts = rng.choices(
        names.VOLUNTEERING, _CATEGORY_WEIGHTS[kind])[0]
    first = max(month.first, person.joined or month.first)
    last = min(month.last, person.end - 1 if person.end is not None else month.last)
    if first > last:
        return None
    day, event_id = rng.randint(first, last), None
    if category in _LINKED_TO_MEETINGS:
        candidates = [e for e in month.events.get(chapter, []) if e.kind == EventKind.MEETING]
    elif category == "Événements":
        candidates = [e for scope in (chapter, None) for e in month.events.get(scope, [])
                      if e.kind in _OPEN_EVENTS]
    else:
        candidates = []
    if candidates:
        event = rng.choice(candidates)
        if first <= event.day <= last:
            day, event_id = event.day, event.id
    return (person.id, dt.date.fromordinal(day), _QUARTERS[rng.randint(shortest, longest)],
            category, event_id, rng.choice(texts))


def referral_rows(table: list[Month], rng: random.Random, rate: float,
                  today: dt.date) -> Iterator[tuple]:
    """Business passed between members (and a tenth to people outside the network)."""
    now = today.toordinal()
    for month in table:
        for active in month.active:
            if not active:
                continue
            expected = len(active) * rate
            for _ in range(int(expected) + (rng.random() < expected % 1)):
                row = _referral(active, month, rng, now)
                if row is not None:
                    yield row


def _referral(active: list[Person], month: Month, rng: random.Random,
              now: int) -> tuple | None:
    giver = rng.choice(active)
    if not giver.comes_on(month.first):
        giver = rng.choice(active)
    receiver = None
    if len(active) > 1 and rng.random() >= 0.1:
        while receiver is None or receiver is giver:
            receiver = rng.choice(active)
    parties = (giver,) if receiver is None else (giver, receiver)
    first = max([month.first, *(p.joined or month.first for p in parties)])
    last = min([month.last, *(p.end - 1 for p in parties if p.end is not None)])
    if first > last:
        return None
    day = rng.randint(first, last)
    external = ""
    if receiver is None:
        masculine, feminine, sector, _ = rng.choice(names.PROFESSIONS)
        female = rng.random() < 0.5
        external = (f"{rng.choice(names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES)}"
                    f" {rng.choice(names.LAST_NAMES)}, {feminine if female else masculine} "
                    "(hors réseau)")
    else:
        sector = receiver.sector
    need = rng.choice(names.NEEDS[sector])
    contact = (f"{rng.choice(names.FEMALE_FIRST_NAMES + names.MALE_FIRST_NAMES)} "
               f"{rng.choice(names.LAST_NAMES)}")
    if rng.random() < 0.6:
        contact += f", {rng.choice(names.BRANDS)} {rng.choice(names.PROFESSIONS)[3]}"
    description = need[0].upper() + need[1:] + "." + rng.choice(_REFERRAL_EXTRAS)
    status, amount, closed_on = _outcome(day, now, rng)
    return (giver.id, receiver.id if receiver else None, external, dt.date.fromordinal(day),
            contact, description, status, amount, closed_on)


def _outcome(day: int, now: int, rng: random.Random) -> tuple[str, Decimal | None,
                                                             dt.date | None]:
    """Recent referrals are still open; older ones mostly won or lost."""
    age = now - day
    if age < 14:
        return rng.choices((ReferralStatus.NEW, ReferralStatus.CONTACTED), (60, 40))[0], None, None
    weights = (10, 30, 40, 12, 8) if age < 60 else (3, 7, 12, 45, 33)
    status = rng.choices((ReferralStatus.NEW, ReferralStatus.CONTACTED, ReferralStatus.IN_PROGRESS,
                          ReferralStatus.WON, ReferralStatus.LOST), weights)[0]
    if status not in (ReferralStatus.WON, ReferralStatus.LOST):
        return status, None, None
    closed_on = dt.date.fromordinal(day + rng.randint(3, min(120, age - 1)))
    if status == ReferralStatus.LOST:
        return status, None, closed_on
    value = min(150_000, max(80, int(rng.lognormvariate(7.2, 1.1)) // 10 * 10))
    return status, Decimal(value).quantize(_CENT), closed_on


def fee_schedule_rows(first_year: int, last_year: int, today: dt.date) -> list[tuple]:
    """Each fiscal year's two rates: the annual fee, and half of it for a member joining in
    the second half of the year; ids follow the order (the table is empty)."""
    rows = []
    for year in range(first_year, last_year + 1):
        full = Decimal({0: 300, 1: 280, 2: 280}.get(today.year - year, 250)).quantize(_CENT)
        rows.append((year, "Cotisation annuelle", full, False, 0))
        rows.append((year, "Arrivée au second semestre", (full / 2).quantize(_CENT), False, 1))
    return rows


def fee_rows(people: list[Person], rng: random.Random, today: dt.date,
             start_month: int) -> list[tuple]:
    """Dues paid per fiscal year, by paying order, numbered as receipts. Members who leave
    or lapse in the first quarter do not renew; some pay late, some never (those are not
    rows: what they owe comes from the schedule); a few employers pay for their staff."""
    first_year = years_before(today, 3).year
    found = []
    for person in people:
        if person.joined is None:
            continue
        for year in range(first_year, fiscal_year_of(today, start_month) + 1):
            start_day, end_day = fiscal_year_bounds(year, start_month)
            start, end = start_day.toordinal(), end_day.toordinal()
            if person.joined > end or (person.end is not None and person.end <= start + 90):
                continue
            new = person.joined >= start
            late_joiner = new and person.joined > start + 182
            rate_id = 1 + 2 * (year - first_year) + late_joiner
            full = {0: 300, 1: 280, 2: 280}.get(today.year - year, 250)
            amount = Decimal(full // 2 if late_joiner else full).quantize(_CENT)
            delay = rng.randint(0, 80) if rng.random() > 0.12 else rng.randint(100, 250)
            paid = person.joined + rng.randint(0, 20) if new else start + 4 + delay
            if person.end is not None:
                paid = min(paid, person.end - 1)
            if paid >= today.toordinal() or (end >= today.toordinal() and person.unpaid):
                continue
            method = rng.choices(*_METHODS)[0]
            payer = rng.choice(_EMPLOYERS) if rng.random() < 0.05 else ""
            if payer:
                method, paid = PaymentMethod.TRANSFER, start + 30
            cheque = str(rng.randint(1_000_000, 9_999_999)) if method == PaymentMethod.CHEQUE \
                else ""
            found.append((person.id, year, start_day, end_day, rate_id, amount,
                          dt.date.fromordinal(paid), method, cheque, payer, "", False, ""))
    found.sort(key=lambda row: (row[6], row[0]))
    return [(*row, number) for number, row in enumerate(found, start=1)]
