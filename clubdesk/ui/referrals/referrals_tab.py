"""The Referrals tab: business passed between members, followed until it is won or lost.

Two views share the search and the period: "Referrals", the list with its filters, the
actions on the selected referral and its history underneath; and "Summary", a line per
member for the period. Every referral is read once, on first show; filtering runs in Python
over precomputed search keys, in the order the model sorts (kept between keystrokes), as in
the Members tab. Editing one referral reads that referral again, not the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.referrals.referral_list import (
    ReferralRow,
    filter_referral_rows,
    referral_rows,
    referral_totals,
)
from clubdesk.domain.referrals.referrals import status_history
from clubdesk.i18n import _, format_count, ngettext
from clubdesk.ui.common.background import TaskRunner
from clubdesk.ui.common.export_actions import ListExport
from clubdesk.ui.common.form_widgets import choose_data
from clubdesk.ui.common.formatting import format_money
from clubdesk.ui.common.search_field import focus_search, lead_to_list
from clubdesk.ui.common.table_views import (
    current_row_object,
    make_row_table,
    select_line,
    wire_row_table,
)
from clubdesk.ui.referrals import referral_filters as filters
from clubdesk.ui.referrals import referrals_model as columns
from clubdesk.ui.referrals.ordered_referrals import OrderedReferrals
from clubdesk.ui.referrals.referral_actions import ReferralActions
from clubdesk.ui.referrals.referral_detail import ReferralDetail
from clubdesk.ui.referrals.referral_summary_view import ReferralSummaryView
from clubdesk.ui.referrals.referrals_model import ReferralsModel, RowRole, history_text

LIST, SUMMARY = 0, 1
# Widths at 1366 pixels; the description, last, takes the rest.
COLUMN_WIDTHS = {columns.COL_DATE: 95, columns.COL_GIVER: 170, columns.COL_RECEIVER: 190,
                 columns.COL_CONTACT: 210, columns.COL_STATUS: 95, columns.COL_AMOUNT: 115,
                 columns.COL_LAST_CHANGE: 100}
_HINT = "color: palette(placeholder-text);"


class ReferralsTab(QWidget):
    """Search, filters, list and summary of the referrals, with their actions."""

    status_message = Signal(str)
    referrals_changed = Signal()  # after a referral was added, edited, moved on or deleted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = False
        self._summary_stale = True
        self._today = dt.date.today()
        self.loader = TaskRunner(self)

        self.list_button = QPushButton(_("Referrals"))
        self.summary_button = QPushButton(_("Summary"))
        self.views = QButtonGroup(self)
        for view, button in ((LIST, self.list_button), (SUMMARY, self.summary_button)):
            button.setCheckable(True)
            self.views.addButton(button, view)
        self.list_button.setChecked(True)
        self.summary_button.setToolTip(_("Referrals given, won and business, per "
                                         "member, for the period"))
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.period_filter = filters.PeriodFilter(self._today)
        self.status_filter = filters.status_filter()
        self.member_filters = filters.MemberFilters(self)
        self.giver_filter = self.member_filters.giver
        self.receiver_filter = self.member_filters.receiver
        self.count_label = QLabel()
        self.totals_label = QLabel()
        for label in (self.count_label, self.totals_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = ReferralsModel(self)
        self.rows = OrderedReferrals(self.model)
        self.table = make_row_table(self.model, widths=COLUMN_WIDTHS)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(columns.COL_DATE,
                                                       Qt.SortOrder.DescendingOrder)
        self.detail = ReferralDetail()
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(_HINT)
        self.summary_view = ReferralSummaryView()

        self.commands = ReferralActions(self, self.selected_row,
                                        lambda: self.member_filters.chosen()[0])
        self.addActions(self.commands.tab_actions())
        self.table.addActions(self.commands.list_actions())
        self.exporter = ListExport(self, self.table, ("referrals",), self.status_message.emit)
        self.export_button = self.exporter.button
        self._build_layout()

        self.views.idClicked.connect(self.set_view)
        self.summary_view.computed.connect(self._show_member_count)
        self.search.textChanged.connect(self.apply_filter)
        lead_to_list(self.search, self._focus_table)
        self.period_filter.period_changed.connect(self._period_changed)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.member_filters.changed.connect(self.apply_filter)
        wire_row_table(self.table, selection_changed=self._selection_changed,
                       opened=self.commands.edit_selected, menu=self.commands.context_menu)
        self.commands.saved.connect(self._show_saved)
        self.commands.step_recorded.connect(lambda referral_id: self._show_saved(referral_id))
        self.commands.deleted.connect(self._show_deleted)
        self.commands.outdated.connect(self.reload)
        self.commands.search_wanted.connect(self.focus_search)
        self.set_view(LIST)

    # -- building -------------------------------------------------------------------------

    def _build_layout(self) -> None:
        filters_row = QHBoxLayout()
        switch = QHBoxLayout()
        switch.setSpacing(0)
        switch.addWidget(self.list_button)
        switch.addWidget(self.summary_button)
        filters_row.addLayout(switch)
        filters_row.addSpacing(8)
        filters_row.addWidget(self.search, 2)
        for widget in (self.period_filter, self.status_filter, self.giver_filter,
                       self.receiver_filter):
            filters_row.addWidget(widget)
        self.actions_bar = QWidget()
        actions_row = QHBoxLayout(self.actions_bar)
        actions_row.setContentsMargins(0, 0, 0, 0)
        for button in self.commands.buttons():
            if button is None:
                actions_row.addSpacing(16)
            else:
                actions_row.addWidget(button)
        actions_row.addSpacing(16)
        actions_row.addWidget(self.export_button)  # hidden with the list, as the others
        counts_row = QHBoxLayout()
        counts_row.addWidget(self.count_label)
        counts_row.addWidget(self.totals_label)
        counts_row.addStretch(1)
        counts_row.addWidget(self.actions_bar)

        list_page = QWidget()
        page = QVBoxLayout(list_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.table, 1)
        page.addWidget(self.empty_label)
        page.addWidget(self.detail)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.summary_view)
        layout = QVBoxLayout(self)
        layout.addLayout(filters_row)
        layout.addLayout(counts_row)
        layout.addWidget(self.stack, 1)

    # -- loading, views and filtering -----------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._loaded and not self.loader.is_running():
            self._load_in_background()

    def _load_in_background(self) -> None:
        """Read the referrals off the GUI thread: half a second for a federation's 41,000.

        The tab says so meanwhile, and offers nothing to do until they are there.
        """
        self.count_label.setText(_("Reading the referrals…"))
        self.commands.set_ready(False)
        self.loader.run(lambda _progress: referral_rows(), self.reload, self._not_read)

    def _not_read(self, error: BaseException) -> None:
        self.count_label.setText(
            _("The referrals could not be read: {error}").format(error=error))

    def narrow(self, filters: Mapping[str, object]) -> None:
        """Show the referrals the dashboard pointed at: ``filters`` may hold "status" and
        "period" (with ``start`` and ``end``)."""
        period = filters.get("period")
        if period is not None:
            self.period_filter.set_custom(period.start, period.end)
        if "status" in filters:
            choose_data(self.status_filter, filters["status"])
        self.set_view(LIST)

    def reload(self, rows: list[ReferralRow] | None = None) -> None:
        """Read every referral again (or take ``rows`` read already) and show them."""
        self.loader.cancel()  # what is being read is older
        self._today = dt.date.today()
        self.rows.set_rows(referral_rows() if rows is None else rows)
        self._loaded = True
        self.commands.set_ready(True)
        self._summary_stale = True
        self.apply_filter()
        self.member_filters.set_rows(self.rows.all)

    def view(self) -> int:
        return self.stack.currentIndex()

    def set_view(self, view: int) -> None:
        """Show the list (:data:`LIST`) or the per-member summary (:data:`SUMMARY`)."""
        self.views.button(view).setChecked(True)
        self.stack.setCurrentIndex(view)
        listing = view == LIST
        for widget in (self.status_filter, self.giver_filter, self.receiver_filter,
                       self.actions_bar, self.totals_label):
            widget.setVisible(listing)
        self.search.setPlaceholderText(
            _("Search giver, receiver, contact, description…") if listing
            else _("Search a member…"))
        if self._loaded:
            self.apply_filter()

    def _period_changed(self) -> None:
        self._summary_stale = True
        self.apply_filter()

    def _filters(self) -> tuple[object, ...]:
        return (filters.status_choice(self.status_filter), *self.member_filters.chosen(),
                *self.period_filter.bounds())

    def matching_rows(self) -> list[ReferralRow]:
        """The referrals the search and the filters keep, in the table's order."""
        return self.rows.matching(self.search.text(), self._filters())

    def apply_filter(self) -> None:
        """Show what the search and the filters keep, in the view shown."""
        if self.view() == SUMMARY:
            self._show_summary()
            return
        selected = self.selected_referral_id()
        rows = self.matching_rows()
        self.model.set_rows(rows, presorted=True)
        self.rows.shown()
        if selected is None or not self.select_referral(selected):
            self._selection_changed()
        shown, total = len(rows), len(self.rows.all)
        self.count_label.setText(
            ngettext("{n} referral", "{n} referrals", total) if shown == total
            else ngettext("{shown} of {n} referral",
                          "{shown} of {n} referrals", total).format(shown=format_count(shown)))
        totals = referral_totals(rows)
        self.totals_label.setText(ngettext("· {n} won · {amount}",
                                           "· {n} won · {amount}", totals.won).format(
            amount=format_money(totals.business)))
        self.empty_label.setText(
            _("No referrals yet. Click “New referral” (Ctrl+N) to record the first "
              "one.") if not total
            else _("No referral matches the search and the filters."))
        self.empty_label.setVisible(shown == 0)
        self.detail.setVisible(shown > 0)  # the empty list says why; nothing to select

    def _show_summary(self) -> None:
        first, last = self.period_filter.bounds()
        self.summary_view.show_period(first or dt.date(1900, 1, 1), last or self._today,
                                      self.search.text(), again=self._summary_stale)
        self._summary_stale = False
        self._show_member_count()

    def _show_member_count(self) -> None:
        shown, total = self.summary_view.counts()
        self.count_label.setText(
            ngettext("{n} member", "{n} members", total) if shown == total
            else ngettext("{shown} of {n} member",
                          "{shown} of {n} members", total).format(shown=format_count(shown)))

    # -- selection ------------------------------------------------------------------------

    def selected_row(self) -> ReferralRow | None:
        return current_row_object(self.table, RowRole)  # type: ignore[no-any-return]

    def selected_referral_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def select_referral(self, referral_id: int) -> bool:
        """Select and show ``referral_id``'s row; False when the filters hide it."""
        return select_line(self.table, self.model.row_of(referral_id))

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.commands.enable_for(row)
        self.detail.show_referral(row)

    # -- keyboard -------------------------------------------------------------------------

    def focus_search(self) -> None:
        focus_search(self.search)

    def _focus_table(self) -> None:
        if self.view() != LIST:
            return
        if self.model.rowCount() and self.selected_row() is None:
            self.select_referral(self.model.row_at(0).id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- after a change ------------------------------------------------------------------

    def refresh_referral(self, referral_id: int) -> ReferralRow | None:
        """Read one referral again; drop it if it is gone. Its row, or None."""
        fresh = referral_rows(referral_ids=[referral_id])
        self.rows.replace(referral_id, fresh)
        self._summary_stale = True
        self.member_filters.set_rows(self.rows.all, fresh[0] if fresh else None)
        return fresh[0] if fresh else None

    def shows(self, row: ReferralRow) -> bool:
        """Whether the search and the filters keep ``row``."""
        return bool(filter_referral_rows([row], self.search.text(),
                                         *self._filters()))  # type: ignore[arg-type]

    def clear_filters(self) -> None:
        """Show every referral: no search, any status, giver and receiver, all dates."""
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.member_filters.clear()
        self.period_filter.show_all()

    def _show_saved(self, referral_id: int, message: str | None = None) -> None:
        """Show the saved referral, loosening the filters if they hide it, and select it.

        ``message`` names {giver} and {receiver}; None says the step just recorded.
        """
        row = self.refresh_referral(referral_id)
        if row is None:
            self.apply_filter()
            return
        names = {"giver": row.giver_name, "receiver": row.receiver_name}
        if message is None:
            step = history_text(status_history(row.id)[-2:], row.amount, row.status)
            message = _("{giver} → {receiver}: {step}.").format(
                step=step.split(" · ")[-1], **names)
        else:
            message = message.format(**names)
        if not self.shows(row):
            self.clear_filters()
            message += " " + _("Filters changed to show it.")
        self.apply_filter()
        self.select_referral(referral_id)
        self.referrals_changed.emit()
        self.status_message.emit(message)

    def _show_deleted(self, referral_id: int, message: str) -> None:
        """Drop a deleted referral from the list; the next one gets selected."""
        position = self.model.row_of(referral_id)
        self.refresh_referral(referral_id)
        self.apply_filter()
        if self.model.rowCount():
            self.select_referral(self.model.row_at(min(position, self.model.rowCount() - 1)).id)
        self.referrals_changed.emit()
        self.status_message.emit(message)
