"""Former members kept past the retention period, to anonymise (GDPR storage limitation)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.gdpr.gdpr import (
    RetentionCandidate,
    UnknownMemberError,
    anonymize_members,
    erasure_message,
    retention_candidates,
)
from clubdesk.domain.safety.backups import BackupError
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.prompts import confirm_warning as confirm
from clubdesk.ui.common.prompts import inform
from clubdesk.ui.common.purge_prompt import offer_purge


def months_since(day: dt.date, today: dt.date) -> int:
    """Whole months from ``day`` to ``today``."""
    months = (today.year - day.year) * 12 + today.month - day.month
    return months - 1 if today.day < day.day else months


class RetentionDialog(QDialog):
    """The former members past the retention period, to choose and anonymise."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Former members to anonymise"))
        self.resize(640, 460)
        self.anonymised = 0
        self._today = today or dt.date.today()
        self._candidates: list[RetentionCandidate] = []
        months = load_settings().retention_months
        intro = QLabel(ngettext("Personal data of former members is kept {n} month after they "
                                "leave (association settings); anonymising removes their "
                                "identity and keeps the statistics.",
                                "Personal data of former members is kept {n} months after they "
                                "leave (association settings); anonymising removes their "
                                "identity and keeps the statistics.", months))
        intro.setWordWrap(True)
        self.select_all = QCheckBox(_("Select all"))
        self.select_all.toggled.connect(self._select_all)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Left on"), _("Months since")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 280)
        self.table.itemChanged.connect(self._update_button)
        self.empty = QLabel()
        self.anonymise_button = QPushButton()
        self.anonymise_button.clicked.connect(self.anonymise)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.anonymise_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.select_all)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(bottom)
        self.reload()

    def reload(self) -> None:
        self._candidates = retention_candidates(self._today)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._candidates))
        for row, candidate in enumerate(self._candidates):
            name = QTableWidgetItem(f"{candidate.last_name.upper()} {candidate.first_name}"
                                    .strip())
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            name.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(format_date(candidate.left_on)))
            months = QTableWidgetItem(str(months_since(candidate.left_on, self._today)))
            months.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 2, months)
        self.table.blockSignals(False)
        self.select_all.blockSignals(True)
        self.select_all.setChecked(False)
        self.select_all.blockSignals(False)
        self.select_all.setEnabled(bool(self._candidates))
        self.empty.setText("" if self._candidates else _(
            "No former member is past the retention period."))
        self._update_button()

    def candidates(self) -> list[RetentionCandidate]:
        return list(self._candidates)

    def set_checked(self, member_id: int, checked: bool) -> None:
        for row, candidate in enumerate(self._candidates):
            if candidate.id == member_id:
                self.table.item(row, 0).setCheckState(
                    Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen_ids(self) -> list[int]:
        return [candidate.id for row, candidate in enumerate(self._candidates)
                if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    def _select_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(state)
        self.table.blockSignals(False)
        self._update_button()

    def _update_button(self) -> None:
        count = len(self.chosen_ids())
        self.anonymise_button.setText(ngettext("Anonymise the {n} chosen",
                                               "Anonymise the {n} chosen", count))
        self.anonymise_button.setEnabled(count > 0)

    def anonymise(self) -> int:
        """Confirm, then anonymise the chosen members; how many were."""
        ids = self.chosen_ids()
        if not ids:
            return 0
        text = ngettext("Anonymise {n} former member? Their name, contact details, notes and "
                        "consents are erased for good; their attendance, volunteer hours, "
                        "referrals and dues stay in the statistics under a number. This cannot "
                        "be undone.",
                        "Anonymise {n} former members? Their names, contact details, notes and "
                        "consents are erased for good; their attendance, volunteer hours, "
                        "referrals and dues stay in the statistics under a number. This cannot "
                        "be undone.", len(ids))
        if not confirm(self, _("Anonymise former members"), text,
                       _("Anonymise")):
            return 0
        try:
            result = anonymize_members(ids, self._today)
        except (UnknownMemberError, RuntimeError, BackupError) as error:
            inform(self, _("Anonymise former members"), str(error))
            self.reload()
            return 0
        self.anonymised += result.count
        lines = [ngettext("{n} former member anonymised.",
                          "{n} former members anonymised.", result.count)]
        details = erasure_message(ids[0], result).split("\n")[1:]  # the reminders
        if result.backups:
            offer_purge(self, _("Anonymise former members"), "\n".join(lines + details),
                        list(result.backups))
        else:
            inform(self, _("Anonymise former members"), "\n".join(lines + details))
        self.reload()
        return result.count

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> int:
        """Show the list modally; the number of members anonymised."""
        dialog = cls(parent)
        dialog.exec()
        return dialog.anonymised
