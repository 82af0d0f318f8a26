"""What the Volunteering tab does: its actions, buttons, menu, and the dialogs they open.

The actions open the dialogs, ask before deleting and delete; what was done they signal, and
the tab shows it: the actions never touch the tab's widgets. The dialogs and the question
before deleting are opened through module-level functions, which the tests replace.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from clubdesk.domain.volunteering.volunteer_list import VolunteerRow
from clubdesk.domain.volunteering.volunteering import (
    VolunteerEntryNotFoundError,
    delete_entries,
)
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.formatting import format_date, format_hours
from clubdesk.ui.common.prompts import confirm
from clubdesk.ui.common.table_views import action_button
from clubdesk.ui.volunteering.volunteer_batch_dialog import VolunteerBatchDialog
from clubdesk.ui.volunteering.volunteer_categories_dialog import VolunteerCategoriesDialog
from clubdesk.ui.volunteering.volunteer_dialog import VolunteerDialog
from clubdesk.ui.volunteering.volunteer_filters import FilterValues


def edit_entry_dialog(parent: QWidget, entry_id: int | None, member_id: int | None = None,
                      event_id: int | None = None) -> int | None:
    """Open the entry form (new when ``entry_id`` is None); the saved id or None."""
    return VolunteerDialog.ask(parent, entry_id, member_id=member_id, event_id=event_id)


def batch_entry_dialog(parent: QWidget, event_id: int | None = None) -> list[int] | None:
    """Open the form logging hours for several members; the new ids or None."""
    return VolunteerBatchDialog.ask(parent, event_id=event_id)


def categories_dialog(parent: QWidget) -> bool:
    """Open the list of categories; True when it was changed."""
    return VolunteerCategoriesDialog.ask(parent)


class VolunteerActions(QObject):
    """The tab's actions and their buttons.

    ``filters`` gives the member and event a new entry starts with, ``selected`` the
    selected entries in the list's order, ``current`` the one Edit acts on; the dialogs open
    over ``parent``. The tab adds :meth:`tab_actions` to itself and :meth:`list_actions` to
    its list, and shows what the signals say.
    """

    saved = Signal(list, str)  # the entries' ids; the message, naming {hours}, {name}, {date}
    deleted = Signal(list, str)  # the entries' ids; the message saying so
    gone = Signal(int)  # the entry was deleted elsewhere meanwhile
    categories_changed = Signal()
    search_wanted = Signal()  # Ctrl+F

    def __init__(self, parent: QWidget, filters: Callable[[], FilterValues],
                 selected: Callable[[], list[VolunteerRow]],
                 current: Callable[[], VolunteerRow | None]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._filters = filters
        self._selected = selected
        self._current = current
        keys = QKeySequence.StandardKey
        add_action = self._action
        self.new_action = add_action(_("New entry"), self.new_entry, [keys.New])
        self.batch_action = add_action(
            _("Several members…"), self.several_members,
            [QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_N)])
        self.find_action = add_action(_("Search"), self.search_wanted.emit, [keys.Find])
        # On the list only, Enter and Delete leave the search field's text alone.
        self.edit_action = add_action(
            _("Edit"), self.edit_selected, [Qt.Key.Key_Return, Qt.Key.Key_Enter],
            on_list=True)
        self.delete_action = add_action(_("Delete"), self.delete_selected,
                                        [keys.Delete], on_list=True)
        self.categories_action = add_action(_("Categories…"), self.edit_categories)
        self.new_button = action_button(self.new_action,
                                        _("Log the time one member gave (Ctrl+N)"))
        self.batch_button = action_button(
            self.batch_action,
            _("Log the same hours for several members at once, or for everyone "
              "present at an event (Ctrl+Shift+N)"))
        self.edit_button = action_button(self.edit_action,
                                         _("Edit the selected entry (Enter)"))
        self.delete_button = action_button(self.delete_action,
                                           _("Delete the selected entries (Delete)"))
        self.categories_button = action_button(
            self.categories_action,
            _("The association's list of volunteer categories: add, rename, archive"))
        self._list_shown = True

    def _action(self, text: str, slot: Callable[[], object],
                shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | Qt.Key] = (),
                on_list: bool = False) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut if on_list
                                  else Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def tab_actions(self) -> list[QAction]:
        """The actions whose shortcuts work anywhere in the tab."""
        return [self.new_action, self.batch_action, self.find_action, self.categories_action]

    def list_actions(self) -> list[QAction]:
        """The actions whose shortcuts work on the list only."""
        return [self.edit_action, self.delete_action]

    def buttons(self) -> list[QPushButton]:
        return [self.new_button, self.batch_button, self.edit_button, self.delete_button,
                self.categories_button]

    def set_list_shown(self, shown: bool) -> None:
        self._list_shown = shown

    def selection_changed(self, selected: int) -> None:
        self.edit_action.setEnabled(self._list_shown and selected > 0)
        self.delete_action.setEnabled(self._list_shown and selected > 0)

    def context_menu(self, has_selection: bool) -> QMenu:
        menu = QMenu(self._parent)
        if has_selection:
            menu.addAction(self.edit_action)
            menu.addAction(self.delete_action)
            menu.setDefaultAction(self.edit_action)
            menu.addSeparator()
        menu.addAction(self.new_action)
        menu.addAction(self.batch_action)
        return menu

    # -- commands -------------------------------------------------------------------------

    def new_entry(self) -> None:
        values = self._filters()
        entry_id = edit_entry_dialog(self._parent, None, member_id=values.member_id,
                                     event_id=values.event_id)
        if entry_id is not None:
            self.saved.emit([entry_id], _("{hours} h logged for {name}."))

    def several_members(self) -> None:
        entry_ids = batch_entry_dialog(self._parent, event_id=self._filters().event_id)
        if entry_ids:
            self.saved.emit(entry_ids, ngettext("Hours logged for {n} member.",
                                                "Hours logged for {n} members.",
                                                len(entry_ids)))

    def edit_selected(self) -> None:
        row = self._current()
        if row is None:
            return
        try:
            entry_id = edit_entry_dialog(self._parent, row.id)
        except VolunteerEntryNotFoundError:  # deleted meanwhile, elsewhere
            self.gone.emit(row.id)
            return
        if entry_id is not None:
            self.saved.emit([entry_id], _("Entry of {name} on {date} saved."))

    def delete_selected(self) -> None:
        """Delete the selected entries, in one transaction, once the user has confirmed."""
        rows = self._selected()
        if not rows:
            return
        hours = format_hours(sum((row.hours for row in rows), Decimal(0)))
        if len(rows) == 1:
            row = rows[0]
            text = _("Delete the {hours} h of {name} on {date}?").format(
                hours=hours, name=row.member_name, date=format_date(row.date))
        else:
            text = ngettext("Delete {n} entry, {hours} h in all?",
                            "Delete {n} entries, {hours} h in all?", len(rows)).format(
                hours=hours)
        text += "\n\n" + _("This cannot be undone.")
        if not confirm(self._parent, _("Delete volunteer hours"), text, _("Delete")):
            return
        entry_ids = [row.id for row in rows]
        deleted = delete_entries(entry_ids)
        self.deleted.emit(entry_ids, ngettext("{n} entry deleted.", "{n} entries deleted.",
                                              deleted))

    def edit_categories(self) -> None:
        if categories_dialog(self._parent):
            self.categories_changed.emit()
