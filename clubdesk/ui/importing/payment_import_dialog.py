"""Importing payments: a file, every line of it with what it gives, then one import.

The file is read and checked in the background, and shown line by line before anything is
written: payments to record, members not found (created only if the user ticks it), lines
left out (already recorded, repeated, refunded or cancelled) and invalid lines with their
reason. Import writes everything in one transaction, in the background, with a progress
bar; stopped or failed, it leaves the data as it was.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.storage import storage_error_message
from clubdesk.domain.dues.dues_status import current_fiscal_year
from clubdesk.domain.exchange.payment_columns import FileKind
from clubdesk.domain.exchange.payment_import import (
    LineState,
    PaymentImportResult,
    PaymentPreview,
    PreviewLine,
    apply_payment_import,
    preview_payment_import,
    refusal,
)
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.background import TaskRunner, Work
from clubdesk.ui.common.formatting import format_money
from clubdesk.ui.common.palette import Role, css
from clubdesk.ui.common.report_runner import failure_message
from clubdesk.ui.common.table_views import make_row_table
from clubdesk.ui.importing.import_mapping_page import HINT_STYLE
from clubdesk.ui.importing.payment_lines_model import (
    COL_AMOUNT,
    COL_LINE,
    COL_MEMBER,
    COL_NAME,
    COL_PAID_ON,
    COL_RESULT,
    COL_YEAR,
    PaymentLinesModel,
)

SHOW_ALL, SHOW_RECORDED, SHOW_LEFT_OUT, SHOW_INVALID, SHOW_MISSING = (
    "all", "recorded", "left_out", "invalid", "missing")
_SHOWN_STATES: dict[str, tuple[LineState, ...]] = {
    SHOW_ALL: tuple(LineState),
    SHOW_RECORDED: (LineState.NEW, LineState.MISSING),
    SHOW_MISSING: (LineState.MISSING,),
    SHOW_LEFT_OUT: (LineState.ALREADY, LineState.REPEATED, LineState.NOT_PAID),
    SHOW_INVALID: (LineState.INVALID,),
}
YEARS_OFFERED = 6  # next year, this one and the four before


class PaymentImportDialog(QDialog):
    """Record the payments of a CSV or Excel file; ``imported`` once they are written."""

    imported = Signal(object)  # the PaymentImportResult

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import payments"))
        self.path: Path | None = None
        self.preview: PaymentPreview | None = None
        self.result_: PaymentImportResult | None = None
        self.runner = TaskRunner(self)
        self._busy = False  # reading, checking or importing; over once the outcome is here
        self._importing = False
        self._stop = threading.Event()  # the user asked the import under way to stop

        intro = QLabel(_(
            "Record the payments of a CSV file or an Excel workbook (.xlsx): a list with a "
            "member, an amount and a date, or HelloAsso's export of a membership campaign. "
            "You see what each line gives before anything is written."))
        intro.setWordWrap(True)
        hint = QLabel(_(
            "Headers recognised, in French or English: the member (N° adhérent, Email, or "
            "Nom and Prénom), Montant, Date, and if there Mode de paiement, Tarif, Exercice, "
            "N° de chèque, Payeur, Référence. HelloAsso's export is read as it is: refunded "
            "and cancelled orders are not counted, and an order already imported is not "
            "recorded twice."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.choose_button = QPushButton(_("Choose a file…"))
        self.choose_button.setAutoDefault(False)
        self.file_label = QLabel()
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.year = QComboBox()
        self.year.setObjectName("fiscal_year")
        self.year.addItem(_("as the file says, else the year of each date"), None)
        for year in fiscal_years_offered():
            self.year.addItem(str(year), year)
        year_label = QLabel(_("Fiscal year:"))
        year_label.setBuddy(self.year)
        choose = QHBoxLayout()
        choose.addWidget(self.choose_button)
        choose.addWidget(self.file_label, 1)
        choose.addWidget(year_label)
        choose.addWidget(self.year)

        self.empty = QLabel(_("No file chosen yet."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(HINT_STYLE)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # the file's headers, as typed
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(HINT_STYLE)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.shown = QComboBox()
        self.shown.setObjectName("shown_lines")
        self.shown.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.shown.currentIndexChanged.connect(lambda _index: self._show_lines())
        self.filter_row = QWidget()
        filter_layout = QHBoxLayout(self.filter_row)
        filter_layout.setContentsMargins(0, 0, 0, 0)
        shown_label = QLabel(_("Show:"))
        shown_label.setBuddy(self.shown)
        filter_layout.addWidget(shown_label)
        filter_layout.addWidget(self.shown)
        filter_layout.addStretch(1)
        self.model = PaymentLinesModel(self)
        self.table = make_row_table(self.model, widths={
            COL_LINE: 50, COL_RESULT: 175, COL_NAME: 180, COL_MEMBER: 180, COL_AMOUNT: 90,
            COL_PAID_ON: 90, COL_YEAR: 70})
        self.table.setMinimumHeight(140)

        self.create_missing_box = QCheckBox()
        self.create_missing_box.setObjectName("create_missing")
        self.create_missing_box.toggled.connect(lambda _checked: self._update())
        self.skip_invalid_box = QCheckBox()
        self.skip_invalid_box.setObjectName("skip_invalid")
        self.skip_invalid_box.toggled.connect(lambda _checked: self._update())
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # may quote the file
        self.message.setWordWrap(True)
        self.message.setStyleSheet(css(Role.ERROR))
        self.message.setObjectName("payment_import_message")
        self.outcome = QLabel()
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setWordWrap(True)
        self.progress = QProgressBar()
        self.result_label = QLabel()
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setObjectName("payment_import_result")
        self.result_label.setWordWrap(True)

        self.import_button = QPushButton(_("Import the payments"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.close_button = QPushButton(_("Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.import_button, self.cancel_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(hint)
        layout.addSpacing(4)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.counts)
        layout.addWidget(self.filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.create_missing_box)
        layout.addWidget(self.skip_invalid_box)
        layout.addWidget(self.message)
        layout.addWidget(self.outcome)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addStretch(0)  # takes the room only while the table is hidden
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self.choose_file)
        self.year.currentIndexChanged.connect(lambda _index: self._check_again())
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.resize(1180, 640)  # within a 1366×768 screen, title bar and taskbar included
        self.setMinimumSize(720, 480)
        self._show_parts()
        self.choose_button.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> bool:
        """Show the dialog modally; True when payments were recorded."""
        dialog = cls(parent)
        try:
            dialog.exec()
            return dialog.result_ is not None and dialog.result_.recorded > 0
        finally:
            dialog.deleteLater()

    # -- what shows -------------------------------------------------------------------------

    def is_busy(self) -> bool:
        """True while the file is read and checked, or the payments written."""
        return self._busy

    def _show_parts(self) -> None:
        preview, done = self.preview, self.result_ is not None
        checking = self._busy and not self._importing
        ready = preview is not None and not checking
        self.busy_bar.setVisible(checking)
        self.empty.setVisible(self.path is None)
        self.summary.setVisible(bool(self.summary.text()))
        for widget in (self.counts, self.filter_row, self.table):
            widget.setVisible(ready)
        self.create_missing_box.setVisible(ready and bool(preview and preview.missing))
        self.skip_invalid_box.setVisible(ready and bool(preview and preview.invalid))
        for widget in (self.choose_button, self.year, self.create_missing_box,
                       self.skip_invalid_box):
            widget.setEnabled(not self._importing and not done)
        self.progress.setVisible(self._importing or done)
        self.result_label.setVisible(bool(self.result_label.text()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        done = self.result_ is not None
        self.import_button.setVisible(not done)
        reason = self.refusal()
        self.import_button.setEnabled(not self._busy and not reason)
        self.import_button.setToolTip(reason)
        self.import_button.setDefault(self.import_button.isEnabled())
        self.cancel_button.setVisible(not done)
        self.cancel_button.setText(_("Stop the import") if self._importing else _("Cancel"))
        self.cancel_button.setEnabled(not (self._importing and self._stop.is_set()))
        self.close_button.setVisible(done)
        self.close_button.setDefault(done)

    def refusal(self) -> str:
        """Why Import is refused now, or "" when it may go ahead."""
        preview = self.preview
        if preview is None:
            return _("Choose the file of payments first.")
        if self._busy:
            return _("The file is being checked…")
        if preview.invalid and not self.skip_invalid_box.isChecked():
            return _("Nothing will be written while the file has invalid lines: correct "
                     "them in the file and choose it again, or tick the box above to skip "
                     "them.")
        if not self._to_record():
            return _("Nothing to import: no line gives a payment to record.")
        # Unticked, "create the members not found" leaves their lines out.
        return refusal(preview, create_missing=self.create_missing(),
                       skip_invalid=self.skip_invalid(), skip_missing=True)

    def create_missing(self) -> bool:
        return self.create_missing_box.isChecked()

    def skip_invalid(self) -> bool:
        return self.skip_invalid_box.isChecked()

    def _to_record(self) -> list[PreviewLine]:
        return [] if self.preview is None else self.preview.to_record(self.create_missing())

    def _update(self) -> None:
        """The choices changed: what Import would do, and whether it may."""
        preview = self.preview
        if preview is None or self._busy:
            self._update_buttons()
            return
        self._show_lines()  # "Member not found" or "New member": the labels follow
        reason = self.refusal()
        self.message.setText(reason)
        self.message.setVisible(bool(reason))
        lines = self._to_record()
        if not reason:
            total = sum((line.amount or Decimal("0") for line in lines), Decimal("0"))
            text = ngettext(
                "The import will record {n} payment ({amount}).",
                "The import will record {n} payments ({amount}).", len(lines)).format(
                    amount=format_money(total))
            if self.create_missing() and preview.newcomers:
                text += " " + ngettext("It creates {n} member first.",
                                       "It creates {n} members first.", preview.newcomers)
            elif preview.missing:
                text += " " + ngettext(
                    "The line of a member not found is left out.",
                    "The {n} lines of members not found are left out.", len(preview.missing))
            text += " " + _("Nothing is written before you click “Import the payments”.")
            self.outcome.setText(text)
        self.outcome.setVisible(not reason)
        self._update_buttons()

    def _show_preview(self, preview: PaymentPreview) -> None:
        self.preview = preview
        kind = (_("HelloAsso export") if preview.kind == FileKind.HELLOASSO
                else _("List of payments"))
        columns = ", ".join(dict.fromkeys(preview.column_names().values()))
        self.summary.setText(_("{kind}, {lines}. Columns read: {columns}.").format(
            kind=kind, lines=ngettext("{n} line", "{n} lines", len(preview.lines)),
            columns=columns or "—"))
        new, missing = preview.new, preview.missing
        total = sum((line.amount or Decimal("0") for line in new), Decimal("0"))
        parts = [
            "<b>" + ngettext("{n} payment to record", "{n} payments to record",
                             len(new)) + f" ({format_money(total)})</b>",
            ngettext("{n} line of a member not found", "{n} lines of members not found",
                     len(missing)),
            ngettext("{n} already recorded", "{n} already recorded", len(preview.already)),
            ngettext("{n} repeated line", "{n} repeated lines", len(preview.repeated)),
            ngettext("{n} refunded or cancelled", "{n} refunded or cancelled",
                     len(preview.not_paid)),
            ngettext("{n} invalid line", "{n} invalid lines", len(preview.invalid)),
        ]
        if preview.invalid:
            parts[-1] = f"<b>{parts[-1]}</b>"
        self.counts.setText(" · ".join(parts))
        self.create_missing_box.setText(ngettext(
            "Create the member not found (from the line's name and email) and record their "
            "payment",
            "Create the {n} members not found (from the lines' names and emails) and record "
            "their payments", preview.newcomers))
        self.create_missing_box.setChecked(False)
        self.skip_invalid_box.setText(ngettext(
            "Skip the invalid line and import the others",
            "Skip the {n} invalid lines and import the others", len(preview.invalid)))
        self.skip_invalid_box.setChecked(False)
        self._fill_filter(preview)
        self._show_parts()
        self._update()

    def _fill_filter(self, preview: PaymentPreview) -> None:
        """Offer the kinds of lines the file has; the invalid ones first when there are."""
        self.shown.blockSignals(True)
        self.shown.clear()
        if preview.invalid:
            self.shown.addItem(ngettext("{n} invalid line", "{n} invalid lines",
                                        len(preview.invalid)), SHOW_INVALID)
        self.shown.addItem(ngettext("All: {n} line", "All: {n} lines", len(preview.lines)),
                           SHOW_ALL)
        recorded = preview.of(*_SHOWN_STATES[SHOW_RECORDED])
        if recorded:
            self.shown.addItem(ngettext("{n} payment to record", "{n} payments to record",
                                        len(recorded)), SHOW_RECORDED)
        if preview.missing:
            self.shown.addItem(ngettext("{n} line of a member not found",
                                        "{n} lines of members not found",
                                        len(preview.missing)), SHOW_MISSING)
        left_out = preview.of(*_SHOWN_STATES[SHOW_LEFT_OUT])
        if left_out:
            self.shown.addItem(ngettext("{n} line left out", "{n} lines left out",
                                        len(left_out)), SHOW_LEFT_OUT)
        self.shown.setCurrentIndex(0)
        self.shown.blockSignals(False)
        self._show_lines()

    def _show_lines(self) -> None:
        if self.preview is None:
            self.model.set_lines([], False)
            return
        states = _SHOWN_STATES.get(self.shown.currentData() or SHOW_ALL, ())
        self.model.set_lines(self.preview.of(*states), self.create_missing())

    def show_lines(self, shown: str) -> None:
        """Show the lines of one kind (``SHOW_*``), as the list's user does."""
        self.shown.setCurrentIndex(self.shown.findData(shown))

    # -- background work --------------------------------------------------------------------

    def _run(self, work: Work, on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None],
             on_progress: Callable[[int, int], None] | None = None) -> None:
        def settled(handler: Callable[[Any], None]) -> Callable[[Any], None]:
            def settle(outcome: Any) -> None:
                self._busy = False
                self._importing = False
                handler(outcome)
                self._show_parts()
            return settle

        self._busy = True
        self.runner.run(work, settled(on_success), settled(on_failure), on_progress)
        self._show_parts()

    def _drop_task(self) -> None:
        """Forget the check under way: its result no longer matters."""
        if self._busy and not self._importing:
            self.runner.cancel()
            self._busy = False

    # -- the file and its check -------------------------------------------------------------

    def choose_file(self) -> None:
        folder = str(self.path.parent) if self.path else str(Path.home())
        path, _selected = QFileDialog.getOpenFileName(
            self, _("Choose the file of payments to import"), folder,
            _("CSV or Excel files (*.csv *.txt *.xlsx);;All files (*)"))
        if path:
            self.read_file(Path(path))

    def fiscal_year(self) -> int | None:
        return self.year.currentData()

    def set_fiscal_year(self, year: int | None) -> None:
        """Choose the fiscal year of every payment (None: as the file says)."""
        self.year.setCurrentIndex(max(self.year.findData(year), 0))

    def read_file(self, path: Path) -> None:
        """Read and check ``path`` in the background; its lines show when it is done."""
        self.path = path
        self.file_label.setText(str(path))
        self._check_again()

    def _check_again(self) -> None:
        path, year = self.path, self.fiscal_year()
        if path is None or self._importing or self.result_ is not None:
            return
        self._drop_task()
        self.preview = None
        self.summary.setText(_("Reading and checking {file}…").format(file=path.name))
        self.message.hide()
        self.outcome.hide()

        def failed(error: BaseException) -> None:
            self.summary.setText("")
            self.message.setText(_("The file cannot be read: {reason}").format(
                reason=failure_message(error)) + "\n" + _(
                "Choose another file, or correct this one and choose it again."))
            self.message.show()

        def check(progress: Callable[[int, int], bool]) -> PaymentPreview:
            return preview_payment_import(path, year, progress)

        self._run(check, self._show_preview, failed, self._checked_progress)

    def _checked_progress(self, done: int, total: int) -> None:
        self.busy_bar.setRange(0, max(total, 1))
        self.busy_bar.setValue(done)

    # -- the import ---------------------------------------------------------------------------

    def start_import(self) -> None:
        preview = self.preview
        if preview is None or self._busy or self.refusal():
            return
        create, skip = self.create_missing(), self.skip_invalid()
        stop = self._stop = threading.Event()
        self._importing = True
        self.message.hide()
        self.outcome.hide()
        self.result_label.setStyleSheet("")
        self.result_label.setText(_("Importing the payments of {file}…").format(
            file=preview.path.name))
        self.progress.setRange(0, max(len(self._to_record()), 1))
        self.progress.setValue(0)

        def write(progress: Callable[[int, int], bool]) -> PaymentImportResult:
            # Stop rolls the transaction back: the import says so with a cancelled result.
            return apply_payment_import(
                preview, create_missing=create, skip_invalid=skip, skip_missing=True,
                progress=lambda done, total: progress(done, total) and not stop.is_set())

        def progressed(done: int, total: int) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

        self._run(write, self._imported, self._import_failed, progressed)

    def _imported(self, result: PaymentImportResult) -> None:
        if result.cancelled:
            self.progress.setValue(0)
            self.result_label.setText(_("Import stopped: nothing was written. The payments are as "
                                  "they were; you can import again."))
            return
        self.result_ = result
        self.progress.setValue(self.progress.maximum())
        lines = [ngettext("{n} payment recorded ({amount}).",
                          "{n} payments recorded ({amount}).", result.recorded).format(
                              amount=format_money(result.total))]
        if result.receipts is not None:
            first, last = result.receipts
            lines.append(_("Receipt no. {first}.").format(first=first) if first == last
                         else _("Receipts no. {first} to {last}.").format(first=first,
                                                                          last=last))
        if result.members_created:
            lines.append(ngettext("{n} member created.", "{n} members created.",
                                  result.members_created))
        self.result_label.setStyleSheet(css(Role.SUCCESS))
        self.result_label.setText(" ".join(lines))
        self.imported.emit(result)

    def _import_failed(self, error: BaseException) -> None:
        storage = storage_error_message(error)
        message = storage or failure_message(error)
        if storage is None:
            message += "\n" + _("Nothing was written: the import is done in one go, all of "
                                "it or none.")
        self.progress.hide()
        self.result_label.setStyleSheet(css(Role.ERROR))
        self.result_label.setText(_("The payments could not be imported.") + "\n" + message)

    def cancel_import(self) -> None:
        """Ask the import under way to stop; its transaction is rolled back."""
        if self._importing and not self._stop.is_set():
            self._stop.set()
            self.result_label.setText(_("Stopping the import: nothing will be written…"))
            self._update_buttons()

    def reject(self) -> None:
        if self._importing:  # Cancel, Escape or the window's close box: stop, then tell
            self.cancel_import()
            return
        self._drop_task()
        super().reject()

    def accept(self) -> None:
        if self._importing:
            return
        super().accept()


def fiscal_years_offered(today: dt.date | None = None) -> list[int]:
    """The years the dialog offers, latest first (next year, this one, four before)."""
    this_year = current_fiscal_year(today)
    return list(range(this_year + 1, this_year + 1 - YEARS_OFFERED, -1))
