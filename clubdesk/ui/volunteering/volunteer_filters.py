"""The filters of the Volunteering tab: search, period, member, category and event.

The member and event filters are searchable combos listing only who and what the entries
mention; the category filter follows the association's list (archived ones included, since
old entries keep them). :meth:`VolunteerFilters.values` gives what
:func:`filter_volunteer_rows` takes.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from clubdesk.domain.common.text import fold
from clubdesk.domain.volunteering.volunteer_categories import CategoryRow
from clubdesk.domain.volunteering.volunteer_choices import every_member_choice
from clubdesk.domain.volunteering.volunteer_list import VolunteerRow, filter_volunteer_rows
from clubdesk.i18n import _
from clubdesk.ui.common.form_widgets import SEARCH_ROLE, member_search_combo
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.volunteering.volunteer_model import VolunteerModel
from clubdesk.ui.volunteering.volunteer_period import ALL, PeriodCombo

ANY_CATEGORY = "\x00any"  # no category name can hold a NUL


@dataclass(frozen=True)
class FilterValues:
    """What the filters keep: :func:`filter_volunteer_rows`' arguments."""

    text: str
    member_id: int | None
    category: str | None
    event_id: int | None
    date_from: dt.date | None
    date_to: dt.date | None

    def keeps(self, row: VolunteerRow) -> bool:
        return bool(filter_volunteer_rows([row], self.text, self.member_id, self.category,
                                          self.event_id, self.date_from, self.date_to))


class OrderedRows:
    """Every entry, kept in the table's sort order, and the last search's result.

    The rows are sorted again only when the table's order changes; a longer search text,
    the other filters equal, scans the previous result rather than every entry.
    """

    def __init__(self, model: VolunteerModel) -> None:
        self._model = model
        self.all: list[VolunteerRow] = []  # the most recent first
        self.forget()

    def forget(self) -> None:
        self._ordered: tuple[tuple[int, Qt.SortOrder], list[VolunteerRow]] | None = None
        self._last: tuple[FilterValues, tuple[int, Qt.SortOrder],
                          list[VolunteerRow]] | None = None

    def set_rows(self, rows: list[VolunteerRow]) -> None:
        self.all = rows
        self.forget()

    def replace(self, entry_ids: Sequence[int], fresh: Sequence[VolunteerRow]) -> None:
        """Drop ``entry_ids`` and put the ``fresh`` rows in their place by date."""
        gone = set(entry_ids)
        rows = [row for row in self.all if row.id not in gone]
        for row in fresh:
            bisect.insort(rows, row, key=_newest_first)
        self.all = rows
        self._model.forget(list(entry_ids))
        self.forget()

    def in_order(self) -> list[VolunteerRow]:
        state = self._model.sort_state()
        if self._ordered is None or self._ordered[0] != state:
            self._ordered = (state, self._model.ordered(self.all))
            self._last = None
        return self._ordered[1]

    def matching(self, values: FilterValues) -> list[VolunteerRow]:
        """The rows ``values`` keep, in the table's order."""
        rows = self.in_order()
        state = self._model.sort_state()
        last = self._last
        if (last is not None and last[1] == state and last[0].text
                and values.text.startswith(last[0].text)
                and replace(last[0], text=values.text) == values):
            rows = last[2]
        matching = filter_volunteer_rows(rows, values.text, values.member_id, values.category,
                                         values.event_id, values.date_from, values.date_to)
        self._last = (values, state, matching)
        return matching


def _newest_first(row: VolunteerRow) -> tuple[int, int]:
    return (-row.date.toordinal(), -row.id)


Choice = tuple[int, str] | tuple[int, str, str]
"""``(id, label)``, or ``(id, label, folded label)`` when the folding was done already."""


def searchable_model(choices: Sequence[Choice], parent: QObject) -> QStandardItemModel:
    """The model :func:`member_search_combo` builds, to give an existing combo new choices."""
    model = QStandardItemModel(len(choices) + 1, 1, parent)
    display, user = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole
    model.setItemData(model.index(0, 0), {display: "", SEARCH_ROLE: ""})
    for row, choice in enumerate(choices, start=1):
        folded = choice[2] if len(choice) > 2 else fold(choice[1])  # type: ignore[misc]
        model.setItemData(model.index(row, 0),
                          {display: choice[1], user: choice[0], SEARCH_ROLE: folded})
    return model


def set_choices(combo: QComboBox, choices: Sequence[Choice]) -> None:
    """Replace the choices of a :func:`member_search_combo` (its completer's too)."""
    old = combo.model()
    owned = old.parent() is combo  # the combo deletes a model it owns when given another
    model = searchable_model(choices, combo)
    combo.setModel(model)
    combo.completer().setModel(model)
    if not owned:
        old.deleteLater()


def chosen_id(combo: QComboBox) -> int | None:
    """The id of the item a searchable combo shows, or None (nothing, or typed text)."""
    index = combo.currentIndex()
    if index <= 0 or combo.itemText(index) != combo.currentText():
        return None
    value = combo.itemData(index)
    return int(value) if value is not None else None


class VolunteerFilters(QObject):
    """Owns the filter widgets; ``changed`` when any of them does."""

    changed = Signal()

    def __init__(self, parent: QWidget, fiscal_start_month: int = 1) -> None:
        super().__init__(parent)
        self._parent = parent
        self._member_ids: frozenset[int] = frozenset()
        self._event_ids: frozenset[int] = frozenset()
        self._categories: tuple[str, ...] = ()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search member, category, event, description…"))
        self.search.setMinimumWidth(220)
        self.period = PeriodCombo(fiscal_start_month=fiscal_start_month)
        self.period.setToolTip(_("The period of the entries and of the summary"))
        self.member = self._searchable([], _("All members"))
        self.category = QComboBox()
        self.category.addItem(_("All categories"), ANY_CATEGORY)
        self.event_combo = self._searchable([], _("All events"))
        self.search.textChanged.connect(self.changed)
        self.period.period_changed.connect(self.changed)
        self.category.currentIndexChanged.connect(self.changed)

    def _searchable(self, choices: list[tuple[int, str]], placeholder: str) -> QComboBox:
        combo = member_search_combo(choices, placeholder, self._parent)
        combo.setMinimumContentsLength(16)
        combo.setToolTip(placeholder)
        combo.currentIndexChanged.connect(self.changed)
        # Clearing the text (its clear button) comes back to "all".
        combo.editTextChanged.connect(
            lambda text, combo=combo: combo.setCurrentIndex(0) if not text else None)
        return combo

    def widgets(self) -> list[QWidget]:
        return [self.search, self.period, self.member, self.category, self.event_combo]

    def values(self) -> FilterValues:
        category = self.category.currentData()
        first, last = self.period.period()
        return FilterValues(self.search.text(), chosen_id(self.member),
                            None if category == ANY_CATEGORY else category,
                            chosen_id(self.event_combo), first, last)

    def set_enabled_for_list(self, enabled: bool) -> None:
        """Only the period applies to the summary: the other filters wait meanwhile."""
        for widget in (self.search, self.member, self.category, self.event_combo):
            widget.setEnabled(enabled)

    # -- choices --------------------------------------------------------------------------

    def rebuild(self, rows: Sequence[VolunteerRow], categories: Sequence[CategoryRow],
                members: Sequence[Choice] | None = None) -> None:
        """Offer the members, events and categories the entries mention; a choice made
        stays when it still exists. ``members``: every member's ``(id, label)``, by name
        (read when needed if None)."""
        member_ids = frozenset(row.member_id for row in rows)
        if member_ids != self._member_ids:
            self._member_ids = member_ids
            if members is None:
                members = every_member_choice()
            choices = [choice for choice in members if choice[0] in member_ids]
            self._offer(self.member, choices)
        events: dict[int, tuple[dt.date, str]] = {}
        for row in rows:
            if row.event_id is not None and row.event_id not in events:
                events[row.event_id] = (row.date, row.event_title)
        if frozenset(events) != self._event_ids:
            self._event_ids = frozenset(events)
            ordered = sorted(events.items(), key=lambda item: (item[1][0], item[0]),
                             reverse=True)
            choices = [(event_id, f"{format_date(day)} — {title}")
                       for event_id, (day, title) in ordered]
            self._offer(self.event_combo, choices)
        self._rebuild_categories(rows, categories)

    def _offer(self, combo: QComboBox, choices: Sequence[Choice]) -> None:
        """Give ``combo`` new choices, keeping its place, its signals and its choice."""
        kept = chosen_id(combo)
        combo.blockSignals(True)
        set_choices(combo, choices)
        index = combo.findData(kept) if kept is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if kept is not None and index < 0:
            self.changed.emit()  # the chosen member or event has no entries any more

    def _rebuild_categories(self, rows: Sequence[VolunteerRow],
                            categories: Sequence[CategoryRow]) -> None:
        used = {row.category for row in rows}
        names = [category.name for category in categories]
        names += sorted(used - set(names) - {""}, key=str.casefold)
        if "" in used:
            names.append("")
        if tuple(names) == self._categories:
            return
        self._categories = tuple(names)
        archived = {category.name for category in categories if category.archived}
        kept = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(_("All categories"), ANY_CATEGORY)
        for name in names:
            text = (_("No category") if not name else
                    _("{name} (archived)").format(name=name) if name in archived
                    else name)
            self.category.addItem(text, name)
        index = self.category.findData(kept)
        self.category.setCurrentIndex(max(index, 0))
        self.category.blockSignals(False)
        if index < 0 and kept != ANY_CATEGORY:
            self.changed.emit()

    # -- choosing -------------------------------------------------------------------------

    def choose_member(self, member_id: int | None) -> None:
        index = self.member.findData(member_id) if member_id is not None else 0
        self.member.setCurrentIndex(max(index, 0))

    def choose_category(self, name: str | None) -> None:
        index = self.category.findData(ANY_CATEGORY if name is None else name)
        self.category.setCurrentIndex(max(index, 0))

    def choose_event(self, event_id: int | None) -> None:
        index = self.event_combo.findData(event_id) if event_id is not None else 0
        self.event_combo.setCurrentIndex(max(index, 0))

    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last days of the period chosen (None: open on that side)."""
        return self.period.period()

    def set_dates(self, first: dt.date, last: dt.date) -> None:
        """Choose the period from ``first`` to ``last``, as "Other dates…" would."""
        self.period.set_period(first, last)

    def loosen_to_keep(self, row: VolunteerRow) -> bool:
        """Loosen the filters so that they keep ``row``: search and filters back to "all",
        every date if the period leaves it out. False when they kept it already."""
        if self.values().keeps(row):
            return False
        self.clear_all_but_period()
        if not self.period.contains(row.date):
            self.period.choose(ALL)
        return True

    def clear_all_but_period(self) -> None:
        """Search and filters back to "all" (the period stays)."""
        for setter in (lambda: self.search.clear(), lambda: self.choose_member(None),
                       lambda: self.choose_category(None), lambda: self.choose_event(None)):
            setter()
