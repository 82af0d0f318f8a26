"""The attendance list of the check-in, every row in memory, and which rows a search keeps.

Each row carries a folded search key: searching is a scan of strings, and typing on scans
the previous result rather than everyone, so that a keystroke stays within a frame on a
list of 7,000 members.
"""

from __future__ import annotations

from collections.abc import Iterable

from clubdesk.domain.common.codes import AttendanceStatus
from clubdesk.domain.common.text import fold
from clubdesk.domain.events.checkin import CheckinRow

ALL = ""  # no status filter


class Roster:
    """Every member on the list, in list order, by member id."""

    def __init__(self) -> None:
        self.rows: dict[int, CheckinRow] = {}
        self._last: tuple[str, str, list[CheckinRow]] | None = None  # the last search

    def set_rows(self, rows: Iterable[CheckinRow]) -> None:
        self.rows = {row.member_id: row for row in rows}
        self._last = None

    def store(self, rows: Iterable[CheckinRow]) -> None:
        """Replace the rows of some members (fresh from the database)."""
        for row in rows:
            self.rows[row.member_id] = row
        self._last = None

    def matching(self, text: str, status: str = ALL) -> list[CheckinRow]:
        """The rows whose search key holds every word of ``text`` (accents aside), of
        ``status`` unless it is :data:`ALL`."""
        folded = fold(text)
        rows: list[CheckinRow] | None = None
        last = self._last
        # Typing on narrows the previous result: scan that rather than everyone.
        if last is not None and last[1] == status and last[0] and folded.startswith(last[0]):
            rows = last[2]
        if rows is None:
            rows = list(self.rows.values())
        words = folded.split()
        matching = [row for row in rows
                    if (not status or row.status == status)
                    and all(word in row.search_key for word in words)]
        self._last = (folded, status, matching)
        return matching

    def waiting(self) -> int:
        """How many members "Mark all present" would mark: absent, without a proxy given."""
        return sum(1 for row in self.rows.values() if _waiting(row))

    def anyone_waiting(self) -> bool:
        return any(_waiting(row) for row in self.rows.values())


def _waiting(row: CheckinRow) -> bool:
    return row.status == AttendanceStatus.ABSENT and row.proxy_to_id is None
