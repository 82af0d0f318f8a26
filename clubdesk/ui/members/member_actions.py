"""What can be done in the Members tab: its actions with their shortcuts, the toolbar's
buttons, and the context menu of the list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from clubdesk.domain.common.codes import MemberStatus
from clubdesk.domain.members.member_list import MemberRow
from clubdesk.i18n import _
from clubdesk.ui.common.table_views import action_button

Command = Callable[[], None]


@dataclass(frozen=True)
class MemberCommands:
    """What each action does: the tab's methods."""

    new: Command
    find: Command
    edit: Command
    archive: Command
    delete: Command
    sheet: Command
    merge: Command
    personal_data: Command
    anonymize: Command
    payment: Command
    reminder: Command


class MemberActions(QObject):
    """The Members tab's actions; the tab adds :meth:`whole_tab` to itself and
    :meth:`list_only` to its list, and calls :meth:`enable_for` when the selection changes."""

    def __init__(self, commands: MemberCommands, parent: QObject | None = None) -> None:
        super().__init__(parent)
        whole_tab = Qt.ShortcutContext.WidgetWithChildrenShortcut
        # Enter and Delete act on the list only: in the search field Delete edits the text
        # and Enter goes on to the list; a Delete pressed on a filter combo must not delete
        # a member.
        list_only = Qt.ShortcutContext.WidgetShortcut
        self.new = self._action(_("New member"), commands.new, whole_tab,
                                QKeySequence.StandardKey.New)
        self.find = self._action(_("Search"), commands.find, whole_tab,
                                 QKeySequence.StandardKey.Find)
        self.edit = self._action(_("Edit"), commands.edit, list_only,
                                 Qt.Key.Key_Return, Qt.Key.Key_Enter)
        self.archive = self._action(_("Archive"), commands.archive, whole_tab)
        self.delete = self._action(_("Delete"), commands.delete, list_only,
                                   QKeySequence.StandardKey.Delete)
        self.sheet = self._action(_("Activity sheet…"), commands.sheet, whole_tab)
        self.merge = self._action(_("Merge with another member…"), commands.merge, whole_tab)
        self.personal_data = self._action(_("Export personal data (GDPR)…"),
                                          commands.personal_data, whole_tab)
        self.anonymize = self._action(_("Anonymise (GDPR)…"), commands.anonymize, whole_tab)
        self.payment = self._action(_("Record a payment…"), commands.payment, whole_tab)
        self.reminder = self._action(_("Send a reminder…"), commands.reminder, whole_tab)

        self.new_button = action_button(self.new, _("New member (Ctrl+N)"))
        self.edit_button = action_button(self.edit, _("Edit the selected member (Enter)"))
        self.archive_button = action_button(
            self.archive,
            _("Archive the selected member: they become a former member and their "
              "history is kept"))
        self.delete_button = action_button(
            self.delete,
            _("Delete the selected member (Delete): only for a member entered by "
              "mistake, without any history"))
        self.payment_button = action_button(
            self.payment,
            _("Record the dues paid by the selected members (one or several: the same "
              "payment for each, each with its own receipt)"))
        self.reminder_button = action_button(
            self.reminder,
            _("Remind the selected members who have not paid their dues: a letter or an "
              "email"))

    def _action(self, text: str, command: Command, context: Qt.ShortcutContext,
                *keys: QKeySequence.StandardKey | Qt.Key) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: command())
        return action

    def whole_tab(self) -> list[QAction]:
        """The actions whose shortcuts work anywhere in the tab."""
        return [self.new, self.find, self.archive, self.sheet, self.merge, self.personal_data,
                self.anonymize, self.payment, self.reminder]

    def list_only(self) -> list[QAction]:
        """The actions whose shortcuts work in the list only (Enter, Delete)."""
        return [self.edit, self.delete]

    def buttons(self) -> list[QWidget]:
        return [self.new_button, self.edit_button, self.archive_button, self.delete_button]

    def dues_buttons(self) -> list[QWidget]:
        return [self.payment_button, self.reminder_button]

    def enable_for(self, row: MemberRow | None, selected: int = 1) -> None:
        """Enable what can be done on ``row``, the one selected member (None: nobody, or
        several: ``selected`` says how many)."""
        one = row is not None and selected == 1
        for action in (self.edit, self.delete, self.sheet, self.personal_data, self.merge,
                       self.anonymize):
            action.setEnabled(one)
        self.archive.setEnabled(one and row is not None
                                and row.status != MemberStatus.FORMER)
        for action in (self.payment, self.reminder):
            action.setEnabled(row is not None and selected >= 1)

    def context_menu(self, parent: QWidget) -> QMenu:
        """The actions on the selected member, their dues, then the ones on the register."""
        menu = QMenu(parent)
        for action in (self.edit, self.sheet, self.archive, self.delete):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.payment)
        menu.addAction(self.reminder)
        menu.addSeparator()
        menu.addAction(self.merge)
        menu.addAction(self.personal_data)
        menu.addAction(self.anonymize)
        menu.addSeparator()
        menu.addAction(self.new)
        return menu
