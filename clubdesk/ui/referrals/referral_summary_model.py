"""Table model of the referrals summary: one line per member for the chosen period.

Sorted in Python like the other models; numbers are right-aligned, amounts in euros, and a
conversion rate that cannot be computed yet (nothing closed) shows a dash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from clubdesk.domain.common.codes import MemberStatus
from clubdesk.domain.referrals.referral_summary import MemberReferrals
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_money
from clubdesk.ui.common.row_model import (
    ALIGN,
    ALIGN_RIGHT,
    DISPLAY,
    FOREGROUND,
    IdRole,
    Index,
    RowListModel,
    RowRole,
    SortKey,
    SortRole,
    ValueCache,
)

COL_MEMBER = 0
COL_GIVEN = 1
COL_WON = 2
COL_LOST = 3
COL_CONVERSION = 4
COL_BUSINESS_GIVEN = 5
COL_RECEIVED = 6
COL_BUSINESS_RECEIVED = 7
COLUMN_COUNT = 8

MemberIdRole = IdRole  # int: the member's id; RowRole: the MemberReferrals itself


def format_rate(rate: float | None) -> str:
    """"62 %" in French, "62%" in English; a dash when there is no rate."""
    if rate is None:
        return "—"
    return _("{rate}%").format(
        rate=QLocale().toString(int(rate * 100 + 0.5)))  # half up, as people round


def _money_text(amount: Decimal) -> str:
    return format_money(amount) if amount else ""  # nothing: an empty cell


class ReferralSummaryModel(RowListModel):
    """Members' referral figures as a table; sorts itself on Python keys.

    Not a :class:`SortedRowModel`: the rows come by name, the name column gives that order
    back (reversed when descending) and the other keys are read straight off the row.
    """

    COLUMN_COUNT = COLUMN_COUNT
    RIGHT_HEADERS = frozenset(range(COL_MEMBER + 1, COLUMN_COUNT))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._given: list[MemberReferrals] = []
        self._sort_column = COL_MEMBER
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = (
            _("Member"), _("Given"), _("Referrals won"),
            _("Referrals lost"),
            _("Conversion"), _("Business generated"), _("Received"),
            _("Business received"),
        )
        self._header_tips = {
            COL_GIVEN: _("Referrals the member gave during the period"),
            COL_WON: _("Referrals the member gave that were won"),
            COL_LOST: _("Referrals the member gave that were lost"),
            COL_CONVERSION: _("Won ÷ (won + lost) among the referrals the member gave"),
            COL_BUSINESS_GIVEN: _("Business closed thanks to the member's referrals"),
            COL_RECEIVED: _("Referrals the member received during the period"),
            COL_BUSINESS_RECEIVED: _("Business the member closed from referrals "
                                           "received"),
        }
        self._former = QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                           QPalette.ColorRole.Text))
        self._money = ValueCache(_money_text)
        self._display: tuple[Callable[[MemberReferrals], str], ...] = (
            lambda row: row.name,
            lambda row: QLocale().toString(row.given),
            lambda row: _count(row.won),
            lambda row: _count(row.lost),
            lambda row: format_rate(row.conversion) if row.given else "",
            lambda row: self._money[row.business_given],
            lambda row: QLocale().toString(row.received),
            lambda row: self._money[row.business_received],
        )

    # Qt interface -------------------------------------------------------------------------

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._display[column](row)
        if role == ALIGN and column != COL_MEMBER:
            return ALIGN_RIGHT
        if role == RowRole:
            return row
        if role == MemberIdRole:
            return row.member_id
        if role == SortRole:
            return self.sort_key(row, column)
        if role == FOREGROUND and row.member_status == MemberStatus.FORMER:
            return self._former
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on ``column`` (-1: by name)."""
        if not 0 <= column < COLUMN_COUNT:
            column, order = COL_MEMBER, Qt.SortOrder.AscendingOrder
        self._sort_column, self._sort_order = column, order
        self._reorder(lambda _rows: self._sorted(self._given))

    # Rows ---------------------------------------------------------------------------------

    def row_id(self, row: MemberReferrals) -> int:
        return row.member_id

    def _order(self, rows: Sequence[MemberReferrals]) -> list[MemberReferrals]:
        """``rows`` (given by name) in the current sort order."""
        self._given = list(rows)
        return self._sorted(self._given)

    def sort_key(self, row: MemberReferrals, column: int) -> SortKey:
        """What ``column`` sorts on; ties keep the name order."""
        if column == COL_MEMBER:
            return ()
        values: SortKey = (
            (), row.given, row.won, row.lost,
            -1.0 if row.conversion is None else row.conversion,
            row.business_given, row.received, row.business_received)
        return (values[column],)

    def _sorted(self, rows: list[MemberReferrals]) -> list[MemberReferrals]:
        # The rows come by name; sorted() is stable, so ties stay in that order.
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._sort_column == COL_MEMBER:
            return rows[::-1] if descending else list(rows)
        column = self._sort_column
        return sorted(rows, key=lambda row: self.sort_key(row, column), reverse=descending)


def _count(value: int) -> str:
    return QLocale().toString(value) if value else ""
