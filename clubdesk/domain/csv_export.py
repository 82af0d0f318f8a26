"""Lists written as CSV that French Excel opens as it should.

UTF-8 with a byte-order mark (so Excel does not read it as Windows-1252), ``;`` between
fields (the French list separator), dates as dd/mm/yyyy, decimals with the language's
separator. No cell can start a formula: a text beginning with ``= + - @``, a tab or a
carriage return is prefixed with an apostrophe, as OWASP advises for CSV injection.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from peewee import JOIN

from clubdesk.db import Event, Member, Referral, VolunteerEntry
from clubdesk.domain.files import atomic_output
from clubdesk.domain.labels import referral_status_label
from clubdesk.domain.settings import load_settings
from clubdesk.i18n import _, current_language

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | Decimal | dt.date | None


def neutralise(text: str) -> str:
    """``text`` made safe to open in a spreadsheet."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def format_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        text = f"{value:.2f}"
        return text.replace(".", ",") if current_language() == "fr" else text
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def write_csv(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write a whole file or nothing; returns the number of rows written."""
    count = 0
    with atomic_output(path) as partial:
        with partial.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL,
                                lineterminator="\r\n")
            writer.writerow([neutralise(title) for title in header])
            for row in rows:
                writer.writerow([format_cell(value) for value in row])
                count += 1
    return count


def _period(query, column, date_from: dt.date | None, date_to: dt.date | None):
    if date_from:
        query = query.where(column >= date_from)
    if date_to:
        query = query.where(column <= date_to)
    return query


def export_volunteering(path: str | Path, date_from: dt.date | None = None,
                        date_to: dt.date | None = None) -> int:
    """Every volunteer entry of the period, valued at the association's hourly rate."""
    rate = load_settings().volunteer_hourly_rate
    query = _period(
        VolunteerEntry.select(VolunteerEntry.date, Member.last_name, Member.first_name,
                              VolunteerEntry.hours, VolunteerEntry.category, Event.title,
                              VolunteerEntry.description)
        .join(Member, on=(VolunteerEntry.member == Member.id))
        .join(Event, JOIN.LEFT_OUTER, on=(VolunteerEntry.event == Event.id), src=VolunteerEntry)
        .order_by(VolunteerEntry.date, Member.last_name, Member.first_name),
        VolunteerEntry.date, date_from, date_to,
    ).tuples()
    header = [_("Date"), _("Last name"), _("First name"), _("Hours"), _("Value (€)"),
              _("Category"), _("Event"), _("Description")]

    def rows():
        for day, last, first, hours, category, event, description in query:
            hours = Decimal(str(hours))
            yield (_as_date(day), last, first, hours, hours * rate, category, event,
                   description)

    return write_csv(path, header, rows())


def export_referrals(path: str | Path, date_from: dt.date | None = None,
                     date_to: dt.date | None = None) -> int:
    """Every referral of the period with its status and closed business."""
    giver = Member.alias("giver")
    receiver = Member.alias("receiver")
    query = _period(
        Referral.select(Referral.date, giver.last_name, giver.first_name, receiver.last_name,
                        receiver.first_name, Referral.external_recipient, Referral.contact,
                        Referral.description, Referral.status, Referral.amount,
                        Referral.closed_on)
        .join(giver, on=(Referral.giver == giver.id))
        .join(receiver, JOIN.LEFT_OUTER, on=(Referral.receiver == receiver.id), src=Referral)
        .order_by(Referral.date, Referral.id),
        Referral.date, date_from, date_to,
    ).tuples()
    header = [_("Date"), _("Given by"), _("Received by"), _("Outside the network"),
              _("Contact"), _("Description"), _("Status"), _("Business (€)"), _("Closed on")]

    def rows():
        for (day, g_last, g_first, r_last, r_first, external, contact, description, status,
             amount, closed_on) in query:
            received = f"{r_first} {r_last}" if r_last else external
            yield (_as_date(day), f"{g_first} {g_last}", received,
                   _("yes") if external and not r_last else _("no"), contact, description,
                   referral_status_label(status),
                   None if amount is None else Decimal(str(amount)),
                   _as_date(closed_on) if closed_on else None)

    return write_csv(path, header, rows())


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
