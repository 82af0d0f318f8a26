"""The association's details and rules: name and logo for reports, quorum, alerts."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.settings import (
    Settings,
    load_settings,
    save_settings,
    validate_settings,
)
from clubdesk.domain.safety.backups import folder_beside_database
from clubdesk.i18n import _
from clubdesk.ui.common.conflict_dialog import save_checked, value_text
from clubdesk.ui.common.limited_text import limit_line
from clubdesk.ui.common.palette import Role, css
from clubdesk.ui.settings.backup_folder_field import BackupFolderField


class SettingsDialog(QDialog):
    """Edits the single settings row; Save stays off while a value is unusable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Association settings"))
        self._settings = load_settings()
        self._logo = self._settings.logo

        self.name = limit_line(QLineEdit(self._settings.name), "settings", "name")
        self.address = QPlainTextEdit(self._settings.address)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(160, 60)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_choose = QPushButton(_("Choose…"))
        self.logo_remove = QPushButton(_("Remove"))
        self.logo_choose.clicked.connect(lambda: self.choose_logo())
        self.logo_remove.clicked.connect(self.remove_logo)

        self.hourly_rate = QDoubleSpinBox()
        self.hourly_rate.setRange(0, 1000)
        self.hourly_rate.setDecimals(2)
        self.hourly_rate.setSuffix(" €")
        self.hourly_rate.setValue(float(self._settings.volunteer_hourly_rate))
        self.fiscal_month = QComboBox()
        locale = QLocale()
        for month in range(1, 13):
            self.fiscal_month.addItem(locale.standaloneMonthName(month), month)
        self.fiscal_month.setCurrentIndex(self._settings.fiscal_year_start_month - 1)

        self.max_proxies = QSpinBox()
        self.max_proxies.setRange(0, 20)
        self.max_proxies.setValue(self._settings.max_proxies_per_holder)
        self.quorum_percent = QSpinBox()
        self.quorum_percent.setRange(1, 100)
        self.quorum_percent.setSuffix(" %")
        self.quorum_percent.setValue(int(self._settings.quorum_share * 100))
        self.alert_count = QSpinBox()
        self.alert_count.setRange(1, 50)
        self.alert_count.setValue(self._settings.absence_alert_count)
        self.alert_months = QSpinBox()
        self.alert_months.setRange(1, 36)
        self.alert_months.setValue(self._settings.absence_alert_months)

        self.backup_folder = BackupFolderField(self._settings.backup_folder,
                                               folder_beside_database())
        self.backup_folder.changed.connect(self._revalidate)

        self.message = QLabel()
        self.message.setStyleSheet(css(Role.ERROR))
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self.name.textChanged.connect(self._revalidate)
        self.address.textChanged.connect(self._revalidate)  # too long: said at once
        self._show_logo()
        self._revalidate()

    def _layout(self) -> None:
        identity = QFormLayout()
        identity.addRow(_("Name"), self.name)
        identity.addRow(_("Address"), self.address)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.logo_choose)
        logo_row.addWidget(self.logo_remove)
        logo_row.addStretch(1)
        identity.addRow(_("Logo on reports"), logo_row)
        identity_box = QGroupBox(_("The association"))
        identity_box.setLayout(identity)

        rules = QFormLayout()
        rules.addRow(_("Volunteer hour valued at"), self.hourly_rate)
        rules.addRow(_("Fiscal year starts in"), self.fiscal_month)
        rules.addRow(_("Proxies one member may hold"), self.max_proxies)
        rules.addRow(_("Quorum of a general assembly"), self.quorum_percent)
        alert = QHBoxLayout()
        alert.addWidget(QLabel(_("more than")))
        alert.addWidget(self.alert_count)
        alert.addWidget(QLabel(_("absences within")))
        alert.addWidget(self.alert_months)
        alert.addWidget(QLabel(_("months")))
        alert.addStretch(1)
        rules.addRow(_("Flag a member after"), alert)
        rules_box = QGroupBox(_("Rules"))
        rules_box.setLayout(rules)

        backups = QFormLayout()
        backups.addRow(_("Backups folder"), self.backup_folder)
        hint = QLabel(_(
            "A USB key, another disk or a synchronised folder (Dropbox, OneDrive…) keeps the "
            "backups safe if the laptop is lost or broken. When the folder is away, backups "
            "go beside the database."))
        hint.setWordWrap(True)
        backups.addRow(hint)
        backups_box = QGroupBox(_("Backups"))
        backups_box.setLayout(backups)

        layout = QVBoxLayout(self)
        layout.addWidget(identity_box)
        layout.addWidget(rules_box)
        layout.addWidget(backups_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, parent: QWidget | None) -> bool:
        return cls(parent).exec() == QDialog.DialogCode.Accepted

    def collect(self) -> Settings:
        return dataclasses.replace(
            self._settings,
            name=self.name.text(),
            address=self.address.toPlainText().strip(),
            logo=self._logo,
            volunteer_hourly_rate=Decimal(str(round(self.hourly_rate.value(), 2))),
            fiscal_year_start_month=int(self.fiscal_month.currentData()),
            max_proxies_per_holder=self.max_proxies.value(),
            quorum_share=Decimal(self.quorum_percent.value()) / 100,
            absence_alert_count=self.alert_count.value(),
            absence_alert_months=self.alert_months.value(),
            backup_folder=self.backup_folder.folder(),
        )

    def choose_logo(self, path: str | None = None) -> None:
        if path is None:
            path, _selected = QFileDialog.getOpenFileName(
                self, _("Choose the logo"), "", _("Images (*.png *.jpg *.jpeg)"))
        if path:
            try:
                self._logo = Path(path).read_bytes()
            except OSError as error:
                self.message.setText(str(error))
                return
            self._show_logo()
            self._revalidate()

    def remove_logo(self) -> None:
        self._logo = None
        self._show_logo()
        self._revalidate()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(self._logo):
            self.logo_preview.setPixmap(pixmap.scaled(
                self.logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("No logo"))
        self.logo_remove.setEnabled(self._logo is not None)

    def _revalidate(self) -> dict[str, str]:
        errors = validate_settings(self.collect())
        self.message.setText("\n".join(errors.values()))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not errors)
        return errors

    def accept(self) -> None:
        if self._revalidate():
            return
        if not save_checked(self, lambda values, original: save_settings(
                values, original=original), self.collect(), self._settings,
                self.field_labels(), self.conflict_value):
            return  # back to the form, nothing saved
        super().accept()

    def conflict_value(self, name: str, value: object) -> str:
        if name == "logo":
            return _("an image") if value else _("No logo")
        return value_text(value)

    def field_labels(self) -> dict[str, str]:
        """The settings' names as the form shows them, for the conflict dialog."""
        return {
            "name": _("Name"), "address": _("Address"),
            "logo": _("Logo on reports"),
            "volunteer_hourly_rate": _("Volunteer hour valued at"),
            "fiscal_year_start_month": _("Fiscal year starts in"),
            "max_proxies_per_holder": _("Proxies one member may hold"),
            "quorum_share": _("Quorum of a general assembly"),
            "absence_alert_count": _("Flag a member after"),
            "absence_alert_months": _("Flag a member after"),
            "retention_months": _("Retention"),
            "backup_folder": _("Backups folder"),
        }
