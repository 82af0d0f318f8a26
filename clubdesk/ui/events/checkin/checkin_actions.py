"""What the check-in dialog's buttons do: each calls one domain function, then refreshes
only the rows it touched, the counts and, at a general assembly, the quorum."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QMenu

from clubdesk.domain.common.labels import attendance_status_label
from clubdesk.domain.events import checkin
from clubdesk.domain.events.checkin import HOLDING, CheckinError
from clubdesk.domain.events.general_assembly import quorum
from clubdesk.domain.events.proxies import ProxyError, give_proxy, proxy_holders, withdraw_proxy
from clubdesk.domain.members.members import sponsor_label
from clubdesk.i18n import _, ngettext
from clubdesk.ui.events.checkin import checkin_prompts
from clubdesk.ui.events.checkin.checkin_model import COL_NOTE
from clubdesk.ui.events.checkin.checkin_panels import counts_text

if TYPE_CHECKING:
    from clubdesk.ui.events.checkin.checkin_dialog import CheckinDialog


class CheckinActions(QObject):
    """The commands of one :class:`CheckinDialog`."""

    def __init__(self, dialog: CheckinDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.event_id = dialog.event_id
        self.held: dict[int, int] = {}

    def active_count(self) -> int:
        return checkin.active_member_count()

    # -- refreshing -------------------------------------------------------------------------

    def refresh_summary(self) -> None:
        """Counts; at a general assembly, proxies held and the quorum banner too."""
        dialog = self.dialog
        counts = checkin.checkin_counts(self.event_id)
        total = sum(counts.values())
        dialog.counts_label.setText(
            ngettext("{n} on the list:",
                     "{n} on the list:", total) + " " + counts_text(counts) if total else "")
        if dialog.info.is_general_assembly:
            self.held = proxy_holders(self.event_id)
            dialog.model.set_held(self.held)
            dialog.banner.show_result(quorum(self.event_id))

    def _after(self, member_ids: tuple[int, ...] | list[int], message: str) -> None:
        """Show the fresh rows of ``member_ids``, the new counts and ``message``."""
        dialog = self.dialog
        dialog.store(checkin.checkin_rows_of(self.event_id, member_ids))
        self.refresh_summary()
        dialog.update_buttons()
        dialog.changed = True
        dialog.show_feedback(message)

    def _refuse(self, title: str, error: Exception) -> None:
        checkin_prompts.inform(self.dialog, title, str(error))

    # -- the list ---------------------------------------------------------------------------

    def start_roster(self) -> None:
        try:
            added = checkin.start_roster(self.event_id)
        except CheckinError as error:
            self._refuse(_("Attendance list"), error)
            return
        dialog = self.dialog
        dialog.changed = True
        dialog.reload()
        dialog.show_feedback(ngettext("{n} member put on the list, absent until marked.",
                                      "{n} members put on the list, absent until marked.", added))
        dialog.search.setFocus()

    def add_member(self) -> None:
        dialog = self.dialog
        choices = checkin.roster_candidates(self.event_id)
        if not choices:
            checkin_prompts.inform(dialog, _("Add a member to the list"),
                                   _("Every current member is already on the list."))
            return
        member_id = checkin_prompts.choose_member(
            dialog, _("Add a member to the list"),
            _("Member to add (absent until you mark them):"), choices)
        if member_id is None:
            return
        try:
            checkin.add_to_roster(self.event_id, member_id)
        except CheckinError as error:
            self._refuse(_("Add a member to the list"), error)
            return
        dialog.changed = True
        dialog.search.clear()
        dialog.status_filter.setCurrentIndex(0)
        dialog.reload()
        dialog.select_ids([member_id])
        dialog.table.setFocus()
        row = dialog.all_rows[member_id]
        dialog.show_feedback(_("{name} is on the list: mark their status.").format(
            name=row.full_name))

    def remove_selected(self) -> None:
        dialog = self.dialog
        rows = dialog.selected_rows()
        if len(rows) != 1:
            return
        try:
            checkin.remove_from_roster(self.event_id, rows[0].member_id)
        except CheckinError as error:
            self._refuse(_("Remove from the list"), error)
            return
        dialog.changed = True
        dialog.reload()
        dialog.show_feedback(_("{name} is no longer on the list.").format(
            name=rows[0].full_name))

    # -- statuses ---------------------------------------------------------------------------

    def mark(self, status: str) -> None:
        """Give the selected members ``status`` (asking a substitute's name first)."""
        dialog = self.dialog
        rows = dialog.selected_rows()
        if not rows or (status == "substitute" and len(rows) != 1):
            return
        substitute = ""
        if status == "substitute":
            name = checkin_prompts.ask_substitute_name(dialog, rows[0].full_name,
                                                       rows[0].substitute_name)
            if name is None:
                return
            substitute = name
        label = attendance_status_label(status)
        if status not in HOLDING and not self._proxies_may_go(rows, label):
            return
        try:
            if len(rows) == 1:
                change = checkin.set_status(self.event_id, rows[0].member_id, status,
                                            substitute)
            else:
                change = checkin.set_statuses(self.event_id, [r.member_id for r in rows],
                                              status)
        except CheckinError as error:
            self._refuse(_("Check-in"), error)
            return
        if len(rows) == 1:
            message = _("{name}: {status}.").format(name=rows[0].full_name, status=label)
        else:
            message = ngettext("{n} member marked “{status}”.",
                               "{n} members marked “{status}”.", len(rows)).format(
                status=label)
        self._after(change.changed, " ".join([message, *change.messages]))
        if dialog.search.text():  # at the door: type the next name straight away
            dialog.search.setFocus()
            dialog.search.selectAll()

    def _proxies_may_go(self, rows: list[checkin.CheckinRow], label: str) -> bool:
        """Confirm first when members holding proxies stop attending (they lose them)."""
        holders = [row for row in rows if self.held.get(row.member_id)]
        if not holders:
            return True
        count = sum(self.held[row.member_id] for row in holders)
        names = ", ".join(row.full_name for row in holders)
        return checkin_prompts.confirm(
            self.dialog, _("Withdraw proxies"),
            ngettext("{n} proxy held by {names} will be withdrawn: a member marked “{status}” "
                     "cannot vote for others.",
                     "{n} proxies held by {names} will be withdrawn: a member marked “{status}” "
                     "cannot vote for others.", count).format(
                names=names, status=label),
            _("Change the status"))

    def mark_all_present(self) -> None:
        dialog = self.dialog
        waiting = sum(1 for row in dialog.all_rows.values()
                      if row.status == "absent" and row.proxy_to_id is None)
        if not waiting or not checkin_prompts.confirm(
            dialog, _("Mark all present"),
            ngettext("Mark present the {n} member still absent? Excused members, late arrivals, "
                     "substitutes and members who gave a proxy keep their status.",
                     "Mark present the {n} members still absent? Excused members, late arrivals, "
                     "substitutes and members who gave a proxy keep their status.", waiting),
            _("Mark all present"),
        ):
            return
        try:
            marked = checkin.mark_all_present(self.event_id)
        except CheckinError as error:
            self._refuse(_("Mark all present"), error)
            return
        dialog.changed = True
        dialog.reload()
        dialog.show_feedback(ngettext("{n} member marked present.",
                                      "{n} members marked present.", marked))

    def save_note(self, member_id: int, note: str) -> None:
        try:
            checkin.set_note(self.event_id, member_id, note)
        except CheckinError as error:
            self._refuse(_("Check-in"), error)
            return
        self._after([member_id], _("Note saved."))

    # -- proxies ----------------------------------------------------------------------------

    def give_proxy(self) -> None:
        dialog = self.dialog
        rows = dialog.selected_rows()
        if len(rows) != 1:
            return
        giver = rows[0]
        choices = []
        for row in dialog.all_rows.values():
            if row.status in HOLDING and row.member_id != giver.member_id:
                label = sponsor_label(row.last_name, row.first_name, row.company)
                if held := self.held.get(row.member_id):
                    label += " " + ngettext("(holds {n})", "(holds {n})", held)
                choices.append((row.member_id, label))
        if not choices:
            checkin_prompts.inform(dialog, _("Give proxy"), _(
                "Nobody is marked present yet: mark the member who holds the proxy present "
                "first."))
            return
        holder_id = checkin_prompts.choose_member(
            dialog, _("Give proxy"),
            _("Who votes for {name}? (members present only)").format(
                name=giver.full_name), choices)
        if holder_id is None:
            return
        try:
            give_proxy(self.event_id, giver.member_id, holder_id)
        except ProxyError as error:
            self._refuse(_("Proxy refused"), error)
            return
        self._after([giver.member_id], _("{giver} gives their proxy to {holder}.").format(
            giver=giver.full_name, holder=dialog.all_rows[holder_id].full_name))

    def withdraw_proxy(self) -> None:
        rows = self.dialog.selected_rows()
        if len(rows) != 1:
            return
        try:
            withdraw_proxy(self.event_id, rows[0].member_id)
        except ProxyError as error:
            self._refuse(_("Withdraw proxy"), error)
            return
        self._after([rows[0].member_id], _("Proxy of {name} withdrawn.").format(
            name=rows[0].full_name))

    # -- menu -------------------------------------------------------------------------------

    def context_menu(self, position: QPoint) -> None:
        dialog = self.dialog
        menu = QMenu(dialog)
        for action in dialog.status_actions.values():
            menu.addAction(action)
        menu.addSeparator()
        if dialog.info.is_general_assembly:
            for button in (dialog.give_proxy_button, dialog.withdraw_proxy_button):
                menu.addAction(button.text(), button.click).setEnabled(button.isEnabled())
        index = dialog.table.indexAt(position)
        if index.isValid():
            note = dialog.model.index(index.row(), COL_NOTE)
            menu.addAction(_("Edit the note"), lambda: dialog.table.edit(note))
        button = dialog.remove_button
        menu.addAction(button.text(), button.click).setEnabled(button.isEnabled())
        menu.popup(dialog.table.viewport().mapToGlobal(position))
