"""The dialog that creates or edits one event, validated as the user types."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.labels import event_kind_label
from clubdesk.domain.events.events import (
    EventInput,
    ValidationResult,
    create_event,
    event_input,
    event_series,
    update_event,
    validate_event,
)
from clubdesk.i18n import _
from clubdesk.ui.common.form_dialog import FormDialog, date_edit, time_edit, to_time
from clubdesk.ui.common.form_widgets import NotesEdit
from clubdesk.ui.common.limited_text import limit_line
from clubdesk.ui.events.event_widgets import kind_combo
from clubdesk.ui.events.series_dialog import SeriesDialog

BANNER_STYLE = ("QFrame#series_banner { background: palette(alternate-base);"
                " border: 1px solid palette(mid); border-radius: 4px; }")


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
        self.setWindowTitle(_("New event") if event_id is None else
                            _("Edit event — {title}").format(title=self._initial.title))
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
        self.title = limit_line(QLineEdit(), "event", "title")
        self.kind = kind_combo()
        self.date = date_edit()
        self.start = time_edit()
        self.end_check = QCheckBox(_("until"))
        self.end_check.setToolTip(_("Untick when the end time is not known."))
        self.end = time_edit()
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(self.end_check)
        times.addWidget(self.end)
        times.addStretch(1)
        self.location = limit_line(QLineEdit(), "event", "location")
        self.location.setPlaceholderText(_("Venue and address, or “Video call”"))
        self.description = NotesEdit()
        self.description.setTabChangesFocus(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add_row(form, _("Title"), self.title, "title")
        self.add_row(form, _("Kind"), self.kind, "kind")
        self.add_row(form, _("Date"), self.date, "starts_at")
        self.add_row(form, _("Time"), times, "ends_at")
        self.add_row(form, _("Location"), self.location, "location")
        self.add_row(form, _("Description"), self.description, "description")
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)

    def _series_banner(self, series_title: str) -> QFrame:
        banner = QFrame()
        banner.setObjectName("series_banner")
        banner.setStyleSheet(BANNER_STYLE)
        self.series_label = QLabel(_(
            "Part of the series “{title}”: this edits this date only. Use “Edit series…” to "
            "change every date.").format(title=series_title))
        self.series_label.setWordWrap(True)
        self.series_button = QPushButton(_("Edit series…"))
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
                _("Save or cancel the changes to this date first.") if modified else "")
        return result.errors

    def edit_series(self) -> None:
        """Open the series' form; once it is saved this dialog closes, its work done."""
        if self.series is not None and SeriesDialog.ask(self, self.series[0]) is not None:
            self.series_edited = True
            self.saved_event_id = self.event_id
            QDialog.accept(self)

    def accept(self) -> None:
        """Check again, then save; refuse with a message if the domain says no."""
        self.save_or_refuse(self._save)

    def _save(self) -> None:
        if self.event_id is None:
            self.saved_event_id = create_event(self.collect())
            return
        event_id = self.event_id
        self.save_edit(lambda values, original: update_event(event_id, values,
                                                             original=original),
                       self.collect(), self._initial)
        self.saved_event_id = event_id

    def conflict_labels(self) -> dict[str, str]:
        return {**super().conflict_labels(), "starts_at": _("Start"),
                "ends_at": _("End")}

    def conflict_value(self, name: str, value: object) -> str:
        if name == "kind" and isinstance(value, str):
            return event_kind_label(value)
        return super().conflict_value(name, value)

    def _refuse(self, messages: list[str]) -> None:
        self.refuse(_("Event not saved"), _("The event was not saved:"), messages)
