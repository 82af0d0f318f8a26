"""What the check-in's commands do: each asks what it must, calls one domain function, then
says through a signal what changed, and the dialog shows it.

The commands never touch the dialog: it passes the rows a command applies to, and connects
to the signals. Only the rows a change touched are read again, with the counts and, at a
general assembly, the proxies held and the quorum.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from clubdesk.domain.common.codes import AttendanceStatus
from clubdesk.domain.common.labels import attendance_status_label
from clubdesk.domain.events import checkin
from clubdesk.domain.events.checkin import HOLDING, CheckinError, CheckinRow
from clubdesk.domain.events.general_assembly import QuorumResult, quorum
from clubdesk.domain.events.proxies import ProxyError, give_proxy, proxy_holders, withdraw_proxy
from clubdesk.domain.members.members import sponsor_label
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.prompts import confirm, inform
from clubdesk.ui.events.checkin.checkin_prompts import ask_substitute_name, choose_member


@dataclass(frozen=True)
class CheckinSummary:
    """The figures above the list: counts by status and, at a general assembly, the proxies
    each holder carries and the quorum."""

    counts: dict[str, int]
    held: dict[int, int]  # holder id → proxies held
    quorum: QuorumResult | None


class CheckinActions(QObject):
    """The commands of the check-in of ``event_id``; ``parent`` is where questions show."""

    rows_changed = Signal(object, str)  # fresh rows of the members a change touched, message
    roster_changed = Signal(str)  # the list changed as a whole: read it again; message
    member_added = Signal(int)  # a member was put on the list
    summary_changed = Signal(object)  # a CheckinSummary

    def __init__(self, event_id: int, general_assembly: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.event_id = event_id
        self.general_assembly = general_assembly
        self.held: dict[int, int] = {}

    # -- refreshing -------------------------------------------------------------------------

    def refresh_summary(self) -> None:
        """Counts; at a general assembly, proxies held and the quorum too."""
        counts = checkin.checkin_counts(self.event_id)
        result = None
        if self.general_assembly:
            self.held = proxy_holders(self.event_id)
            result = quorum(self.event_id)
        self.summary_changed.emit(CheckinSummary(counts, dict(self.held), result))

    def _after(self, member_ids: Sequence[int], message: str) -> None:
        """Hand over the fresh rows of ``member_ids`` and ``message``, then the new figures."""
        self.rows_changed.emit(checkin.checkin_rows_of(self.event_id, member_ids), message)
        self.refresh_summary()

    def _refuse(self, title: str, error: Exception) -> None:
        inform(self._parent, title, str(error))

    # -- the list ---------------------------------------------------------------------------

    def start_roster(self) -> bool:
        """Put every active member on the list; False when refused."""
        try:
            added = checkin.start_roster(self.event_id)
        except CheckinError as error:
            self._refuse(_("Attendance list"), error)
            return False
        self.roster_changed.emit(ngettext(
            "{n} member put on the list, absent until marked.",
            "{n} members put on the list, absent until marked.", added))
        return True

    def add_member(self) -> None:
        choices = checkin.roster_candidates(self.event_id)
        if not choices:
            inform(self._parent, _("Add a member to the list"),
                   _("Every current member is already on the list."))
            return
        member_id = choose_member(self._parent, _("Add a member to the list"),
                                  _("Member to add (absent until you mark them):"), choices)
        if member_id is None:
            return
        try:
            checkin.add_to_roster(self.event_id, member_id)
        except CheckinError as error:
            self._refuse(_("Add a member to the list"), error)
            return
        self.member_added.emit(member_id)

    def remove(self, rows: Sequence[CheckinRow]) -> None:
        """Take the one member of ``rows`` off the list."""
        if len(rows) != 1:
            return
        try:
            checkin.remove_from_roster(self.event_id, rows[0].member_id)
        except CheckinError as error:
            self._refuse(_("Remove from the list"), error)
            return
        self.roster_changed.emit(_("{name} is no longer on the list.").format(
            name=rows[0].full_name))

    # -- statuses ---------------------------------------------------------------------------

    def mark(self, status: str, rows: Sequence[CheckinRow]) -> bool:
        """Give ``rows`` ``status`` (asking a substitute's name first); False when nothing
        was changed."""
        substituting = status == AttendanceStatus.SUBSTITUTE
        if not rows or (substituting and len(rows) != 1):
            return False
        substitute = ""
        if substituting:
            name = ask_substitute_name(self._parent, rows[0].full_name, rows[0].substitute_name)
            if name is None:
                return False
            substitute = name
        label = attendance_status_label(status)
        if status not in HOLDING and not self._proxies_may_go(rows, label):
            return False
        try:
            if len(rows) == 1:
                change = checkin.set_status(self.event_id, rows[0].member_id, status,
                                            substitute)
            else:
                change = checkin.set_statuses(self.event_id, [r.member_id for r in rows],
                                              status)
        except CheckinError as error:
            self._refuse(_("Check-in"), error)
            return False
        if len(rows) == 1:
            message = _("{name}: {status}.").format(name=rows[0].full_name, status=label)
        else:
            message = ngettext("{n} member marked “{status}”.",
                               "{n} members marked “{status}”.", len(rows)).format(
                status=label)
        self._after(change.changed, " ".join([message, *change.messages]))
        return True

    def _proxies_may_go(self, rows: Sequence[CheckinRow], label: str) -> bool:
        """Confirm first when members holding proxies stop attending (they lose them)."""
        holders = [row for row in rows if self.held.get(row.member_id)]
        if not holders:
            return True
        count = sum(self.held[row.member_id] for row in holders)
        names = ", ".join(row.full_name for row in holders)
        return confirm(
            self._parent, _("Withdraw proxies"),
            ngettext("{n} proxy held by {names} will be withdrawn: a member marked “{status}” "
                     "cannot vote for others.",
                     "{n} proxies held by {names} will be withdrawn: a member marked “{status}” "
                     "cannot vote for others.", count).format(
                names=names, status=label),
            _("Change the status"))

    def mark_all_present(self, waiting: int) -> None:
        """Mark present the ``waiting`` members still absent without a proxy, once confirmed."""
        if not waiting or not confirm(
            self._parent, _("Mark all present"),
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
        self.roster_changed.emit(ngettext("{n} member marked present.",
                                          "{n} members marked present.", marked))

    def save_note(self, member_id: int, note: str) -> None:
        try:
            checkin.set_note(self.event_id, member_id, note)
        except CheckinError as error:
            self._refuse(_("Check-in"), error)
            return
        self._after([member_id], _("Note saved."))

    # -- proxies ----------------------------------------------------------------------------

    def give_proxy(self, rows: Sequence[CheckinRow], everyone: Iterable[CheckinRow]) -> None:
        """The one member of ``rows`` gives their proxy to someone of ``everyone`` present."""
        if len(rows) != 1:
            return
        giver = rows[0]
        holders = {row.member_id: row for row in everyone
                   if row.status in HOLDING and row.member_id != giver.member_id}
        choices = []
        for row in holders.values():
            label = sponsor_label(row.last_name, row.first_name, row.company)
            if held := self.held.get(row.member_id):
                label += " " + ngettext("(holds {n})", "(holds {n})", held)
            choices.append((row.member_id, label))
        if not choices:
            inform(self._parent, _("Give proxy"), _(
                "Nobody is marked present yet: mark the member who holds the proxy present "
                "first."))
            return
        holder_id = choose_member(
            self._parent, _("Give proxy"),
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
            giver=giver.full_name, holder=holders[holder_id].full_name))

    def withdraw_proxy(self, rows: Sequence[CheckinRow]) -> None:
        """Withdraw the proxy the one member of ``rows`` gave."""
        if len(rows) != 1:
            return
        try:
            withdraw_proxy(self.event_id, rows[0].member_id)
        except ProxyError as error:
            self._refuse(_("Withdraw proxy"), error)
            return
        self._after([rows[0].member_id], _("Proxy of {name} withdrawn.").format(
            name=rows[0].full_name))
