"""The questions of its own the check-in asks: a substitute's name, a member to choose.

Module-level functions, which the modules asking import under their own names, so that
their tests replace them there instead of answering modal windows.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clubdesk.i18n import _
from clubdesk.ui.common.form_widgets import member_search_combo
from clubdesk.ui.common.limited_text import ask_line


def ask_substitute_name(parent: QWidget, member_name: str, current: str) -> str | None:
    """The name of the person attending in ``member_name``'s place, or None if cancelled."""
    return ask_line(parent, _("Substitute's name"),
                    _("Who attends in place of {name}?").format(name=member_name),
                    current, "attendance", "substitute_name")


class MemberPicker(QDialog):
    """A searchable list of members to choose one from."""

    def __init__(self, title: str, prompt: str, choices: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.combo: QComboBox = member_search_combo(
            choices, _("Type part of a name"), self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(self.buttons)
        self.combo.editTextChanged.connect(self._update)
        self.combo.currentIndexChanged.connect(self._update)
        self._update()
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    def chosen(self) -> int | None:
        """The member whose label is in the field, or None."""
        text = self.combo.currentText()
        row = self.combo.findText(text) if text else -1
        return self.combo.itemData(row) if row > 0 else None

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.chosen() is not None)

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()


def choose_member(parent: QWidget, title: str, prompt: str,
                  choices: list[tuple[int, str]]) -> int | None:
    """Let the user pick one of ``choices`` (id, label); None if cancelled."""
    picker = MemberPicker(title, prompt, choices, parent)
    try:
        return picker.chosen() if picker.exec() == QDialog.DialogCode.Accepted else None
    finally:
        picker.deleteLater()
