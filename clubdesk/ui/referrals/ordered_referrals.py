"""Every referral the Referrals tab read, kept in the list's sort order, and the last search.

Filtering runs in Python over precomputed search keys, in the order the model sorts: the
rows are sorted again only when that order changes, and a longer search text, the filters
equal, scans the previous result rather than every referral (41,000 in a federation).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt

from clubdesk.domain.common.text import fold
from clubdesk.domain.referrals.referral_list import ReferralRow, filter_referral_rows
from clubdesk.ui.referrals.referrals_model import COL_DATE, ReferralsModel

NEWEST_FIRST = (COL_DATE, Qt.SortOrder.DescendingOrder)
"""The order :func:`referral_rows` reads the referrals in."""

SortState = tuple[int, Qt.SortOrder]
Filters = tuple[object, ...]  # :func:`filter_referral_rows`' arguments after the text


class OrderedReferrals:
    """The referrals read, in the order of ``model``; :meth:`matching` filters them."""

    def __init__(self, model: ReferralsModel) -> None:
        self._model = model
        self.all: list[ReferralRow] = []
        self.forget()

    def forget(self) -> None:
        """Drop the order and the last search: the rows or the model's order changed."""
        self._model_current = False  # whether the model shows rows of this list
        self._ordered: tuple[SortState, list[ReferralRow]] | None = None
        self._last: tuple[tuple[Filters, SortState], str, list[ReferralRow]] | None = None

    def set_rows(self, rows: list[ReferralRow]) -> None:
        """Every referral, the most recent first (as read)."""
        self.all = rows
        self.forget()
        if self._model.sort_state() == NEWEST_FIRST:
            self._ordered = (NEWEST_FIRST, rows)

    def replace(self, referral_id: int, fresh: Sequence[ReferralRow]) -> None:
        """Put ``fresh`` (the referral read again, or nothing: deleted) in its place."""
        self._model.forget(referral_id)
        self.all = [row for row in self.all if row.id != referral_id] + list(fresh)
        self.forget()

    def shown(self) -> None:
        """The model now shows what :meth:`matching` returned last."""
        self._model_current = True

    def in_order(self) -> list[ReferralRow]:
        """Every referral in the list's order, sorted again only when that order changes."""
        state = self._model.sort_state()
        if self._ordered is None or self._ordered[0] != state:
            shown = self._model.rows()
            # A click on a header sorted what is shown: when that is every row read, take it.
            ordered = (shown if self._model_current and len(shown) == len(self.all)
                       else self._model.ordered(self.all))
            self._ordered = (state, ordered)
            self._last = None
        return self._ordered[1]

    def matching(self, text: str, filters: Filters) -> list[ReferralRow]:
        """The referrals ``text`` and ``filters`` keep, in the list's order."""
        rows = self.in_order()
        folded = fold(text)
        state = (filters, self._model.sort_state())
        last = self._last
        # A longer text only narrows the previous result: scan that instead of everything.
        if last is not None and last[0] == state and last[1] and folded.startswith(last[1]):
            rows = last[2]
        matching = filter_referral_rows(rows, folded, *filters)  # type: ignore[arg-type]
        self._last = (state, folded, matching)
        return matching
