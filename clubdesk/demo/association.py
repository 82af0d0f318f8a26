"""Deterministic, realistic demonstration data: one local network, or a whole federation.

The same seed and the same ``today`` give the same database, row for row: every draw comes
from ``random.Random`` objects seeded here (one per part, so that changing how fees are
drawn does not reshuffle the attendance), dates are counted from ``today``, and every
identifier is assigned explicitly.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from clubdesk.db import (
    AssociationSettings,
    Attendance,
    BaseModel,
    Event,
    EventSeries,
    FeeRate,
    Guest,
    Mandate,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
    database,
)
from clubdesk.demo import activity as activity
from clubdesk.demo import events as calendar
from clubdesk.demo import people as members
from clubdesk.demo.bureau import MANDATE_FIELDS, mandate_rows
from clubdesk.domain.common.codes import ReferralStatus
from clubdesk.domain.common.dates import years_before
from clubdesk.domain.common.fiscal_years import fiscal_year_of
from clubdesk.domain.common.stats import row_counts
from clubdesk.i18n import _

PROGRESS_TOTAL = 100
_EVENTS_PER_BATCH = 50


class DemoError(Exception):
    """The demo was not written; ``str(error)`` is a message for the user."""


@dataclass(frozen=True, slots=True)
class DemoSize:
    """How much to generate, and the association's own details."""

    members: int
    chapters: int
    weekly: bool  # weekly meetings, else monthly
    referral_rate: float  # referrals per active member and month
    volunteer_rate: float  # chance that a volunteering member logs hours in a month
    guests: tuple[int, ...]  # guests at one meeting, drawn uniformly
    statuses: tuple[int, int, int, int]  # weights of active, prospect, lapsed, former
    association: str
    address: str
    hourly_rate: Decimal
    fiscal_year_start_month: int


SIZES = {
    "small": DemoSize(
        150, 1, True, 0.25, 0.5, (0, 0, 1, 1, 1, 2, 2, 3), (68, 7, 8, 17),
        "Réseau Entreprendre & Partager — Lyon Presqu'île",
        "Maison des Associations\n28 rue Denfert-Rochereau\n69004 Lyon",
        Decimal("15.00"), 1,
    ),
    # Chapters meet monthly: about 1,500 events of about 200 members each. Ten years of
    # history leave many former members on file.
    "federation": DemoSize(
        20_000, 40, False, 0.12, 0.6, (0, 1, 1, 2, 2, 3, 4), (36, 8, 5, 51),
        "Fédération Entreprendre & Partager — Réseaux d'affaires de France",
        "Maison des Entreprises\n14 avenue des Frères-Lumière\n69008 Lyon",
        Decimal("15.00"), 9,
    ),
}


def build_demo(
    size: str,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Fill the open, empty database; return :func:`~clubdesk.domain.common.stats.row_counts`.

    ``size`` is ``"small"`` (about 150 members) or ``"federation"`` (20,000). Everything is
    written in one transaction: on any error, nothing is. ``progress(done, total)`` is
    called now and then.
    """
    plan = SIZES.get(size)
    if plan is None:
        raise DemoError(
            _("Unknown demo size “{size}”: choose small or federation.").format(size=size))
    today = today or dt.date.today()
    report = progress or _ignore
    report(0, PROGRESS_TOTAL)
    with database.atomic():
        _refuse_unless_empty()
        _fill(plan, seed, today, report)
    report(PROGRESS_TOTAL, PROGRESS_TOTAL)
    return row_counts()


def _ignore(done: int, total: int) -> None:
    pass


def _refuse_unless_empty() -> None:
    if any(row_counts().values()) or EventSeries.select().exists():
        raise DemoError(
            _("{path} already holds data: demonstration data can only be written to an "
              "empty database. Choose a new file.").format(path=database.database))


def _fill(plan: DemoSize, seed: int, today: dt.date,
          report: Callable[[int, int], None]) -> None:
    def rng(part: str) -> random.Random:
        return random.Random(f"{seed}:{part}")

    def step(done: int) -> None:
        report(done, PROGRESS_TOTAL)

    chapters = members.make_chapters(plan.chapters, rng("chapters"), today)
    people = members.make_people(chapters, plan.members, plan.statuses, rng("people"), today)
    _insert(Member, members.MEMBER_FIELDS, members.member_rows(people, rng("members"), today))
    step(10)
    series, events = calendar.make_calendar(chapters, plan.weekly, rng("calendar"), today)
    _insert(EventSeries, calendar.SERIES_FIELDS, series)
    _insert(Event, calendar.EVENT_FIELDS, (event.row() for event in events))
    step(15)
    turnout = calendar.Turnout(chapters, people, rng("attendance"), plan.guests)
    past = [event for event in events if event.day < today.toordinal()]
    guests: list[tuple] = []
    for start in range(0, len(past), _EVENTS_PER_BATCH):
        rows: list[tuple] = []
        for event in past[start:start + _EVENTS_PER_BATCH]:
            event_rows, event_guests = turnout.rows(event)
            rows += event_rows
            guests += event_guests
        _insert(Attendance, calendar.ATTENDANCE_FIELDS, rows)
        step(15 + 55 * min(len(past), start + _EVENTS_PER_BATCH) // len(past))
    guests += calendar.converted_guests(people, events, rng("converted"), today)
    _insert(Guest, calendar.GUEST_FIELDS, guests)
    step(75)
    table = activity.month_table(chapters, events, today)
    _insert(VolunteerEntry, activity.VOLUNTEER_FIELDS,
            activity.volunteer_rows(table, rng("volunteering"), plan.volunteer_rate))
    _keep_demo_categories()
    step(85)
    _insert(Referral, activity.REFERRAL_FIELDS,
            activity.referral_rows(table, rng("referrals"), plan.referral_rate, today))
    _referral_history(today)
    step(93)
    first_year = years_before(today, 3).year
    _insert(FeeRate, activity.FEE_RATE_FIELDS, activity.fee_schedule_rows(
        first_year, fiscal_year_of(today, plan.fiscal_year_start_month), today))
    fees = activity.fee_rows(people, rng("fees"), today, plan.fiscal_year_start_month)
    _insert(MembershipFee, activity.FEE_FIELDS, fees)
    _insert(Mandate, MANDATE_FIELDS, mandate_rows(chapters, rng("mandates"), today))
    step(98)
    AssociationSettings.insert(id=1).on_conflict_ignore().execute()
    (AssociationSettings
     .update(name=plan.association, address=plan.address,
             volunteer_hourly_rate=plan.hourly_rate,
             fiscal_year_start_month=plan.fiscal_year_start_month,
             next_receipt=len(fees) + 1)
     .where(AssociationSettings.id == 1)
     .execute())


def _keep_demo_categories() -> None:
    """The demo's own categories replace the defaults a new file starts with."""
    database.execute_sql("DELETE FROM volunteer_category")
    database.execute_sql(
        "INSERT INTO volunteer_category (name, position, archived) "
        "SELECT category, ROW_NUMBER() OVER (ORDER BY category) - 1, 0 "
        "FROM (SELECT DISTINCT category FROM volunteer_entry WHERE category <> '')")


# Days after the referral when each later step happened, varied by the referral's id;
# a step never comes after the closing date, nor after today.
_CLOSED = (ReferralStatus.WON, ReferralStatus.LOST)
_HISTORY_STEPS = (
    (ReferralStatus.CONTACTED, (ReferralStatus.CONTACTED, ReferralStatus.IN_PROGRESS, *_CLOSED),
     "2 + id % 6"),
    (ReferralStatus.IN_PROGRESS, (ReferralStatus.IN_PROGRESS, *_CLOSED), "9 + id % 11"),
)


def _sql_list(codes: Iterable[ReferralStatus]) -> str:
    """``('won', 'lost')``: our own codes written into a statement (never user input)."""
    return "(" + ", ".join(f"'{code.value}'" for code in codes) + ")"


def _referral_history(today: dt.date) -> None:
    """Each referral's steps: given on its date, then contacted, in progress, closed."""
    insert = ("INSERT INTO referral_status_change (referral_id, status, changed_on, "
              "created_at) ")
    database.execute_sql(insert + f"SELECT id, '{ReferralStatus.NEW.value}', date, "
                         "date || ' 12:00:00' FROM referral")
    for status, reached, days in _HISTORY_STEPS:
        database.execute_sql(
            insert + f"SELECT id, '{status.value}', step, step || ' 12:00:00' FROM ("
            f"SELECT id, MIN(date(date, '+' || ({days}) || ' days'), "
            f"COALESCE(closed_on, ?), ?) AS step FROM referral "
            f"WHERE status IN {_sql_list(reached)})",
            (today.isoformat(), today.isoformat()))
    database.execute_sql(
        insert + "SELECT id, status, closed_on, closed_on || ' 12:00:00' FROM referral "
        f"WHERE status IN {_sql_list(_CLOSED)} AND closed_on IS NOT NULL")


def _insert(model: type[BaseModel], fields: Sequence[str],
            rows: Iterable[Sequence[object]]) -> None:
    """Insert plain tuples through one prepared statement.

    ``executemany`` compiles the statement once, where ``insert_many`` builds and parses
    the SQL text again for every chunk: 300,000 attendance rows took 1.9 s against 6 s
    here. The values are those peewee itself would bind (dates, datetimes and Decimals go
    through the adapters peewee registers), so the rows read back as if peewee wrote them.
    """
    columns = ", ".join(f'"{model._meta.fields[name].column_name}"' for name in fields)
    marks = ", ".join("?" for _ in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    database.cursor().executemany(sql, rows)
