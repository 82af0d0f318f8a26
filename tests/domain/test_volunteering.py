"""Logging volunteer hours: every rule, every refusal, and the batch's all-or-nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clubdesk import i18n
from clubdesk.db import Event, VolunteerEntry
from clubdesk.domain.volunteering.volunteer_categories import (
    add_category,
    archive_category,
    category_rows,
)
from clubdesk.domain.volunteering.volunteering import (
    VolunteerEntryNotFoundError,
    VolunteerInput,
    VolunteerValidationError,
    create_entries_for_members,
    create_entry,
    delete_entries,
    delete_entry,
    entry_input,
    update_entry,
    validate_batch,
    validate_entry,
)

TODAY = dt.date.today()
DAY = TODAY - dt.timedelta(days=3)
DAY_TEXT = DAY.strftime("%d/%m/%Y")


@pytest.fixture
def jeanne(make_member):
    return make_member(first_name="Jeanne", last_name="Martin")


def entry(member_id: int | None, hours: str = "1", **fields: object) -> VolunteerInput:
    values: dict[str, object] = {"date": DAY, "category": "Communication"}
    values.update(fields)
    return VolunteerInput(member_id=member_id, hours=Decimal(hours), **values)  # type: ignore


def errors(data: VolunteerInput, entry_id: int | None = None) -> dict[str, str]:
    return validate_entry(data, entry_id).errors


def test_an_entry_is_stored_cleaned_and_read_back(jeanne) -> None:
    event = Event.create(title="Réunion", starts_at=dt.datetime.combine(DAY, dt.time(7)))
    entry_id = create_entry(entry(jeanne.id, "1.25", event_id=event.id, category=" Events ",
                                 description="  Accueil des invités \n"))
    assert entry_input(entry_id) == VolunteerInput(
        member_id=jeanne.id, date=DAY, hours=Decimal("1.25"), category="Events",
        event_id=event.id, description="Accueil des invités")


@pytest.mark.parametrize(("hours", "message"), [
    ("0", "Enter the time given: more than 0 hours."),
    ("-1", "Enter the time given: more than 0 hours."),
    ("1.1", "Hours are counted in quarter hours: 1.00 or 1.25 rather than 1.10."),
    ("0.2", "Hours are counted in quarter hours: 0.00 or 0.25 rather than 0.20."),
    ("2.6", "Hours are counted in quarter hours: 2.50 or 2.75 rather than 2.60."),
    ("24.25", "At most 24 hours in one day."),
    ("25", "At most 24 hours in one day."),
])
def test_hours_are_positive_quarter_hours_within_a_day(jeanne, hours: str,
                                                       message: str) -> None:
    assert errors(entry(jeanne.id, hours)) == {"hours": message}
    assert VolunteerEntry.select().count() == 0


@pytest.mark.parametrize("hours", ["0.25", "0.5", "0.75", "1", "7.75", "24"])
def test_quarter_hours_up_to_24_are_accepted(jeanne, hours: str) -> None:
    assert errors(entry(jeanne.id, hours)) == {}


def test_the_quarter_hour_message_writes_decimals_the_french_way(jeanne) -> None:
    i18n.set_language("fr")
    assert errors(entry(jeanne.id, "1.1"))["hours"] == (
        "Les heures se comptent par quarts d'heure\u00a0: 1,00 ou 1,25 plutôt que 1,10.")


def test_24_hours_a_day_count_the_member_s_other_entries_that_day(jeanne, make_member) -> None:
    other = make_member()
    create_entry(entry(jeanne.id, "10"))
    create_entry(entry(jeanne.id, "6", category="Events"))
    create_entry(entry(other.id, "20"))  # someone else's day
    create_entry(entry(jeanne.id, "20", date=DAY - dt.timedelta(days=1)))  # another day
    assert errors(entry(jeanne.id, "8.25")) == {"hours": (
        f"At most 24 hours in one day: Jeanne Martin already has 16.00 h on {DAY_TEXT}, "
        "so 8.00 h more at most.")}
    assert errors(entry(jeanne.id, "8")) == {}
    create_entry(entry(jeanne.id, "8"))
    assert errors(entry(jeanne.id, "0.25")) == {
        "hours": f"Jeanne Martin already has 24 hours logged on {DAY_TEXT}."}


def test_editing_an_entry_does_not_count_its_own_hours_twice(jeanne) -> None:
    entry_id = create_entry(entry(jeanne.id, "10"))
    create_entry(entry(jeanne.id, "6"))
    assert errors(entry(jeanne.id, "18"), entry_id) == {}
    assert "already has 6.00 h" in errors(entry(jeanne.id, "18.25"), entry_id)["hours"]
    update_entry(entry_id, entry(jeanne.id, "18"))
    with pytest.raises(VolunteerValidationError) as refused:
        update_entry(entry_id, entry(jeanne.id, "18.25"))
    assert "at most" in refused.value.result.errors["hours"]
    assert entry_input(entry_id).hours == Decimal("18.00")


def test_the_date_may_be_today_but_not_later(jeanne) -> None:
    assert errors(entry(jeanne.id, date=TODAY)) == {}
    assert errors(entry(jeanne.id, date=TODAY + dt.timedelta(days=1))) == {
        "date": "The date is in the future: log hours once they are given."}


def test_the_category_comes_from_the_list(jeanne) -> None:
    assert errors(entry(jeanne.id, category="")) == {"category": "Choose a category."}
    assert errors(entry(jeanne.id, category="Gardening")) == {
        "category": "“Gardening” is not in the list of categories."}
    communication = next(c for c in category_rows() if c.name == "Communication")
    archive_category(communication.id)
    assert errors(entry(jeanne.id)) == {
        "category": "The category “Communication” is archived: choose another one."}


def test_an_entry_keeps_its_archived_or_unlisted_category_when_edited(jeanne) -> None:
    entry_id = create_entry(entry(jeanne.id))
    legacy = VolunteerEntry.create(member=jeanne, date=DAY, hours=Decimal("1"),
                                   category="Old category")
    archive_category(next(c for c in category_rows() if c.name == "Communication").id)
    update_entry(entry_id, entry(jeanne.id, "2"))
    update_entry(legacy.id, entry(jeanne.id, "3", category="Old category"))
    assert entry_input(legacy.id).hours == Decimal("3.00")
    # ...but another entry cannot take them.
    assert "category" in errors(entry(jeanne.id, category="Old category"), entry_id)


def test_the_member_and_the_event_must_exist(jeanne) -> None:
    assert errors(entry(None)) == {"member_id": "Choose the member who gave the time."}
    assert errors(entry(jeanne.id + 100)) == {"member_id": "This member no longer exists."}
    assert errors(entry(jeanne.id, event_id=999)) == {
        "event_id": "This event no longer exists."}


def test_a_refused_entry_is_not_written(jeanne) -> None:
    with pytest.raises(VolunteerValidationError) as refused:
        create_entry(entry(jeanne.id, "0", category=""))
    assert set(refused.value.result.errors) == {"hours", "category"}
    assert VolunteerEntry.select().count() == 0


def test_entries_deleted_meanwhile_are_reported(jeanne) -> None:
    with pytest.raises(VolunteerEntryNotFoundError):
        entry_input(42)
    with pytest.raises(VolunteerEntryNotFoundError):
        update_entry(42, entry(jeanne.id))
    with pytest.raises(VolunteerEntryNotFoundError):
        delete_entry(42)


def test_several_entries_are_deleted_together(jeanne) -> None:
    ids = [create_entry(entry(jeanne.id, date=DAY - dt.timedelta(days=n))) for n in range(4)]
    assert delete_entries([ids[0], ids[2], ids[2], 999]) == 2
    assert [row.id for row in VolunteerEntry.select().order_by(VolunteerEntry.id)] == [
        ids[1], ids[3]]
    delete_entry(ids[1])
    assert VolunteerEntry.select().count() == 1


def test_hours_for_several_members_in_one_go(jeanne, make_member) -> None:
    paul, zoe = make_member(first_name="Paul"), make_member(first_name="Zoë")
    event = Event.create(title="Salon", starts_at=dt.datetime.combine(DAY, dt.time(9)))
    ids = create_entries_for_members([zoe.id, jeanne.id, paul.id, zoe.id], DAY,
                                     Decimal("3.5"), "Events", event.id, "Stand")
    assert len(ids) == 3
    stored = [(row.member_id, row.hours, row.category, row.event_id, row.description)
              for row in VolunteerEntry.select().order_by(VolunteerEntry.id)]
    assert stored == [(member, Decimal("3.50"), "Events", event.id, "Stand")
                      for member in (zoe.id, jeanne.id, paul.id)]
    assert [VolunteerEntry.get_by_id(entry_id).member_id for entry_id in ids] == [
        zoe.id, jeanne.id, paul.id]


def test_a_batch_is_refused_whole_when_one_member_would_pass_24_hours(
    jeanne, make_member
) -> None:
    paul = make_member(first_name="Paul", last_name="Durand")
    zoe = make_member(first_name="Zoë", last_name="Abel")
    create_entry(entry(paul.id, "20"))
    create_entry(entry(zoe.id, "22.5"))
    create_entry(entry(jeanne.id, "19", date=DAY - dt.timedelta(days=1)))
    before = VolunteerEntry.select().count()
    with pytest.raises(VolunteerValidationError) as refused:
        create_entries_for_members([jeanne.id, paul.id, zoe.id], DAY, Decimal("4.25"),
                                   "Events")
    result = refused.value.result
    assert [(item.name, item.already) for item in result.over_limit] == [
        ("Paul Durand", Decimal("20.00")), ("Zoë Abel", Decimal("22.50"))]
    assert result.errors == {"members": (
        f"At most 24 hours in one day: on {DAY_TEXT} these members would go over it: "
        "Paul Durand (20.00 h already), Zoë Abel (22.50 h already).")}
    assert VolunteerEntry.select().count() == before  # nobody's hours, not even Jeanne's
    assert create_entries_for_members([jeanne.id, paul.id], DAY, Decimal("4"), "Events")


def test_one_member_over_24_hours_is_named_in_the_singular(jeanne, make_member) -> None:
    paul = make_member(first_name="Paul", last_name="Durand")
    create_entry(entry(paul.id, "20"))
    data = VolunteerInput(date=DAY, hours=Decimal("5"), category="Events")
    assert validate_batch([jeanne.id, paul.id], data).errors == {"members": (
        f"At most 24 hours in one day: on {DAY_TEXT} this member would go over it: "
        "Paul Durand (20.00 h already).")}
    i18n.set_language("fr")
    assert validate_batch([jeanne.id, paul.id], data).errors == {"members": (
        f"24 heures au plus dans une journée\u00a0: le {DAY_TEXT}, ce membre les dépasserait"
        "\u00a0: Paul Durand (20,00 h déjà).")}


def test_a_batch_checks_the_common_fields_and_the_members(jeanne) -> None:
    data = VolunteerInput(date=DAY, hours=Decimal("1"), category="Events")
    assert validate_batch([], data).errors == {"members": "Tick at least one member."}
    assert validate_batch([jeanne.id, 999], data).errors == {
        "members": "Some of the members no longer exist: reopen the list."}
    bad = VolunteerInput(date=TODAY + dt.timedelta(days=2), hours=Decimal("1.1"),
                         category="", event_id=999)
    assert set(validate_batch([jeanne.id], bad).errors) == {"date", "hours", "category",
                                                            "event_id"}
    with pytest.raises(VolunteerValidationError):
        create_entries_for_members([jeanne.id], DAY, Decimal("0"), "Events")
    assert VolunteerEntry.select().count() == 0


def test_a_new_category_can_be_used_at_once(jeanne) -> None:
    add_category("Gardening")
    assert errors(entry(jeanne.id, category="Gardening")) == {}
