"""The small modal questions the tabs ask: confirm an action, or tell why it was refused.

Each module that asks imports these under its own names (``confirm``, ``inform``), so that
its tests replace them there instead of answering modal windows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def build_confirmation(
    parent: QWidget, title: str, text: str, accept_label: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> tuple[QMessageBox, QPushButton]:
    """A question whose default answer is Cancel; returns the box and its accept button."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, parent)
    accept = box.addButton(accept_label, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box, accept


def confirm(parent: QWidget, title: str, text: str, accept_label: str) -> bool:
    """Ask ``text``; True when the user clicked ``accept_label`` (Cancel is the default)."""
    box, accept = build_confirmation(parent, title, text, accept_label)
    box.exec()
    return box.clickedButton() is accept


def confirm_warning(parent: QWidget, title: str, text: str, accept_label: str) -> bool:
    """:func:`confirm` with a warning sign: for what cannot be undone (an erasure)."""
    box, accept = build_confirmation(parent, title, text, accept_label,
                                     QMessageBox.Icon.Warning)
    box.exec()
    return box.clickedButton() is accept


def inform(parent: QWidget, title: str, text: str) -> None:
    """Tell the user something."""
    QMessageBox.information(parent, title, text)
