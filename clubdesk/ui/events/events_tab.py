"""The Events tab: the association's calendar, its filters, and what to do with an event.

The list opens on every event in the agenda order: today's and upcoming events first, the
soonest on top and in bold, then past ones, the most recent first. The next meeting to
prepare and the last one to record are thus at the top. Double-click (or Enter) records
attendance of an event that has started or is today, and edits a future one; the context
menu offers every action. Check-in, reports and the calendar file are asked for through
signals, which the main window carries out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.events.event_list import EventRow, agenda_order, event_rows
from clubdesk.i18n import _, format_count, ngettext
from clubdesk.ui.common.export_actions import ListExport
from clubdesk.ui.common.search_field import focus_search, lead_to_list
from clubdesk.ui.common.table_views import (
    action_button,
    current_row_object,
    make_row_table,
    select_line,
    wire_row_table,
)
from clubdesk.ui.events import event_deletion
from clubdesk.ui.events import events_model as columns
from clubdesk.ui.events.event_dialog import EventDialog
from clubdesk.ui.events.event_filters import EventFilters
from clubdesk.ui.events.events_model import EventsModel, RowRole
from clubdesk.ui.events.series_dialog import SeriesDialog

# Widths at 1366 pixels; the location, last, takes the rest.
COLUMN_WIDTHS = {columns.COL_DATE: 125, columns.COL_TIME: 105, columns.COL_TITLE: 360,
                 columns.COL_KIND: 150, columns.COL_ATTENDANCE: 85, columns.COL_GUESTS: 65}


class EventsTab(QWidget):
    """Search, filters and list of the events, with their actions."""

    status_message = Signal(str)
    checkin_requested = Signal(int)  # event id
    report_requested = Signal(str, int)  # "signin" or "attendance", event id
    period_report_requested = Signal()
    export_calendar_requested = Signal()
    events_changed = Signal()  # after an event or a series was added, edited or deleted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_rows: list[EventRow] = []
        self._loaded = False
        self._today = dt.date.today()

        self.filters = EventFilters(self, self._today)
        self.count_label = QLabel()
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.model = EventsModel(self)
        self.table = make_row_table(self.model, widths=COLUMN_WIDTHS)
        header = self.table.horizontalHeader()
        # No sort indicator: the agenda order; a third click on a header comes back to it.
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self._build_actions()
        self._build_layout()

        self.filters.changed.connect(self.apply_filter)
        lead_to_list(self.filters.search, self._focus_table)
        wire_row_table(self.table, selection_changed=self._selection_changed,
                       opened=self.open_selected, menu=self.context_menu)
        self._selection_changed()

    # -- building -------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], None],
                shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | Qt.Key] = (),
                widget: QWidget | None = None) -> QAction:
        # Shortcuts on the list only act there: Delete in the search field edits the text.
        widget = widget or self
        action = QAction(text, widget)
        action.setShortcuts([QKeySequence(key) for key in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut if widget is self.table
                                  else Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        widget.addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(_("New event"), self.new_event, [keys.New])
        self.new_series_action = self._action(
            _("New series…"), self.new_series,
            [QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_N)])
        self.find_action = self._action(_("Search"), self.focus_search, [keys.Find])
        self.open_action = self._action(_("Open"), self.open_selected,
                                        [Qt.Key.Key_Return, Qt.Key.Key_Enter], self.table)
        self.edit_action = self._action(_("Edit"), self.edit_selected, [Qt.Key.Key_F2],
                                        self.table)
        self.edit_series_action = self._action(_("Edit series…"), self.edit_series)
        self.delete_action = self._action(_("Delete"), self.delete_selected,
                                          [keys.Delete], self.table)
        self.checkin_action = self._action(_("Check-in"), self.check_in)
        self.signin_action = self._action(_("Sign-in sheet"),
                                          lambda: self._report("signin"))
        self.attendance_action = self._action(_("Attendance report"),
                                              lambda: self._report("attendance"))
        self.period_action = self._action(_("Attendance over a period…"),
                                          self.period_report_requested.emit)
        self.export_action = self._action(_("Export calendar (.ics)…"),
                                          self.export_calendar_requested.emit)

        self.new_button = action_button(self.new_action, _("New event (Ctrl+N)"))
        self.new_series_button = action_button(
            self.new_series_action,
            _("Regular meetings: every week, every two weeks or every month "
                    "(Ctrl+Shift+N)"))
        self.edit_button = action_button(self.edit_action,
                                        _("Edit the selected event (F2)"))
        self.delete_button = action_button(self.delete_action,
                                          _("Delete the selected event (Delete)"))
        self.checkin_button = action_button(
            self.checkin_action,
            _("Record who came to the selected event, and their guests (Enter)"))
        self.reports_menu = QMenu(self)
        self.reports_menu.setToolTipsVisible(True)
        for action in (self.signin_action, self.attendance_action, None, self.period_action,
                       self.export_action):
            if action is None:
                self.reports_menu.addSeparator()
            else:
                self.reports_menu.addAction(action)
        self.reports_button = QPushButton(_("Reports"))
        self.reports_button.setMenu(self.reports_menu)
        # The events shown, their attendance or their guests.
        self.exporter = ListExport(self, self.table, ("events", "attendance", "guests"),
                                   self.status_message.emit)
        self.export_button = self.exporter.button

    def _build_layout(self) -> None:
        # Search and filters above, the count and the commands below, as in the Volunteering
        # and Referrals tabs: on one line, seven buttons left the search no room at 1366 px.
        toolbar = QHBoxLayout()
        search, *filters = self.filters.widgets()
        toolbar.addWidget(search, 3)
        for widget in filters:
            toolbar.addWidget(widget)
        commands = QHBoxLayout()
        commands.addWidget(self.count_label)
        commands.addStretch(1)
        for button in (self.new_button, self.new_series_button, self.edit_button,
                       self.delete_button, self.checkin_button, self.reports_button,
                       self.export_button):
            commands.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addLayout(commands)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)

    # -- loading and filtering ------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def narrow(self, filters: Mapping[str, object]) -> None:
        """Show the events the dashboard pointed at (see :meth:`EventFilters.narrow`)."""
        self.filters.narrow(filters)

    def reload(self) -> None:
        """Read every event again; the first time, select the next one."""
        first = not self._loaded
        self._today = dt.date.today()
        self._all_rows = agenda_order(event_rows(), self._today)
        self._loaded = True
        self.apply_filter()
        if first and self.model.rowCount():
            self.select_event(self.model.row_at(0).id)

    def refresh_event(self, event_id: int) -> None:
        """Read one event again (after its check-in, say); drop it if it is gone."""
        self._all_rows = [row for row in self._all_rows if row.id != event_id]
        self._all_rows = agenda_order(self._all_rows + event_rows(event_ids=[event_id]),
                                      self._today)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show the events matching the search and both filters; keep the selection."""
        selected = self.selected_event_id()
        rows = self.filters.keep(self._all_rows, self._today)
        self.model.set_rows(rows, self._today)
        if selected is None or not self.select_event(selected):
            self._selection_changed()
        shown, total = len(rows), len(self._all_rows)
        self.count_label.setText(
            ngettext("{n} event", "{n} events", total) if shown == total
            else ngettext("{shown} of {n} event",
                          "{shown} of {n} events", total).format(shown=format_count(shown)))
        self.empty_label.setText(
            _("No events yet. Click “New event” for a single date, or “New series…” "
                    "for regular meetings.") if not total
            else _("No event matches the search and the filters."))
        self.empty_label.setVisible(shown == 0)

    # -- selection ------------------------------------------------------------------------

    def selected_row(self) -> EventRow | None:
        return current_row_object(self.table, RowRole)  # type: ignore[no-any-return]

    def selected_event_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def select_event(self, event_id: int) -> bool:
        """Select and show ``event_id``'s row; False when the filters hide it."""
        return select_line(self.table, self.model.row_of(event_id))

    def _started(self, row: EventRow) -> bool:
        return row.starts_at.date() <= self._today

    def _selection_changed(self) -> None:
        row = self.selected_row()
        for action in (self.open_action, self.edit_action, self.delete_action,
                       self.checkin_action, self.signin_action):
            action.setEnabled(row is not None)
        self.edit_series_action.setEnabled(row is not None and row.series_id is not None)
        self.attendance_action.setEnabled(row is not None and row.recorded > 0)
        self.attendance_action.setToolTip(
            "" if row is None or row.recorded else _("No attendance recorded yet."))

    def context_menu(self) -> QMenu:
        """Every action on the selected event; in bold, what a double-click does."""
        row = self.selected_row()
        menu = QMenu(self)
        if row is not None:
            for action in (self.checkin_action, self.edit_action, self.edit_series_action,
                           self.delete_action, None, self.signin_action,
                           self.attendance_action, None):
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
            menu.setDefaultAction(self.checkin_action if self._started(row)
                                  else self.edit_action)
        menu.addAction(self.new_action)
        menu.addAction(self.new_series_action)
        return menu

    # -- keyboard -------------------------------------------------------------------------

    def focus_search(self) -> None:
        focus_search(self.filters.search)

    def _focus_table(self) -> None:
        if self.model.rowCount() and self.selected_row() is None:
            self.select_event(self.model.row_at(0).id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- commands -------------------------------------------------------------------------

    def open_selected(self) -> None:
        """Check-in for an event that has started or is today; edit a future one."""
        row = self.selected_row()
        if row is not None and self._started(row):
            self.check_in()
        elif row is not None:
            self.edit_selected()

    def check_in(self) -> None:
        if (row := self.selected_row()) is not None:
            self.checkin_requested.emit(row.id)

    def _report(self, kind: str) -> None:
        if (row := self.selected_row()) is not None:
            self.report_requested.emit(kind, row.id)

    def new_event(self) -> None:
        event_id = EventDialog.ask(self, None)
        if event_id is not None:
            self._saved(event_id, _("“{title}” added."))

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        try:
            event_id = EventDialog.ask(self, row.id)
        except NotFoundError:  # deleted meanwhile, elsewhere: show the list as it is
            self.reload()
            return
        if event_id is None:
            return
        if row.series_id is not None:  # its series may have been edited from the dialog
            self.reload()
        self._saved(event_id, _("“{title}” saved."))

    def new_series(self) -> None:
        series_id = SeriesDialog.ask(self, None)
        if series_id is not None:
            self._series_saved(series_id, created=True)

    def edit_series(self) -> None:
        row = self.selected_row()
        if row is None or row.series_id is None:
            return
        try:
            saved = SeriesDialog.ask(self, row.series_id)
        except NotFoundError:
            self.reload()
            return
        if saved is not None:
            self._series_saved(row.series_id, created=False)

    def _series_saved(self, series_id: int, created: bool) -> None:
        self.reload()
        dates = [row for row in self._all_rows if row.series_id == series_id]
        if not dates:
            return
        message = (ngettext("Series “{title}” created: {n} date.",
                            "Series “{title}” created: {n} dates.", len(dates)) if created
                   else ngettext("Series “{title}” saved: {n} date.",
                                 "Series “{title}” saved: {n} dates.", len(dates)))
        self._saved(dates[0].id, message, reread=False)  # agenda order: the next date first

    def _saved(self, event_id: int, message: str, reread: bool = True) -> None:
        """Show the saved event, loosening the filters if they hide it, and select it."""
        if reread:
            self.refresh_event(event_id)
        row = next((row for row in self._all_rows if row.id == event_id), None)
        if row is None:
            return
        if not self.filters.keep([row], self._today):
            self.filters.reset()
            message += " " + _("Filters changed to show it.")
        self.select_event(event_id)
        self.events_changed.emit()
        self.status_message.emit(message.format(title=row.title))

    def delete_selected(self) -> None:
        """Delete the selected event, or dates of its series, once the user has confirmed."""
        row = self.selected_row()
        if row is None:
            return
        position = self.model.row_of(row.id)
        try:
            deleted = event_deletion.ask_and_delete(self, row)
        except NotFoundError:  # deleted meanwhile, elsewhere
            deleted = event_deletion.DATES
        if deleted is None:
            return
        if deleted == event_deletion.EVENT:
            self._all_rows = [other for other in self._all_rows if other.id != row.id]
            self.apply_filter()
        else:
            self.reload()
        if self.model.rowCount():
            self.select_event(self.model.row_at(min(position, self.model.rowCount() - 1)).id)
        self.events_changed.emit()
        self.status_message.emit(_("{event} deleted.").format(
            event=event_deletion.event_name(row)))
