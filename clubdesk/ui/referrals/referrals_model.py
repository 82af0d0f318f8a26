"""Table model of the Referrals tab: one line per :class:`ReferralRow`, and how a referral's
history reads.

The model sorts itself on keys cached per referral, as the members model does: the tab keeps
every row in the sort order and a keystroke in the search field only filters that list. The
status carries a colour (won green, lost grey, new blue, in progress amber); a lost referral
is greyed whole, and someone outside the network is written in italics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from clubdesk.domain.common.codes import ReferralStatus
from clubdesk.domain.common.labels import referral_status_label
from clubdesk.domain.common.text import search_fold
from clubdesk.domain.referrals.referral_list import ReferralRow
from clubdesk.domain.referrals.referrals import CLOSED_STATUSES, REFERRAL_STATUSES
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date, format_money
from clubdesk.ui.common.palette import Role, colour
from clubdesk.ui.common.row_model import (
    ALIGN,
    ALIGN_RIGHT,
    DISPLAY,
    FONT,
    FOREGROUND,
    TOOLTIP,
    IdRole,
    Index,
    RowRole,
    SortedRowModel,
    SortKey,
    SortRole,
    ValueCache,
)

COL_DATE = 0
COL_GIVER = 1
COL_RECEIVER = 2
COL_CONTACT = 3
COL_STATUS = 4
COL_AMOUNT = 5
COL_LAST_CHANGE = 6
COL_DESCRIPTION = 7  # last: it takes the spare width
COLUMN_COUNT = 8

ReferralIdRole = IdRole  # int: the referral's id; RowRole: the ReferralRow itself

_RANK = {code: rank for rank, code in enumerate(REFERRAL_STATUSES)}
# Columns whose text may be cut: the tooltip shows it whole.
_TEXT_TIPS = {COL_GIVER: "giver_name", COL_RECEIVER: "receiver_name", COL_CONTACT: "contact",
              COL_DESCRIPTION: "description"}
STATUS_COLOURS = {ReferralStatus.NEW: Role.NEW, ReferralStatus.IN_PROGRESS: Role.IN_PROGRESS,
                  ReferralStatus.WON: Role.WON}


def history_text(steps: Sequence[tuple[str, dt.date]], amount: Decimal | None = None,
                 status: str | None = None) -> str:
    """"given 03/03/2026 · contacted 06/03/2026 · won 20/04/2026, 1 250,00 €".

    An "in progress" step after a closing is a reopening; ``amount`` goes with the last
    step when the referral (``status``) is won.
    """
    words = {ReferralStatus.NEW: _("given {date}"),
             ReferralStatus.CONTACTED: _("contacted {date}"),
             ReferralStatus.IN_PROGRESS: _("in progress {date}"),
             ReferralStatus.WON: _("won {date}"), ReferralStatus.LOST: _("lost {date}")}
    parts = []
    for position, (code, day) in enumerate(steps):
        text = words.get(code, "{date}").format(date=format_date(day))
        if (code == ReferralStatus.IN_PROGRESS and position
                and steps[position - 1][0] in CLOSED_STATUSES):
            text = _("reopened {date}").format(date=format_date(day))
        if code == status == ReferralStatus.WON and amount is not None and (
                position == len(steps) - 1):
            text = _("{step}, {amount}").format(step=text, amount=format_money(amount))
        parts.append(text)
    return " · ".join(parts)


class ReferralsModel(SortedRowModel):
    """Referrals as a table; sorts itself in Python (see the module docstring)."""

    COLUMN_COUNT = COLUMN_COUNT
    RIGHT_HEADERS = frozenset({COL_AMOUNT})
    DEFAULT_SORT = (COL_DATE, Qt.SortOrder.DescendingOrder)  # the most recent first

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folded = ValueCache(search_fold)  # as the search keys are folded
        self._dates = ValueCache(format_date)
        self._money = ValueCache(format_money)
        self._headers = (
            _("Date"), _("Given by"), _("Received by"), _("Contact"),
            _("Status"), _("Business"), _("Last step"),
            _("Description"),
        )
        self._statuses = {code: referral_status_label(code) for code in REFERRAL_STATUSES}
        self._outside_tip = _("Outside the network")
        grey = QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                            QPalette.ColorRole.Text)
        self._lost_brush = QBrush(grey)
        self._status_brushes = {code: QBrush(colour(role))
                                for code, role in STATUS_COLOURS.items()}
        self._italic = QFont()
        self._italic.setItalic(True)
        self._display: tuple[Callable[[ReferralRow], str], ...] = (
            lambda row: self._dates[row.date],
            lambda row: row.giver_name,
            lambda row: row.receiver_name,
            lambda row: row.contact,
            lambda row: self._statuses.get(row.status, row.status),
            lambda row: self._money[row.amount],
            lambda row: self._dates[row.last_change],
            lambda row: row.description.split("\n", 1)[0],
        )

    # Qt interface -------------------------------------------------------------------------

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._display[column](row)
        if role == RowRole:
            return row
        if role == ReferralIdRole:
            return row.id
        if role == SortRole:
            return self.sort_key(row, column)
        if role == FOREGROUND:
            if row.status == ReferralStatus.LOST:
                return self._lost_brush
            if column == COL_STATUS or (column == COL_AMOUNT
                                        and row.status == ReferralStatus.WON):
                return self._status_brushes.get(row.status)
            return None
        if role == ALIGN and column == COL_AMOUNT:
            return ALIGN_RIGHT
        if column == COL_RECEIVER and row.is_external:
            if role == FONT:
                return self._italic
            if role == TOOLTIP:
                return f"{row.receiver_name}\n{self._outside_tip}"
        if role == TOOLTIP and column in _TEXT_TIPS:
            return getattr(row, _TEXT_TIPS[column]) or None
        return None

    # Sorting ------------------------------------------------------------------------------

    def _make_key(self, row: ReferralRow, column: int) -> SortKey:
        """The column's value, then the date; the date alone for the date column."""
        when = (row.date, row.id)
        if column in _TEXT_TIPS:
            return (self._folded[getattr(row, _TEXT_TIPS[column])], *when)
        if column == COL_STATUS:
            return (_RANK.get(row.status, len(_RANK)), *when)
        if column == COL_AMOUNT:
            return (Decimal(-1) if row.amount is None else row.amount, *when)
        if column == COL_LAST_CHANGE:
            return (row.last_change, *when)
        return when
