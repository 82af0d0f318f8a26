"""The dialog that creates or edits one event, validated as the user types.

:class:`FormDialog` holds what the event and the series dialogs share: a message under each
field, Save disabled while the form is refused (its tooltip says why), a check again on
Save, and a window-modal message when the database refuses.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from clubdesk.db import EVENT_KINDS
from clubdesk.domain.events import (
    EventInput,
    EventValidationError,
    ValidationResult,
    create_event,
    event_input,
    event_series,
    update_event,
    validate_event,
)
from clubdesk.domain.labels import event_kind_label
from clubdesk.ui.form_widgets import NotesEdit

ERROR_STYLE = "color: #b3261e;"
BANNER_STYLE = ("QFrame#series_banner { background: palette(alternate-base);"
                " border: 1px solid palette(mid); border-radius: 4px; }")


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


def kind_combo() -> QComboBox:
    combo = QComboBox()
    for code in EVENT_KINDS:
        combo.addItem(event_kind_label(code), code)
    return combo


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
        message.setStyleSheet(ERROR_STYLE)
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
        for name, label in self._messages.items():
            text = self._errors.get(name, "")
            if self._shown.get(name, "") != text:  # this runs on every keystroke
                self._shown[name] = text
                label.setText(text)
                label.setVisible(bool(text))
        self.save_button.setEnabled(not self._errors)
        lines = [self.tr("Cannot save yet:")] + [
            self.tr("• {field}: {message}").format(
                field=self._field_labels.get(name, name), message=message)
            for name, message in self._errors.items()]
        self.save_button.setToolTip("\n".join(lines) if self._errors else "")

    def refuse(self, title: str, intro: str, messages: list[str]) -> None:
        """Say why nothing was saved; window-modal, so the form stays as typed."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, intro + "\n\n" + "\n".join(
            f"• {message}" for message in messages), QMessageBox.StandardButton.Ok, self)
        if self._error_box is not None:
            self._error_box.deleteLater()
        self._error_box = box
        box.open()


class EventDialog(FormDialog):
    """Create an event (``event_id`` None) or edit one date; Save stays off while invalid."""

    def __init__(self, event_id: int | None = None, parent: QWidget | None = None) -> None:
        # Read first: an event deleted meanwhile raises before any widget exists.
        today = dt.date.today()
        initial = (event_input(event_id) if event_id is not None else EventInput(
            starts_at=dt.datetime.combine(today, dt.time(19, 0)),
            ends_at=dt.datetime.combine(today, dt.time(21, 0))))
        series = event_series(event_id) if event_id is not None else None
        super().__init__(parent)
        self.event_id = event_id
        self.saved_event_id: int | None = None
        self.series_edited = False
        self.series = series
        self._initial = initial
        self._end_days = 0  # an event ending on a later day keeps that gap
        self._build()
        self._load(self._initial)
        self.setWindowTitle(self.tr("New event") if event_id is None else
                            self.tr("Edit event — {title}").format(title=self._initial.title))
        for signal in (self.title.textChanged, self.kind.currentIndexChanged,
                       self.date.dateChanged, self.start.timeChanged, self.end.timeChanged,
                       self.end_check.toggled, self.location.textChanged,
                       self.description.textChanged):
            signal.connect(self.revalidate)
        self.end_check.toggled.connect(self.end.setEnabled)
        self.revalidate()
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None, event_id: int | None = None) -> int | None:
        """Show the dialog modally; the id of the saved event, or None if cancelled.

        The id also comes back when the user edited the event's series from the dialog.
        """
        dialog = cls(event_id, parent)
        try:
            dialog.exec()
            return dialog.saved_event_id
        finally:
            dialog.deleteLater()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        if self.series is not None:
            layout.addWidget(self._series_banner(self.series[1]))
        self.title = QLineEdit()
        self.kind = kind_combo()
        self.date = date_edit()
        self.start = time_edit()
        self.end_check = QCheckBox(self.tr("until"))
        self.end_check.setToolTip(self.tr("Untick when the end time is not known."))
        self.end = time_edit()
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(self.end_check)
        times.addWidget(self.end)
        times.addStretch(1)
        self.location = QLineEdit()
        self.location.setPlaceholderText(self.tr("Venue and address, or “Video call”"))
        self.description = NotesEdit()
        self.description.setTabChangesFocus(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add_row(form, self.tr("Title"), self.title, "title")
        self.add_row(form, self.tr("Kind"), self.kind, "kind")
        self.add_row(form, self.tr("Date"), self.date, "starts_at")
        self.add_row(form, self.tr("Time"), times, "ends_at")
        self.add_row(form, self.tr("Location"), self.location, "location")
        self.add_row(form, self.tr("Description"), self.description, "description")
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)

    def _series_banner(self, series_title: str) -> QFrame:
        banner = QFrame()
        banner.setObjectName("series_banner")
        banner.setStyleSheet(BANNER_STYLE)
        self.series_label = QLabel(self.tr(
            "Part of the series “{title}”: this edits this date only. Use “Edit series…” to "
            "change every date.").format(title=series_title))
        self.series_label.setWordWrap(True)
        self.series_button = QPushButton(self.tr("Edit series…"))
        self.series_button.clicked.connect(self.edit_series)
        row = QHBoxLayout(banner)
        row.addWidget(self.series_label, 1)
        row.addWidget(self.series_button)
        return banner

    def _load(self, data: EventInput) -> None:
        self.title.setText(data.title)
        self.kind.setCurrentIndex(max(self.kind.findData(data.kind), 0))
        self.date.setDate(data.starts_at.date())
        self.start.setTime(QTime(data.starts_at.hour, data.starts_at.minute))
        self.end_check.setChecked(data.ends_at is not None)
        self.end.setEnabled(data.ends_at is not None)
        end = data.ends_at or data.starts_at + dt.timedelta(hours=2)
        self.end.setTime(QTime(end.hour, end.minute))
        if data.ends_at is not None:
            self._end_days = (data.ends_at.date() - data.starts_at.date()).days
        self.location.setText(data.location)
        self.description.setPlainText(data.description)

    def collect(self) -> EventInput:
        """What the form holds now, as typed (the domain cleans it)."""
        day: dt.date = self.date.date().toPython()  # type: ignore[assignment]
        ends_at = None
        if self.end_check.isChecked():
            ends_at = dt.datetime.combine(day + dt.timedelta(days=self._end_days),
                                          to_time(self.end))
        return EventInput(title=self.title.text(), kind=self.kind.currentData(),
                          starts_at=dt.datetime.combine(day, to_time(self.start)),
                          ends_at=ends_at, location=self.location.text(),
                          description=self.description.toPlainText())

    def validate(self) -> dict[str, str]:
        result: ValidationResult[EventInput] = validate_event(self.collect())
        if self.series is not None:  # the series' own form would drop what is typed here
            modified = self.collect() != self._initial
            self.series_button.setEnabled(not modified)
            self.series_button.setToolTip(
                self.tr("Save or cancel the changes to this date first.") if modified else "")
        return result.errors

    def edit_series(self) -> None:
        """Open the series' form; once it is saved this dialog closes, its work done."""
        from clubdesk.ui.series_dialog import SeriesDialog

        if self.series is not None and SeriesDialog.ask(self, self.series[0]) is not None:
            self.series_edited = True
            self.saved_event_id = self.event_id
            QDialog.accept(self)

    def accept(self) -> None:
        """Check again, then save; refuse with a message if the domain says no."""
        self.revalidate()
        if self._errors:
            self._refuse(list(self._errors.values()))
            return
        try:
            if self.event_id is None:
                self.saved_event_id = create_event(self.collect())
            else:
                update_event(self.event_id, self.collect())
                self.saved_event_id = self.event_id
        except EventValidationError as error:
            self._refuse(list(error.result.errors.values()))
            return
        except LookupError as error:
            self._refuse([str(error)])
            return
        super().accept()

    def _refuse(self, messages: list[str]) -> None:
        self.refuse(self.tr("Event not saved"), self.tr("The event was not saved:"), messages)
