"""The Volunteering tab: hours given by the members, logged, found, and summed up.

Two views share the toolbar. "Entries" lists every entry of the period with the search and
filters, and logs hours for one member or several at once. "Summary" sums the period up by
member, by category and by month, valued in euros at the association's hourly rate.

The entries are read once, off the GUI thread, the first time the tab is shown; filtering
scans their precomputed search keys (Members tab style) and the model sorts itself, so
that typing, switching filters and sorting stay within a frame or two for 80,000 entries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.common.text import fold
from clubdesk.domain.volunteering.volunteer_categories import CategoryRow, category_rows
from clubdesk.domain.volunteering.volunteer_choices import every_member_choice
from clubdesk.domain.volunteering.volunteer_list import (
    VolunteerRow,
    totals,
    volunteer_rows,
)
from clubdesk.domain.volunteering.volunteer_summary import value_of
from clubdesk.i18n import _, format_count, ngettext
from clubdesk.ui.common.background import TaskRunner
from clubdesk.ui.common.export_actions import ListExport
from clubdesk.ui.common.formatting import format_date, format_hours, format_money
from clubdesk.ui.common.search_field import focus_search, lead_to_list
from clubdesk.ui.common.table_views import make_row_table, wire_row_table
from clubdesk.ui.volunteering import volunteer_model as columns
from clubdesk.ui.volunteering.volunteer_actions import VolunteerActions
from clubdesk.ui.volunteering.volunteer_filters import OrderedRows, VolunteerFilters
from clubdesk.ui.volunteering.volunteer_model import RowRole, VolunteerModel
from clubdesk.ui.volunteering.volunteer_summary_view import VolunteerSummaryView

# Widths at 1366 pixels; the description, last, takes the rest.
COLUMN_WIDTHS = {columns.COL_DATE: 95, columns.COL_MEMBER: 240, columns.COL_HOURS: 65,
                 columns.COL_CATEGORY: 185, columns.COL_EVENT: 270}
ENTRIES, SUMMARY = 0, 1


TabData = tuple[Decimal, list[VolunteerRow], list[CategoryRow],
                list[tuple[int, str, str]] | None]


def read_all(with_members: bool = True) -> TabData:
    """What the tab shows: the hourly rate, the entries, the categories, and every member
    for the member filter (or None: the filter reads them if the entries name others)."""
    members = [(member_id, label, fold(label))  # folded here, off the GUI thread
               for member_id, label in every_member_choice()] if with_members else None
    return load_settings().volunteer_hourly_rate, volunteer_rows(), category_rows(), members


class VolunteeringTab(QWidget):
    """Entries and summary of the volunteer hours, with their filters and actions."""

    status_message = Signal(str)
    entries_changed = Signal()  # after entries were logged, edited or deleted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = False
        self.loader = TaskRunner(self)
        settings = load_settings()
        self._rate: Decimal = settings.volunteer_hourly_rate
        self.filters = VolunteerFilters(self, settings.fiscal_year_start_month)
        self.count_label = QLabel()
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.model = VolunteerModel(self)
        self.table = make_row_table(
            self.model, selection=QAbstractItemView.SelectionMode.ExtendedSelection,
            widths=COLUMN_WIDTHS)
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click: the most recent first again
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.summary = VolunteerSummaryView()
        self.rows = OrderedRows(self.model)

        self.commands = VolunteerActions(self, self.filters.values, self.selected_rows,
                                         self.current_row)
        self.addActions(self.commands.tab_actions())
        self.table.addActions(self.commands.list_actions())
        self.exporter = ListExport(self, self.table, ("volunteering",),
                                   self.status_message.emit)
        self.export_button = self.exporter.button
        self._build_layout()
        self.setFocusProxy(self.filters.search)  # the tab opens ready to search
        chain = [self.filters.search, *self.filters.widgets()[1:], self.table,
                 *self.commands.buttons(), self.export_button, self.entries_button,
                 self.summary_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

        self.filters.changed.connect(self.apply_filter)
        lead_to_list(self.filters.search, self._focus_table)
        self.views.idClicked.connect(self.show_view)
        wire_row_table(self.table, selection_changed=self._selection_changed,
                       opened=self.commands.edit_selected, menu=self._context_menu)
        self.summary.member_chosen.connect(self._show_member)
        self.summary.category_chosen.connect(self._show_category)
        self.commands.saved.connect(self.entries_saved)
        self.commands.deleted.connect(self._deleted)
        self.commands.gone.connect(lambda entry_id: self.entries_deleted([entry_id]))
        self.commands.categories_changed.connect(self.categories_changed)
        self.commands.search_wanted.connect(self.focus_search)
        self._selection_changed()

    # -- building -------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.views = QButtonGroup(self)
        self.entries_button = QPushButton(_("Entries"))
        self.summary_button = QPushButton(_("Summary"))
        self.summary_button.setToolTip(_("Hours of the period by member, by category "
                                               "and by month, valued in euros"))
        for view, button in ((ENTRIES, self.entries_button), (SUMMARY, self.summary_button)):
            button.setCheckable(True)
            self.views.addButton(button, view)
        self.entries_button.setChecked(True)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(6)
        toolbar.addWidget(self.entries_button)
        toolbar.addWidget(self.summary_button)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.filters.search, 3)
        for widget in self.filters.widgets()[1:]:
            toolbar.addWidget(widget, 1)
        commands = QHBoxLayout()
        commands.addWidget(self.count_label)
        commands.addStretch(1)  # the buttons keep their size when the count is hidden
        for button in self.commands.buttons():
            commands.addWidget(button)
        commands.addWidget(self.export_button)
        entries = QWidget()
        entries_layout = QVBoxLayout(entries)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.addWidget(self.table, 1)
        entries_layout.addWidget(self.empty_label)
        self.stack = QStackedWidget()
        self.stack.addWidget(entries)
        self.stack.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addLayout(commands)
        layout.addWidget(self.stack, 1)

    # -- loading --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._loaded and not self.loader.is_running():
            self._load_in_background()

    def narrow(self, filters: Mapping[str, object]) -> None:
        """Show the entries of the period the dashboard pointed at (``filters["period"]``,
        with ``start`` and ``end``)."""
        period = filters.get("period")
        if period is not None:
            self.filters.set_dates(period.start, period.end)
        self.show_view(ENTRIES)

    def reload(self) -> None:
        """Read every entry, the categories and the hourly rate again, now."""
        self.loader.cancel()  # what is being read is older
        self._show_data(read_all(with_members=False))

    def is_loaded(self) -> bool:
        return self._loaded

    def all_rows(self) -> list[VolunteerRow]:
        return list(self.rows.all)

    def _load_in_background(self) -> None:
        # 80,000 entries take about half a second to read: the tab shows at once meanwhile.
        self.empty_label.setText(_("Reading the entries…"))
        self.empty_label.show()
        # On failure, read again on this thread, where an error reaches the user.
        self.loader.run(lambda _progress: read_all(), self._show_data,
                        lambda _error: self.reload())

    def _show_data(self, data: TabData) -> None:
        self._rate, rows, categories, members = data
        self._loaded = True
        self.rows.set_rows(rows)
        self.filters.rebuild(rows, categories, members)
        self.summary.invalidate()
        self.apply_filter()

    # -- filtering ------------------------------------------------------------------------

    def apply_filter(self) -> None:
        """Show the entries the search and filters keep; keep the selection; the summary
        follows the period."""
        if self.stack.currentIndex() == SUMMARY:
            self.summary.show_period(*self.filters.bounds())
        if not self._loaded:
            return
        selected = self.selected_ids()
        values = self.filters.values()
        rows = self.rows.matching(values)
        self.model.set_rows(rows, presorted=True)
        if selected:
            self.select_entries(selected, scroll=False)
        self._selection_changed()
        self._show_count(rows)

    def _show_count(self, rows: list[VolunteerRow]) -> None:
        shown, total = len(rows), len(self.rows.all)
        count, hours, members = totals(rows)
        text = (ngettext("{n} entry", "{n} entries", total) if shown == total
                else ngettext("{shown} of {n} entry",
                              "{shown} of {n} entries", total).format(
                                  shown=format_count(shown)))
        parts = [text, _("{hours} h").format(hours=format_hours(hours))]
        if self._rate:
            parts.append(format_money(value_of(hours, self._rate)))
        parts.append(ngettext("{n} volunteer", "{n} volunteers", members))
        self.count_label.setText(" · ".join(parts))
        self.empty_label.setText(
            _("No hours logged yet. Click “New entry” to log the time a member gave, "
                    "or “Several members…” for everyone who helped at an event.") if not total
            else _("No entry matches the search and the filters."))
        self.empty_label.setVisible(count == 0)

    def show_view(self, view: int) -> None:
        """Show the entries (``ENTRIES``) or the summary (``SUMMARY``)."""
        self.views.button(view).setChecked(True)
        self.stack.setCurrentIndex(view)
        self.filters.set_enabled_for_list(view == ENTRIES)
        self.count_label.setVisible(view == ENTRIES)  # the summary says its own totals
        self.commands.set_list_shown(view == ENTRIES)
        self.exporter.set_available(view == ENTRIES)  # the entries, not the summary
        if view == SUMMARY:
            self.summary.show_period(*self.filters.bounds())
        self._selection_changed()

    def _show_member(self, member_id: int) -> None:
        self.filters.clear_all_but_period()
        self.filters.choose_member(member_id)
        self.show_view(ENTRIES)

    def _show_category(self, name: str) -> None:
        self.filters.clear_all_but_period()
        self.filters.choose_category(name)
        self.show_view(ENTRIES)

    # -- selection ------------------------------------------------------------------------

    def selected_rows(self) -> list[VolunteerRow]:
        """The selected entries, in the list's order."""
        indexes = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [index.data(RowRole) for index in indexes]

    def selected_ids(self) -> list[int]:
        return [row.id for row in self.selected_rows()]

    def current_row(self) -> VolunteerRow | None:
        """The entry Edit acts on: the current one when selected, else the first selected."""
        current = self.table.selectionModel().currentIndex()
        if current.isValid() and self.table.selectionModel().isRowSelected(current.row()):
            return current.data(RowRole)
        rows = self.selected_rows()
        return rows[0] if rows else None

    def select_entries(self, entry_ids: Sequence[int], scroll: bool = True) -> bool:
        """Select the rows of ``entry_ids`` the filters show; False when none is shown."""
        positions = sorted(p for p in map(self.model.row_of, entry_ids) if p >= 0)
        selection = self.table.selectionModel()
        if not positions:
            selection.clearSelection()
            return False
        flags = QItemSelectionModel.SelectionFlag
        selection.setCurrentIndex(self.model.index(positions[0], 0),
                                  flags.ClearAndSelect | flags.Rows)
        for position in positions[1:]:
            selection.select(self.model.index(position, 0), flags.Select | flags.Rows)
        if scroll:
            self.table.scrollTo(self.model.index(positions[0], 0))
        return True

    def _selection_changed(self) -> None:
        self.commands.selection_changed(len(self.selected_rows())
                                       if self.stack.currentIndex() == ENTRIES else 0)

    def _context_menu(self) -> QMenu:
        return self.commands.context_menu(bool(self.selected_ids()))

    def focus_search(self) -> None:
        focus_search(self.filters.search)

    def _focus_table(self) -> None:
        if self.model.rowCount() and not self.selected_ids():
            self.select_entries([self.model.row_at(0).id])
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- after a change -------------------------------------------------------------------

    def entries_saved(self, entry_ids: Sequence[int], message: str) -> None:
        """Read saved entries again, show them (loosening the filters if they hide them),
        select them and tell the main window. ``message`` may name the first entry's
        ``{hours}``, ``{name}`` and ``{date}``."""
        if not self._loaded:  # saved while the list was being read: read it now
            self.reload()
        fresh = volunteer_rows(entry_ids=entry_ids)
        self._replace(entry_ids, fresh)
        if fresh:
            first = fresh[0]
            message = message.format(hours=format_hours(first.hours), name=first.member_name,
                                     date=format_date(first.date))
            if self.filters.loosen_to_keep(first):
                message += " " + _("Filters changed to show it.")
        self.apply_filter()
        self.select_entries([row.id for row in fresh])
        self.entries_changed.emit()
        self.status_message.emit(message)

    def entries_deleted(self, entry_ids: Sequence[int]) -> None:
        """Drop deleted entries from the list; the next one gets selected."""
        first = min((self.model.row_of(entry_id) for entry_id in entry_ids
                     if self.model.row_of(entry_id) >= 0), default=0)
        self._replace(entry_ids, [])
        self.apply_filter()
        if self.model.rowCount():
            self.select_entries([self.model.row_at(min(first, self.model.rowCount() - 1)).id])
        self.entries_changed.emit()

    def categories_changed(self) -> None:
        """Categories were renamed, archived or reordered: read everything again."""
        self.reload()
        self.entries_changed.emit()

    def _deleted(self, entry_ids: Sequence[int], message: str) -> None:
        self.entries_deleted(entry_ids)
        self.status_message.emit(message)

    def _replace(self, entry_ids: Sequence[int], fresh: list[VolunteerRow]) -> None:
        self.rows.replace(entry_ids, fresh)
        self.filters.rebuild(self.rows.all, category_rows(), None)
        self.summary.invalidate()
