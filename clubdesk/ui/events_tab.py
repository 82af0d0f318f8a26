"""The Events tab: the list of events with their attendance (read-only for now)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clubdesk.domain.activity_lists import EventRow, event_rows
from clubdesk.domain.labels import event_kind_label
from clubdesk.ui.formatting import format_datetime
from clubdesk.ui.list_tab import ReadOnlyListTab
from clubdesk.ui.record_model import Column


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("EventsTab", text, None, n)


def make_events_tab(parent: QWidget | None = None) -> ReadOnlyListTab:
    kinds: dict[str, str] = {}

    def kind(row: EventRow) -> str:
        if row.kind not in kinds:
            kinds[row.kind] = event_kind_label(row.kind)
        return kinds[row.kind]

    columns = [
        Column(_tr("Date"), lambda r: format_datetime(r.starts_at), lambda r: r.starts_at),
        Column(_tr("Event"), lambda r: r.title, lambda r: r.search_key),
        Column(_tr("Kind"), kind, kind),
        Column(_tr("Location"), lambda r: r.location, lambda r: r.location.casefold()),
        Column(_tr("Present"), lambda r: str(r.present) if r.recorded else "",
               lambda r: r.present, align_right=True),
        Column(_tr("Recorded"), lambda r: str(r.recorded) if r.recorded else "",
               lambda r: r.recorded, align_right=True),
        Column(_tr("Guests"), lambda r: str(r.guests) if r.guests else "",
               lambda r: r.guests, align_right=True),
    ]
    tab = ReadOnlyListTab(
        columns, event_rows,
        lambda shown, total: (_tr("%n event(s)", total) if shown == total
                              else _tr("%1 of %n event(s)", total).replace("%1", str(shown))),
        _tr("Search title or location…"),
        parent,
    )
    tab.set_column_widths([140, 320, 150, 220, 80, 90, 70])
    tab.set_note(_tr("Planning events and recording attendance come in a later version."))
    return tab
