"""The member form's roles: the history of bureau and committee mandates, one line each
(role, its name for an "other" role, from, to), added and removed there; each line shows
its own message (:func:`~clubdesk.domain.members.mandates.validate_mandates`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.codes import BureauRole
from clubdesk.domain.common.labels import bureau_role_label
from clubdesk.domain.members.mandates import ROLE_ORDER, MandateInput
from clubdesk.i18n import _
from clubdesk.ui.common.form_dialog import date_edit, to_qdate
from clubdesk.ui.common.form_widgets import OptionalDate
from clubdesk.ui.common.limited_text import limit_line
from clubdesk.ui.common.palette import Role, css

_HINT_STYLE = "color: palette(placeholder-text);"


class MandateLine(QWidget):
    """One mandate: role, its name (an "other" role only), from, to (none: still held)."""

    changed = Signal()
    remove_requested = Signal(object)  # this line

    def __init__(self, item: MandateInput | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = QComboBox()
        self.role.setPlaceholderText(_("Choose the role"))
        for code in ROLE_ORDER:
            self.role.addItem(bureau_role_label(code), code)
        self.title = limit_line(QLineEdit(), "mandate", "title")
        self.title.setPlaceholderText(_("Name of the role"))
        self.starts_on = date_edit()
        self.starts_on.setToolTip(_("First day of the mandate"))
        self.ends_on = OptionalDate(QCheckBox(_("to")))
        self.ends_on.check.setToolTip(_("Tick when the mandate has ended (or will end); "
                                        "unticked, it is still held"))
        self.ends_on.edit.setCalendarPopup(True)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Take this mandate out of the history"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(css(Role.ERROR))
        self.message.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.role)
        row.addWidget(self.title, 1)
        row.addWidget(QLabel(_("from")))
        row.addWidget(self.starts_on)
        row.addWidget(self.ends_on.check)
        row.addWidget(self.ends_on.edit)
        row.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.message)

        self.set_value(item or MandateInput("", dt.date.today()))
        self.role.currentIndexChanged.connect(self._role_changed)
        self.title.textChanged.connect(self.changed)
        self.starts_on.dateChanged.connect(self.changed)
        self.ends_on.check.toggled.connect(self.changed)
        self.ends_on.edit.dateChanged.connect(self.changed)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    def set_value(self, item: MandateInput) -> None:
        self.role.setCurrentIndex(self.role.findData(item.role))  # -1: not chosen yet
        self.title.setText(item.title if item.role == BureauRole.OTHER else "")
        self.starts_on.setDate(to_qdate(item.starts_on))
        self.ends_on.set_value(item.ends_on is not None, item.ends_on)
        self._show_title()

    def value(self) -> MandateInput:
        role = self.role.currentData() or ""
        return MandateInput(role, self.starts_on.date().toPython(), self.ends_on.value(),
                            self.title.text() if role == BureauRole.OTHER else "")

    def _role_changed(self) -> None:
        self._show_title()
        self.changed.emit()

    def _show_title(self) -> None:
        # The name only means something for an "other" role; the line keeps its place.
        other = self.role.currentData() == BureauRole.OTHER
        self.title.setEnabled(other)
        self.title.setPlaceholderText(
            _("Name of the role (Communication officer…)") if other else "")

    def show_message(self, text: str) -> None:
        if self.message.text() != text:
            self.message.setText(text)
            self.message.setVisible(bool(text))


class MandateEditor(QGroupBox):
    """The history of a member's roles, latest first; ``changed`` at every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Bureau and committee roles"), parent)
        self.lines: list[MandateLine] = []
        self.empty_label = QLabel(_("No role held, now or before."))
        self.empty_label.setStyleSheet(_HINT_STYLE)
        self.add_button = QPushButton(_("Add a role"))
        self.add_button.setToolTip(_("A role held now or before: president, treasurer, a "
                                     "role the association names…"))
        self.hint = QLabel(_("The current role is the one without an end date. A role "
                             "that changes: give the old one an end date and add the new "
                             "one."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(_HINT_STYLE)
        self.message = QLabel()  # what concerns the whole history (a former member's)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(css(Role.ERROR))
        self.message.hide()

        self._lines_box = QVBoxLayout()
        self._lines_box.setSpacing(4)
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addLayout(self._lines_box)
        layout.addWidget(self.message)
        layout.addLayout(footer)
        self.add_button.clicked.connect(self.add_line)
        self._show_empty()

    def set_values(self, mandates: Sequence[MandateInput]) -> None:
        """Show ``mandates`` (latest first), replacing the lines."""
        for line in self.lines:
            line.deleteLater()
        self.lines = []
        for item in mandates:
            self._append(MandateLine(item))
        self._show_empty()
        self.changed.emit()

    def values(self) -> list[MandateInput]:
        """The mandates as typed, in the order shown (the domain checks them)."""
        return [line.value() for line in self.lines]

    def add_line(self) -> MandateLine:
        """A new mandate at the top, starting today, its role still to choose."""
        line = MandateLine()
        self._append(line, first=True)
        self._show_empty()
        line.role.setFocus()
        self.changed.emit()
        return line

    def remove_line(self, line: MandateLine) -> None:
        if line in self.lines:
            self.lines.remove(line)
            self._lines_box.removeWidget(line)
            line.deleteLater()
            self._show_empty()
            self.changed.emit()

    def _append(self, line: MandateLine, first: bool = False) -> None:
        if first:
            self.lines.insert(0, line)
            self._lines_box.insertWidget(0, line)
        else:
            self.lines.append(line)
            self._lines_box.addWidget(line)
        line.changed.connect(self.changed)
        line.remove_requested.connect(self.remove_line)

    def _show_empty(self) -> None:
        self.empty_label.setVisible(not self.lines)

    def show_errors(self, errors: dict[int, str], whole: str = "") -> None:
        """Each line's message (by position), and one about the whole history."""
        for position, line in enumerate(self.lines):
            line.show_message(errors.get(position, ""))
        if self.message.text() != whole:
            self.message.setText(whole)
            self.message.setVisible(bool(whole))

