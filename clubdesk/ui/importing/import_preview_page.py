"""Step 3 of the import: what the file would do, and the choices before anything is written.

The counts, the invalid and duplicate rows by line, what to do with duplicates, and whether
to skip the invalid rows. Import stays refused while invalid rows are neither corrected nor
skipped, or when there is nothing to write.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.exchange.member_import import ImportPreview, OnDuplicate
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.palette import Role, css
from clubdesk.ui.common.table_views import make_row_table
from clubdesk.ui.importing.import_mapping_page import HINT_STYLE
from clubdesk.ui.importing.import_models import (
    COL_KIND,
    COL_LINE,
    COL_NAME,
    KIND_INVALID,
    IssueLine,
    IssuesModel,
    issue_lines,
)

DUPLICATE_CHOICES: tuple[OnDuplicate, ...] = ("skip", "update", "add")
SHOW_INVALID, SHOW_REPEATS, SHOW_ALL = "invalid", "repeats", "all"


class PreviewPage(QWidget):
    """The preview of one import; ``changed`` when a choice changes what Import would do."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: ImportPreview | None = None
        self.busy = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # Qt's busy bar until the first progress arrives

        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.model = IssuesModel(self)
        self.table = make_row_table(self.model, widths={COL_LINE: 60, COL_KIND: 170,
                                                        COL_NAME: 230})
        self.table.setMinimumHeight(120)
        # Among thousands of repeated rows, the few invalid ones are what must be seen.
        self.shown = QComboBox()
        self.shown.setObjectName("shown_rows")
        self.shown.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.shown.currentIndexChanged.connect(lambda _index: self._show_issues())
        self._issues: list[IssueLine] = []
        self.filter_row = QWidget()
        filter_layout = QHBoxLayout(self.filter_row)
        filter_layout.setContentsMargins(0, 0, 0, 0)
        filter_layout.addWidget(QLabel(_("Show:")))
        filter_layout.addWidget(self.shown)
        filter_layout.addStretch(1)

        self.duplicates = QGroupBox(_("Rows that repeat someone"))
        self.choice = QButtonGroup(self)
        texts = (_("Skip them: the existing member stays as it is"),
                 _("Update the existing member with the non-empty cells of the row"),
                 _("Add them anyway, as new members"))
        box = QVBoxLayout(self.duplicates)
        for position, (code, text) in enumerate(zip(DUPLICATE_CHOICES, texts, strict=True)):
            button = QRadioButton(text)
            button.setObjectName(f"duplicates_{code}")
            self.choice.addButton(button, position)
            box.addWidget(button)
        self.choice.button(0).setChecked(True)
        self.repeat_hint = QLabel(_(
            "A row repeating an earlier row of the file is only imported with “Add them "
            "anyway”."))
        self.repeat_hint.setWordWrap(True)
        self.repeat_hint.setStyleSheet(HINT_STYLE)
        box.addWidget(self.repeat_hint)
        self.choice.idToggled.connect(lambda _id, checked: checked and self._update())

        self.skip_invalid_box = QCheckBox()
        self.skip_invalid_box.toggled.connect(lambda _checked: self._update())
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # may quote the file's name
        self.message.setWordWrap(True)
        self.message.setStyleSheet(css(Role.ERROR))
        self.message.setObjectName("preview_message")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.busy)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.counts)
        layout.addWidget(self.filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.skip_invalid_box)
        layout.addWidget(self.message)
        layout.addWidget(self.outcome)
        layout.addStretch(0)  # takes the room only while the table is hidden
        self._show_parts(busy=False, ready=False)

    def _show_parts(self, busy: bool, ready: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_bar.setVisible(busy)
        for widget in (self.counts, self.filter_row, self.table, self.duplicates,
                       self.skip_invalid_box,
                       self.outcome):
            widget.setVisible(ready)
        self.message.setVisible(False)

    # -- states -----------------------------------------------------------------------------

    def show_busy(self, row_count: int) -> None:
        """The preview is being computed (in the background)."""
        self.preview = None
        self._fill_filter([])
        self.busy.setText(ngettext("Checking the {n} row of the file…",
                                   "Checking the {n} rows of the file…", row_count))
        self.busy_bar.setRange(0, 0)
        self._show_parts(busy=True, ready=False)
        self.changed.emit()

    def set_progress(self, done: int, total: int) -> None:
        """How many rows are checked (reported every few hundred rows)."""
        self.busy_bar.setRange(0, max(total, 1))
        self.busy_bar.setValue(done)

    def show_failure(self, message: str) -> None:
        """The preview could not be computed: say why; nothing can be imported."""
        self.preview = None
        self._show_parts(busy=False, ready=False)
        self.message.setText(message)
        self.message.show()
        self.changed.emit()

    def set_preview(self, preview: ImportPreview, names: Mapping[int, str] | None = None
                    ) -> None:
        """Show what importing would do; ``names``: those of the invalid rows, by line."""
        self.preview = preview
        self._show_parts(busy=False, ready=True)
        existing = len(preview.to_update)
        repeated = len(preview.duplicates) - existing
        lines = [
            ngettext("{n} new member to add", "{n} new members to add", len(preview.to_add)),
            ngettext("{n} row repeating a member already registered",
                     "{n} rows repeating a member already registered", existing),
            ngettext("{n} row repeating an earlier row of the file",
                     "{n} rows repeating an earlier row of the file", repeated),
            ngettext("{n} invalid row", "{n} invalid rows", len(preview.invalid)),
        ]
        self.counts.setText("<br>".join(
            f"<b>{line}</b>" if position == 0 or (position == 3 and preview.invalid)
            else line for position, line in enumerate(lines)))
        self._fill_filter(issue_lines(preview, names))
        self.duplicates.setVisible(bool(preview.duplicates))
        self.choice.button(1).setEnabled(existing > 0)
        if not existing and self.choice.checkedId() == 1:
            self.choice.button(0).setChecked(True)
        self.repeat_hint.setVisible(repeated > 0)
        self.skip_invalid_box.setText(ngettext("Skip the invalid row and import the others",
                                               "Skip the {n} invalid rows and import the others",
                                               len(preview.invalid)))
        self.skip_invalid_box.setChecked(False)
        self.skip_invalid_box.setVisible(bool(preview.invalid))
        self._update()

    def _fill_filter(self, issues: list[IssueLine]) -> None:
        """Offer the kinds of rows listed; the invalid ones first when there are some."""
        self._issues = issues
        invalid = sum(issue.kind == KIND_INVALID for issue in issues)
        repeats = len(issues) - invalid
        self.shown.blockSignals(True)
        self.shown.clear()
        if invalid:
            self.shown.addItem(ngettext("{n} invalid row",
                                        "{n} invalid rows", invalid), SHOW_INVALID)
        if repeats:
            self.shown.addItem(ngettext("{n} row repeating someone",
                                        "{n} rows repeating someone", repeats),
                               SHOW_REPEATS)
        if invalid and repeats:
            self.shown.addItem(ngettext("All: {n} row", "All: {n} rows", len(issues)), SHOW_ALL)
        self.shown.setCurrentIndex(0)
        self.shown.blockSignals(False)
        self.filter_row.setVisible(bool(issues))
        self.table.setVisible(bool(issues))
        self._show_issues()

    def _show_issues(self) -> None:
        shown = self.shown.currentData()
        self.model.set_issues([issue for issue in self._issues if shown == SHOW_ALL or (
            (issue.kind == KIND_INVALID) == (shown == SHOW_INVALID))])

    def show_rows(self, shown: str) -> None:
        """Show the invalid rows, the repeats or all (``SHOW_*``), as the list's user does."""
        self.shown.setCurrentIndex(self.shown.findData(shown))

    # -- choices ----------------------------------------------------------------------------

    def on_duplicate(self) -> OnDuplicate:
        return DUPLICATE_CHOICES[max(self.choice.checkedId(), 0)]

    def set_on_duplicate(self, choice: OnDuplicate) -> None:
        self.choice.button(DUPLICATE_CHOICES.index(choice)).setChecked(True)

    def skip_invalid(self) -> bool:
        return self.skip_invalid_box.isChecked()

    def counts_to_write(self) -> tuple[int, int]:
        """(members added, members updated) with the current choices."""
        preview = self.preview
        if preview is None:
            return 0, 0
        choice = self.on_duplicate()
        added = len(preview.to_add) + (len(preview.duplicates) if choice == "add" else 0)
        updated = len(preview.to_update) if choice == "update" else 0
        return added, updated

    def refusal(self) -> str:
        """Why Import is refused now, or "" when it may go ahead."""
        if self.preview is None:
            return self.message.text() if self.message.text() else self.busy.text()
        if self.preview.invalid and not self.skip_invalid():
            return _(
                "Nothing will be written while the file has invalid rows: correct them in "
                "the file and choose it again, or tick the box above to skip them.")
        if self.counts_to_write() == (0, 0):
            return _("Nothing to import: every valid row repeats someone, and "
                           "duplicates are skipped.") if self.preview.duplicates else _(
                "Nothing to import: the file has no valid row.")
        return ""

    def can_import(self) -> bool:
        return self.preview is not None and not self.refusal()

    def _update(self) -> None:
        if self.preview is None:
            return
        refusal = self.refusal()
        self.message.setText(refusal)
        self.message.setVisible(bool(refusal))
        added, updated = self.counts_to_write()
        members = {"added": ngettext("{n} member", "{n} members", added),
                   "updated": ngettext("{n} member", "{n} members", updated)}
        if updated:
            text = _("The import will add {added} and update {updated}. Nothing is "
                           "written before you click “Start the import”.")
        else:
            text = _("The import will add {added}. Nothing is written before you click "
                           "“Start the import”.")
        self.outcome.setText(text.format(**members))
        self.outcome.setVisible(not refusal)
        self.changed.emit()
