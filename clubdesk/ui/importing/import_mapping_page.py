"""Step 2 of the import: which member field each column of the file holds.

One line per column: its header, its first values and a list of fields. A field goes to one
column only: choosing it for a second column leaves the first one out, and says so. The last
name and the first name are required.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.exchange.import_columns import IMPORTABLE_FIELDS
from clubdesk.domain.exchange.import_sample import FileSample
from clubdesk.i18n import _
from clubdesk.ui.common.palette import Role, css

REQUIRED_FIELDS = ("last_name", "first_name")
HINT_STYLE = "color: palette(placeholder-text);"


class MappingPage(QWidget):
    """The columns of one file and the field chosen for each; ``changed`` on every choice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combos: list[QComboBox] = []
        self._headers: list[str] = []
        self._labels = self._field_labels()

        self.intro = QLabel()
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # file names and headers: as typed
        self.intro.setWordWrap(True)
        self.origin = QLabel()
        self.origin.setWordWrap(True)
        self.origin.setStyleSheet(HINT_STYLE)
        self._rows = QWidget()
        self._grid = QGridLayout(self._rows)
        self._grid.setColumnStretch(0, 2)
        self._grid.setColumnStretch(1, 3)
        self._grid.setColumnStretch(2, 2)
        self._grid.setVerticalSpacing(6)
        self._grid.setHorizontalSpacing(16)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self._rows)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(css(Role.ERROR))
        self.message.setObjectName("mapping_message")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.origin)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.message)

    def _field_labels(self) -> dict[str, str]:
        """The names the member form gives its fields."""
        return {
            "last_name": _("Last name"), "first_name": _("First name"),
            "email": _("Email"), "phone": _("Phone"),
            "company": _("Company"), "profession": _("Profession"),
            "sector": _("Sector"), "address": _("Address"),
            "city": _("City"), "postcode": _("Postcode"),
            "joined_on": _("Joined on"), "left_on": _("Left on"),
            "status": _("Status"), "notes": _("Notes"),
        }

    # -- filling ----------------------------------------------------------------------------

    def set_sample(self, sample: FileSample) -> None:
        """Show the columns of ``sample``, each with the field it offers."""
        self._clear()
        self._headers = list(sample.headers)
        self.intro.setText(_(
            "Say which member field each column of {file} holds. A column set to “{ignore}” "
            "is not imported.").format(file=sample.path.name, ignore=self._ignore_text()))
        self.origin.setText(_(
            "The columns are set as you chose the last time a file with these headers was "
            "imported.") if sample.remembered else _(
            "The columns were recognised from their headers: check them before going on."))
        for text, column in ((_("Column of the file"), 0),
                             (_("First values"), 1), (_("Member field"), 2)):
            title = QLabel(f"<b>{text}</b>")
            self._grid.addWidget(title, 0, column)
        for index, header in enumerate(sample.headers):
            self._add_line(index, header, sample.samples[index] if index < len(
                sample.samples) else [], sample.mapping.get(index))
        self._grid.setRowStretch(len(sample.headers) + 1, 1)
        self.note.hide()
        self._update_message()

    def _ignore_text(self) -> str:
        return _("— do not import —")

    def _add_line(self, index: int, header: str, values: list[str], field: str | None) -> None:
        row = index + 1
        name = QLabel(header or _("(column {number}, no header)").format(
            number=index + 1))
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setWordWrap(True)
        samples = QLabel(" · ".join(values) if values else _("(empty)"))
        samples.setTextFormat(Qt.TextFormat.PlainText)
        samples.setToolTip("\n".join(values))
        samples.setStyleSheet(HINT_STYLE)
        # Long values are cut at the column's edge instead of widening the window.
        samples.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        samples.setMinimumWidth(120)
        combo = QComboBox()
        combo.setObjectName(f"field_{index}")
        combo.addItem(self._ignore_text(), None)
        for code in IMPORTABLE_FIELDS:
            combo.addItem(self._labels[code], code)
        combo.setCurrentIndex(max(combo.findData(field), 0) if field else 0)
        combo.setMinimumContentsLength(14)
        combo.currentIndexChanged.connect(lambda _position, i=index: self._chosen(i))
        name.setBuddy(combo)
        self._grid.addWidget(name, row, 0)
        self._grid.addWidget(samples, row, 1)
        self._grid.addWidget(combo, row, 2)
        self.combos.append(combo)

    def _clear(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 0)
        self.combos = []

    # -- choosing ---------------------------------------------------------------------------

    def mapping(self) -> dict[int, str]:
        """Column index -> member field, for the columns to import."""
        return {index: combo.currentData() for index, combo in enumerate(self.combos)
                if combo.currentData()}

    def set_field(self, index: int, field: str | None) -> None:
        """Choose ``field`` (None: do not import) for column ``index``, as the user does."""
        combo = self.combos[index]
        combo.setCurrentIndex(combo.findData(field) if field else 0)

    def missing_fields(self) -> list[str]:
        chosen = set(self.mapping().values())
        return [field for field in REQUIRED_FIELDS if field not in chosen]

    def is_complete(self) -> bool:
        return bool(self.combos) and not self.missing_fields()

    def _chosen(self, index: int) -> None:
        field = self.combos[index].currentData()
        self.note.hide()
        if field:
            for other, combo in enumerate(self.combos):
                if other != index and combo.currentData() == field:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
                    self.note.setText(_(
                        "“{field}” was chosen for the column “{column}” before: that column "
                        "is now not imported.").format(field=self._labels[field],
                                                       column=self._header(other)))
                    self.note.show()
        self._update_message()
        self.changed.emit()

    def _header(self, index: int) -> str:
        return self._headers[index] or str(index + 1)

    def _update_message(self) -> None:
        missing = self.missing_fields()
        if not missing:
            self.message.setText("")
            self.message.hide()
            return
        names = ", ".join(self._labels[field] for field in missing)
        self.message.setText(_(
            "Choose the column holding: {fields}. The last name and the first name are "
            "required to import members.").format(fields=names))
        self.message.show()
