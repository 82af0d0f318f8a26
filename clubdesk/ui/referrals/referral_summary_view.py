"""The Summary view of the Referrals tab: a line per member for the period, the period's
totals, and what each figure means, written under the table."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from clubdesk.domain.common.text import fold
from clubdesk.domain.referrals.referral_summary import (
    MemberReferrals,
    PeriodTotals,
    ReferralSummary,
    referral_summary,
)
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.background import TaskRunner
from clubdesk.ui.common.formatting import format_money
from clubdesk.ui.common.table_views import make_row_table
from clubdesk.ui.referrals import referral_summary_model as columns
from clubdesk.ui.referrals.referral_summary_model import ReferralSummaryModel, format_rate

COLUMN_WIDTHS = {columns.COL_GIVEN: 100, columns.COL_WON: 110, columns.COL_LOST: 110,
                 columns.COL_CONVERSION: 110, columns.COL_BUSINESS_GIVEN: 170,
                 columns.COL_RECEIVED: 100, columns.COL_BUSINESS_RECEIVED: 170}
_HINT = "color: palette(placeholder-text);"


class ReferralSummaryView(QWidget):
    """The summary table, its totals and its definitions, computed off the GUI thread."""

    computed = Signal()  # the figures asked for are shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members: list[MemberReferrals] = []
        self._text = ""
        self._wanted: tuple[dt.date, dt.date] | None = None
        self._runner = TaskRunner(self)
        self.summary: ReferralSummary | None = None
        self.model = ReferralSummaryModel(self)
        self.table = make_row_table(self.model, widths=COLUMN_WIDTHS)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(columns.COL_MEMBER, Qt.SortOrder.AscendingOrder)
        # The names take the spare width; the figures keep theirs, next to each other.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(columns.COL_MEMBER, QHeaderView.ResizeMode.Stretch)
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.definitions_label = QLabel(_(
            "Every figure counts the referrals given during the period, by their date; the "
            "won ones and their business count whenever they were closed. Conversion: won ÷ "
            "(won + lost) among the referrals the member gave, those still open left out. "
            "Business generated: the amounts of the won referrals the member gave (thanks "
            "for closed business); business received: those of the won referrals they "
            "received. Active members are listed even without referrals; former members "
            "are in grey."))
        self.definitions_label.setWordWrap(True)
        self.definitions_label.setStyleSheet(_HINT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)
        layout.addWidget(self.definitions_label)

    def show_period(self, first: dt.date, last: dt.date, text: str,
                    again: bool = False) -> None:
        """Show the summary from ``first`` to ``last``, members filtered by ``text``.

        It is computed in the background (a seventh of a second for a federation's year),
        unless that period is shown already and nothing changed (``again``).
        """
        self._text = text
        wanted = (first, last)
        shown = self.summary is not None and (
            self.summary.date_from, self.summary.date_to) == wanted
        if not again and (shown or (self._runner.is_running() and self._wanted == wanted)):
            self.set_search(text)
            return
        self._wanted = wanted
        self.totals_label.setText(_("Computing…"))
        # A period asked for meanwhile makes this one's figures arrive nowhere.
        self._runner.run(lambda _progress: referral_summary(first, last), self._computed,
                         self._failed)

    def _computed(self, summary: ReferralSummary) -> None:
        self.show_summary(summary, self._text)
        self.computed.emit()

    def _failed(self, error: BaseException) -> None:
        self.totals_label.setText(_("The summary could not be computed: {error}")
                                  .format(error=error))

    def show_summary(self, summary: ReferralSummary, text: str) -> None:
        """Show ``summary``; ``text`` filters the members by name as in the search field."""
        self.summary = summary
        self._members = summary.members
        self.totals_label.setText(self.totals_text(summary.totals, summary.date_from,
                                                   summary.date_to))
        self.set_search(text)

    def set_search(self, text: str) -> None:
        rows = self._members
        for term in fold(text).split():
            rows = [row for row in rows if term in row.search_key]
        self.model.set_rows(rows)

    def counts(self) -> tuple[int, int]:
        """Members shown, and members in the summary."""
        return self.model.rowCount(), len(self._members)

    def totals_text(self, totals: PeriodTotals, first: dt.date, last: dt.date) -> str:
        """The period in one paragraph, outside the network included."""
        if totals.referrals == 0:
            return _("No referral was given during this period.")
        parts = [
            ngettext("{n} referral given", "{n} referrals given", totals.referrals)
            + " " + ngettext("by {n} member", "by {n} members", totals.givers),
            ngettext("{n} won",
                     "{n} won", totals.won) + ", " + ngettext("{n} lost",
                                                                         "{n} lost", totals.lost)
            + ", " + ngettext("{n} still open", "{n} still open", totals.open),
            _("conversion {rate}").format(rate=format_rate(totals.conversion)),
            _("{amount} of business").format(amount=format_money(totals.business)),
        ]
        if totals.external:
            parts.append(_("outside the network: {count}, {won}, {amount}").format(
                count=ngettext("{n} referral", "{n} referrals", totals.external),
                won=ngettext("{n} won", "{n} won", totals.external_won),
                amount=format_money(totals.external_business)))
        return " · ".join(parts) + "."
