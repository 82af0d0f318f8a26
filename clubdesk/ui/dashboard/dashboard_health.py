"""Network-health indicators: is the network alive, open, and carried by many?"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from clubdesk.domain.activity.activity_figures import HealthFigures, LeadershipFigures
from clubdesk.domain.activity.activity_leadership import tenure_short, tenure_text
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.palette import Role, css
from clubdesk.ui.dashboard.dashboard_cards import (
    Change,
    card_style,
    change,
    change_html,
    format_number,
    format_percent,
)

MAX_NAMES = 30  # a tooltip taller than the screen helps nobody


ACTIVE = "active_share"
OUTSIDE_BUREAU = "hours_outside_bureau"
TOP_TENTH = "top_tenth"
GUESTS = "guests_per_meeting"
STOPPED = "stopped_coming"
LEADERS = "leaders"
LONGEST = "longest_in_office"


class HealthPanel(QFrame):
    """One row an indicator: name, value, change, and a one-line definition."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthPanel")
        self.setStyleSheet(card_style("healthPanel"))
        self.title = QLabel(_("Network health"))
        self.title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        rows = [
            (ACTIVE, _("Active members"),
             _("Members who attended at least half their meetings, volunteered or gave "
                 "a referral.")),
            (OUTSIDE_BUREAU, _("Hours outside the bureau"),
             _("Share of volunteer hours given by members with no bureau role.")),
            (TOP_TENTH, _("Top tenth's share"),
             _("Share of the hours given by the most active tenth of volunteers: "
                 "lower means the work is shared.")),
            (GUESTS, _("Guests per meeting"),
             _("Guests welcomed per meeting held.")),
            (STOPPED, _("Stopped coming"),
             _("Active members on attendance lists not present in the last 3 months.")),
            (LEADERS, _("Shared leadership"), leaders_definition()),
            (LONGEST, _("Longest in office"), longest_definition()),
        ]
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        grid.addWidget(self.title, 0, 0, 1, 4)
        self.values: dict[str, QLabel] = {}
        self.changes: dict[str, QLabel] = {}
        self.definitions: dict[str, QLabel] = {}
        for row, (key, name, definition) in enumerate(rows, start=1):
            name_label = QLabel(name)
            name_label.setStyleSheet("font-weight: 600;")
            name_label.setToolTip(definition)
            value = QLabel("–")
            value.setStyleSheet("font-size: 13pt; font-weight: 600;")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setToolTip(definition)
            moved = QLabel()
            moved.setTextFormat(Qt.TextFormat.RichText)
            moved.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
            note = QLabel(definition)
            note.setStyleSheet(css(Role.MUTED))
            note.setWordWrap(True)
            grid.addWidget(name_label, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(moved, row, 2)
            grid.addWidget(note, row, 3)
            self.values[key], self.changes[key], self.definitions[key] = value, moved, note
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(1, 70)
        grid.setColumnMinimumWidth(2, 110)

    def show_figures(self, current: HealthFigures, previous: HealthFigures,
                     versus: str = "") -> dict[str, Change]:
        """Fill every row; returns the changes shown, by indicator key.

        Without ``versus`` the changes do not repeat the period compared with (the tab
        says it once, above)."""
        shown = {
            ACTIVE: (format_percent(current.active_share),
                     change(current.active_share, previous.active_share, versus, rate=True)),
            OUTSIDE_BUREAU: (
                format_percent(current.hours_outside_bureau_share),
                change(current.hours_outside_bureau_share,
                       previous.hours_outside_bureau_share, versus, rate=True)),
            TOP_TENTH: (
                format_percent(current.top_tenth_hours_share),
                change(current.top_tenth_hours_share, previous.top_tenth_hours_share,
                       versus, rate=True, higher_is_better=False)),
            GUESTS: (
                "–" if current.guests_per_meeting is None
                else format_number(current.guests_per_meeting, 1),
                change(current.guests_per_meeting, previous.guests_per_meeting, versus)),
            STOPPED: (
                format_number(len(current.stopped_coming)),
                change(len(current.stopped_coming), len(previous.stopped_coming), versus,
                       higher_is_better=False)),
        }
        for key, (value, moved) in shown.items():
            self.values[key].setText(value)
            self.changes[key].setText(change_html([moved]))
        self.values[ACTIVE].setToolTip(
            ngettext("{n} of {members} members", "{n} of {members} members",
                     current.active_members).format(members=format_number(current.members)))
        self.values[STOPPED].setToolTip(stopped_tooltip(current.stopped_coming))
        leaders, longest = self._show_leadership(current.leadership, previous.leadership,
                                                 versus)
        shown[LEADERS] = ("", leaders)
        shown[LONGEST] = ("", longest)
        return {key: moved for key, (_value, moved) in shown.items()}

    def _show_leadership(self, now: LeadershipFigures, before: LeadershipFigures,
                         versus: str) -> tuple[Change, Change]:
        """How many led in the last three years; who has held their role longest."""
        leaders = change(now.holders, before.holders, versus)
        self.values[LEADERS].setText(format_number(now.holders))
        self.values[LEADERS].setToolTip(ngettext(
            "{n} member held a role from {start} to {end}",
            "{n} different members held a role from {start} to {end}", now.holders).format(
                start=format_date(now.since),
                end=format_date(now.on)))
        self.changes[LEADERS].setText(change_html([leaders]))
        months, months_before = now.longest_months, before.longest_months
        longest = change(months, months_before, versus, higher_is_better=False)
        self.changes[LONGEST].setText(change_html([longest]))
        if months is None or now.longest_since is None:
            self.values[LONGEST].setText("–")
            self.values[LONGEST].setToolTip(longest_definition())
            self.definitions[LONGEST].setText(_("Nobody holds a bureau or committee role."))
            return leaders, longest
        self.values[LONGEST].setText(tenure_short(months))
        self.values[LONGEST].setToolTip(tenure_text(months))
        self.definitions[LONGEST].setText(_("{name} ({role}), since {date}. {definition}")
                                          .format(name=now.longest_name, role=now.longest_role,
                                                  date=format_date(now.longest_since),
                                                  definition=longest_definition()))
        return leaders, longest


def leaders_definition() -> str:
    return _("Different members who held a bureau or committee role in the last three "
             "years: the more, the more leadership is shared.")


def longest_definition() -> str:
    return _("How long the current role holder who has served longest has held their role: "
             "the longer, the less leadership is renewed.")


def stopped_tooltip(names: list[str]) -> str:
    """The names of the members who stopped coming, at most :data:`MAX_NAMES` of them."""
    if not names:
        return _("Nobody stopped coming.")
    lines = sorted(names, key=str.casefold)[:MAX_NAMES]
    if len(names) > MAX_NAMES:
        lines.append(ngettext("… and {n} other", "… and {n} others", len(names) - MAX_NAMES))
    return "\n".join(lines)
