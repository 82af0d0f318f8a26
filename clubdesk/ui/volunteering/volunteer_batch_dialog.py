"""Logging the same hours for several members at once: after a meeting, an event, a fair.

Tick the members in a searchable list (the active members), or choose an event: those
marked present or late there are ticked, the date becomes the event's and the entries are
linked to it. Everything is saved in one transaction, or nothing: a member who would go
over 24 hours that day is named, in red in the list, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.text import fold
from clubdesk.domain.volunteering.volunteer_categories import category_names
from clubdesk.domain.volunteering.volunteer_choices import (
    active_member_choices,
    event_choices,
    members_present_at,
)
from clubdesk.domain.volunteering.volunteering import (
    VolunteerInput,
    VolunteerValidationError,
    create_entries_for_members,
    validate_batch,
)
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.form_dialog import FormDialog, date_edit, to_qdate
from clubdesk.ui.common.form_widgets import member_search_combo
from clubdesk.ui.common.limited_text import limit_line
from clubdesk.ui.common.palette import Role, colour, css
from clubdesk.ui.volunteering.volunteer_dialog import (
    HINT_STYLE,
    event_label,
    hours_spin,
    spin_hours,
)
from clubdesk.ui.volunteering.volunteer_filters import chosen_id

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_CHECK = int(Qt.ItemDataRole.CheckStateRole)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
IdRole = int(Qt.ItemDataRole.UserRole) + 2
EVENTS_BACK = dt.timedelta(days=366)


class CheckableMembers(QAbstractListModel):
    """Members with a tick box; filtering scans folded labels, ticks survive filtering."""

    checked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._members: list[tuple[int, str, str]] = []  # id, label, folded label
        self._shown: list[tuple[int, str, str]] = []
        self._checked: set[int] = set()
        self._flagged: frozenset[int] = frozenset()
        self._red = QBrush(colour(Role.ERROR))

    def set_members(self, choices: Sequence[tuple[int, str]]) -> None:
        self.beginResetModel()
        self._members = [(member_id, label, fold(label)) for member_id, label in choices]
        self._shown = list(self._members)
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        terms = fold(text).split()
        self.beginResetModel()
        self._shown = [member for member in self._members
                       if all(term in member[2] for term in terms)]
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid():
            return None
        member_id, label, _folded = self._shown[index.row()]
        if role == _DISPLAY:
            return label
        if role == _CHECK:
            return (Qt.CheckState.Checked if member_id in self._checked
                    else Qt.CheckState.Unchecked)
        if role == IdRole:
            return member_id
        if role == _TOOLTIP:
            return label
        if role == _FOREGROUND and member_id in self._flagged:
            return self._red
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)

    def setData(self, index: Index, value: object, role: int = _CHECK) -> bool:  # noqa: N802
        if not index.isValid() or role != _CHECK:
            return False
        member_id = self._shown[index.row()][0]
        if Qt.CheckState(value) == Qt.CheckState.Checked:  # type: ignore[call-overload]
            self._checked.add(member_id)
        else:
            self._checked.discard(member_id)
        self.dataChanged.emit(index, index, [_CHECK])
        self.checked_changed.emit()
        return True

    def checked_ids(self) -> list[int]:
        """The ticked members, in the list's order."""
        return [member[0] for member in self._members if member[0] in self._checked]

    def set_checked(self, member_ids: Collection[int]) -> None:
        self._checked = set(member_ids) & {member[0] for member in self._members}
        self._refresh()

    def check_shown(self, checked: bool = True) -> None:
        """Tick (or untick) every member the filter shows."""
        shown = {member[0] for member in self._shown}
        self._checked = self._checked | shown if checked else self._checked - shown
        self._refresh()

    def flag(self, member_ids: Collection[int]) -> None:
        """Show these members in red (over 24 hours)."""
        if frozenset(member_ids) != self._flagged:
            self._flagged = frozenset(member_ids)
            if self._shown:
                self.dataChanged.emit(self.index(0), self.index(len(self._shown) - 1),
                                      [_FOREGROUND])

    def _refresh(self) -> None:
        if self._shown:
            self.dataChanged.emit(self.index(0), self.index(len(self._shown) - 1), [_CHECK])
        self.checked_changed.emit()


class VolunteerBatchDialog(FormDialog):
    """The same hours for several members, in one transaction; the new ids or nothing."""

    def __init__(self, parent: QWidget | None = None, event_id: int | None = None) -> None:
        super().__init__(parent)
        self._today = dt.date.today()
        self.saved_entry_ids: list[int] | None = None
        self.setWindowTitle(_("Log hours for several members"))
        self._build()
        self._load_members(())
        self.event_combo.currentIndexChanged.connect(self._event_chosen)
        self.event_combo.editTextChanged.connect(self.revalidate)
        self.members.checked_changed.connect(self.revalidate)
        self.filter.textChanged.connect(self.members.set_filter)
        for signal in (self.date.dateChanged, self.hours.valueChanged,
                       self.category.currentIndexChanged, self.description.textChanged):
            signal.connect(self.revalidate)
        if event_id is not None and self.event_combo.findData(event_id) > 0:
            self.event_combo.setCurrentIndex(self.event_combo.findData(event_id))
        self.revalidate()
        self.resize(max(self.sizeHint().width(), 980), max(self.sizeHint().height(), 600))

    @classmethod
    def ask(cls, parent: QWidget | None, event_id: int | None = None) -> list[int] | None:
        """Show the dialog modally; the ids of the new entries, or None if cancelled."""
        dialog = cls(parent, event_id)
        try:
            dialog.exec()
            return dialog.saved_entry_ids
        finally:
            dialog.deleteLater()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.members = CheckableMembers(self)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(_("Filter the list: part of a name or company"))
        self.list = QListView()
        self.list.setModel(self.members)
        self.list.setUniformItemSizes(True)
        self.check_shown_button = QPushButton(_("Tick those shown"))
        self.check_shown_button.clicked.connect(lambda: self.members.check_shown(True))
        self.clear_button = QPushButton(_("Untick all"))
        self.clear_button.clicked.connect(lambda: self.members.set_checked(()))
        self.selected_label = QLabel()
        self.members_message = QLabel()
        self.members_message.setWordWrap(True)
        self.members_message.setStyleSheet(css(Role.ERROR))
        self.members_message.hide()
        self._messages["members"] = self.members_message  # FormDialog shows it with the rest
        self._field_labels["members"] = _("Members")
        buttons = QHBoxLayout()
        buttons.addWidget(self.selected_label, 1)
        buttons.addWidget(self.check_shown_button)
        buttons.addWidget(self.clear_button)
        left = QGroupBox(_("Members"))
        column = QVBoxLayout(left)
        column.addWidget(self.filter)
        column.addWidget(self.list, 1)
        column.addLayout(buttons)
        column.addWidget(self.members_message)

        start = self._today - EVENTS_BACK
        self._events = {event.id: event for event in event_choices(start, self._today)}
        self.event_combo = member_search_combo(
            [(event.id, "{label} ({present})".format(
                label=event_label(event),
                present=ngettext("{n} present", "{n} present", event.present)))
             for event in self._events.values()],
            _("No event — type part of a title"), self)
        self.event_note = QLabel()
        self.event_note.setWordWrap(True)
        self.event_note.setStyleSheet(HINT_STYLE)
        event = QVBoxLayout()
        event.setSpacing(2)
        event.addWidget(self.event_combo)
        event.addWidget(self.event_note)
        self.date = date_edit()
        self.date.setMaximumDate(to_qdate(self._today))
        self.date.setDate(to_qdate(self._today))
        self.hours = hours_spin()
        self.category = QComboBox()
        self.category.setPlaceholderText(_("Choose a category"))
        for name in category_names():
            self.category.addItem(name, name)
        self.category.setCurrentIndex(-1)
        self.description = limit_line(QLineEdit(), "volunteer", "description")
        self.description.setPlaceholderText(_("What was done (optional)"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add_row(form, _("Event"), event, "event_id")
        self.add_row(form, _("Date"), self.date, "date")
        self.add_row(form, _("Hours"), self.hours, "hours")
        self.add_row(form, _("Category"), self.category, "category")
        self.add_row(form, _("Description"), self.description, "description")
        note = QLabel(_("The hours are saved for every ticked member at once, or for "
                              "nobody if one of them would go over 24 hours that day."))
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        right = QGroupBox(_("The same for each member"))
        same = QVBoxLayout(right)
        same.addLayout(form)
        same.addStretch(1)
        same.addWidget(note)

        columns = QHBoxLayout()
        columns.addWidget(left, 1)
        columns.addWidget(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)

    def _load_members(self, keep: Collection[int]) -> None:
        checked = self.members.checked_ids()
        self.members.set_members(active_member_choices(keep=keep))
        self.members.set_filter(self.filter.text())
        self.members.set_checked(set(checked) | set(keep))

    # -- the event ------------------------------------------------------------------------

    def _event_chosen(self) -> None:
        event_id = chosen_id(self.event_combo)
        event = self._events.get(event_id) if event_id is not None else None
        if event is None:
            self.event_note.setText("")
            self.revalidate()
            return
        present = members_present_at(event.id)
        self.members.set_checked(())
        self._load_members(present)  # ticks them, whatever their status
        self.date.setDate(to_qdate(event.starts_at.date()))
        self.event_combo.lineEdit().setCursorPosition(0)  # the date and title, not the count
        self.event_note.setText(ngettext("{n} member present at the event ticked.",
                                         "{n} members present at the event ticked.",
                                         len(present)) if present else
                                _("Nobody is recorded present at this event."))
        self.revalidate()

    # -- checking and saving --------------------------------------------------------------

    def collect(self) -> VolunteerInput:
        return VolunteerInput(date=self.date.date().toPython(),  # type: ignore[arg-type]
                              hours=spin_hours(self.hours),
                              category=self.category.currentData() or "",
                              event_id=chosen_id(self.event_combo),
                              description=self.description.text())

    def validate(self) -> dict[str, str]:
        checked = self.members.checked_ids()
        self.selected_label.setText(ngettext("{n} selected", "{n} selected", len(checked)))
        result = validate_batch(checked, self.collect())
        self.members.flag([item.member_id for item in result.over_limit])
        errors = dict(result.errors)
        if chosen_id(self.event_combo) is None and self.event_combo.currentText().strip():
            errors["event_id"] = _("Choose the event in the list, or leave it empty.")
        return errors

    def accept(self) -> None:
        """Check again, then save everything or nothing."""
        self.revalidate()
        if self._errors:
            self._refuse(list(self._errors.values()))
            return
        data = self.collect()
        try:
            self.saved_entry_ids = create_entries_for_members(
                self.members.checked_ids(), data.date, Decimal(data.hours), data.category,
                data.event_id, data.description)
        except VolunteerValidationError as error:
            self.revalidate()
            self._refuse(list(error.result.errors.values()))
            return
        super().accept()

    def _refuse(self, messages: list[str]) -> None:
        self.refuse(_("Hours not saved"),
                    _("No hours were saved, for any member:"), messages)
