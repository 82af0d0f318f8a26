"""The year's activity, computed once for the activity report and the dashboard.

Every figure of a period comes from :func:`activity_figures` in a fixed number of queries,
whatever the size of the association. The dataclasses here are the contract between the
computation (``activity_*`` modules), the PDF report and the dashboard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from clubdesk.domain.common.dates import years_before
from clubdesk.domain.members.mandates import MandateRow


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one (a year before a year)."""
        if self.start.day == 1 and _is_month_end(self.end):
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            start = _add_months(self.start, -months)
            return Period(start, self.start - dt.timedelta(days=1))
        return Period(self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1))


def _is_month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def last_full_fiscal_year(today: dt.date, start_month: int) -> Period:
    """The last fiscal year that has ended by ``today``."""
    year = today.year if today.month >= start_month else today.year - 1
    start = dt.date(year - 1, start_month, 1)
    return Period(start, _add_months(start, 12) - dt.timedelta(days=1))


@dataclass(frozen=True)
class Count:
    """A labelled number for tables and charts: ``label`` is a code or a name."""

    label: str
    value: int


@dataclass(frozen=True)
class Amount:
    label: str
    value: Decimal


@dataclass(frozen=True)
class MembershipFigures:
    active_at_start: int          # members whose membership covered the first day
    active_at_end: int            # ... the last day
    joined: int                   # joined_on within the period
    left: int                     # left_on within the period
    retention_rate: float | None  # of those active at start, the share still members at end
    by_sector: list[Count]        # current (non-former) members at the end, by sector
    by_status: list[Count]        # every member by status code
    dues: DuesFigures             # the dues of the fiscal year the period falls in


@dataclass(frozen=True)
class DuesFigures:
    """The dues of one fiscal year — the one holding most of the period's days — as they
    stand when computed: a late payment counts for the year it pays."""

    fiscal_year: int
    year_name: str                # "2025", or "2025–2026" when it starts in another month
    members: int                  # members expected to pay, exempt ones included
    up_to_date: int               # paid, exempt or owing nothing
    expected: Decimal
    received: Decimal
    outstanding: Decimal

    @property
    def up_to_date_rate(self) -> float | None:
        return self.up_to_date / self.members if self.members else None

    @property
    def any_due(self) -> bool:
        """False when the year has no fee schedule and no payment: nothing to show."""
        return bool(self.expected or self.received)


@dataclass(frozen=True)
class MeetingFigures:
    events: int
    by_kind: list[Count]                   # kind code -> events held in the period
    average_attendance_rate: float | None  # mean over events with a list of (present+late)/rows
    attendance_rows: int
    guests: int
    guests_joined: int                     # guests of the period who became members


@dataclass(frozen=True)
class VolunteeringFigures:
    hours: Decimal
    value: Decimal                # hours x the association's hourly rate
    hourly_rate: Decimal
    volunteers: int               # members with at least one entry
    by_category: list[Amount]     # category -> hours, largest first
    by_month: list[Amount]        # "YYYY-MM" -> hours, every month of the period


@dataclass(frozen=True)
class MonthReferrals:
    month: str  # "YYYY-MM"
    given: int
    won: int
    business: Decimal


@dataclass(frozen=True)
class ReferralFigures:
    given: int
    won: int
    lost: int
    open: int
    conversion_rate: float | None  # won / (won + lost): of the referrals closed, how many won
    business: Decimal              # amount of the referrals won (closed) in the period
    to_outside: int                # given to someone outside the network
    by_month: list[MonthReferrals]


@dataclass(frozen=True)
class HealthFigures:
    """Signs that the network is alive rather than closed on itself or run by a few."""

    members: int                         # active members at the end of the period
    active_members: int                  # of those: attended >= half their meetings,
                                         # or volunteered, or gave a referral
    hours_outside_bureau_share: float | None  # hours given by members with no bureau role
    top_tenth_hours_share: float | None  # hours given by the most active tenth of volunteers
    guests_per_meeting: float | None     # guests / meetings (kind meeting) held
    guest_conversion: float | None       # guests who joined / guests
    stopped_coming: list[str]            # active, on lists, not present in the last 3 months
    leadership: LeadershipFigures        # is leadership shared and renewed?

    @property
    def active_share(self) -> float | None:
        return self.active_members / self.members if self.members else None


@dataclass(frozen=True)
class LeadershipFigures:
    """Shared leadership, measured on ``on``: the period's last day (today while it runs)."""

    on: dt.date
    years: int                     # the window: the ``years`` years up to ``on``
    holders: int                   # different members who held a bureau or committee role
    longest_name: str              # the current holder who has held their role longest
    longest_role: str              # that role, as the association names it ("" if nobody)
    longest_since: dt.date | None  # the day their mandate started

    @property
    def since(self) -> dt.date:
        """The first day of the window the leaders are counted in."""
        return years_before(self.on, self.years)

    @property
    def longest_months(self) -> int | None:
        """Whole months the longest-serving holder has held their role (None: nobody)."""
        if self.longest_since is None:
            return None
        since, on = self.longest_since, self.on
        months = (on.year - since.year) * 12 + on.month - since.month
        return max(0, months - (1 if on.day < since.day else 0))


@dataclass(frozen=True)
class MemberActivity:
    member_id: int
    last_name: str
    first_name: str
    company: str
    in_directory: bool             # directory consent: without it, reports show initials
    expected: int                  # attendance rows in the period
    attended: int                  # present or late
    hours: Decimal
    referrals_given: int
    referrals_received: int
    referrals_won: int             # given and won
    business_generated: Decimal    # amount of the won referrals they gave

    @property
    def attendance_rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None


@dataclass(frozen=True)
class ActivityFigures:
    period: Period
    association: str
    membership: MembershipFigures
    meetings: MeetingFigures
    volunteering: VolunteeringFigures
    referrals: ReferralFigures
    health: HealthFigures
    members: list[MemberActivity]  # members with any activity or active in the period
    bureaus: dict[int, list[MandateRow]]  # calendar year -> the roles held during it


Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class SheetAttendance:
    day: dt.date
    title: str
    kind: str      # event kind code
    status: str    # attendance status code


@dataclass(frozen=True)
class SheetHours:
    day: dt.date
    hours: Decimal
    category: str
    description: str


@dataclass(frozen=True)
class SheetReferral:
    day: dt.date
    other: str             # the receiver (given) or the giver (received); outsiders by name
    status: str            # referral status code
    amount: Decimal | None


@dataclass(frozen=True)
class SheetFee:
    period_start: dt.date
    period_end: dt.date
    amount: Decimal
    paid_on: dt.date | None
    fiscal_year_name: str = ""          # "2025" or "2025–2026"
    method: str = ""                    # payment method code
    receipt_number: int | None = None
    exempt: bool = False                # an exemption, not a payment


@dataclass(frozen=True)
class MemberSheet:
    """One member's activity over a period, for the member activity sheet."""

    period: Period
    association: str
    member_id: int
    first_name: str
    last_name: str
    company: str
    profession: str
    status: str            # member status code
    role: str              # bureau role code
    joined_on: dt.date | None
    attendance: list[SheetAttendance]   # the period's rows, oldest first
    expected: int
    attended: int          # present or late
    hours: list[SheetHours]
    total_hours: Decimal
    hours_value: Decimal
    referrals_given: list[SheetReferral]
    referrals_received: list[SheetReferral]
    business_generated: Decimal   # won referrals given
    business_received: Decimal    # won referrals received
    fees: list[SheetFee]          # fees paid in the period
    fees_total: Decimal
    mandates: list[MandateRow]    # every role the member held, the latest first

    @property
    def attendance_rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None
