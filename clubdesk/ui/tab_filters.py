"""Showing a tab narrowed to what the dashboard pointed at (a status, a period, a kind).

The dashboard says where to go as ``(target, filters)``: ``target`` is "members",
"events", "volunteering" or "referrals"; ``filters`` may hold "status" (a status code),
"kind" (an event kind) and "period" (an object with ``start`` and ``end`` dates).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QComboBox

from clubdesk.domain.events import event_list as event_periods


def _choose(combo: QComboBox, code: object) -> bool:
    position = combo.findData(code)
    if position >= 0:
        combo.setCurrentIndex(position)
    return position >= 0


def narrow_members(tab: Any, filters: dict[str, Any]) -> None:
    if "status" in filters:
        _choose(tab.status_filter, filters["status"])
    tab.search.clear()


def narrow_events(tab: Any, filters: dict[str, Any]) -> None:
    """The Events tab knows calendar years and the last twelve months, not any dates."""
    period = filters.get("period")
    code = event_periods.PERIOD_ALL
    if period is not None:
        today = dt.date.today()
        year = (dt.date(period.start.year, 1, 1), dt.date(period.start.year, 12, 31))
        if (period.start, period.end) == year:
            if period.start.year == today.year:
                code = event_periods.PERIOD_THIS_YEAR
            elif period.start.year == today.year - 1:
                code = event_periods.PERIOD_LAST_YEAR
    _choose(tab.period_filter, code)
    if "kind" in filters:
        _choose(tab.kind_filter, filters["kind"])
    tab.search.clear()


def narrow_volunteering(tab: Any, filters: dict[str, Any]) -> None:
    from clubdesk.ui.volunteering.volunteering_tab import ENTRIES

    period = filters.get("period")
    if period is not None:
        tab.filters.period.set_period(period.start, period.end)
    tab.show_view(ENTRIES)


def narrow_referrals(tab: Any, filters: dict[str, Any]) -> None:
    from clubdesk.ui.referrals.referrals_tab import LIST

    period = filters.get("period")
    if period is not None:
        tab.period_filter.set_custom(period.start, period.end)
    if "status" in filters:
        _choose(tab.status_filter, filters["status"])
    tab.set_view(LIST)


NARROWERS = {
    "members": narrow_members,
    "events": narrow_events,
    "volunteering": narrow_volunteering,
    "referrals": narrow_referrals,
}
