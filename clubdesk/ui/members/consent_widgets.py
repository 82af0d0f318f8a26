"""The consents of the member form: each given (with its date) or withdrawn (with both
dates)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from clubdesk.i18n import _
from clubdesk.ui.members.member_form_layout import FieldMessages


def _date_edit(maximum: dt.date) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumDate(ConsentRow.NO_DATE)
    edit.setSpecialValueText(" ")  # the minimum stands for "no date"
    edit.setMaximumDate(maximum)
    edit.setDate(ConsentRow.NO_DATE)
    return edit


class ConsentRow(QObject):
    """A consent's check box, the date it was given and, once a consent given before is
    unticked, the date it was withdrawn.

    Unticking a consent the member had given does not forget it: the date it was given
    stays (greyed) and a "withdrawn on" date appears, today by default. Ticking it again
    is a new consent, given today. A consent ticked and unticked within the same edit
    leaves no trace.
    """

    NO_DATE = QDate(1900, 1, 1)

    def __init__(self, check: QCheckBox, today: dt.date, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.edit = _date_edit(today)
        self.edit.setEnabled(False)
        self.withdrawn_edit = _date_edit(today)
        self.withdrawal = QWidget()
        line = QHBoxLayout(self.withdrawal)
        line.setContentsMargins(24, 0, 0, 0)
        self.withdrawal_label = QLabel(_("Withdrawn on"))
        self.withdrawal_label.setBuddy(self.withdrawn_edit)
        line.addWidget(self.withdrawal_label)
        line.addWidget(self.withdrawn_edit)
        line.addStretch(1)
        self.withdrawal.setVisible(False)
        self._today = today
        self._stored_given: dt.date | None = None
        self._stored_withdrawn: dt.date | None = None
        self._stored_checked = False
        check.toggled.connect(self._toggled)

    # -- state ------------------------------------------------------------------------------

    def set_value(self, checked: bool, given_on: dt.date | None,
                  withdrawn_on: dt.date | None = None) -> None:
        """Show the stored consent."""
        self._stored_checked = checked
        self._stored_given = given_on
        self._stored_withdrawn = withdrawn_on
        self.check.blockSignals(True)
        self.check.setChecked(checked)
        self.check.blockSignals(False)
        self._toggled(checked)

    def _toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        if checked:
            # The stored date while the consent still holds, else a new consent given today.
            given = self._stored_given if self._stored_checked else None
            self.edit.setDate(given or self._today)
            self.withdrawal.setVisible(False)
            return
        self.edit.setDate(self._stored_given or self.NO_DATE)
        withdrawn = self._was_given()
        if withdrawn:
            self.withdrawn_edit.setDate(self._stored_withdrawn or self._today)
        self.withdrawal.setVisible(withdrawn)

    def _was_given(self) -> bool:
        """True when the member had given this consent: unticking it is a withdrawal."""
        return self._stored_given is not None

    def value(self) -> dt.date | None:
        """The date the consent was given, when it is ticked."""
        if not self.check.isChecked():
            return None
        return self.edit.date().toPython()  # type: ignore[no-any-return]

    def given_on(self) -> dt.date | None:
        """The date it was given: ticked now, or given before and withdrawn."""
        if self.check.isChecked():
            return self.value()
        return self._stored_given

    def withdrawn_on(self) -> dt.date | None:
        if self.check.isChecked() or not self._was_given():
            return None
        return self.withdrawn_edit.date().toPython()  # type: ignore[no-any-return]

    def connect_changes(self, slot) -> None:  # noqa: ANN001 (any Qt slot)
        self.check.toggled.connect(slot)
        self.edit.dateChanged.connect(slot)
        self.withdrawn_edit.dateChanged.connect(slot)


def consent_rows(today: dt.date, parent: QObject) -> dict[str, ConsentRow]:
    """The member's three consents, by the name of their flag."""
    return {
        "consent_directory": ConsentRow(
            QCheckBox(_("Listed in the members' directory")), today, parent),
        "consent_photos": ConsentRow(QCheckBox(_("Photos may be published")), today, parent),
        "consent_newsletter": ConsentRow(QCheckBox(_("Receives the newsletter")), today,
                                         parent),
    }


def consents_box(consents: Mapping[str, ConsentRow], messages: FieldMessages) -> QGroupBox:
    """The consents one under the other, each with the messages of its two dates."""
    box = QGroupBox(_("Consents"))
    grid = QGridLayout(box)
    for index, (name, consent) in enumerate(consents.items()):
        row = 4 * index
        grid.addWidget(consent.check, row, 0)
        grid.addWidget(QLabel(_("on")), row, 1)
        grid.addWidget(consent.edit, row, 2)
        grid.addWidget(messages.make(f"{name}_on"), row + 1, 0, 1, 3)
        grid.addWidget(consent.withdrawal, row + 2, 0, 1, 3)
        grid.addWidget(messages.make(f"{name}_withdrawn_on"), row + 3, 0, 1, 3)
    grid.setColumnStretch(0, 1)
    return box
