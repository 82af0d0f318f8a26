"""Who leads the network: shared leadership (a health figure) and the bureau of each year.

Definitions (the report and the dashboard print them):

- *measured on*: the period's last day, or today while the period runs;
- *leaders*: the different members who held a bureau or committee role (a mandate) at any
  time in the three years up to that day — the more, the more leadership is shared;
- *longest in office*: of the members holding a role on that day, the one whose mandate
  started first, and how long they have held it (whole months) — the longer, the less
  leadership is renewed;
- *the bureau in 2025*: everyone who held a role at any time during calendar year 2025, for
  each calendar year the period touches, in the bureau's order.

The mandates come from :mod:`clubdesk.domain.members.mandates` (three queries in all).
"""

from __future__ import annotations

import datetime as dt

from clubdesk.domain.activity.activity_figures import LeadershipFigures, Period
from clubdesk.domain.members.mandates import MandateRow, bureaus_by_year, leadership
from clubdesk.i18n import _, ngettext

LEADERSHIP_YEARS = 3


def measured_on(period: Period, today: dt.date | None = None) -> dt.date:
    """The period's last day, or today when the period has not ended yet."""
    return min(period.end, today or dt.date.today())


def leadership_figures(period: Period, today: dt.date | None = None) -> LeadershipFigures:
    """Shared leadership on the period's last day (today at the latest). Two queries."""
    on = measured_on(period, today)
    found = leadership(on, LEADERSHIP_YEARS)
    return LeadershipFigures(on, found.years, found.holders, found.longest_name,
                             found.longest_role, found.longest_since)


def tenure_text(months: int) -> str:
    """"6 years and 4 months", "1 year", "8 months", or "less than a month"."""
    years, rest = divmod(max(months, 0), 12)
    year_text = ngettext("{n} year", "{n} years", years)
    month_text = ngettext("{n} month", "{n} months", rest)
    if years and rest:
        return _("{years} and {months}").format(years=year_text, months=month_text)
    if years:
        return year_text
    return month_text if rest else _("less than a month")


def tenure_short(months: int) -> str:
    """A tenure shown large: whole years from the first year ("6 years"), else months."""
    if months >= 12:
        return ngettext("{n} year", "{n} years", months // 12)
    return ngettext("{n} month", "{n} months", months) if months > 0 else tenure_text(0)


def period_bureaus(period: Period) -> dict[int, list[MandateRow]]:
    """For each calendar year the period touches, the roles held during it. One query."""
    return bureaus_by_year(period.start.year, period.end.year)
