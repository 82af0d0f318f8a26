"""The dialog that creates a recurring series, or edits every date of one (or those from a day).

A live preview says the rule in words, how many dates it makes and the first of them, or,
for an existing series, how many dates change, which are added and what goes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.codes import SeriesFrequency
from clubdesk.domain.common.errors import NotFoundError
from clubdesk.domain.common.labels import event_kind_label
from clubdesk.domain.events.event_series import (
    EVENT_FIELDS,
    LAST,
    MAX_OCCURRENCES,
    SeriesInput,
    SeriesUpdatePlan,
    create_series,
    monthly_rule,
    occurrence_dates,
    series_dates,
    series_input,
    series_update_plan,
    update_series,
    validate_series,
)
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.form_dialog import FormDialog, date_edit, time_edit, to_time
from clubdesk.ui.common.form_widgets import NotesEdit
from clubdesk.ui.common.limited_text import limit_line
from clubdesk.ui.events import event_deletion
from clubdesk.ui.events.event_widgets import kind_combo

_PREVIEW_DATES = 5
_HINT_STYLE = "color: palette(placeholder-text);"


def _long_day(day: dt.date) -> str:
    """``mar. 6 janv. 2026`` / ``Tue 6 Jan 2026``."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")


def _short_day(day: dt.date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


class SeriesDialog(FormDialog):
    """Create a series (``series_id`` None) or edit one; Save stays off while invalid."""

    def __init__(self, series_id: int | None = None, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        # Read first: a series deleted meanwhile raises before any widget exists.
        today = today or dt.date.today()
        if series_id is None:
            data = SeriesInput(first_on=today, until=today + dt.timedelta(weeks=52, days=-1),
                               end_time=dt.time(21, 0))
        else:
            data = series_input(series_id, today)
        super().__init__(parent)
        self.series_id = series_id
        self.saved_series_id: int | None = None
        self._today = today
        self._plan: SeriesUpdatePlan | None = None
        self._initial = data
        self._build()
        self._load(data)
        self.setWindowTitle(_("New series") if series_id is None else
                            _("Edit series — {title}").format(title=data.title))
        for signal in (self.title.textChanged, self.kind.currentIndexChanged,
                       self.frequency.currentIndexChanged, self.first_on.dateChanged,
                       self.until.dateChanged, self.start.timeChanged, self.end.timeChanged,
                       self.end_check.toggled, self.location.textChanged,
                       self.description.textChanged, self.scope.idToggled,
                       self.from_date.dateChanged):
            signal.connect(self.revalidate)
        self.end_check.toggled.connect(self.end.setEnabled)
        self.revalidate()
        self.resize(max(self.sizeHint().width(), 600), self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget | None, series_id: int | None = None) -> int | None:
        """Show the dialog modally; the id of the saved series, or None if cancelled."""
        dialog = cls(series_id, parent)
        try:
            dialog.exec()
            return dialog.saved_series_id
        finally:
            dialog.deleteLater()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = limit_line(QLineEdit(), "series", "title")
        self.title.setPlaceholderText(_("Weekly meeting"))
        self.kind = kind_combo()
        self.frequency = QComboBox()
        self._frequencies = {SeriesFrequency.WEEKLY: _("Every week"),
                             SeriesFrequency.FORTNIGHTLY: _("Every two weeks"),
                             SeriesFrequency.MONTHLY: _("Every month")}
        for code in SeriesFrequency:
            self.frequency.addItem(self._frequencies[code], code)
        self.first_on = date_edit()
        self.until = date_edit()
        self.start = time_edit()
        self.end_check = QCheckBox(_("until"))
        self.end_check.setToolTip(_("Untick when the end time is not known."))
        self.end = time_edit()
        times = QHBoxLayout()
        for widget in (self.start, self.end_check, self.end):
            times.addWidget(widget)
        times.addStretch(1)
        self.location = limit_line(QLineEdit(), "series", "location")
        self.location.setPlaceholderText(_("Venue and address, or “Video call”"))
        self.description = NotesEdit()
        self.description.setTabChangesFocus(True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setObjectName("preview")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.add_row(form, _("Title"), self.title, "title")
        self.add_row(form, _("Kind"), self.kind, "kind")
        self.add_row(form, _("Frequency"), self.frequency, "frequency")
        self.add_row(form, _("First date"), self.first_on, "first_on")
        self.add_row(form, _("Until"), self.until, "until")
        self.add_row(form, _("Time"), times, "end_time")
        self.add_row(form, _("Location"), self.location, "location")
        self.add_row(form, _("Description"), self.description, "description")
        self._build_scope(form)
        form.addRow("", self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)

    def _build_scope(self, form: QFormLayout) -> None:
        """Editing a series: every date, or the dates from a day on (not the past ones)."""
        self.scope = QButtonGroup(self)
        self.all_dates = QRadioButton(_("Every date of the series"))
        self.from_dates = QRadioButton(_("The dates on or after"))
        self.from_date = date_edit()
        self.scope.addButton(self.all_dates, 0)
        self.scope.addButton(self.from_dates, 1)
        if self.series_id is None:
            return
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.all_dates)
        scope_row.addSpacing(12)
        scope_row.addWidget(self.from_dates)
        scope_row.addWidget(self.from_date)
        scope_row.addStretch(1)
        form.addRow(_("Apply to"), scope_row)

    def _load(self, data: SeriesInput) -> None:
        self.title.setText(data.title)
        self.kind.setCurrentIndex(max(self.kind.findData(data.kind), 0))
        self.frequency.setCurrentIndex(max(self.frequency.findData(data.frequency), 0))
        self.first_on.setDate(data.first_on)
        self.until.setDate(data.until)
        self.start.setTime(QTime(data.start_time.hour, data.start_time.minute))
        self.end_check.setChecked(data.end_time is not None)
        self.end.setEnabled(data.end_time is not None)
        end = data.end_time or dt.time(min(data.start_time.hour + 2, 23), data.start_time.minute)
        self.end.setTime(QTime(end.hour, end.minute))
        self.location.setText(data.location)
        self.description.setPlainText(data.description)
        if self.series_id is not None:
            rhythm = _("The rhythm of a series cannot change: end this series and "
                             "create a new one.")
            for widget in (self.frequency, self.first_on):
                widget.setEnabled(False)
                widget.setToolTip(rhythm)
            upcoming = [day for day in occurrence_dates(self.series_id) if day >= self._today]
            self.from_date.setDate(upcoming[0] if upcoming else self._today)
            self.all_dates.setChecked(True)

    def collect(self) -> SeriesInput:
        """What the form holds now, as typed (the domain cleans it)."""
        return SeriesInput(
            title=self.title.text(), kind=self.kind.currentData(),
            frequency=self.frequency.currentData(),
            first_on=self.first_on.date().toPython(),  # type: ignore[arg-type]
            until=self.until.date().toPython(),  # type: ignore[arg-type]
            start_time=to_time(self.start),
            end_time=to_time(self.end) if self.end_check.isChecked() else None,
            location=self.location.text(), description=self.description.toPlainText())

    def changed_fields(self) -> list[str]:
        """The fields of the dates the user changed: only those reach every date."""
        data = self.collect()
        return [name for name in EVENT_FIELDS
                if getattr(data, name) != getattr(self._initial, name)]

    def from_day(self) -> dt.date | None:
        """The first date the changes apply to; None for every date."""
        if self.series_id is None or not self.from_dates.isChecked():
            return None
        return self.from_date.date().toPython()  # type: ignore[no-any-return]

    # -- validation and preview -------------------------------------------------------------

    def validate(self) -> dict[str, str]:
        data = self.collect()
        self.from_date.setEnabled(self.from_dates.isChecked())
        if self.series_id is None:
            errors = validate_series(data).errors
            self._show_preview(self._new_preview(data) if "until" not in errors else "")
            return errors
        try:
            self._plan = series_update_plan(self.series_id, data, self.from_day(),
                                            self.changed_fields())
        except NotFoundError as error:  # deleted meanwhile
            self._show_preview("")
            return {"title": str(error)}
        self._show_preview(self._change_preview(self._plan) if self._plan.cleaned else "")
        return self._plan.errors

    def _show_preview(self, text: str) -> None:
        self.preview.setText(text)
        self.preview.setStyleSheet(_HINT_STYLE)
        self.preview.setVisible(bool(text))

    def rule_text(self, first: dt.date, frequency: str) -> str:
        """The rule in words: ``Every Tuesday``, ``The second Tuesday of each month``…"""
        day = QLocale().dayName(first.isoweekday(), QLocale.FormatType.LongFormat)
        if frequency == SeriesFrequency.WEEKLY:
            return _("Every {day}").format(day=day)
        if frequency == SeriesFrequency.FORTNIGHTLY:
            return _("Every other {day}").format(day=day)
        nth = monthly_rule(first)[0]
        texts = {1: _("The first {day} of each month"),
                 2: _("The second {day} of each month"),
                 3: _("The third {day} of each month"),
                 4: _("The fourth {day} of each month"),
                 LAST: _("The last {day} of each month")}
        return texts[nth].format(day=day)

    def _new_preview(self, data: SeriesInput) -> str:
        dates = series_dates(data.first_on, data.until, data.frequency, MAX_OCCURRENCES)
        if not dates:
            return ""
        count = ngettext("{n} date, from {first} to {last}.",
                         "{n} dates, from {first} to {last}.", len(dates)).format(
            first=_long_day(dates[0]), last=_long_day(dates[-1]))
        shown = [_short_day(day) for day in dates[:_PREVIEW_DATES]]
        if len(dates) > _PREVIEW_DATES:
            shown.append("…")
        return "\n".join((self.rule_text(data.first_on, data.frequency), count,
                          ", ".join(shown)))

    def _change_preview(self, plan: SeriesUpdatePlan) -> str:
        lines = [ngettext("Changes {n} date.",
                          "Changes {n} dates.", plan.updated)] if plan.updated else []
        if plan.added:
            lines.append(ngettext("Adds {n} date, up to {last}.",
                                  "Adds {n} dates, up to {last}.", len(plan.added)).format(
                last=_long_day(plan.added[-1])))
        if plan.removed.events:
            lines.append(_("Removes {what}.").format(
                what=event_deletion.counts(plan.removed, dates=True)))
        return " ".join(lines) or _("Nothing changed yet.")

    # -- saving -----------------------------------------------------------------------------

    def accept(self) -> None:
        """Check again, then save; refuse with a message if the domain says no."""
        self.save_or_refuse(self._save)

    def _save(self) -> None:
        if self.series_id is None:
            self.saved_series_id = create_series(self.collect())[0]
            return
        series_id, from_day = self.series_id, self.from_day()

        def update(values: SeriesInput, original: SeriesInput) -> None:
            # What differs from the series as it was read: the user's changes the first
            # time (changed_fields()), their choices against the record after a conflict.
            fields = [name for name in EVENT_FIELDS
                      if getattr(values, name) != getattr(original, name)]
            update_series(series_id, values, from_day, fields, original=original,
                          today=self._today)

        self.save_edit(update, self.collect(), self._initial)
        self.saved_series_id = series_id

    def conflict_labels(self) -> dict[str, str]:
        return {**super().conflict_labels(), "start_time": _("Start time"),
                "end_time": _("End time")}

    def conflict_value(self, name: str, value: object) -> str:
        if name == "kind" and isinstance(value, str):
            return event_kind_label(value)
        if name == "frequency" and isinstance(value, str):
            return self._frequencies.get(value, value)
        return super().conflict_value(name, value)

    def _refuse(self, messages: list[str]) -> None:
        self.refuse(_("Series not saved"), _("The series was not saved:"),
                    messages)
