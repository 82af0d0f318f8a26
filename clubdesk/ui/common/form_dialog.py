"""What every form dialog shares: a message under each field, Save disabled while the form
is refused (its tooltip says why), a check again on Save, a window-modal message when
the database refuses, and the user's choice when the record changed elsewhere meanwhile.
Also the date and time fields the dialogs use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from clubdesk.i18n import _
from clubdesk.ui.common.conflict_dialog import save_checked, value_text
from clubdesk.ui.common.palette import Role, css

T = TypeVar("T")


class EditAbandoned(Exception):  # noqa: N818 - a choice of the user, not a failure
    """The user went back to the form from the conflict dialog: nothing was saved."""


def date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMinimumDate(QDate(1990, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return edit


def time_edit() -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    return edit


def to_time(edit: QTimeEdit) -> dt.time:
    value = edit.time()
    return dt.time(value.hour(), value.minute())


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class FormDialog(QDialog):
    """Messages under fields, Save kept off while invalid; subclasses say what is valid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._messages: dict[str, QLabel] = {}
        self._shown: dict[str, str] = {}
        self._field_labels: dict[str, str] = {}
        self._errors: dict[str, str] = {}
        self._error_box: QMessageBox | None = None
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def add_row(self, form: QFormLayout, label: str | QWidget, widget: QWidget | QLayout,
                name: str) -> None:
        """A form row whose field has its message label underneath."""
        field = QWidget()
        stack = QVBoxLayout(field)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        if isinstance(widget, QWidget):
            stack.addWidget(widget)
        else:
            stack.addLayout(widget)
        message = QLabel()
        message.setWordWrap(True)
        message.setStyleSheet(css(Role.ERROR))
        message.setObjectName(f"message_{name}")
        message.hide()
        self._messages[name] = message
        stack.addWidget(message)
        if isinstance(label, str):
            self._field_labels[name] = label.rstrip(" :")
            text = QLabel(label)
            if isinstance(widget, QWidget):
                text.setBuddy(widget)
            form.addRow(text, field)
        else:
            form.addRow(label, field)

    def errors(self) -> dict[str, str]:
        """The messages currently refusing the form, by field name."""
        return dict(self._errors)

    def message(self, name: str) -> str:
        """The message shown under field ``name``, or ""."""
        label = self._messages[name]
        return "" if label.isHidden() else label.text()

    def validate(self) -> dict[str, str]:
        raise NotImplementedError

    def revalidate(self) -> None:
        """Check the form and show the messages; Save follows."""
        self._errors = self.validate()
        changed = False
        for name, label in self._messages.items():
            text = self._errors.get(name, "")
            if self._shown.get(name, "") != text:  # this runs on every keystroke
                self._shown[name] = text
                label.setText(text)
                label.setVisible(bool(text))
                changed = True
        if changed and self.layout() is not None:
            # Qt keeps the room of a message just hidden until the next layout pass.
            self.layout().invalidate()
        self.save_button.setEnabled(not self._errors)
        lines = [_("Cannot save yet:")] + [
            _("• {field}: {message}").format(
                field=self._field_labels.get(name, name), message=message)
            for name, message in self._errors.items()]
        self.save_button.setToolTip("\n".join(lines) if self._errors else "")

    def _refuse(self, messages: list[str]) -> None:
        """Say why nothing was saved (each dialog gives its own title)."""
        raise NotImplementedError

    def save_or_refuse(self, save: Callable[[], object]) -> None:
        """What every form's accept() does: check again, save, or say why nothing was.

        The domain refuses with a ValueError carrying ``result.errors`` or ``errors`` (field
        -> message), or a LookupError when the record went meanwhile; an edit the user took
        back to the form from the conflict dialog (:meth:`save_edit`) leaves it open.
        """
        self.revalidate()
        if self._errors:
            self._refuse(list(self._errors.values()))
            return
        try:
            save()
        except EditAbandoned:
            return
        except LookupError as error:
            self._refuse([str(error)])
            return
        except ValueError as error:
            result = getattr(error, "result", None)
            errors = result.errors if result is not None else getattr(error, "errors", None)
            if not isinstance(errors, dict):
                raise
            self.revalidate()
            self._refuse(list(errors.values()))
            return
        QDialog.accept(self)

    def save_edit(self, save: Callable[[T, T], object], values: T, original: T) -> None:
        """Save an edit with ``save(values, original)``: on a conflict with changes made
        meanwhile elsewhere, the user chooses field by field, and the choice is saved the
        same way. Raises :class:`EditAbandoned` when they go back to the form."""
        if not save_checked(self, save, values, original, self.conflict_labels(),
                            self.conflict_value):
            raise EditAbandoned

    def conflict_labels(self) -> dict[str, str]:
        """The name of each field of the form's input, in the user's language."""
        return dict(self._field_labels)

    def conflict_value(self, name: str, value: object) -> str:
        """``value`` of field ``name`` as the user reads it (codes and ids become labels)."""
        return value_text(value)

    def refuse(self, title: str, intro: str, messages: list[str]) -> None:
        """Say why nothing was saved; window-modal, so the form stays as typed."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, intro + "\n\n" + "\n".join(
            f"• {message}" for message in messages), QMessageBox.StandardButton.Ok, self)
        if self._error_box is not None:
            self._error_box.deleteLater()
        self._error_box = box
        box.open()
