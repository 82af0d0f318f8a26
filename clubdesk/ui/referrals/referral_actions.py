"""What the Referrals tab does to a referral: record, edit, delete, and move it on a step.

The actions carry the shortcuts (Ctrl+N anywhere in the tab; Enter, F2 and Delete on the
list only) and each has its button. They open the dialogs and ask before deleting; what was
done they signal, and the tab shows it: the actions never touch the tab's widgets. The
dialogs and the question are module functions, which the tests replace.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from clubdesk.domain.common.codes import ReferralStatus
from clubdesk.domain.referrals.referral_list import ReferralRow
from clubdesk.domain.referrals.referrals import (
    CLOSED_STATUSES,
    ReferralNotFoundError,
    delete_referral,
    next_statuses,
)
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.prompts import confirm
from clubdesk.ui.common.table_views import action_button
from clubdesk.ui.referrals.referral_dialog import ReferralDialog
from clubdesk.ui.referrals.referral_status_dialog import ReferralStatusDialog

# The steps a button moves a referral to, in toolbar order.
STEPS = (ReferralStatus.CONTACTED, ReferralStatus.IN_PROGRESS, ReferralStatus.WON,
         ReferralStatus.LOST)


def edit_referral_dialog(parent: QWidget, referral_id: int | None,
                         giver_id: int | None = None) -> int | None:
    """Open the referral form (new when ``referral_id`` is None); the saved id or None."""
    return ReferralDialog.ask(parent, referral_id, giver_id)


def change_status_dialog(parent: QWidget, referral_id: int, status: str) -> bool:
    """Ask the date (and the amount) of a referral's next step; True once saved."""
    return ReferralStatusDialog.ask(parent, referral_id, status)


class ReferralActions(QObject):
    """The tab's actions and buttons, enabled for the selected referral.

    ``selected`` gives the selected referral, ``giver`` the member chosen in the giver
    filter; the dialogs open over ``parent``. The tab adds :meth:`tab_actions` to itself and
    :meth:`list_actions` to its list, and shows what the signals say.
    """

    saved = Signal(int, str)  # a referral recorded or edited; the message names {giver}, {receiver}
    step_recorded = Signal(int)  # a referral moved on a step (or reopened, or corrected)
    deleted = Signal(int, str)  # the referral deleted; the message saying so
    outdated = Signal()  # the referral was deleted elsewhere meanwhile: read the list again
    search_wanted = Signal()  # Ctrl+F

    def __init__(self, parent: QWidget, selected: Callable[[], ReferralRow | None],
                 giver: Callable[[], int | None]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._selected = selected
        self._giver = giver
        keys = QKeySequence.StandardKey
        self.new_action = self._action(_("New referral"), self.new_referral, [keys.New])
        self.find_action = self._action(_("Search"), self.search_wanted.emit, [keys.Find])
        # On the list only, Enter and Delete leave the search field's text alone.
        self.edit_action = self._action(_("Edit"), self.edit_selected,
                                        [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2],
                                        on_list=True)
        self.delete_action = self._action(_("Delete"), self.delete_selected, [keys.Delete],
                                          on_list=True)
        texts = {ReferralStatus.CONTACTED: _("Contacted…"),
                 ReferralStatus.IN_PROGRESS: _("In progress…"),
                 ReferralStatus.WON: _("Won…"), ReferralStatus.LOST: _("Lost…")}
        self.status_actions = {
            status: self._action(texts[status], lambda status=status: self.change_status(status))
            for status in STEPS}
        self.reopen_action = self._action(
            _("Reopen…"), lambda: self.change_status(ReferralStatus.IN_PROGRESS))

        self.new_button = action_button(self.new_action, _("New referral (Ctrl+N)"))
        self.edit_button = action_button(self.edit_action,
                                        _("Edit the selected referral (Enter)"))
        self.delete_button = action_button(self.delete_action,
                                          _("Delete the selected referral (Delete)"))
        tips = {ReferralStatus.CONTACTED: _("The receiver has contacted the prospect"),
                ReferralStatus.IN_PROGRESS: _("A quote or a negotiation is under way"),
                ReferralStatus.WON: _("Business closed: its amount and date"),
                ReferralStatus.LOST: _("No business came of it")}
        self.status_buttons = {status: action_button(action, tips[status])
                               for status, action in self.status_actions.items()}
        self.reopen_button = action_button(
            self.reopen_action, _("Back to in progress: the amount and the closing "
                                  "date are cleared, the reopening is kept"))

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
        return [self.new_action, self.find_action, *self.status_actions.values(),
                self.reopen_action]

    def list_actions(self) -> list[QAction]:
        """The actions whose shortcuts work on the list only."""
        return [self.edit_action, self.delete_action]

    def buttons(self) -> list[QPushButton | None]:
        """The buttons in toolbar order; None where a gap goes."""
        return [self.new_button, self.edit_button, self.delete_button, None,
                *self.status_buttons.values(), self.reopen_button]

    def set_ready(self, ready: bool) -> None:
        """Whether a referral can be recorded (not while the list is being read)."""
        self.new_action.setEnabled(ready)

    def enable_for(self, row: ReferralRow | None) -> None:
        """Enable what applies to ``row``: the next steps, or reopening a closed one."""
        allowed = next_statuses(row.status) if row is not None else ()
        closed = row is not None and row.status in CLOSED_STATUSES
        self.edit_action.setEnabled(row is not None)
        self.delete_action.setEnabled(row is not None)
        for status, action in self.status_actions.items():
            # A closed referral goes back to "in progress" through Reopen…, said as such.
            action.setEnabled(status in allowed
                              and not (closed and status == ReferralStatus.IN_PROGRESS))
        self.reopen_action.setEnabled(closed)

    def context_menu(self) -> QMenu:
        """Every action on the selected referral, then New referral."""
        menu = QMenu(self._parent)
        if self._selected() is not None:
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
        referral_id = edit_referral_dialog(self._parent, None, self._giver())
        if referral_id is not None:
            self.saved.emit(referral_id, _("Referral from {giver} to {receiver} added."))

    def edit_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        try:
            referral_id = edit_referral_dialog(self._parent, row.id)
        except ReferralNotFoundError:  # deleted meanwhile, elsewhere: show the list as it is
            self.outdated.emit()
            return
        if referral_id is not None:
            self.saved.emit(referral_id, _("Referral from {giver} to {receiver} saved."))

    def change_status(self, status: str) -> None:
        """Ask the date (and the amount) of the selected referral's step to ``status``."""
        row = self._selected()
        if row is None:
            return
        try:
            saved = change_status_dialog(self._parent, row.id, status)
        except ReferralNotFoundError:
            self.outdated.emit()
            return
        if saved:
            self.step_recorded.emit(row.id)

    def delete_selected(self) -> None:
        """Delete the selected referral and its history, once the user has confirmed."""
        row = self._selected()
        if row is None:
            return
        names = {"giver": row.giver_name, "receiver": row.receiver_name}
        text = _("Delete the referral from {giver} to {receiver} of {date}? Its history "
                 "goes with it. This cannot be undone.").format(
            date=format_date(row.date), **names)
        if not confirm(self._parent, _("Delete referral"), text, _("Delete")):
            return
        try:
            delete_referral(row.id)
        except ReferralNotFoundError:
            pass  # deleted meanwhile: the list catches up all the same
        self.deleted.emit(row.id,
                          _("Referral from {giver} to {receiver} deleted.").format(**names))
