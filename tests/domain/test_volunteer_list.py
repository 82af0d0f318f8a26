"""The volunteer entries list: one query, accent-free search, filters, totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playhouse.test_utils import count_queries

from clubdesk.db import Event, VolunteerEntry
from clubdesk.domain.volunteering.volunteer_list import (
    filter_volunteer_rows,
    totals,
    volunteer_rows,
)


@pytest.fixture
def entries(make_member) -> dict[str, int]:
    helene = make_member(first_name="Hélène", last_name="Lefèvre")
    loic = make_member(first_name="Loïc", last_name="Bréhat")
    assembly = Event.create(title="Assemblée générale", starts_at=dt.datetime(2026, 6, 1, 18))
    ids = {"helene": helene.id, "loic": loic.id, "assembly": assembly.id}
    for key, member, day, hours, category, event, text in (
        ("e1", helene, dt.date(2026, 6, 1), "2.5", "Events", assembly, "Accueil"),
        ("e2", helene, dt.date(2026, 6, 9), "0.25", "Communication", None, "Lettre d'info"),
        ("e3", loic, dt.date(2026, 6, 1), "3", "Events", assembly, "Émargement"),
        ("e4", loic, dt.date(2026, 5, 2), "1.75", "Mentoring", None, "Œnologie"),
    ):
        ids[key] = VolunteerEntry.create(member=member, date=day, hours=Decimal(hours),
                                         category=category, event=event, description=text).id
    return ids


def test_rows_in_one_query_the_most_recent_first(entries) -> None:
    with count_queries() as counter:
        rows = volunteer_rows()
    assert counter.count == 1
    assert [row.id for row in rows] == [entries[key] for key in ("e2", "e3", "e1", "e4")]
    first = rows[2]
    assert (first.date, first.member_id, first.member_name, first.hours, first.category,
            first.event_id, first.event_title, first.description) == (
        dt.date(2026, 6, 1), entries["helene"], "Hélène Lefèvre", Decimal("2.50"), "Events",
        entries["assembly"], "Assemblée générale", "Accueil")
    assert rows[0].event_id is None and rows[0].event_title == ""
    assert first.search_key == "helene lefevre events assemblee generale accueil"


def test_rows_of_a_period_or_of_some_entries(entries) -> None:
    june = volunteer_rows(dt.date(2026, 6, 1), dt.date(2026, 6, 8))
    assert {row.id for row in june} == {entries["e1"], entries["e3"]}
    assert [row.id for row in volunteer_rows(entry_ids=[entries["e4"]])] == [entries["e4"]]


def test_filters_keep_the_order(entries) -> None:
    rows = volunteer_rows()

    def ids(**filters: object) -> list[int]:
        return [row.id for row in filter_volunteer_rows(rows, **filters)]  # type: ignore

    assert ids(text="LOIC emargement") == [entries["e3"]]
    assert ids(text="oenologie") == [entries["e4"]]
    assert ids(text="assemblee") == [entries["e3"], entries["e1"]]
    assert ids(member_id=entries["helene"]) == [entries["e2"], entries["e1"]]
    assert ids(category="Events") == [entries["e3"], entries["e1"]]
    assert ids(event_id=entries["assembly"], member_id=entries["loic"]) == [entries["e3"]]
    assert ids(date_from=dt.date(2026, 6, 1)) == [entries[k] for k in ("e2", "e3", "e1")]
    assert ids(date_to=dt.date(2026, 5, 31)) == [entries["e4"]]
    assert ids(text="zzz") == []
    unfiltered = filter_volunteer_rows(rows)
    assert unfiltered == rows and unfiltered is not rows


def test_totals_of_the_rows_shown(entries) -> None:
    rows = volunteer_rows()
    assert totals(rows) == (4, Decimal("7.50"), 2)
    assert totals(filter_volunteer_rows(rows, category="Events")) == (2, Decimal("5.50"), 2)
    assert totals([]) == (0, Decimal("0.00"), 0)
