"""Demo members: the local chapters, the people with their history, and the member rows.

Dates are kept as ordinals (``date.toordinal()``) while generating: the activity loops
compare them hundreds of thousands of times.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from clubdesk.demo import names as names
from clubdesk.domain.common.codes import BureauRole, MemberStatus
from clubdesk.domain.common.text import fold

# Mobile blocks that phonenumbers accepts as French mobiles (06 39 and 069x are not).
_MOBILE_BLOCKS = tuple(f"6{n:02d}" for n in (*range(10, 39), *range(40, 90))) + tuple(
    f"7{n}" for n in range(50, 90)
)
# Geographic numbers ARCEP keeps for fiction (01 99 00 xx xx ...): nobody answers them.
_FICTION_LANDLINES = {"1": "19900", "2": "26191", "3": "35301", "4": "46571", "5": "53649"}
_MAIL_DOMAINS = ("courriel.example", "messagerie.example", "mail.example", "boite.example")
_BUREAU = (BureauRole.PRESIDENT, BureauRole.VICE_PRESIDENT, BureauRole.TREASURER,
           BureauRole.SECRETARY)
# Chance of coming to a meeting: regular, usual (twice as common) and irregular members.
_HABITS = ((0.88, 0.98), (0.7, 0.88), (0.7, 0.88), (0.4, 0.7))


@dataclass(slots=True)
class Person:
    """One member, with the habits that drive the activity generated for them."""

    chapter: int
    first_name: str
    last_name: str
    female: bool
    status: str
    joined: int | None
    end: int | None  # first day no longer a member: left_on, or when a lapsed member stopped
    habit: float  # probability of coming to a meeting
    created: int = 0
    drift_from: int | None = None  # an active member who stopped coming on that day
    role: str = BureauRole.NONE
    id: int = 0
    sponsor: int | None = None
    ascii_name: str = ""
    profession: str = ""
    sector: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    city: str = ""
    postcode: str = ""
    notes: str = ""
    unpaid: bool = False  # this year's dues not paid yet
    volunteer: bool = False

    def active_on(self, day: int) -> bool:
        return (
            self.joined is not None
            and self.joined <= day
            and (self.end is None or day < self.end)
        )

    def comes_on(self, day: int) -> bool:
        """A member then, and not one of those who drifted away."""
        return self.active_on(day) and (self.drift_from is None or day < self.drift_from)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(slots=True)
class Chapter:
    """A local group with its own meetings; the small demo has one, the federation many."""

    index: int
    name: str
    region: str
    places: tuple[tuple[str, str], ...]
    venue: str
    founded: int
    weekday: int  # 1 Tuesday, 3 Thursday
    slot: tuple[dt.time, dt.time]
    members: list[Person] = field(default_factory=list)


def make_chapters(count: int, rng: random.Random, today: dt.date) -> list[Chapter]:
    slots = ((dt.time(7), dt.time(8, 30)),) * 3 + (
        (dt.time(12), dt.time(14)), (dt.time(18, 30), dt.time(20, 30)))
    chapters = []
    for index, (name, region, places) in enumerate(names.CHAPTERS[:count]):
        city, postcode = places[0]
        venue = (f"{rng.choice(names.VENUES)}, {rng.randint(1, 90)} "
                 f"{rng.choice(names.STREETS)}, {postcode} {city}")
        founded = today.toordinal() - rng.randint(8 * 365 if index == 0 else 4 * 365, 12 * 365)
        slot = slots[0] if index == 0 else rng.choice(slots)
        weekday = 1 if index == 0 else rng.choice((1, 3))
        chapters.append(Chapter(index, name, region, places, venue, founded, weekday, slot))
    return chapters


def make_people(chapters: list[Chapter], count: int, statuses: tuple[int, ...],
                rng: random.Random, today: dt.date) -> list[Person]:
    """Every member, numbered in the order they joined; prospects last.

    ``statuses`` weighs active, prospect, lapsed and former members.
    """
    base, extra = divmod(count, len(chapters))
    for chapter in chapters:
        size = base + (1 if chapter.index < extra else 0)
        if chapter.index == 0:
            chapter.members = [_notable(chapter, entry, rng, today)
                               for entry in names.NOTABLE_PEOPLE]
        while len(chapter.members) < size:
            chapter.members.append(_random_person(chapter, statuses, rng, today))
        _give_roles(chapter, rng, today)
        _ensure_drifters(chapter, rng, today)
    people = [person for chapter in chapters for person in chapter.members]
    people.sort(key=lambda p: (p.joined is None, p.joined or p.created))
    for number, person in enumerate(people, start=1):
        person.id = number
    for chapter in chapters:
        chapter.members.sort(key=lambda p: p.id)
        _give_sponsors(chapter, rng)
    _give_contacts(people, chapters, rng)
    return people


def _random_person(chapter: Chapter, statuses: tuple[int, ...], rng: random.Random,
                   today: dt.date) -> Person:
    female = rng.random() < 0.5
    first = rng.choice(names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES)
    last = rng.choice(names.LAST_NAMES)
    status = rng.choices((MemberStatus.ACTIVE, MemberStatus.PROSPECT, MemberStatus.LAPSED,
                          MemberStatus.FORMER), statuses)[0]
    return _with_history(Person(chapter.index, first, last, female, status, None, None, 0.0),
                         chapter, rng, today)


def _notable(chapter: Chapter, entry: tuple[str, str, bool, str], rng: random.Random,
             today: dt.date) -> Person:
    first, last, female, ascii_name = entry
    person = Person(chapter.index, first, last, female, MemberStatus.ACTIVE, None, None, 0.0,
                    ascii_name=ascii_name)
    return _with_history(person, chapter, rng, today)


def _with_history(person: Person, chapter: Chapter, rng: random.Random,
                  today: dt.date) -> Person:
    """Joining and leaving dates and attendance habits, consistent with the status."""
    now, founded = today.toordinal(), chapter.founded
    person.habit = rng.uniform(*rng.choice(_HABITS))
    if person.status == MemberStatus.PROSPECT:
        person.created = now - rng.randint(3, 180)
        return person
    founder = rng.random() < 0.06
    person.volunteer = rng.random() < 0.35
    if person.status == MemberStatus.ACTIVE:
        joined = founded if founder else now - 7 - int((now - 7 - founded) * rng.random() ** 1.3)
        person.joined = joined
        if joined < now - 365 and rng.random() < 0.07:
            person.drift_from = now - rng.randint(95, 200)
        person.unpaid = rng.random() < 0.06
    elif person.status == MemberStatus.FORMER:
        person.joined = founded if founder else rng.randint(founded, now - 200)
        tenure = 150 + int(rng.expovariate(1 / 900))  # most stay two or three years
        person.end = min(person.joined + tenure, now - 7)
    else:  # lapsed: stopped paying at the turn of a year, left_on stays empty
        year_start = dt.date(today.year - 1, 1, 15).toordinal()
        latest = min(now - 21, dt.date(today.year, 3, 31).toordinal())
        person.end = rng.randint(year_start, latest)
        person.joined = rng.randint(founded, person.end - 120)
    if person.joined == founded:
        person.notes = "Membre fondateur."
    person.created = person.joined
    return person


def _give_roles(chapter: Chapter, rng: random.Random, today: dt.date) -> None:
    """The bureau sits in the first chapter; every other chapter has one leader."""
    eligible = [p for p in chapter.members
                if p.status == MemberStatus.ACTIVE and p.drift_from is None
                and p.joined is not None and p.joined < today.toordinal() - 365]
    if chapter.index == 0:
        chosen = rng.sample(eligible, len(_BUREAU) + 2)
        roles = (*_BUREAU, BureauRole.OTHER, BureauRole.OTHER)
        for person, role in zip(chosen, roles, strict=True):
            person.role = role
        for person, note in zip(chosen[len(_BUREAU):], names.BUREAU_NOTES, strict=False):
            person.notes = note
    else:
        chosen = [rng.choice(eligible)]
        chosen[0].role = BureauRole.OTHER
        chosen[0].notes = f"Responsable du groupe {chapter.name}."
    for person in chosen:
        person.habit = rng.uniform(0.9, 0.99)
        person.volunteer = True


def _ensure_drifters(chapter: Chapter, rng: random.Random, today: dt.date) -> None:
    """A few active members always stopped coming months ago: reports must find them."""
    now = today.toordinal()
    steady = [p for p in chapter.members
              if p.status == MemberStatus.ACTIVE and p.role == BureauRole.NONE
              and p.joined is not None and p.joined < now - 365 and p.drift_from is None]
    missing = 3 - sum(p.drift_from is not None for p in chapter.members)
    for person in rng.sample(steady, max(0, min(missing, len(steady)))):
        person.drift_from = now - rng.randint(95, 200)


def _give_sponsors(chapter: Chapter, rng: random.Random) -> None:
    """Most members were brought in by someone who was already a member then."""
    joined = [p for p in chapter.members if p.joined is not None]
    for index, person in enumerate(joined):
        if index == 0 or person.joined == chapter.founded or rng.random() > 0.62:
            continue
        for _ in range(6):
            candidate = joined[rng.randrange(index)]
            if candidate.joined < person.joined and candidate.active_on(person.joined):
                person.sponsor = candidate.id
                break
    active = [p for p in joined if p.status == MemberStatus.ACTIVE]
    for person in chapter.members:
        if person.joined is None and active and rng.random() < 0.5:
            person.sponsor = rng.choice(active).id


def slug(text: str) -> str:
    """ASCII, lower case, words joined by hyphens: ``slug("Clé de Voûte")`` is ``cle-de-voute``."""
    folded = fold(text).replace("'", "").replace("’", "")
    cleaned = "".join(c if c.isascii() and c.isalnum() else "-" for c in folded)
    return "-".join(part for part in cleaned.split("-") if part)


def company_domain(company: str) -> str:
    """A mail domain for ``company`` under ``.example``, reserved for examples (RFC 2606)."""
    words = company.split()
    if words[-1] in names.LEGAL_FORMS:
        words.pop()
    label = slug(" ".join(words))[:28].strip("-") or "entreprise"  # "Жанна Петрова EI"
    return f"{label}.example"


def company_name(last: str, first: str, word: str, rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.3:
        return f"{word} {last}"
    if draw < 0.45:
        return f"{last} {word}"
    if draw < 0.7:
        return f"{rng.choice(names.BRANDS)} {word}"
    if draw < 0.9:
        return f"{rng.choice(names.BRANDS)} {word} {rng.choice(names.LEGAL_FORMS)}"
    return f"{first} {last} EI"


def _give_contacts(people: list[Person], chapters: list[Chapter], rng: random.Random) -> None:
    """Professions, companies, unique e-mails and phones, postal addresses."""
    emails: set[str] = set()
    phones = _PhoneBook(rng)
    long_companies = iter(names.LONG_COMPANIES)
    for person in people:
        masculine, feminine, person.sector, word = rng.choice(names.PROFESSIONS)
        person.profession = feminine if person.female else masculine
        person.company = company_name(person.last_name, person.first_name, word, rng)
        if len(person.last_name) > 30:  # the notable long names: long texts everywhere
            person.company = next(long_companies, person.company)
            masculine, feminine, person.sector, _ = names.LONG_PROFESSION
            person.profession = feminine if person.female else masculine
        stem = person.ascii_name or f"{slug(person.first_name)}.{slug(person.last_name)}"
        domain = company_domain(person.company) if rng.random() < 0.55 \
            else rng.choice(_MAIL_DOMAINS)
        email, suffix = f"{stem}@{domain}", 1
        while email in emails:
            suffix += 1
            email = f"{stem}{suffix}@{domain}"
        emails.add(email)
        person.email = email
        chapter = chapters[person.chapter]
        if rng.random() < 0.96:
            person.phone = phones.number(chapter.region)
        city, postcode = rng.choice(chapter.places[:1] * 3 + chapter.places[1:])
        number = f"{rng.randint(1, 140)}{' bis' if rng.random() < 0.06 else ''}"
        person.address = f"{number} {rng.choice(names.STREETS)}"
        person.city, person.postcode = city, postcode
        if person.status == MemberStatus.FORMER and not person.notes:
            person.notes = rng.choice(names.FORMER_NOTES)
        elif not person.notes and rng.random() < 0.05:
            person.notes = rng.choice(names.MEMBER_NOTES)


class _PhoneBook:
    """Unique numbers in E.164 form: mostly mobiles, else the region's fiction range."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.landlines: dict[str, list[int]] = {}

    def number(self, region: str) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            if rng.random() < 0.15:
                region = rng.choice(tuple(_FICTION_LANDLINES))
            pool = self.landlines.get(region)
            if pool is None:
                pool = self.landlines[region] = list(range(10_000))
                rng.shuffle(pool)
            if pool:
                return f"+33{_FICTION_LANDLINES[region]}{pool.pop():04d}"
        while True:
            phone = f"+33{rng.choice(_MOBILE_BLOCKS)}{rng.randrange(1_000_000):06d}"
            if phone not in self.used:
                self.used.add(phone)
                return phone


MEMBER_FIELDS = (
    "id", "first_name", "last_name", "email", "phone", "company", "profession", "sector",
    "address", "city", "postcode", "status", "role", "sponsor", "joined_on", "left_on",
    "consent_directory", "consent_directory_on", "consent_photos", "consent_photos_on",
    "consent_newsletter", "consent_newsletter_on", "notes", "created_at", "updated_at",
)


def member_rows(people: list[Person], rng: random.Random, today: dt.date) -> Iterator[tuple]:
    """One tuple per member, in the order of :data:`MEMBER_FIELDS`."""
    day = dt.date.fromordinal
    now = today.toordinal()
    for p in people:
        consents: list[object] = []
        for kind, share in enumerate((0.85, 0.65, 0.75)):  # directory, photos, newsletter
            if p.joined is None:  # a prospect may only have asked for the newsletter
                given = kind == 2 and rng.random() < 0.5
                consents += [given, day(p.created) if given else None]
            else:
                given = rng.random() < share
                consents += [given, day(min(p.joined + rng.randint(0, 30), now)) if given
                             else None]
        created = dt.datetime.combine(day(p.created), dt.time(9)) + dt.timedelta(
            minutes=rng.randint(0, 600))
        updated = created + dt.timedelta(days=rng.randint(0, max(0, now - p.created)))
        left_on = day(p.end) if p.status == MemberStatus.FORMER and p.end is not None else None
        yield (
            p.id, p.first_name, p.last_name, p.email, p.phone, p.company, p.profession,
            p.sector, p.address, p.city, p.postcode, p.status, p.role, p.sponsor,
            day(p.joined) if p.joined is not None else None, left_on, *consents, p.notes,
            created, min(updated, dt.datetime.combine(today, dt.time(8))),
        )
