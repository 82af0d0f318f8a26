"""The audit log, read-only: what was imported, exported, merged, erased, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.text import fold, search_fold
from clubdesk.domain.gdpr.audit import AuditRecord, audit_entries
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_datetime
from clubdesk.ui.common.record_model import Column, RecordTableModel
from clubdesk.ui.common.table_views import make_row_table

COLUMN_WIDTHS = {0: 130, 1: 150, 2: 520}


class AuditDialog(QDialog):
    """The latest audit entries with a search field; ``show()`` it or ``ask()`` it."""

    def __init__(self, parent: QWidget | None = None, limit: int = 500) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Audit log"))
        self.resize(960, 520)
        self._actions = {
            "import": _("Import"),
            "export": _("Export"),
            "merge": _("Merge"),
            "erasure": _("Erasure"),
            "access": _("Personal data access"),
        }
        self._entries: list[AuditRecord] = audit_entries(limit)
        intro = QLabel(_(
            "What was done in bulk or to personal data, newest first. The log never names "
            "a person."))
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search action or details…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.model = RecordTableModel([
            Column(_("When"), lambda row: format_datetime(row.at), lambda row: row.at),
            Column(_("Action"), self.action_label, self.action_label),
            Column(_("Details"), lambda row: row.details, lambda row: row.details),
            Column(_("Rows"), lambda row: str(row.rows), lambda row: row.rows,
                   align_right=True),
        ], self)
        self.table: QTableView = make_row_table(self.model, widths=COLUMN_WIDTHS, parent=self)
        self.empty = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self._filter()

    def action_label(self, entry: AuditRecord) -> str:
        return self._actions.get(entry.action, entry.action)

    def shown_entries(self) -> list[AuditRecord]:
        return [self.model.row_at(row) for row in range(self.model.rowCount())]

    def _filter(self) -> None:
        terms = fold(self.search.text()).split()
        rows = [entry for entry in self._entries
                if all(term in self._search_key(entry) for term in terms)]
        self.model.set_rows(rows)
        if not self._entries:
            self.empty.setText(_("Nothing has been logged yet."))
        elif not rows:
            self.empty.setText(_("No entry matches the search."))
        else:
            self.empty.setText("")

    def _search_key(self, entry: AuditRecord) -> str:
        return search_fold(f"{self.action_label(entry)} {entry.action} {entry.details}")

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> None:
        """Show the log modally until closed."""
        cls(parent).exec()
