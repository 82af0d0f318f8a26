"""What the Referrals tab does to a referral: record, edit, delete, and move it on a step.

The actions carry the shortcuts (Ctrl+N anywhere in the tab; Enter, F2 and Delete on the
list only) and each has its button. The dialogs and the question are module functions, which
the tests replace.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from clubdesk.domain.referrals.referral_list import ReferralRow
from clubdesk.domain.referrals.referrals import (
    CLOSED_STATUSES,
    ReferralNotFoundError,
    delete_referral,
    next_statuses,
    status_history,
)
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.prompts import confirm
from clubdesk.ui.common.table_views import action_button
from clubdesk.ui.referrals import referral_filters as filters
from clubdesk.ui.referrals.referrals_model import history_text

if TYPE_CHECKING:
    from clubdesk.ui.referrals.referrals_tab import ReferralsTab


def edit_referral_dialog(parent: QWidget, referral_id: int | None,
                         giver_id: int | None = None) -> int | None:
    """Open the referral form (new when ``referral_id`` is None); the saved id or None."""
    from clubdesk.ui.referrals.referral_dialog import ReferralDialog

    return ReferralDialog.ask(parent, referral_id, giver_id)


def change_status_dialog(parent: QWidget, referral_id: int, status: str) -> bool:
    """Ask the date (and the amount) of a referral's next step; True once saved."""
    from clubdesk.ui.referrals.referral_status_dialog import ReferralStatusDialog

    return ReferralStatusDialog.ask(parent, referral_id, status)


class ReferralActions(QObject):
    """The tab's actions and buttons, enabled for the selected referral."""

    def __init__(self, tab: ReferralsTab) -> None:
        super().__init__(tab)
        self._tab = tab
        keys = QKeySequence.StandardKey
        table = tab.table
        self.new_action = self._action(_("New referral"), self.new_referral, [keys.New])
        self.find_action = self._action(_("Search"), tab.focus_search, [keys.Find])
        self.edit_action = self._action(_("Edit"), self.edit_selected,
                                        [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2],
                                        table)
        self.delete_action = self._action(_("Delete"), self.delete_selected,
                                          [keys.Delete], table)
        self.status_actions = {
            status: self._action(text, lambda status=status: self.change_status(status))
            for status, text in (("contacted", _("Contacted…")),
                                 ("in_progress", _("In progress…")),
                                 ("won", _("Won…")), ("lost", _("Lost…")))}
        self.reopen_action = self._action(_("Reopen…"),
                                          lambda: self.change_status("in_progress"))

        self.new_button = action_button(self.new_action, _("New referral (Ctrl+N)"))
        self.edit_button = action_button(self.edit_action,
                                        _("Edit the selected referral (Enter)"))
        self.delete_button = action_button(self.delete_action,
                                          _("Delete the selected referral (Delete)"))
        tips = {"contacted": _("The receiver has contacted the prospect"),
                "in_progress": _("A quote or a negotiation is under way"),
                "won": _("Business closed: its amount and date"),
                "lost": _("No business came of it")}
        self.status_buttons = {status: action_button(action, tips[status])
                               for status, action in self.status_actions.items()}
        self.reopen_button = action_button(
            self.reopen_action, _("Back to in progress: the amount and the closing "
                                        "date are cleared, the reopening is kept"))

    def _action(self, text: str, slot: Callable[[], None],
                shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | Qt.Key] = (),
                widget: QWidget | None = None) -> QAction:
        # On the list only, Enter and Delete leave the search field's text alone.
        widget = widget or self._tab
        action = QAction(text, widget)
        action.setShortcuts([QKeySequence(key) for key in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut
                                  if widget is self._tab.table
                                  else Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        widget.addAction(action)
        return action

    def buttons(self) -> list[QPushButton | None]:
        """The buttons in toolbar order; None where a gap goes."""
        return [self.new_button, self.edit_button, self.delete_button, None,
                *self.status_buttons.values(), self.reopen_button]

    def enable_for(self, row: ReferralRow | None) -> None:
        """Enable what applies to ``row``: the next steps, or reopening a closed one."""
        allowed = next_statuses(row.status) if row is not None else ()
        closed = row is not None and row.status in CLOSED_STATUSES
        self.edit_action.setEnabled(row is not None)
        self.delete_action.setEnabled(row is not None)
        for status, action in self.status_actions.items():
            # A closed referral goes back to "in progress" through Reopen…, said as such.
            action.setEnabled(status in allowed and not (closed and status == "in_progress"))
        self.reopen_action.setEnabled(closed)

    def context_menu(self) -> QMenu:
        """Every action on the selected referral, then New referral."""
        menu = QMenu(self._tab)
        if self._tab.selected_row() is not None:
            for action in (self.edit_action, self.delete_action, None,
                           *self.status_actions.values(), self.reopen_action, None):
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
            menu.setDefaultAction(self.edit_action)
        menu.addAction(self.new_action)
        return menu

    # -- commands -------------------------------------------------------------------------

    def new_referral(self) -> None:
        """Record a referral; the one chosen in the giver filter gives it, to begin with."""
        tab = self._tab
        referral_id = edit_referral_dialog(tab, None, filters.chosen_member(tab.giver_filter))
        if referral_id is not None:
            self.show_saved(referral_id, _("Referral from {giver} to {receiver} added."))

    def edit_selected(self) -> None:
        tab = self._tab
        row = tab.selected_row()
        if row is None:
            return
        try:
            referral_id = edit_referral_dialog(tab, row.id)
        except ReferralNotFoundError:  # deleted meanwhile, elsewhere: show the list as it is
            tab.reload()
            return
        if referral_id is not None:
            self.show_saved(referral_id, _("Referral from {giver} to {receiver} saved."))

    def change_status(self, status: str) -> None:
        """Ask the date (and the amount) of the selected referral's step to ``status``."""
        tab = self._tab
        row = tab.selected_row()
        if row is None:
            return
        try:
            saved = change_status_dialog(tab, row.id, status)
        except ReferralNotFoundError:
            tab.reload()
            return
        if saved:
            self.show_saved(row.id, None)

    def show_saved(self, referral_id: int, message: str | None) -> None:
        """Show the saved referral, loosening the filters if they hide it, and select it.

        ``message`` names {giver} and {receiver}; None says the step just recorded.
        """
        tab = self._tab
        row = tab.refresh_referral(referral_id)
        if row is None:
            tab.apply_filter()
            return
        names = {"giver": row.giver_name, "receiver": row.receiver_name}
        if message is None:
            step = history_text(status_history(row.id)[-2:], row.amount, row.status)
            message = _("{giver} → {receiver}: {step}.").format(
                step=step.split(" · ")[-1], **names)
        else:
            message = message.format(**names)
        if not tab.shows(row):
            tab.clear_filters()
            message += " " + _("Filters changed to show it.")
        tab.apply_filter()
        tab.select_referral(referral_id)
        tab.referrals_changed.emit()
        tab.status_message.emit(message)

    def delete_selected(self) -> None:
        """Delete the selected referral and its history, once the user has confirmed."""
        tab = self._tab
        row = tab.selected_row()
        if row is None:
            return
        names = {"giver": row.giver_name, "receiver": row.receiver_name}
        text = _("Delete the referral from {giver} to {receiver} of {date}? Its history "
                       "goes with it. This cannot be undone.").format(
            date=format_date(row.date), **names)
        if not confirm(tab, _("Delete referral"), text, _("Delete")):
            return
        position = tab.model.row_of(row.id)
        try:
            delete_referral(row.id)
        except ReferralNotFoundError:
            pass  # deleted meanwhile: the list catches up all the same
        tab.refresh_referral(row.id)
        tab.apply_filter()
        if tab.model.rowCount():
            tab.select_referral(tab.model.row_at(min(position, tab.model.rowCount() - 1)).id)
        tab.referrals_changed.emit()
        tab.status_message.emit(
            _("Referral from {giver} to {receiver} deleted.").format(**names))
