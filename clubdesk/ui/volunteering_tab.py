"""The Volunteering tab: hours given by members (read-only for now)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clubdesk.domain.activity_lists import volunteer_rows
from clubdesk.ui.formatting import format_date, format_hours
from clubdesk.ui.list_tab import ReadOnlyListTab
from clubdesk.ui.record_model import Column


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("VolunteeringTab", text, None, n)


def make_volunteering_tab(parent: QWidget | None = None) -> ReadOnlyListTab:
    columns = [
        Column(_tr("Date"), lambda r: format_date(r.date), lambda r: r.date),
        Column(_tr("Member"), lambda r: r.member_name, lambda r: r.search_key),
        Column(_tr("Hours"), lambda r: format_hours(r.hours), lambda r: r.hours,
               align_right=True),
        Column(_tr("Category"), lambda r: r.category, lambda r: r.category.casefold()),
        Column(_tr("Event"), lambda r: r.event_title, lambda r: r.event_title.casefold()),
        Column(_tr("Description"), lambda r: r.description,
               lambda r: r.description.casefold()),
    ]
    tab = ReadOnlyListTab(
        columns, volunteer_rows,
        lambda shown, total: (_tr("%n entry(ies)", total) if shown == total
                              else _tr("%1 of %n entry(ies)", total).replace("%1", str(shown))),
        _tr("Search member, category, event…"),
        parent,
    )
    tab.set_column_widths([100, 220, 70, 200, 260])
    tab.set_note(_tr("Logging and summarising hours come in a later version."))
    return tab
