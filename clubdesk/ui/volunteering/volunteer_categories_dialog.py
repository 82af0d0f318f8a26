"""The association's list of volunteer categories, edited in place.

Each button acts at once (there is nothing to save at the end): add, rename (the entries
follow), archive or bring back, move up or down, delete a category no entry uses. A refusal
("already exists", "used by 12 entries: archive it instead") shows under the list.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.volunteering.volunteer_categories import (
    CategoryError,
    CategoryNotFoundError,
    CategoryRow,
    add_category,
    category_rows,
    delete_category,
    move_category,
    rename_category,
    set_archived,
)
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.limited_text import ask_line
from clubdesk.ui.common.palette import Role, css

INFO_STYLE = "color: palette(placeholder-text);"


def ask_name(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """A name typed by the user, or None when cancelled (tests replace this)."""
    return ask_line(parent, title, label, text, "volunteer_category", "name")


class VolunteerCategoriesDialog(QDialog):
    """Add, rename, archive, order and delete the categories; ``changed`` once any was."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Volunteer categories"))
        self.changed = False
        self._rows: list[CategoryRow] = []
        intro = QLabel(_(
            "The categories offered when hours are logged, in this order. A category "
            "already used is archived rather than deleted: its entries keep it."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._selection_changed)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button = self._button(_("Add…"), self.add)
        self.rename_button = self._button(_("Rename…"), self.rename)
        self.archive_button = self._button(_("Archive"), self.toggle_archived)
        self.up_button = self._button(_("Move up"), lambda: self.move(-1))
        self.down_button = self._button(_("Move down"), lambda: self.move(1))
        self.delete_button = self._button(_("Delete"), self.delete)
        side = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.archive_button,
                       self.up_button, self.down_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        self.refresh()
        self.resize(560, 420)

    @classmethod
    def ask(cls, parent: QWidget | None) -> bool:
        """Show the dialog modally; True when the list was changed."""
        dialog = cls(parent)
        try:
            dialog.exec()
            return dialog.changed
        finally:
            dialog.deleteLater()

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- the list -------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        """Read the list again; select category ``select`` (else keep the selection)."""
        current = self.current()
        select = select if select is not None else (current.id if current else None)
        self._rows = category_rows()
        self.list.clear()
        for category in self._rows:
            text = category.name
            if category.entries:
                text += "  —  " + ngettext("{n} entry", "{n} entries", category.entries)
            if category.archived:
                text += "  —  " + _("archived")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, category.id)
            if category.archived:
                item.setFont(self._italic)
                item.setForeground(self._grey)
            self.list.addItem(item)
        ids = [category.id for category in self._rows]
        self.list.setCurrentRow(ids.index(select) if select in ids else 0 if ids else -1)
        self._selection_changed()

    def names(self) -> list[str]:
        return [category.name for category in self._rows]

    def current(self) -> CategoryRow | None:
        row = self.list.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _selection_changed(self) -> None:
        category = self.current()
        row = self.list.currentRow()
        for button in (self.rename_button, self.archive_button):
            button.setEnabled(category is not None)
        self.delete_button.setEnabled(category is not None and not category.entries)
        self.up_button.setEnabled(category is not None and row > 0)
        self.down_button.setEnabled(category is not None and row < len(self._rows) - 1)
        self.archive_button.setText(_("Bring back") if category and category.archived
                                    else _("Archive"))
        self.delete_button.setToolTip(
            _("Used by entries: archive it instead.")
            if category is not None and category.entries else "")

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(css(Role.ERROR) if error else INFO_STYLE)
        self.message.setText(text)

    def _do(self, change: Callable[[], object], done: str, select: int | None = None) -> None:
        """Run ``change``, then show the list again with ``select`` chosen; say ``done``,
        or why the change was refused."""
        try:
            change()
        except (CategoryError, CategoryNotFoundError) as error:
            self.refresh()
            self._say(str(error), error=True)
            return
        self.changed = True
        self.refresh(select)
        self._say(done)

    # -- commands -------------------------------------------------------------------------

    def add(self) -> None:
        name = ask_name(self, _("New category"), _("Name of the category:"))
        if name is None:
            return
        try:
            category_id = add_category(name)
        except CategoryError as error:
            self._say(str(error), error=True)
            return
        self.changed = True
        self.refresh(category_id)
        self._say(_("“{name}” added.").format(name=" ".join(name.split())))

    def rename(self) -> None:
        category = self.current()
        if category is None:
            return
        name = ask_name(self, _("Rename the category"), _("New name:"),
                        category.name)
        if name is None or name == category.name:
            return
        try:
            renamed = rename_category(category.id, name)
        except (CategoryError, CategoryNotFoundError) as error:
            self._say(str(error), error=True)
            return
        self.changed = True
        self.refresh(category.id)
        self._say(ngettext("Renamed; {n} entry follows the new name.",
                           "Renamed; {n} entries follow the new name.", renamed))

    def toggle_archived(self) -> None:
        category = self.current()
        if category is None:
            return
        self._do(lambda: set_archived(category.id, not category.archived),
                 _("“{name}” brought back.").format(name=category.name)
                 if category.archived else
                 _("“{name}” archived: it is no longer offered, its entries keep it."
                         ).format(name=category.name), category.id)

    def move(self, offset: int) -> None:
        category = self.current()
        if category is not None:
            self._do(lambda: move_category(category.id, offset), "", category.id)

    def delete(self) -> None:
        category = self.current()
        if category is None:
            return
        # The next category takes the deleted one's place in the selection.
        ids = [row.id for row in self._rows if row.id != category.id]
        position = min(self.list.currentRow(), len(ids) - 1)
        self._do(lambda: delete_category(category.id),
                 _("“{name}” deleted.").format(name=category.name),
                 ids[position] if ids else None)
