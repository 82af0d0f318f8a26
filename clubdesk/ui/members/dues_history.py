"""The member panel's dues page: each fiscal year with its status, and the payments of each
(rate, amount, date, method, receipt); the buttons to record, edit or delete a payment say
so through signals (the window opens the payment forms)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.codes import PaymentMethod
from clubdesk.domain.common.labels import payment_method_label
from clubdesk.domain.dues.dues_status import DuesStatus, dues_status_label
from clubdesk.domain.dues.payments import PaymentRow
from clubdesk.domain.members.member_dues import DuesYear
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date, format_money
from clubdesk.ui.common.palette import colour, css
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
from clubdesk.ui.common.table_views import make_row_table, select_line
from clubdesk.ui.members.members_model import DUES_COLOURS

COL_YEAR = 0
COL_RATE = 1
COL_AMOUNT = 2
COL_PAID_ON = 3
COL_METHOD = 4
COL_RECEIPT = 5
COL_PAYER = 6
COL_STATUS = 7
COLUMN_COUNT = 8

COLUMN_WIDTHS = {COL_YEAR: 95, COL_RATE: 150, COL_AMOUNT: 95, COL_PAID_ON: 95,
                 COL_METHOD: 170, COL_RECEIPT: 80, COL_PAYER: 170}


def dues_year_text(year: DuesYear) -> str:
    """A year's status as one phrase: "Unpaid: 120.00 € owed", "Paid"…"""
    label = dues_status_label(year.status)
    if year.status == DuesStatus.UNPAID:
        return _("{status}: {amount} owed").format(status=label,
                                                    amount=format_money(year.owed))
    if year.status == DuesStatus.PARTLY_PAID:
        return _("{status}: {amount} still owed").format(status=label,
                                                          amount=format_money(year.owed))
    return label


def method_text(payment: PaymentRow) -> str:
    """"Cheque no. 1234567", "Bank transfer"… ("" for an exemption)."""
    if payment.exempt:
        return ""
    method = payment_method_label(payment.method)
    if payment.method == PaymentMethod.CHEQUE and payment.cheque_number:
        return _("{method} no. {number}").format(method=method, number=payment.cheque_number)
    return method


@dataclass(frozen=True)
class DuesLine:
    """One line of the page: a payment, or a year without any (``payment`` None). The year
    and its status show on the year's first line only."""

    id: int  # the payment's id; minus the year for a year without payments
    year: DuesYear
    payment: PaymentRow | None
    first_of_year: bool

    @property
    def fee_id(self) -> int | None:
        return self.payment.id if self.payment is not None else None


def dues_lines(years: Sequence[DuesYear]) -> list[DuesLine]:
    lines = []
    for year in years:
        if not year.payments:
            lines.append(DuesLine(-year.fiscal_year, year, None, True))
        for position, payment in enumerate(year.payments):
            lines.append(DuesLine(payment.id, year, payment, position == 0))
    return lines


class DuesHistoryModel(RowListModel):
    """The lines of :func:`dues_lines`, latest year first; not sortable (years group)."""

    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = (_("Fiscal year"), _("Fee rate"), _("Amount"), _("Paid on"),
                         _("Method"), _("Receipt no."), _("Paid by"), _("Status"))
        self._header_tips = {COL_PAYER: _("Who paid, when not the member: an employer, "
                                          "a parent…")}
        self._brushes = {code: QBrush(colour(role)) for code, role in DUES_COLOURS.items()}

    RIGHT_HEADERS = frozenset({COL_AMOUNT, COL_RECEIPT})

    def set_years(self, years: Sequence[DuesYear]) -> None:
        self.set_rows(dues_lines(years))

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        line: DuesLine = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._text(line, column)
        if role == RowRole:
            return line
        if role == ALIGN and column in self.RIGHT_HEADERS:
            return ALIGN_RIGHT
        if role == FOREGROUND and column == COL_STATUS:
            return self._brushes.get(line.year.status)
        if role == TOOLTIP:
            if column == COL_STATUS and line.first_of_year:
                return _("Due {due}, paid {paid}").format(
                    due=format_money(line.year.due), paid=format_money(line.year.paid))
            if line.payment is not None and line.payment.note:
                return line.payment.note
        return None

    def _text(self, line: DuesLine, column: int) -> str:
        year, payment = line.year, line.payment
        if column == COL_YEAR:
            return year.label if line.first_of_year else ""
        if column == COL_STATUS:
            return dues_year_text(year) if line.first_of_year else ""
        if payment is None:
            return year.rate_name if column == COL_RATE else ""
        if column == COL_RATE:  # a payment without a rate counts at the year's
            return payment.rate_name or ("" if payment.exempt else year.rate_name)
        if column == COL_AMOUNT:
            return _("Exempt") if payment.exempt else format_money(payment.amount)
        if column == COL_PAID_ON:
            return format_date(payment.paid_on)
        if column == COL_METHOD:
            return method_text(payment)
        if column == COL_RECEIPT:
            return str(payment.receipt_number) if payment.receipt_number else ""
        return payment.payer  # COL_PAYER


class DuesHistoryView(QWidget):
    """The dues page: the years' table, and Record, Edit, Delete beside it."""

    payment_requested = Signal(int)  # the member's id: record a payment for them
    payment_edit_requested = Signal(int)  # the payment's id
    payment_delete_requested = Signal(int)  # the payment's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._member_id: int | None = None
        self.model = DuesHistoryModel(self)
        self.table = make_row_table(self.model, widths=COLUMN_WIDTHS)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(placeholder-text);")
        self.record_button = QPushButton(_("Record a payment…"))
        self.record_button.setToolTip(_("Record dues this member paid"))
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.setToolTip(_("Edit the selected payment"))
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setToolTip(_("Delete the selected payment; its receipt number "
                                        "is not given again"))

        buttons = QVBoxLayout()
        for button in (self.record_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        table_column = QVBoxLayout()
        table_column.addWidget(self.table, 1)
        table_column.addWidget(self.empty_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(table_column, 1)
        layout.addLayout(buttons)

        self.record_button.clicked.connect(self._record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)
        self._selection_changed()

    def show_years(self, member_id: int, years: Sequence[DuesYear]) -> None:
        """Show ``member_id``'s years; the payment selected before stays so if still there."""
        selected = self.selected_fee_id() if member_id == self._member_id else None
        self._member_id = member_id
        self.model.set_years(years)
        self.table.setVisible(bool(years))
        self.empty_label.setVisible(not years)
        self.empty_label.setText(_("No dues recorded for this member."))
        if selected is not None:
            select_line(self.table, self.model.row_of(selected))
        self._selection_changed()

    def selected_line(self) -> DuesLine | None:
        indexes = self.table.selectionModel().selectedRows()
        return indexes[0].data(RowRole) if indexes else None

    def selected_fee_id(self) -> int | None:
        line = self.selected_line()
        return line.fee_id if line is not None else None

    def _selection_changed(self) -> None:
        has_payment = self.selected_fee_id() is not None
        self.edit_button.setEnabled(has_payment)
        self.delete_button.setEnabled(has_payment)

    def _record(self) -> None:
        if self._member_id is not None:
            self.payment_requested.emit(self._member_id)

    def edit_selected(self) -> None:
        fee_id = self.selected_fee_id()
        if fee_id is not None:
            self.payment_edit_requested.emit(fee_id)

    def delete_selected(self) -> None:
        fee_id = self.selected_fee_id()
        if fee_id is not None:
            self.payment_delete_requested.emit(fee_id)

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for text, slot, enabled in (
                (_("Edit…"), self.edit_selected, self.edit_button.isEnabled()),
                (_("Delete…"), self.delete_selected, self.delete_button.isEnabled()),
                (_("Record a payment…"), self._record, self._member_id is not None)):
            action = menu.addAction(text)
            action.triggered.connect(slot)
            action.setEnabled(enabled)
        return menu

    def _show_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.table.viewport().mapToGlobal(position))


def status_css(year: DuesYear) -> str:
    """The colour of a year's status, for rich text."""
    role = DUES_COLOURS.get(year.status)
    return css(role) if role is not None else ""
