"""One-line fields that stop at their text limit (:mod:`clubdesk.domain.common.text_limits`).

A one-line field simply takes no more characters than its limit; a text over several lines
has no such setting in Qt, so its form shows the validator's message under it instead.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from clubdesk.domain.common.text_limits import max_length


def limit_line(edit: QLineEdit, record: str, field: str) -> QLineEdit:
    """Stop ``edit`` at the limit of ``field`` of ``record``; returns it."""
    edit.setMaxLength(max_length(record, field))
    return edit


class LimitedLineDelegate(QStyledItemDelegate):
    """Edits a table cell in a line that stops at the limit of ``field`` of ``record``."""

    def __init__(self, record: str, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._maximum = max_length(record, field)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(self._maximum)
        return editor


def ask_line(parent: QWidget, title: str, label: str, text: str, record: str,
             field: str) -> str | None:
    """A line typed by the user, at most the limit of ``field`` long; None if cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextValue(text)
    edit = dialog.findChild(QLineEdit)
    if edit is not None:
        edit.setMaxLength(max_length(record, field))
    try:
        accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
        return dialog.textValue() if accepted else None
    finally:
        dialog.deleteLater()
