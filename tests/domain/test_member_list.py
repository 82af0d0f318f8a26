"""The members list: rows in one query, accent-insensitive multi-term search, filters."""

from __future__ import annotations

import datetime as dt

import pytest
from playhouse.test_utils import count_queries

from clubdesk.db import Member
from clubdesk.domain.members.member_list import (
    BUREAU_MEMBER_ROLES,
    CURRENT_STATUSES,
    MemberRow,
    filter_rows,
    member_row,
    member_rows,
    search_key,
)
from clubdesk.domain.members.members import MemberNotFoundError


@pytest.fixture
def people(make_member) -> dict[str, Member]:
    return {
        "eloise": make_member(first_name="Éloïse", last_name="Dupont", city="Lyon",
                              company="Boulangerie Éclair", profession="Boulangère",
                              email="eloise@example.fr", phone="+33612345678",
                              joined_on=dt.date(2020, 9, 1)),
        "eloise_paris": make_member(first_name="Eloise", last_name="Martin", city="Paris",
                                    status="lapsed"),
        "oeuvray": make_member(first_name="Jean", last_name="Œuvray", city="Saint-Étienne",
                               role="treasurer", status="prospect"),
        "former": make_member(first_name="Zoë", last_name="Lefèvre", city="Lyon",
                              status="former", role="president"),
    }


def _ids(rows: list[MemberRow]) -> set[int]:
    return {row.id for row in rows}


def test_member_rows_hold_every_member_with_the_listed_fields(people) -> None:
    rows = {row.id: row for row in member_rows()}
    assert set(rows) == {member.id for member in people.values()}  # former ones too
    eloise = rows[people["eloise"].id]
    assert (eloise.first_name, eloise.last_name, eloise.company, eloise.profession,
            eloise.email, eloise.phone, eloise.city, eloise.status, eloise.role,
            eloise.joined_on) == (
        "Éloïse", "Dupont", "Boulangerie Éclair", "Boulangère", "eloise@example.fr",
        "+33612345678", "Lyon", "active", "none", dt.date(2020, 9, 1))
    assert eloise.full_name == "Éloïse Dupont"


def test_search_key_is_folded_and_holds_both_name_orders(people) -> None:
    key = member_row(people["eloise"].id).search_key
    assert key == key.lower()
    assert "eloise dupont" in key and "dupont eloise" in key
    for part in ("boulangerie eclair", "boulangere", "eloise@example.fr", "lyon"):
        assert part in key
    assert "3361234" not in key  # the phone is not searched
    assert search_key("Œ", "Æ", "", "", "", "") == "oe ae ae oe"


def test_member_rows_is_one_query(people, make_member) -> None:
    for number in range(20):
        make_member(last_name=f"Extra{number}")
    with count_queries() as counter:
        rows = member_rows()
    assert len(rows) == 24
    assert counter.count == 1


def test_member_rows_come_ordered_by_name(make_member) -> None:
    make_member(last_name="Martin", first_name="Paul")
    make_member(last_name="Bernard", first_name="Anne")
    make_member(last_name="Martin", first_name="Claire")
    assert [row.full_name for row in member_rows()] == [
        "Anne Bernard", "Claire Martin", "Paul Martin"]


@pytest.mark.parametrize("text", ["eloise", "ELOÏSE", "  éloïse ", "Eloïse"])
def test_search_ignores_accents_and_case(people, text: str) -> None:
    rows = member_rows()
    assert _ids(filter_rows(rows, text)) == {people["eloise"].id, people["eloise_paris"].id}


def test_search_finds_ligatures_and_each_field(people) -> None:
    rows = member_rows()
    assert _ids(filter_rows(rows, "oeuvray")) == {people["oeuvray"].id}
    assert _ids(filter_rows(rows, "saint-etienne")) == {people["oeuvray"].id}
    assert _ids(filter_rows(rows, "eclair")) == {people["eloise"].id}
    assert _ids(filter_rows(rows, "boulangere")) == {people["eloise"].id}
    assert _ids(filter_rows(rows, "@example.fr")) == {people["eloise"].id}
    assert filter_rows(rows, "nowhere") == []


def test_every_term_must_match_in_any_order(people) -> None:
    rows = member_rows()
    assert _ids(filter_rows(rows, "eloise lyon")) == {people["eloise"].id}
    assert _ids(filter_rows(rows, "lyon   éloïse")) == {people["eloise"].id}
    assert _ids(filter_rows(rows, "dupont eloise")) == {people["eloise"].id}
    assert filter_rows(rows, "eloise marseille") == []


def test_filter_by_one_status_or_several(people) -> None:
    rows = member_rows()
    assert _ids(filter_rows(rows, "", status="former")) == {people["former"].id}
    current = filter_rows(rows, "", status=CURRENT_STATUSES)
    assert _ids(current) == {people["eloise"].id, people["eloise_paris"].id,
                             people["oeuvray"].id}
    assert _ids(filter_rows(rows, "lyon", status=CURRENT_STATUSES)) == {people["eloise"].id}
    assert len(filter_rows(rows, "", status=None)) == 4


def test_filter_by_role(people) -> None:
    rows = member_rows()
    assert _ids(filter_rows(rows, "", role="treasurer")) == {people["oeuvray"].id}
    assert _ids(filter_rows(rows, "", role=BUREAU_MEMBER_ROLES)) == {
        people["oeuvray"].id, people["former"].id}
    assert _ids(filter_rows(rows, "", CURRENT_STATUSES, BUREAU_MEMBER_ROLES)) == {
        people["oeuvray"].id}
    assert _ids(filter_rows(rows, "", role="none")) == {
        people["eloise"].id, people["eloise_paris"].id}


def test_filter_keeps_the_order_and_returns_a_new_list(people) -> None:
    rows = member_rows()
    everything = filter_rows(rows, "")
    assert everything == rows and everything is not rows
    some = filter_rows(rows, "l")
    assert some == [row for row in rows if row in some]


def test_member_row_reads_one_member(people) -> None:
    Member.update(city="Grenoble").where(Member.id == people["eloise"].id).execute()
    row = member_row(people["eloise"].id)
    assert row.city == "Grenoble" and "grenoble" in row.search_key
    with pytest.raises(MemberNotFoundError):
        member_row(999_999)


def test_filter_by_dues_status(people) -> None:
    rows = member_rows()
    dues = {people["eloise"].id: "paid", people["eloise_paris"].id: "unpaid",
            people["former"].id: "partly_paid"}  # the prospect is not expected to pay
    assert _ids(filter_rows(rows, "", dues="paid", dues_status=dues)) == {
        people["eloise"].id}
    assert _ids(filter_rows(rows, "", dues={"unpaid", "partly_paid"}, dues_status=dues)) == {
        people["eloise_paris"].id, people["former"].id}
    assert _ids(filter_rows(rows, "lyon", dues={"unpaid", "partly_paid"},
                            dues_status=dues)) == {people["former"].id}
    # The statuses not read yet: a dues filter keeps nobody, no filter keeps everyone.
    assert filter_rows(rows, "", dues="paid") == []
    assert len(filter_rows(rows, "", dues=None, dues_status=None)) == 4
