"""Finding and replacing the traces of some people in free text, fast, without false hits.

A :class:`TraceFinder` knows the people to look for (their names, e-mail and phone) and the
others whose own names must survive ("Jean Martin-Dupont" when "Jean Martin" is erased).
Each text is read once, in two steps. First a cheap look-up of its folded words and digits
tells whether it may name one of the people (most texts name nobody). Only then are its
words, addresses and numbers found with patterns that are the same for everyone
(:mod:`clubdesk.domain.gdpr.gdpr_patterns`), and looked up in tables of who is written how.
Nothing is compiled per person, so erasing several thousand members at once costs about
as much as erasing one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from clubdesk.db import Guest, Member
from clubdesk.domain.gdpr.gdpr_patterns import (
    COMMA_GAP,
    EMAILS,
    FRENCH_DIGITS,
    FRENCH_PHONES,
    LETTERS,
    NAME_GAP,
    NOT_DIGITS,
    FoldedText,
    fold_text,
    folded_email,
    stored_phone,
    words,
)

Words = tuple[str, ...]
Span = tuple[int, int, int | None]
"""Start and end in the folded text, and whose trace it is (None: a bystander's own)."""


@dataclass(frozen=True)
class Person:
    """Someone whose traces are looked for."""

    id: int
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Bystander:
    """Someone else, whose own name and address must be left as they are.

    A guest has one ``first_name`` holding their whole name; a member both names.
    """

    first_name: str
    last_name: str = ""
    email: str = ""


@dataclass(frozen=True)
class _Form:
    """One way of writing a name: whose it is and what may stand around its words."""

    person: int | None
    comma_after: int = -1  # "DUPONT, Jean": the word after which a comma may stand
    dot_after: bool = False  # "DUPONT J." needs its dot, unlike "DUPONT J'ai…"


class TraceFinder:
    """Where ``people`` are named in a text, and the text with them replaced."""

    def __init__(self, people: Iterable[Person], bystanders: Iterable[Bystander] = ()) -> None:
        self._people = {person.id: person for person in people}
        others = list(bystanders)
        self._forms: dict[Words, list[_Form]] = defaultdict(list)
        self._keys: set[str] = set()  # a word of every name form: the cheap first look
        self._emails: dict[str, int] = {}
        self._kept_emails = {address for other in others
                             if (address := folded_email(other.email))}
        self._phones: dict[str, list[tuple[int | None, int]]] = defaultdict(list)
        self._other_phones: dict[int, tuple[str, re.Pattern[str]]] = {}
        unique = _unique_initials(self._people.values(), others)
        for person in self._people.values():
            self._add(person, person.id in unique)
        self._protect(others)
        self._starts = {form[0] for form in self._forms}
        self._lengths = sorted({len(form) for form in self._forms}, reverse=True)
        self._digit_keys = set(self._phones) | {
            key for key, _pattern in self._other_phones.values()}
        self._digits = sorted({len(key) for key in self._digit_keys})

    def _add(self, person: Person, initials: bool) -> None:
        first, last = words(person.first_name), words(person.last_name)
        if first and last:
            self._keys.add(max(last, key=len))
            self._forms[first + last].append(_Form(person.id))
            self._forms[last + first].append(_Form(person.id, comma_after=len(last) - 1))
            if initials:
                letters = tuple(word[0] for word in first)
                self._forms[letters + last].append(_Form(person.id))
                self._forms[last + letters].append(_Form(person.id, dot_after=True))
        if address := folded_email(person.email):
            self._emails[address] = person.id
        phone = stored_phone(person.phone)
        if phone is not None and phone.pattern:
            self._other_phones[person.id] = (phone.key, re.compile(phone.pattern))
        elif phone is not None:
            self._phones[phone.key].append((phone.country, person.id))

    def _protect(self, others: list[Bystander]) -> None:
        """Keep the bystanders' names that hold one of the people's without being it."""
        own = set(self._forms)
        for other in others:
            first, last = words(other.first_name), words(other.last_name)
            for name in {first + last, last + first}:
                if len(name) > 2 and any(name[start:start + length] in own
                                         for length in range(2, len(name))
                                         for start in range(len(name) - length + 1)):
                    self._forms[name].append(_Form(None))

    def may_name(self, folded: str) -> bool:
        """Whether a folded text may name one of the people: cheap, and never wrong when
        it says no."""
        if self._keys and not self._keys.isdisjoint(LETTERS.findall(folded)):
            return True
        if self._emails and "@" in folded and any(
                address in self._emails for address in EMAILS.findall(folded)):
            return True
        if self._digits:
            digits = NOT_DIGITS.sub("", folded)
            if len(digits) >= self._digits[0]:
                return any(digits[start:start + length] in self._digit_keys
                           for length in self._digits
                           for start in range(len(digits) - length + 1))
        return False

    def people_in(self, text: str) -> set[int]:
        """The people named in ``text``."""
        folded = fold_text(text)
        if not self.may_name(folded):
            return set()
        return {person for _start, _end, person in self._spans(folded) if person is not None}

    def replace(self, text: str, labels: Mapping[int, str]) -> str:
        """``text`` with every trace of a person replaced by ``labels[person id]``."""
        if not self.may_name(fold_text(text)):
            return text
        folded = FoldedText(text)
        result = text
        for start, end, person in reversed(self._spans(folded.folded)):
            if person is not None:
                first, last = folded.original_span(start, end)
                result = result[:first] + labels[person] + result[last:]
        return result

    def _spans(self, folded: str) -> list[Span]:
        """Names, addresses and numbers found: leftmost, then longest, then the people's
        before a bystander's (a homonym cannot be told apart)."""
        found = self._names(folded)
        if "@" in folded:
            for match in EMAILS.finditer(folded):
                address = match.group()
                if address in self._emails:
                    found.append((match.start(), match.end(), self._emails[address]))
                elif address in self._kept_emails:
                    found.append((match.start(), match.end(), None))
        if self._phones:
            for match in FRENCH_PHONES.finditer(folded):
                key = NOT_DIGITS.sub("", match.group())[-FRENCH_DIGITS:]
                country = match["country"]
                found += [(match.start(), match.end(), person)
                          for code, person in self._phones.get(key, ())
                          if country is None or int(country) == code]
        for person, (_key, pattern) in self._other_phones.items():
            found += [(match.start(), match.end(), person) for match in pattern.finditer(folded)]
        found.sort(key=lambda span: (span[0], span[0] - span[1], span[2] is None))
        kept: list[Span] = []
        for span in found:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept

    def _names(self, folded: str) -> list[Span]:
        tokens = list(LETTERS.finditer(folded))
        found: list[Span] = []
        for index, token in enumerate(tokens):
            if token.group() not in self._starts:
                continue
            for length in self._lengths:
                if index + length > len(tokens):
                    continue
                run = tokens[index:index + length]
                form = self._written(folded, run, self._forms.get(
                    tuple(match.group() for match in run), []))
                if form is not None:
                    end = run[-1].end() + form.dot_after  # the initial's dot goes too
                    found.append((token.start(), end, form.person))
                    break
        return found

    @staticmethod
    def _written(folded: str, run: list[re.Match[str]], forms: list[_Form]) -> _Form | None:
        """The first of ``forms`` (the people's first) that ``run`` of words is written as."""
        gaps = [folded[left.end():right.start()] for left, right in pairwise(run)]
        for form in sorted(forms, key=lambda form: form.person is None):
            if all(NAME_GAP.fullmatch(gap)
                   or (position == form.comma_after and COMMA_GAP.fullmatch(gap))
                   for position, gap in enumerate(gaps)) and (
                    not form.dot_after or folded.startswith(".", run[-1].end())):
                return form
        return None


def _unique_initials(people: Iterable[Person], others: list[Bystander]) -> set[int]:
    """The people whom "J. Dupont" can only mean: nobody else, member, guest or person
    erased with them, has the same last name and a first name with that initial."""
    first_names: dict[tuple[Words, str], set[Words]] = defaultdict(set)

    def add(first: Words, last: Words) -> None:
        if first and last:
            first_names[(last, first[0][0])].add(first)

    people = list(people)
    for person in people:
        add(words(person.first_name), words(person.last_name))
    for other in others:
        if other.last_name:
            add(words(other.first_name), words(other.last_name))
            continue
        name = words(other.first_name)  # a guest: either part may be the last name
        for cut in range(1, len(name)):
            add(name[:cut], name[cut:])
            add(name[cut:], name[:cut])
    unique = set()
    for person in people:
        first, last = words(person.first_name), words(person.last_name)
        if first and last and first_names[(last, first[0][0])] == {first}:
            unique.add(person.id)
    return unique


def load_trace_finder(member_ids: Iterable[int]) -> tuple[TraceFinder, list[Person]]:
    """A finder for these members, with every other member and guest as bystanders.

    Two queries, whatever the number of members. Guests recorded as one of these members
    before they joined are the same person, not bystanders.
    """
    ids = set(member_ids)
    people: list[Person] = []
    bystanders: list[Bystander] = []
    members = (Member
               .select(Member.id, Member.first_name, Member.last_name, Member.email,
                       Member.phone)
               .tuples())
    for member_id, first, last, email, phone in members:
        if member_id in ids:
            people.append(Person(member_id, first, last, email, phone))
        else:
            bystanders.append(Bystander(first, last, email))
    guests = Guest.select(Guest.name, Guest.email, Guest.converted_member).tuples()
    bystanders += [Bystander(name, "", email) for name, email, converted in guests
                   if converted not in ids]
    return TraceFinder(people, bystanders), people
