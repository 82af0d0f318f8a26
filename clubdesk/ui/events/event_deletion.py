"""Deleting an event, or dates of its series, after a question that says what goes.

Attendance records and guests go with their event; volunteer entries keep their hours and
lose the link. The question counts each, so that nobody deletes a recorded meeting unaware.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

from clubdesk.domain.events.event_list import EventRow
from clubdesk.domain.events.event_series import delete_series, series_deletion_summary
from clubdesk.domain.events.events import DeletionSummary, delete_event, event_deletion_summary
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.formatting import format_date

EVENT: Literal["event"] = "event"
DATES: Literal["dates"] = "dates"


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
    return _("“{title}” of {date}").format(title=row.title,
                                             date=format_date(row.starts_at.date()))


def ask_and_delete(parent: QWidget, row: EventRow) -> Literal["event", "dates"] | None:
    """Ask, then delete: :data:`EVENT` (that event only), :data:`DATES` (dates of its
    series), or None when the user cancelled.

    Raises :class:`~clubdesk.domain.common.errors.NotFoundError` when the event or its
    series was deleted meanwhile.
    """
    if row.series_id is not None:
        return _in_series(parent, row, row.series_id)
    summary = event_deletion_summary(row.id)
    text = _("Delete {event}?").format(event=event_name(row)) + "\n\n" + (
        _("Recorded for it: {counts}.").format(counts=counts(summary))
        if _recorded(summary) else _("Nothing is recorded for it."))
    if not confirm(parent, _("Delete event"), _ending(text, summary), _("Delete")):
        return None
    delete_event(row.id)
    return EVENT


def _in_series(parent: QWidget, row: EventRow, series_id: int
               ) -> Literal["event", "dates"] | None:
    day = row.starts_at.date()
    one, following, whole = (event_deletion_summary(row.id),
                             series_deletion_summary(series_id, day),
                             series_deletion_summary(series_id))
    text = _(
        "{event} is part of a series. Which dates should be deleted?\n\n"
        "• This date: {one}\n• This date and the following ones: {following}\n"
        "• The whole series: {whole}").format(
        event=event_name(row), one=counts(one), following=counts(following, True),
        whole=counts(whole, True))
    choice = choose(parent, _("Delete event"), _ending(text, whole), [
        _("This date"), _("This and following dates"), _("The whole series")])
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
    parts = [ngettext("{n} date", "{n} dates", summary.events)] if dates else []
    if summary.attendance:
        parts.append(ngettext("{n} attendance record",
                              "{n} attendance records", summary.attendance))
    if summary.guests:
        parts.append(ngettext("{n} guest", "{n} guests", summary.guests))
    if summary.volunteer_entries:
        parts.append(ngettext("{n} volunteer entry",
                              "{n} volunteer entries", summary.volunteer_entries))
    if not _recorded(summary):
        parts.append(_("nothing recorded"))
    return ", ".join(parts)


def _ending(text: str, summary: DeletionSummary) -> str:
    if _recorded(summary):
        text += "\n\n" + _("Attendance records and guests are deleted with their event; "
                             "volunteer hours are kept, without the link.")
    return text + "\n\n" + _("This cannot be undone.")
