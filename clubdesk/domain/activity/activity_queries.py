"""Every figure of the activity report, in a fixed number of queries (19).

:func:`activity_figures` fills the contract of :mod:`clubdesk.domain.activity.activity_figures`;
the definitions of each figure are in the docstrings of :mod:`activity_membership`,
:mod:`activity_engagement`, :mod:`activity_members` and :mod:`activity_leadership`, which
the report prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from clubdesk.domain.activity.activity_engagement import (
    hours_by_category,
    hours_by_month,
    referral_figures,
    referral_months,
    referral_totals,
    volunteer_totals,
    volunteering_figures,
)
from clubdesk.domain.activity.activity_figures import ActivityFigures, Period, Progress
from clubdesk.domain.activity.activity_leadership import leadership_figures, period_bureaus
from clubdesk.domain.activity.activity_members import health_figures, member_rows, stopped_coming
from clubdesk.domain.activity.activity_membership import (
    attendance_totals,
    by_sector,
    by_status,
    dues_figures,
    events_by_kind,
    guest_counts,
    meeting_figures,
    membership_counts,
    membership_figures,
)
from clubdesk.domain.activity.attendance_period import InvalidPeriodError
from clubdesk.domain.common.codes import EventKind
from clubdesk.domain.common.settings import load_settings

T = TypeVar("T")

# What activity_figures runs, whatever the size of the association: 15 for the activity
# itself, 1 for the dues of the period's fiscal year (every member's status in one query),
# 2 for shared leadership and 1 for the bureau of each year.
QUERIES = 19
_STEPS = 17   # progress steps: one per query function


class ActivityCancelled(Exception):
    """Raised by :func:`activity_figures` when ``progress`` returned False."""


class _Steps:
    """Runs each step and reports progress between them; False from progress cancels."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.done = 0

    def __call__(self, step: Callable[..., T], *args: object) -> T:
        result = step(*args)
        self.done += 1
        if self.progress is not None and self.progress(self.done, _STEPS) is False:
            raise ActivityCancelled
        return result


def activity_figures(period: Period, progress: Progress | None = None,
                     today: dt.date | None = None) -> ActivityFigures:
    """Every figure of ``period`` (both days included), in :data:`QUERIES` queries.

    ``progress(done, total)`` is called after each step; when it returns False the
    computation stops with :class:`ActivityCancelled`. A period ending before it starts
    raises :class:`~clubdesk.domain.activity.attendance_period.InvalidPeriodError`.
    ``today`` (the real day by default) bounds what is measured on a day, such as shared
    leadership, for a period that has not ended.
    """
    if period.start > period.end:
        raise InvalidPeriodError(period.start, period.end)
    run = _Steps(progress)
    settings = run(load_settings)
    membership = membership_figures(
        period, run(membership_counts, period), run(by_sector, period), run(by_status),
        run(dues_figures, period, settings.fiscal_year_start_month))
    kinds = run(events_by_kind, period)
    guests = run(guest_counts, period)
    meetings = meeting_figures(kinds, run(attendance_totals, period), guests)
    totals = run(volunteer_totals, period)
    volunteering = volunteering_figures(settings.volunteer_hourly_rate, totals,
                                        run(hours_by_category, period),
                                        run(hours_by_month, period))
    referrals = referral_figures(run(referral_totals, period), run(referral_months, period))
    rows = run(member_rows, period)
    meetings_held = next((kind.value for kind in kinds if kind.label == EventKind.MEETING), 0)
    health = health_figures(rows, totals, meetings_held, guests, run(stopped_coming, period),
                            run(leadership_figures, period, today))
    return ActivityFigures(period, settings.name, membership, meetings, volunteering,
                           referrals, health, [member for member, _active in rows],
                           run(period_bureaus, period))
