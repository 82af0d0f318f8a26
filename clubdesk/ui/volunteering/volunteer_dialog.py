"""The dialog that logs (or edits) the time one member gave, validated as the user types.

Hours are a number with a decimal comma, in steps of a quarter hour ("1,25 h"); a grey note
beside them says it in hours and minutes ("1 h 15 min") so that nobody types 1,15 for an
hour and a quarter. The event is optional: the list offers those around the chosen date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.volunteering.volunteer_categories import category_names
from clubdesk.domain.volunteering.volunteer_choices import (
    EventChoice,
    event_choice,
    event_choices,
    member_choices,
)
from clubdesk.domain.volunteering.volunteering import (
    VolunteerInput,
    create_entry,
    entry_input,
    update_entry,
    validate_entry,
)
from clubdesk.i18n import _
from clubdesk.ui.common.conflict_dialog import combo_text
from clubdesk.ui.common.form_dialog import FormDialog, date_edit, to_qdate
from clubdesk.ui.common.form_widgets import member_search_combo
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.limited_text import limit_line
from clubdesk.ui.volunteering.volunteer_filters import chosen_id, set_choices

EVENT_WINDOW = dt.timedelta(days=45)
"""Events offered: those this close to the entry's date."""
HINT_STYLE = "color: palette(placeholder-text);"


def hours_spin() -> QDoubleSpinBox:
    """Hours with two decimals in the user's language, a quarter hour per arrow step."""
    spin = QDoubleSpinBox()
    spin.setDecimals(2)
    spin.setSingleStep(0.25)
    spin.setRange(0, 99.75)  # more than 24 can be typed, and is explained, not clipped
    spin.setSuffix(" h")
    spin.setAccelerated(True)
    spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return spin


def spin_hours(spin: QDoubleSpinBox) -> Decimal:
    return Decimal(str(round(spin.value(), 2)))


def event_label(event: EventChoice) -> str:
    return f"{format_date(event.starts_at.date())} — {event.title}"


class VolunteerDialog(FormDialog):
    """Log hours for one member (``entry_id`` None) or edit an entry."""

    def __init__(self, entry_id: int | None = None, parent: QWidget | None = None,
                 member_id: int | None = None, event_id: int | None = None) -> None:
        # Read first: an entry deleted meanwhile raises before any widget exists.
        self._today = dt.date.today()
        initial = entry_input(entry_id) if entry_id is not None else self._new_input(
            member_id, event_id)
        super().__init__(parent)
        self.entry_id = entry_id
        self.saved_entry_id: int | None = None
        self._initial = initial
        self._events_around: dt.date | None = None
        self._build()
        self._load(initial)
        self.setWindowTitle(_("New volunteer entry") if entry_id is None
                            else _("Edit volunteer entry"))
        self.member.editTextChanged.connect(self.revalidate)
        self.member.currentIndexChanged.connect(self.revalidate)
        self.date.dateChanged.connect(self._date_changed)
        self.hours.valueChanged.connect(self.revalidate)
        self.category.currentIndexChanged.connect(self.revalidate)
        self.event_combo.currentIndexChanged.connect(self.revalidate)
        self.event_combo.editTextChanged.connect(self.revalidate)
        self.description.textChanged.connect(self.revalidate)
        self.revalidate()
        self.resize(max(self.sizeHint().width(), 620), self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None, entry_id: int | None = None,
            member_id: int | None = None, event_id: int | None = None) -> int | None:
        """Show the dialog modally; the id of the saved entry, or None if cancelled."""
        dialog = cls(entry_id, parent, member_id=member_id, event_id=event_id)
        try:
            dialog.exec()
            return dialog.saved_entry_id
        finally:
            dialog.deleteLater()

    def _new_input(self, member_id: int | None, event_id: int | None) -> VolunteerInput:
        day = self._today
        event = event_choice(event_id) if event_id is not None else None
        if event is not None and event.starts_at.date() <= day:
            day = event.starts_at.date()  # the hours given at that event, on its day
        return VolunteerInput(member_id=member_id, date=day, hours=Decimal("0"),
                              category="",
                              event_id=event.id if event is not None else None)

    def _build(self) -> None:
        keep = [self._initial.member_id] if self._initial.member_id is not None else []
        self.member = member_search_combo(member_choices(keep=keep),
                                          _("Type part of a name"), self)
        self.date = date_edit()
        self.date.setMaximumDate(to_qdate(self._today))
        self.hours = hours_spin()
        self.hours_hint = QLabel()
        self.hours_hint.setStyleSheet(HINT_STYLE)
        hours = QHBoxLayout()
        hours.addWidget(self.hours)
        hours.addWidget(self.hours_hint, 1)
        self.category = QComboBox()
        self.category.setPlaceholderText(_("Choose a category"))
        for name in category_names(keep=self._initial.category or None):
            self.category.addItem(name, name)
        self.event_combo = member_search_combo([], _("No event — type part of a title"), self)
        self.event_hint = QLabel()
        self.event_hint.setStyleSheet(HINT_STYLE)
        self.event_hint.hide()
        event = QVBoxLayout()
        event.setSpacing(2)
        event.addWidget(self.event_combo)
        event.addWidget(self.event_hint)
        self.description = limit_line(QLineEdit(), "volunteer", "description")
        self.description.setPlaceholderText(_("What was done (optional)"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add_row(form, _("Member"), self.member, "member_id")
        self.add_row(form, _("Date"), self.date, "date")
        self.add_row(form, _("Hours"), hours, "hours")
        self.add_row(form, _("Category"), self.category, "category")
        self.add_row(form, _("Event"), event, "event_id")
        self.add_row(form, _("Description"), self.description, "description")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _load(self, data: VolunteerInput) -> None:
        index = self.member.findData(data.member_id) if data.member_id is not None else 0
        self.member.setCurrentIndex(max(index, 0))
        self.member.lineEdit().setCursorPosition(0)
        self.date.setDate(to_qdate(data.date))
        self._fill_events(data.date, data.event_id)
        self.hours.setValue(float(data.hours))
        self.category.setCurrentIndex(self.category.findData(data.category)
                                      if data.category else -1)
        self.description.setText(data.description)

    # -- events around the date -----------------------------------------------------------

    def _fill_events(self, day: dt.date, keep: int | None) -> None:
        """Offer the events around ``day`` (and ``keep``, the event chosen)."""
        self._events = {event.id: event for event in event_choices(
            day - EVENT_WINDOW, day + EVENT_WINDOW, keep=keep)}
        self.event_combo.blockSignals(True)
        set_choices(self.event_combo, [(event.id, event_label(event))
                                       for event in self._events.values()])
        index = self.event_combo.findData(keep) if keep is not None else 0
        self.event_combo.setCurrentIndex(max(index, 0))
        self.event_combo.lineEdit().setCursorPosition(0)
        self.event_combo.blockSignals(False)
        self._events_around = day

    def _date_changed(self) -> None:
        day = self._day()
        if self._events_around is None or abs((day - self._events_around).days) > 15:
            self._fill_events(day, chosen_id(self.event_combo))
        self.revalidate()

    # -- reading and checking -------------------------------------------------------------

    def _day(self) -> dt.date:
        return self.date.date().toPython()  # type: ignore[return-value]

    def collect(self) -> VolunteerInput:
        """What the form holds now, as typed (the domain cleans it)."""
        category = self.category.currentData()
        return VolunteerInput(member_id=chosen_id(self.member), date=self._day(),
                              hours=spin_hours(self.hours), category=category or "",
                              event_id=chosen_id(self.event_combo),
                              description=self.description.text())

    def validate(self) -> dict[str, str]:
        data = self.collect()
        errors = dict(validate_entry(data, self.entry_id).errors)
        if data.member_id is None and self.member.currentText().strip():
            errors["member_id"] = _("Choose the member in the list.")
        if data.event_id is None and self.event_combo.currentText().strip():
            errors["event_id"] = _("Choose the event in the list, or leave it empty.")
        self._show_hints(data)
        return errors

    def _show_hints(self, data: VolunteerInput) -> None:
        minutes = int(data.hours * 60)
        hint = ""
        if minutes > 0 and not data.hours % Decimal("0.25"):
            whole, rest = divmod(minutes, 60)
            if not whole:
                hint = _("{minutes} min").format(minutes=rest)
            elif rest:
                hint = _("{hours} h {minutes} min").format(hours=whole, minutes=rest)
        if self.hours_hint.text() != hint:
            self.hours_hint.setText(hint)
        event = self._events.get(data.event_id) if data.event_id is not None else None
        text = ""
        if event is not None and event.starts_at.date() != data.date:
            text = _("The event took place on {date}.").format(
                date=format_date(event.starts_at.date()))
        self.event_hint.setText(text)
        self.event_hint.setVisible(bool(text))

    def accept(self) -> None:
        """Check again, then save; refuse with a message if the domain says no."""
        self.save_or_refuse(self._save)

    def _save(self) -> None:
        data = self.collect()
        if self.entry_id is None:
            self.saved_entry_id = create_entry(data)
            return
        entry_id = self.entry_id
        self.save_edit(lambda values, original: update_entry(entry_id, values,
                                                             original=original),
                       data, self._initial)
        self.saved_entry_id = entry_id

    def conflict_value(self, name: str, value: object) -> str:
        if name == "member_id":
            return combo_text(self.member, value)
        if name == "event_id" and isinstance(value, int):
            event = self._events.get(value) or event_choice(value)
            return event_label(event) if event is not None else combo_text(
                self.event_combo, value)
        if name == "hours" and isinstance(value, Decimal):
            return _("{hours} h").format(hours=QLocale().toString(float(value), "f", 2))
        return super().conflict_value(name, value)

    def _refuse(self, messages: list[str]) -> None:
        self.refuse(_("Hours not saved"), _("The hours were not saved:"), messages)
