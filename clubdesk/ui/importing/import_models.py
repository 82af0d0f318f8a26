"""Table model of the import preview: the rows that will not simply be added, by line.

An invalid row shows its line and why it is refused; a duplicate shows its line, the name it
gives and the member (or the earlier line of the file) it repeats.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush

from clubdesk.domain.exchange.member_import import ImportPreview
from clubdesk.i18n import _
from clubdesk.ui.common.palette import Role, colour
from clubdesk.ui.common.row_model import (
    ALIGN,
    ALIGN_RIGHT,
    DISPLAY,
    FOREGROUND,
    TOOLTIP,
    Index,
    RowListModel,
    RowRole,
)

KIND_INVALID = "invalid"
KIND_DUPLICATE_MEMBER = "duplicate_member"  # of a member already in the register
KIND_DUPLICATE_ROW = "duplicate_row"  # of an earlier row of the same file

COL_LINE = 0
COL_KIND = 1
COL_NAME = 2
COL_DETAIL = 3
COLUMN_COUNT = 4

# RowRole (from row_model) gives the IssueLine itself.


@dataclass(frozen=True)
class IssueLine:
    """One line of the file that is refused or repeats someone."""

    line: int
    kind: str
    name: str = ""
    detail: str = ""

    @property
    def id(self) -> int:  # a line of the file is either invalid or a duplicate, never both
        return self.line


def issue_lines(preview: ImportPreview, names: Mapping[int, str] | None = None
                ) -> list[IssueLine]:
    """The invalid rows and the duplicates of ``preview``, in the order of the file;
    ``names``: the name each invalid row gives, by line (the preview keeps none)."""
    names = names or {}
    lines = [IssueLine(row.line, KIND_INVALID, names.get(row.line, ""), row.reason)
             for row in preview.invalid]
    for row in preview.duplicates:
        name = f"{row.data.first_name} {row.data.last_name}".strip()
        kind = KIND_DUPLICATE_MEMBER if row.existing_id is not None else KIND_DUPLICATE_ROW
        lines.append(IssueLine(row.line, kind, name, row.existing_name))
    return sorted(lines, key=lambda issue: issue.line)


class IssuesModel(RowListModel):
    """The invalid and duplicate rows of a preview, one per line of the file."""

    COLUMN_COUNT = COLUMN_COUNT

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = (_("Line"), _("Problem"), _("Name in the file"),
                         _("Reason or existing member"))
        self._kinds = {
            KIND_INVALID: _("Invalid row"),
            KIND_DUPLICATE_MEMBER: _("Already a member"),
            KIND_DUPLICATE_ROW: _("Repeated in the file"),
        }
        self._red = QBrush(colour(Role.ERROR))  # the forms' error red

    def set_issues(self, issues: Sequence[IssueLine]) -> None:
        self.set_rows(issues, presorted=True)

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if not index.isValid():
            return None
        issue: IssueLine = self._rows[index.row()]
        column = index.column()
        if role in (DISPLAY, TOOLTIP):
            if column == COL_LINE:
                return str(issue.line)
            if column == COL_KIND:
                return self._kinds.get(issue.kind, issue.kind)
            if column == COL_NAME:
                return issue.name
            return issue.detail
        if role == ALIGN and column == COL_LINE:
            return ALIGN_RIGHT
        if role == FOREGROUND and column == COL_KIND and issue.kind == KIND_INVALID:
            return self._red
        if role == RowRole:
            return issue
        return None
