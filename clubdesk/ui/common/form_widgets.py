"""Form widgets shared by the dialogs: optional dates, notes, searchable member pickers."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QListView,
    QPlainTextEdit,
    QWidget,
)

from clubdesk.domain.common.text import fold

SEARCH_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""Accent-folded text of a member entry, which the completer searches."""


class MemberCompleter(QCompleter):
    """Finds members by any part of their label, ignoring case and accents."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt override)
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class NotesEdit(QPlainTextEdit):
    """Free text that asks for four lines, and takes whatever height is spare."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        lines = self.fontMetrics().lineSpacing() * 4 + 2 * self.frameWidth() + 8
        return QSize(super().sizeHint().width(), lines)


class OptionalDate:
    """A check box that enables a date: unticked means no date, and the box shows none."""

    _NONE = QDate(1900, 1, 1)

    def __init__(self, check: QCheckBox, maximum: dt.date | None = None) -> None:
        self.check = check
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setMinimumDate(self._NONE)
        self.edit.setSpecialValueText(" ")  # the minimum stands for "no date"
        if maximum is not None:
            self.edit.setMaximumDate(maximum)
        self.edit.setDate(self._NONE)
        self.edit.setEnabled(False)
        self._kept: dt.date | None = None
        check.toggled.connect(self._toggled)

    def _toggled(self, checked: bool) -> None:
        if checked:
            self.edit.setDate(self._kept or dt.date.today())
        else:
            if self.edit.date() != self._NONE:
                self._kept = self.edit.date().toPython()
            self.edit.setDate(self._NONE)
        self.edit.setEnabled(checked)

    def value(self) -> dt.date | None:
        if not self.check.isChecked():
            return None
        return self.edit.date().toPython()  # type: ignore[no-any-return]

    def set_value(self, checked: bool, date: dt.date | None) -> None:
        self._kept = date
        if self.check.isChecked() == checked:
            self._toggled(checked)
        else:
            self.check.setChecked(checked)


def member_search_combo(
    choices: list[tuple[int, str]], placeholder: str, parent: QWidget | None = None
) -> QComboBox:
    """An editable combo over ``(member id, label)`` choices, with an empty first entry;
    typing any part of a label (accents and case aside) filters the popup."""
    model = QStandardItemModel(len(choices) + 1, 1, parent)
    display, user = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole
    model.setItemData(model.index(0, 0), {display: "", SEARCH_ROLE: ""})
    for row, (member_id, label) in enumerate(choices, start=1):
        # One call a row: setItemData sets the three roles at once (20,000 members).
        model.setItemData(model.index(row, 0),
                          {display: label, user: member_id, SEARCH_ROLE: fold(label)})
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(30)
    combo.setModel(model)
    combo.setMaxVisibleItems(15)
    line_edit = combo.lineEdit()
    line_edit.setPlaceholderText(placeholder)
    line_edit.setClearButtonEnabled(True)
    completer = MemberCompleter(model, combo)
    completer.setCompletionRole(SEARCH_ROLE)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(12)
    combo.setCompleter(completer)
    for view in (combo.view(), completer.popup()):
        if isinstance(view, QListView):
            view.setUniformItemSizes(True)
    return combo


def choose_data(combo: QComboBox, code: object) -> bool:
    """Select the entry of ``combo`` whose data is ``code``; False when there is none."""
    position = combo.findData(code)
    if position >= 0:
        combo.setCurrentIndex(position)
    return position >= 0
