"""The filters of the Referrals tab: a period (with other dates on demand), a status, and
two member pickers that find a name from any part of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QListView, QWidget

from clubdesk.domain.common.labels import referral_status_label
from clubdesk.domain.common.text import search_fold
from clubdesk.domain.referrals import referral_list as periods
from clubdesk.domain.referrals.referral_list import (
    EXTERNAL_RECEIVER,
    Person,
    ReferralRow,
    people,
)
from clubdesk.domain.referrals.referrals import OPEN_STATUSES, REFERRAL_STATUSES
from clubdesk.i18n import _
from clubdesk.ui.common.form_widgets import SEARCH_ROLE, MemberCompleter
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.period_dialog import PeriodDialog

ANY = ""
OPEN = "open"
CUSTOM = "custom"
OTHER_DATES = "other"


def ask_period(parent: QWidget, title: str) -> tuple[dt.date, dt.date] | None:
    """Ask for two dates (tests replace this)."""
    return PeriodDialog.ask(parent, title)


class PeriodFilter(QComboBox):
    """All dates, the last 12 months, this year, last year, or dates asked for."""

    period_changed = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._custom: tuple[dt.date, dt.date] | None = None
        self._previous = 0
        for text, code in ((_("All dates"), periods.PERIOD_ALL),
                           (_("The last 12 months"), periods.PERIOD_LAST_12_MONTHS),
                           (_("Year {year}").format(year=today.year),
                            periods.PERIOD_THIS_YEAR),
                           (_("Year {year}").format(year=today.year - 1),
                            periods.PERIOD_LAST_YEAR),
                           (_("Other dates…"), OTHER_DATES)):
            self.addItem(text, code)
        self.currentIndexChanged.connect(self._chosen)

    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """First and last days of the period (None: open)."""
        code = self.currentData()
        if code == CUSTOM and self._custom is not None:
            return self._custom
        if code in periods.PERIODS:
            return periods.period_bounds(code, self._today)
        return None, None

    def show_all(self) -> None:
        self.setCurrentIndex(self.findData(periods.PERIOD_ALL))

    def set_custom(self, first: dt.date, last: dt.date) -> None:
        """Choose the period from ``first`` to ``last`` (included)."""
        self._custom = (first, last)
        text = _("{first} – {last}").format(first=format_date(first),
                                                  last=format_date(last))
        position = self.findData(CUSTOM)
        if position < 0:
            position = self.findData(OTHER_DATES)
            self.insertItem(position, text, CUSTOM)
        else:
            self.setItemText(position, text)
        if self.currentIndex() == position:
            self._previous = position
            self.period_changed.emit()
        else:
            self.setCurrentIndex(position)

    def _chosen(self, position: int) -> None:
        if self.itemData(position) != OTHER_DATES:
            self._previous = position
            self.period_changed.emit()
            return
        chosen = ask_period(self, _("Referrals of a period"))
        self.blockSignals(True)
        self.setCurrentIndex(self._previous)  # back, until the dates are known
        self.blockSignals(False)
        if chosen is not None:
            self.set_custom(*chosen)


def status_filter() -> QComboBox:
    """Every status, the open ones (still to follow), or one status."""
    combo = QComboBox()
    combo.addItem(_("All statuses"), ANY)
    combo.addItem(_("Open referrals"), OPEN)
    combo.setItemData(1, _("New, contacted or in progress: still to follow"),
                      Qt.ItemDataRole.ToolTipRole)
    for code in REFERRAL_STATUSES:
        combo.addItem(referral_status_label(code), code)
    return combo


def status_choice(combo: QComboBox) -> str | tuple[str, ...] | None:
    """The status filter as :func:`filter_referral_rows` takes it."""
    code = combo.currentData()
    if code == OPEN:
        return OPEN_STATUSES
    return code or None


def member_filter(placeholder: str, parent: QWidget | None = None) -> QComboBox:
    """An editable combo of members, empty until :func:`set_member_choices`."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.setMaxVisibleItems(15)
    combo.lineEdit().setPlaceholderText(placeholder)
    combo.lineEdit().setClearButtonEnabled(True)
    completer = MemberCompleter(combo)
    completer.setCompletionRole(SEARCH_ROLE)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setMaxVisibleItems(12)
    combo.setCompleter(completer)
    set_member_choices(combo, [])
    return combo


def set_member_choices(combo: QComboBox, choices: list[Person],
                       extra: tuple[int, str] | None = None) -> None:
    """Offer ``choices`` (member id, name, folded name), after ``extra`` if given; keep the
    choice made. The names come folded: 12,000 givers of a federation are not folded again.
    """
    kept = chosen_member(combo)
    entries = ([(*extra, search_fold(extra[1]))] if extra else []) + choices
    model = QStandardItemModel(len(entries) + 1, 1, combo)
    display, user = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole
    model.setItemData(model.index(0, 0), {display: "", SEARCH_ROLE: ""})
    for row, (member_id, label, folded) in enumerate(entries, start=1):
        model.setItemData(model.index(row, 0),
                          {display: label, user: member_id, SEARCH_ROLE: folded})
    combo.blockSignals(True)
    combo.setModel(model)  # the combo deletes the previous model, its child
    combo.completer().setModel(model)
    for view in (combo.view(), combo.completer().popup()):
        if isinstance(view, QListView):
            view.setUniformItemSizes(True)
    combo.setCurrentIndex(max(combo.findData(kept), 0) if kept is not None else 0)
    combo.blockSignals(False)


def chosen_member(combo: QComboBox) -> int | None:
    """The member whose name the combo shows, or None (empty or not a name of the list)."""
    text = combo.currentText()
    if not text.strip():
        return None
    row = combo.currentIndex()
    if row <= 0 or combo.itemText(row) != text:
        row = combo.findText(text, Qt.MatchFlag.MatchExactly)
    return combo.itemData(row) if row > 0 else None


class MemberFilters(QObject):
    """The giver and the receiver filters, filled from the referrals when first used.

    24,000 names take 0.14 s to offer in a federation, and most visits to the tab never
    open these lists: they are filled when one of them gets the focus or a click.
    """

    changed = Signal()  # the choice in either filter

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.giver = member_filter(_("Any giver"))
        self.receiver = member_filter(_("Any receiver"))
        self._rows: Sequence[ReferralRow] = ()
        self._stale = False
        self._givers: set[int] = set()
        self._receivers: set[int | None] = set()
        for combo in (self.giver, self.receiver):
            for widget in (combo, combo.lineEdit()):
                widget.installEventFilter(self)
            combo.currentIndexChanged.connect(self.changed)
            combo.editTextChanged.connect(self.changed)

    def set_rows(self, rows: Sequence[ReferralRow], saved: ReferralRow | None = None) -> None:
        """Offer the people of ``rows`` the next time a filter is used: all of them again,
        or only when the referral just ``saved`` names someone new here."""
        self._rows = rows
        if saved is None or saved.giver_id not in self._givers or (
                saved.receiver_id not in self._receivers):
            self._stale = True

    def fill(self) -> None:
        """Offer the givers and the receivers (when they changed since last time)."""
        if not self._stale:
            return
        self._stale = False
        givers, receivers = people(self._rows), people(self._rows, receivers=True)
        self._givers = {person[0] for person in givers}
        self._receivers = {person[0] for person in receivers} | {None}
        set_member_choices(self.giver, givers)
        set_member_choices(self.receiver, receivers,
                           (EXTERNAL_RECEIVER, _("Outside the network")))

    def chosen(self) -> tuple[int | None, int | None]:
        """The giver's and the receiver's ids chosen, None for any."""
        return chosen_member(self.giver), chosen_member(self.receiver)

    def clear(self) -> None:
        for combo in (self.giver, self.receiver):
            combo.setCurrentIndex(0)
            combo.setEditText("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.fill()
        return False
