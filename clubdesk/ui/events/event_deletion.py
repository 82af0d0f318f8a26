"""Deleting an event, or dates of its series, after a question that says what goes.

Attendance records and guests go with their event; volunteer entries keep their hours and
lose the link. The question counts each, so that nobody deletes a recorded meeting unaware.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from clubdesk.domain.events.event_list import EventRow
from clubdesk.domain.events.event_series import delete_series, series_deletion_summary
from clubdesk.domain.events.events import DeletionSummary, delete_event, event_deletion_summary
from clubdesk.ui.common.formatting import format_date

EVENT: Literal["event"] = "event"
DATES: Literal["dates"] = "dates"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("EventDeletion", text, None, n)


def choose(parent: QWidget, title: str, text: str, choices: Sequence[str]) -> int | None:
    """Ask ``text`` with a button a choice and Cancel, the default; the index chosen, or None.

    Tests replace this function.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Cancel, parent)
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.AcceptRole) for choice in choices]
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def confirm(parent: QWidget, title: str, text: str, accept_label: str) -> bool:
    """Ask ``text``; True when the user clicked ``accept_label`` (tests replace this)."""
    return choose(parent, title, text, [accept_label]) == 0


def event_name(row: EventRow) -> str:
    """``“Réunion hebdomadaire” of 10/03/2026``."""
    return _tr("“{title}” of {date}").format(title=row.title,
                                             date=format_date(row.starts_at.date()))


def ask_and_delete(parent: QWidget, row: EventRow) -> Literal["event", "dates"] | None:
    """Ask, then delete: :data:`EVENT` (that event only), :data:`DATES` (dates of its
    series), or None when the user cancelled.

    Raises ``LookupError`` when the event or its series was deleted meanwhile.
    """
    if row.series_id is not None:
        return _in_series(parent, row, row.series_id)
    summary = event_deletion_summary(row.id)
    text = _tr("Delete {event}?").format(event=event_name(row)) + "\n\n" + (
        _tr("Recorded for it: {counts}.").format(counts=counts(summary))
        if _recorded(summary) else _tr("Nothing is recorded for it."))
    if not confirm(parent, _tr("Delete event"), _ending(text, summary), _tr("Delete")):
        return None
    delete_event(row.id)
    return EVENT


def _in_series(parent: QWidget, row: EventRow, series_id: int
               ) -> Literal["event", "dates"] | None:
    day = row.starts_at.date()
    one, following, whole = (event_deletion_summary(row.id),
                             series_deletion_summary(series_id, day),
                             series_deletion_summary(series_id))
    text = _tr(
        "{event} is part of a series. Which dates should be deleted?\n\n"
        "• This date: {one}\n• This date and the following ones: {following}\n"
        "• The whole series: {whole}").format(
        event=event_name(row), one=counts(one), following=counts(following, True),
        whole=counts(whole, True))
    choice = choose(parent, _tr("Delete event"), _ending(text, whole), [
        _tr("This date"), _tr("This and following dates"), _tr("The whole series")])
    if choice == 0:
        delete_event(row.id)
        return EVENT
    if choice in (1, 2):
        delete_series(series_id, day if choice == 1 else None)
        return DATES
    return None


def _recorded(summary: DeletionSummary) -> bool:
    return bool(summary.attendance or summary.guests or summary.volunteer_entries)


def counts(summary: DeletionSummary, dates: bool = False) -> str:
    """``12 dates, 230 attendance records, 5 guests``: only what there is."""
    parts = [_tr("%n date(s)", summary.events)] if dates else []
    if summary.attendance:
        parts.append(_tr("%n attendance record(s)", summary.attendance))
    if summary.guests:
        parts.append(_tr("%n guest(s)", summary.guests))
    if summary.volunteer_entries:
        parts.append(_tr("%n volunteer entry(ies)", summary.volunteer_entries))
    if not _recorded(summary):
        parts.append(_tr("nothing recorded"))
    return ", ".join(parts)


def _ending(text: str, summary: DeletionSummary) -> str:
    if _recorded(summary):
        text += "\n\n" + _tr("Attendance records and guests are deleted with their event; "
                             "volunteer hours are kept, without the link.")
    return text + "\n\n" + _tr("This cannot be undone.")
