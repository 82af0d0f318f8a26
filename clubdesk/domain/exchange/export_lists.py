"""The lists that can be exported, each read with one SQL query (joins, no N+1).

A list is a translated header and rows of typed values (``str``, ``int``, ``Decimal``,
``datetime.date``, ``datetime.datetime`` or ``None``); the writers of
:mod:`clubdesk.domain.exchange.csv_export` and :mod:`clubdesk.domain.exchange.xlsx_export`
turn them into cells. The optional period applies to the list's own date (see :data:`PERIOD_OF`).

The optional selection (the ids of the lines a tab shows, see :data:`SELECTION_OF`) keeps
only the rows of those ids, grouped in the order of the ids. The ids go to a temporary
table of the connection that the list's query joins: a tab may show 20,000 members, far more
than SQLite's limit on a statement's parameters, and the query still streams its rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN, fn

from clubdesk.db import (
    Attendance,
    Event,
    Guest,
    Member,
    MembershipFee,
    Referral,
    VolunteerEntry,
)
from clubdesk.domain.common.codes import AttendanceStatus
from clubdesk.domain.common.labels import (
    attendance_status_label,
    bureau_role_label,
    event_kind_label,
    member_status_label,
    payment_method_label,
    referral_status_label,
)
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.exchange.export_selection import (
    Progress,
    Selection,
    reporting,
    restricted,
)
from clubdesk.domain.gdpr.audit import record
from clubdesk.i18n import _

Value = str | int | Decimal | dt.date | None
Row = Sequence[Value]

KINDS = ("members", "events", "attendance", "guests", "volunteering", "referrals", "fees")
# What the period filters, for each list (documentation and the CLI's help).
PERIOD_OF = {
    "members": "joined_on",
    "events": "starts_at",
    "attendance": "event.starts_at",
    "guests": "event.starts_at",
    "volunteering": "date",
    "referrals": "date",
    "fees": "paid_on, else period_start when unpaid",
}
# What the ids of a selection are, for each list.
SELECTION_OF = {
    "members": "member",
    "events": "event",
    "attendance": "event",
    "guests": "event",
    "volunteering": "volunteer entry",
    "referrals": "referral",
    "fees": "member",
}
# The lists with one row per id of the selection (when the period keeps it).
ROW_PER_ID = frozenset({"members", "events", "volunteering", "referrals"})
# Attendance statuses that count as "there" in the events list.
PRESENT_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE,
                    AttendanceStatus.SUBSTITUTE)


@dataclass(frozen=True)
class ExportList:
    """One list ready to write: ``rows`` is a one-shot iterator; ``expected`` is its number
    of rows when known beforehand (a selection of members, say), else 0."""

    kind: str
    title: str
    header: list[str]
    rows: Iterator[Row]
    expected: int = 0


class UnknownListError(ValueError):
    """The kind of list is not one of :data:`KINDS`."""


def build_list(kind: str, date_from: dt.date | None = None,
               date_to: dt.date | None = None, ids: Iterable[int] | None = None,
               progress: Progress | None = None) -> ExportList:
    """The header and rows of the list ``kind`` for the period (bounds included).

    ``ids`` (see :data:`SELECTION_OF`): only the rows of these ids, in their order (the
    rows of one id in the list's usual order); None: every row of the period. ``progress``
    is called as the rows are read, and stops them with :class:`ExportCancelled`.
    """
    try:
        builder = _BUILDERS[kind]
    except KeyError:
        raise UnknownListError(_("Unknown list “{kind}”: choose one of {kinds}.").format(
            kind=kind, kinds=", ".join(KINDS))) from None
    selection = None if ids is None else Selection(ids)
    title, header, rows = builder(date_from, date_to, selection)
    expected = 0
    if selection is not None:
        rows = selection.around(rows)
        if kind in ROW_PER_ID and date_from is None and date_to is None:
            expected = len(selection.ids)
    if progress is not None:
        rows = reporting(rows, progress, expected)
    return ExportList(kind, title, header, rows, expected)


def record_export(kind: str, file_format: str, rows: int) -> None:
    """Leave the export in the audit trail (one small transaction)."""
    record("export", f"{kind} {file_format}", rows)


# -- helpers ---------------------------------------------------------------------------------

def _period(query, column, date_from: dt.date | None, date_to: dt.date | None):
    if date_from:
        query = query.where(column >= date_from)
    if date_to:
        query = query.where(column <= date_to)
    return query


def _moment_period(query, column, date_from: dt.date | None, date_to: dt.date | None):
    """The period on a date-and-time column: whole days, both ends included."""
    if date_from:
        query = query.where(column >= dt.datetime.combine(date_from, dt.time.min))
    if date_to:
        query = query.where(column < dt.datetime.combine(date_to + dt.timedelta(days=1),
                                                         dt.time.min))
    return query


def _as_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _as_moment(value: object) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _money(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


def _yes_no(value: object) -> str:
    return _("yes") if value else _("no")


Built = tuple[str, list[str], Iterator[Row]]


# -- the lists -------------------------------------------------------------------------------

def _members(date_from: dt.date | None, date_to: dt.date | None,
             selection: Selection | None) -> Built:
    sponsor = Member.alias("sponsor")
    query = _period(
        Member.select(Member.last_name, Member.first_name, Member.email, Member.phone,
                      Member.company, Member.profession, Member.sector, Member.address,
                      Member.postcode, Member.city, Member.status, Member.role,
                      sponsor.first_name, sponsor.last_name, Member.joined_on, Member.left_on,
                      Member.consent_directory, Member.consent_photos,
                      Member.consent_newsletter)
        .join(sponsor, JOIN.LEFT_OUTER, on=(Member.sponsor == sponsor.id)),
        Member.joined_on, date_from, date_to,
    )
    query = restricted(query, Member.id, selection, Member.last_name, Member.first_name,
                        Member.id).tuples()
    header = [_("Last name"), _("First name"), _("Email"), _("Phone"), _("Company"),
              _("Profession"), _("Sector"), _("Address"), _("Postcode"), _("City"),
              _("Status"), _("Role"), _("Sponsor"), _("Joined on"), _("Left on"),
              _("Directory consent"), _("Photo consent"), _("Newsletter consent")]

    def rows() -> Iterator[Row]:
        for (last, first, email, phone, company, profession, sector, address, postcode, city,
             status, role, s_first, s_last, joined, left, directory, photos,
             newsletter) in query.iterator():
            yield (last, first, email, phone, company, profession, sector, address, postcode,
                   city, member_status_label(status), bureau_role_label(role),
                   _name(s_first, s_last) or None, _as_date(joined), _as_date(left),
                   _yes_no(directory), _yes_no(photos), _yes_no(newsletter))

    return _("Members"), header, rows()


def _events(date_from: dt.date | None, date_to: dt.date | None,
            selection: Selection | None) -> Built:
    present = (Attendance
               .select(Attendance.event_id.alias("event_id"),
                       fn.COUNT(Attendance.id).alias("n"))
               .where(Attendance.status.in_(PRESENT_STATUSES))
               .group_by(Attendance.event_id).alias("present"))
    guests = (Guest.select(Guest.event_id.alias("event_id"), fn.COUNT(Guest.id).alias("n"))
              .group_by(Guest.event_id).alias("guests"))
    query = _moment_period(
        Event.select(Event.starts_at, Event.ends_at, Event.title, Event.kind, Event.location,
                     fn.COALESCE(present.c.n, 0), fn.COALESCE(guests.c.n, 0),
                     Event.description)
        .join(present, JOIN.LEFT_OUTER, on=(present.c.event_id == Event.id))
        .join(guests, JOIN.LEFT_OUTER, on=(guests.c.event_id == Event.id), src=Event),
        Event.starts_at, date_from, date_to,
    )
    query = restricted(query, Event.id, selection, Event.starts_at, Event.id).tuples()
    header = [_("Date"), _("Start time"), _("End time"), _("Title"), _("Kind"), _("Location"),
              _("Members present"), _("Guests"), _("Description")]

    def rows() -> Iterator[Row]:
        for (starts, ends, title, kind, location, n_present, n_guests, description
             ) in query.iterator():
            starts = _as_moment(starts)
            ends = _as_moment(ends)
            yield (starts.date(), starts.strftime("%H:%M"),
                   ends.strftime("%H:%M") if ends else None, title, event_kind_label(kind),
                   location, int(n_present), int(n_guests), description)

    return _("Events"), header, rows()


def _attendance(date_from: dt.date | None, date_to: dt.date | None,
                selection: Selection | None) -> Built:
    proxy = Member.alias("proxy")
    query = _moment_period(
        Attendance.select(Event.starts_at, Event.title, Member.last_name, Member.first_name,
                          Attendance.status, Attendance.substitute_name, proxy.first_name,
                          proxy.last_name, Attendance.note)
        .join(Event, on=(Attendance.event == Event.id))
        .join(Member, on=(Attendance.member == Member.id), src=Attendance)
        .join(proxy, JOIN.LEFT_OUTER, on=(Attendance.proxy_to == proxy.id), src=Attendance),
        Event.starts_at, date_from, date_to,
    )
    query = restricted(query, Event.id, selection, Event.starts_at, Event.id,
                        Member.last_name, Member.first_name, Attendance.id).tuples()
    header = [_("Date"), _("Event"), _("Last name"), _("First name"), _("Status"),
              _("Substitute"), _("Proxy given to"), _("Note")]

    def rows() -> Iterator[Row]:
        for (starts, title, last, first, status, substitute, p_first, p_last, note
             ) in query.iterator():
            yield (_as_date(starts), title, last, first, attendance_status_label(status),
                   substitute or None, _name(p_first, p_last) or None, note)

    return _("Attendance"), header, rows()


def _guests(date_from: dt.date | None, date_to: dt.date | None,
            selection: Selection | None) -> Built:
    inviter = Member.alias("inviter")
    convert = Member.alias("convert")
    query = _moment_period(
        Guest.select(Event.starts_at, Event.title, Guest.name, Guest.company, Guest.email,
                     inviter.first_name, inviter.last_name, convert.first_name,
                     convert.last_name)
        .join(Event, on=(Guest.event == Event.id))
        .join(inviter, JOIN.LEFT_OUTER, on=(Guest.invited_by == inviter.id), src=Guest)
        .join(convert, JOIN.LEFT_OUTER, on=(Guest.converted_member == convert.id), src=Guest),
        Event.starts_at, date_from, date_to,
    )
    query = restricted(query, Event.id, selection, Event.starts_at, Event.id,
                        Guest.name, Guest.id).tuples()
    header = [_("Date"), _("Event"), _("Name"), _("Company"), _("Email"), _("Invited by"),
              _("Became a member")]

    def rows() -> Iterator[Row]:
        for (starts, title, name, company, email, i_first, i_last, c_first, c_last
             ) in query.iterator():
            yield (_as_date(starts), title, name, company, email,
                   _name(i_first, i_last) or None, _name(c_first, c_last) or None)

    return _("Guests"), header, rows()


def _volunteering(date_from: dt.date | None, date_to: dt.date | None,
                  selection: Selection | None) -> Built:
    rate = load_settings().volunteer_hourly_rate
    query = _period(
        VolunteerEntry.select(VolunteerEntry.date, Member.last_name, Member.first_name,
                              VolunteerEntry.hours, VolunteerEntry.category, Event.title,
                              VolunteerEntry.description)
        .join(Member, on=(VolunteerEntry.member == Member.id))
        .join(Event, JOIN.LEFT_OUTER, on=(VolunteerEntry.event == Event.id), src=VolunteerEntry),
        VolunteerEntry.date, date_from, date_to,
    )
    query = restricted(query, VolunteerEntry.id, selection, VolunteerEntry.date,
                        Member.last_name, Member.first_name, VolunteerEntry.id).tuples()
    header = [_("Date"), _("Last name"), _("First name"), _("Hours"), _("Value (€)"),
              _("Category"), _("Event"), _("Description")]

    def rows() -> Iterator[Row]:
        for day, last, first, hours, category, event, description in query.iterator():
            hours = _money(hours)
            yield (_as_date(day), last, first, hours, _money(hours * rate), category, event,
                   description)

    return _("Volunteering"), header, rows()


def _referrals(date_from: dt.date | None, date_to: dt.date | None,
               selection: Selection | None) -> Built:
    giver = Member.alias("giver")
    receiver = Member.alias("receiver")
    query = _period(
        Referral.select(Referral.date, giver.last_name, giver.first_name, receiver.last_name,
                        receiver.first_name, Referral.external_recipient, Referral.contact,
                        Referral.description, Referral.status, Referral.amount,
                        Referral.closed_on)
        .join(giver, on=(Referral.giver == giver.id))
        .join(receiver, JOIN.LEFT_OUTER, on=(Referral.receiver == receiver.id), src=Referral),
        Referral.date, date_from, date_to,
    )
    query = restricted(query, Referral.id, selection, Referral.date,
                        Referral.id).tuples()
    header = [_("Date"), _("Given by"), _("Received by"), _("Outside the network"),
              _("Contact"), _("Description"), _("Status"), _("Business (€)"), _("Closed on")]

    def rows() -> Iterator[Row]:
        for (day, g_last, g_first, r_last, r_first, external, contact, description, status,
             amount, closed_on) in query.iterator():
            received = f"{r_first} {r_last}" if r_last else external
            yield (_as_date(day), f"{g_first} {g_last}", received,
                   _yes_no(external and not r_last), contact, description,
                   referral_status_label(status), _money(amount), _as_date(closed_on))

    return _("Referrals"), header, rows()


def _fees(date_from: dt.date | None, date_to: dt.date | None,
          selection: Selection | None) -> Built:
    query = _period(
        MembershipFee.select(Member.last_name, Member.first_name, MembershipFee.period_start,
                             MembershipFee.period_end, MembershipFee.amount,
                             MembershipFee.paid_on, MembershipFee.method)
        .join(Member, on=(MembershipFee.member == Member.id)),
        fn.COALESCE(MembershipFee.paid_on, MembershipFee.period_start), date_from, date_to,
    )
    query = restricted(query, Member.id, selection, MembershipFee.period_start,
                        Member.last_name, Member.first_name, MembershipFee.id).tuples()
    header = [_("Last name"), _("First name"), _("Period start"), _("Period end"),
              _("Amount (€)"), _("Paid on"), _("Payment method")]

    def rows() -> Iterator[Row]:
        for last, first, start, end, amount, paid_on, method in query.iterator():
            yield (last, first, _as_date(start), _as_date(end), _money(amount),
                   _as_date(paid_on), payment_method_label(method) if paid_on else None)

    return _("Membership fees"), header, rows()


_BUILDERS: dict[str, Callable[[dt.date | None, dt.date | None, Selection | None], Built]] = {
    "members": _members,
    "events": _events,
    "attendance": _attendance,
    "guests": _guests,
    "volunteering": _volunteering,
    "referrals": _referrals,
    "fees": _fees,
}
