"""Table model of the payment import's preview: every line of the file and what it gives."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush

from clubdesk.domain.exchange.payment_import import LineState, PreviewLine
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date, format_money
from clubdesk.ui.common.palette import Role, colour
from clubdesk.ui.common.row_model import (
    ALIGN,
    ALIGN_RIGHT,
    DISPLAY,
    FOREGROUND,
    TOOLTIP,
    Index,
    RowListModel,
    RowRole,
)

COL_LINE = 0
COL_RESULT = 1
COL_NAME = 2
COL_MEMBER = 3
COL_AMOUNT = 4
COL_PAID_ON = 5
COL_YEAR = 6
COL_DETAIL = 7
COLUMN_COUNT = 8

# RowRole (from row_model) gives the PreviewLine itself.
__all__ = ["COLUMN_COUNT", "PaymentLinesModel", "RowRole", "state_label"]


def state_label(state: str, create_missing: bool = False) -> str:
    """What importing does with a line, in a word or two."""
    labels = {
        LineState.NEW: _("To record"),
        LineState.MISSING: _("New member") if create_missing else _("Member not found"),
        LineState.ALREADY: _("Already recorded"),
        LineState.REPEATED: _("Repeated line"),
        LineState.NOT_PAID: _("Refunded or cancelled"),
        LineState.INVALID: _("Invalid"),
    }
    return labels.get(state, state)


class PaymentLinesModel(RowListModel):
    """The lines of a payment file, in its order; the refused ones in red."""

    COLUMN_COUNT = COLUMN_COUNT
    RIGHT_HEADERS = frozenset({COL_LINE, COL_AMOUNT})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = (_("Line"), _("Result"), _("Name in the file"), _("Member"),
                         _("Amount"), _("Paid on"), _("Year"), _("Details"))
        self._header_tips = {COL_YEAR: _("The fiscal year the payment is for")}
        self._red = QBrush(colour(Role.ERROR))
        self._muted = QBrush(colour(Role.MUTED))
        self._create_missing = False

    def set_lines(self, lines: Sequence[PreviewLine], create_missing: bool) -> None:
        self._create_missing = create_missing
        self.set_rows(lines, presorted=True)

    def _detail(self, line: PreviewLine) -> str:
        """Why a line is refused or left out; how its member was found, and who paid."""
        if line.payer and line.state in (LineState.NEW, LineState.MISSING):
            return f"{line.detail} " + _("Paid by {payer}.").format(payer=line.payer)
        return line.detail

    def _text(self, line: PreviewLine, column: int) -> str:
        if column == COL_LINE:
            return str(line.line)
        if column == COL_RESULT:
            return state_label(line.state, self._create_missing)
        if column == COL_NAME:
            return line.name
        if column == COL_MEMBER:
            return line.member_name
        if column == COL_AMOUNT:
            return format_money(line.amount)
        if column == COL_PAID_ON:
            return format_date(line.paid_on)
        if column == COL_YEAR:
            return str(line.fiscal_year) if line.fiscal_year else ""
        return self._detail(line)

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        line: PreviewLine = self._rows[index.row()]
        column = index.column()
        if role in (DISPLAY, TOOLTIP):
            return self._text(line, column)
        if role == ALIGN and column in (COL_LINE, COL_AMOUNT):
            return ALIGN_RIGHT
        if role == FOREGROUND and column == COL_RESULT:
            if line.state == LineState.INVALID or (
                    line.state == LineState.MISSING and not self._create_missing):
                return self._red
            if line.state in (LineState.ALREADY, LineState.REPEATED, LineState.NOT_PAID):
                return self._muted
        if role == RowRole:
            return line
        return None
