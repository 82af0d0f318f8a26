"""The bureau's history: who held each role over the demo's years, and who holds it now."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from clubdesk.demo.people import Chapter, Person
from clubdesk.domain.common.codes import BureauRole, MemberStatus

MANDATE_FIELDS = ("member", "role", "title", "starts_on", "ends_on")


def _renewal(year: int) -> dt.date:
    """The general assembly that elects the bureau, mid-March."""
    return dt.date(year, 3, 15)


def _title(person: Person) -> str:
    """An "other" role is named in the holder's notes ("Responsable communication.")."""
    if person.role != BureauRole.OTHER:
        return ""
    return person.notes.rstrip(".") or "Membre du bureau"


def mandate_rows(chapters: list[Chapter], rng: random.Random,
                 today: dt.date) -> Iterator[tuple]:
    """Each current holder since a recent assembly, and before them one or two holders of
    the same role, members then (some have left since): leadership changes hands."""
    now = today.toordinal()
    for chapter in chapters:
        holders = [p for p in chapter.members if p.role != BureauRole.NONE]
        for person in holders:
            title = _title(person)
            start = _renewal(today.year - rng.randint(0, 3))
            if start.toordinal() > now:
                start = _renewal(today.year - 1)
            joined = dt.date.fromordinal(person.joined or now)
            start = max(start, joined)
            yield (person.id, person.role, title, start, None)
            # Their predecessors, back to the founding of the chapter at most.
            candidates = [p for p in chapter.members
                          if p is not person and p.joined is not None
                          and p.status in (MemberStatus.ACTIVE, MemberStatus.FORMER)
                          and p.role == BureauRole.NONE]
            end = start - dt.timedelta(days=1)
            for _term in range(rng.randint(1, 2)):
                begin = _renewal(end.year - rng.choice((2, 3)))
                eligible = [p for p in candidates if p.joined <= begin.toordinal()
                            and (p.end is None or p.end > end.toordinal())]
                if not eligible or begin.toordinal() < chapter.founded:
                    break
                predecessor = rng.choice(eligible)
                candidates.remove(predecessor)
                yield (predecessor.id, person.role, title, begin, end)
                end = begin - dt.timedelta(days=1)
