"""When a form is saved over a record changed meanwhile elsewhere: both values, the user
chooses field by field, and the choice is saved against the record as it is then.

:func:`save_checked` is the loop every form's Save goes through; :class:`ConflictDialog`
is the question it asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.edit_conflicts import EditConflictError
from clubdesk.i18n import _

T = TypeVar("T")

ShowValue = Callable[[str, Any], str]
"""(field, value) -> the value as the user reads it."""

MINE, THEIRS = 0, 1
_SHORT = 60  # characters of a value shown on its button; the whole value in its tooltip
_TOOLTIP = 600


def value_text(value: object) -> str:
    """A stored value as the user reads it: dates dd/mm/yyyy, "Yes", "No"… ("" for none)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return QLocale().toString(float(value), "f", 2)
    if isinstance(value, bytes):
        return _("an image of {size} kB").format(size=max(1, len(value) // 1024))
    return str(value)


def combo_text(combo: QComboBox, value: object) -> str:
    """The label ``combo`` shows for the item holding ``value`` (a member's or an event's
    id); its number when the list lacks it (a member added meanwhile)."""
    if value is None:
        return ""
    row = combo.findData(value)
    return combo.itemText(row) if row > 0 else _("no. {id}").format(id=value)


def excerpts(first: str, second: str, width: int = _SHORT) -> tuple[str, str]:
    """Two values on one line each (a line break shown as ↵), cut to about ``width``
    characters around where they first differ, so that the difference shows."""
    one, two = (" ↵ ".join(text.splitlines()) or text for text in (first, second))
    if len(one) <= width and len(two) <= width:
        return one, two
    same = next((index for index, (a, b) in enumerate(zip(one, two, strict=False)) if a != b),
                min(len(one), len(two)))
    begin = max(0, same - width // 3)

    def cut(text: str) -> str:
        end = begin + width
        return ("…" if begin else "") + text[begin:end] + ("…" if end < len(text) else "")

    return cut(one), cut(two)


class ConflictDialog(QDialog):
    """The fields changed both in the form and elsewhere: keep yours or theirs, each."""

    def __init__(self, conflict: EditConflictError[Any], labels: Mapping[str, str],
                 show: ShowValue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(_("Changed elsewhere"))
        heading = QLabel(_("While you were editing, this record was changed elsewhere."))
        bold = QFont(heading.font())
        bold.setBold(True)
        heading.setFont(bold)
        heading.setWordWrap(True)
        intro = QLabel(_("For each field, choose the value to keep:"))
        intro.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for column, text in ((1, _("Your value")), (2, _("Saved meanwhile"))):
            header = QLabel(text)
            header.setFont(bold)
            grid.addWidget(header, 0, column)
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons_of: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        for row, item in enumerate(conflict.conflicts, start=1):
            label = QLabel(labels.get(item.field, item.field))
            group = QButtonGroup(self)
            pair = self._pair(show(item.field, item.mine), show(item.field, item.theirs))
            for choice, button in zip((MINE, THEIRS), pair, strict=True):
                group.addButton(button, choice)
            group.idToggled.connect(self._update)
            self.groups[item.field] = group
            self.buttons_of[item.field] = pair
            grid.addWidget(label, row, 0)
            grid.addWidget(pair[0], row, 1)
            grid.addWidget(pair[1], row, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

        self.kept = QLabel()
        self.kept.setWordWrap(True)
        if conflict.kept:
            self.kept.setText(_("Also changed meanwhile, and kept: {fields}.").format(
                fields=", ".join(labels.get(name, name) for name in conflict.kept)))
        self.kept.setVisible(bool(conflict.kept))

        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(_("Save with these choices"))
        self.back_button = QPushButton(_("Back to the form"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.kept)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None, conflict: EditConflictError[T],
            labels: Mapping[str, str], show: ShowValue) -> T | None:
        """Show the dialog modally; the values to save, or None to go back to the form."""
        dialog = cls(conflict, labels, show, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.resolved()
        finally:
            dialog.deleteLater()

    def _pair(self, mine: str, theirs: str) -> tuple[QRadioButton, QRadioButton]:
        """The two buttons of a field; a long value shows where the two differ, all of it
        in the tooltip."""
        texts = [text or _("(empty)") for text in (mine, theirs)]
        buttons = []
        for text, excerpt in zip(texts, excerpts(*texts), strict=True):
            button = QRadioButton(excerpt)
            if excerpt != text:
                button.setToolTip(text if len(text) <= _TOOLTIP else text[:_TOOLTIP] + "…")
            buttons.append(button)
        return buttons[0], buttons[1]

    def choose(self, field: str, choice: int) -> None:
        """Keep ``MINE`` or ``THEIRS`` for ``field`` (what a click on its button does)."""
        self.buttons_of[field][choice].setChecked(True)

    def choices(self) -> dict[str, int]:
        """The choice made for each field so far (fields not chosen yet are left out)."""
        return {name: group.checkedId() for name, group in self.groups.items()
                if group.checkedId() in (MINE, THEIRS)}

    def resolved(self) -> Any:
        """The values to save: the form's, with the stored ones where they were chosen."""
        return self.conflict.resolved(
            {name for name, choice in self.choices().items() if choice == THEIRS})

    def _update(self) -> None:
        missing = len(self.groups) - len(self.choices())
        self.save_button.setEnabled(not missing)
        self.save_button.setToolTip(
            _("Choose a value for every field first.") if missing else "")

    def accept(self) -> None:
        if len(self.choices()) == len(self.groups):
            super().accept()


def save_checked(parent: QWidget, save: Callable[[T, T], object], mine: T, original: T,
                 labels: Mapping[str, str], show: ShowValue) -> bool:
    """Save the form with ``save(values, original)``, asking the user on every conflict.

    The choices are saved against the record as it was when the conflict was found: if it
    changed again meanwhile, the user is asked again. False when the user went back to the
    form (nothing saved); the domain's other errors go through.
    """
    values, base = mine, original
    while True:
        try:
            save(values, base)
            return True
        except EditConflictError as conflict:
            chosen = ConflictDialog.ask(parent, conflict, labels, show)
            if chosen is None:
                return False
            values, base = chosen, conflict.current
