"""The dashboard's key-figure cards and the wording of a change from one period to the next.

A change is written the way the bureau reads it: "▲ +12 % vs 2024" for counts and amounts,
"▼ −3 pts vs 2024" for rates, green when it is good news and red when it is bad (more
members who stopped coming is bad news, even though the number rose).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from clubdesk.domain.activity.activity_figures import Period
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date
from clubdesk.ui.common.palette import Role, css, hex_colour

GOOD = Role.SUCCESS
BAD = Role.ERROR
NEUTRAL = Role.MUTED
MINUS = "\u2212"  # a real minus sign, as wide as the plus
# Below this, a change is shown as "no change": noise, not news.
_STEADY_PERCENT = 0.5
_STEADY_POINTS = 0.05


def period_label(period: Period) -> str:
    """"2024" for a calendar year, "2023–2024" for a fiscal year, else the two dates."""
    start, end = period.start, period.end
    if (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31) \
            and start.year == end.year:
        return str(start.year)
    year_later = dt.date(start.year + 1, start.month, 1)
    if start.day == 1 and end == year_later - dt.timedelta(days=1):
        return f"{start.year}–{end.year}"
    return f"{format_date(start)} – {format_date(end)}"


def format_number(value: float, decimals: int = 0) -> str:
    return QLocale().toString(float(value), "f", decimals)


def format_percent(share: float | None) -> str:
    """A share (0.42) as "42 %"; an unknown share as an en dash."""
    if share is None:
        return "–"
    return f"{format_number(share * 100)}\u00a0%"


def _signed(value: float, decimals: int) -> str:
    text = format_number(abs(value), decimals)
    return f"+{text}" if value > 0 else f"{MINUS}{text}"


@dataclass(frozen=True)
class Change:
    """How a figure moved: ``text`` ("▲ +12 % vs 2024") and the colour to show it in."""

    text: str
    color: Role
    direction: int  # 1 up, -1 down, 0 steady or not comparable


def change(current: float | Decimal | None, previous: float | Decimal | None,
           versus: str, *, rate: bool = False, higher_is_better: bool = True,
           what: str = "") -> Change:
    """The change from ``previous`` to ``current``: in percent, or in points for a rate.

    ``what`` names a second figure of a card ("attendance ▼ −3 pts"): it replaces the
    "vs 2024" the first change already gave; an empty ``versus`` leaves it out too."""
    if current is None or previous is None:
        return Change(f"{what} {_('no comparison')}".strip(), NEUTRAL, 0)
    now, before = float(current), float(previous)
    if rate:
        delta = (now - before) * 100
        steady = abs(delta) < _STEADY_POINTS
        amount = _("{change} pts").format(change=_signed(delta, 1))
    elif before == 0:
        delta = now
        steady = now == 0
        amount = _signed(delta, 0 if now == int(now) else 1)
    else:
        delta = (now - before) / abs(before) * 100
        steady = abs(delta) < _STEADY_PERCENT
        amount = f"{_signed(delta, 0)}\u00a0%"
    if steady:
        if what or not versus:
            return Change(f"{what} = {_('no change')}", NEUTRAL, 0)
        return Change(_("= no change vs {period}").format(period=versus), NEUTRAL, 0)
    direction = 1 if delta > 0 else -1
    arrow = "▲" if direction > 0 else "▼"
    good = (direction > 0) == higher_is_better
    if what or not versus:
        text = f"{what} {arrow} {amount}".strip()
    else:
        text = _("{change} vs {period}").format(change=f"{arrow} {amount}", period=versus)
    return Change(text, GOOD if good else BAD, direction)


def change_html(changes: list[Change]) -> str:
    """Several changes on one line, each in its own colour."""
    return " · ".join(f'<span style="color:{hex_colour(item.color)}">{item.text}</span>'
                      for item in changes)


def card_style(name: str) -> str:
    """The style sheet of the dashboard's framed panels (``#name``)."""
    return (f"#{name} {{ background: {hex_colour(Role.CARD)};"
            f" border: 1px solid {hex_colour(Role.CARD_BORDER)}; border-radius: 6px; }}")


class KeyFigureCard(QFrame):
    """A clickable card: a title, a big number, a detail line and the change."""

    clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyFigureCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(card_style("keyFigureCard") + (
            f"#keyFigureCard:hover, #keyFigureCard:focus"
            f" {{ border: 1px solid {hex_colour(Role.ACCENT)}; }}"))
        self.title = QLabel(title)
        self.title.setStyleSheet(css(Role.TITLE) + " font-weight: 600;")
        self.value = QLabel("–")
        self.value.setStyleSheet("font-size: 22pt; font-weight: 600; " + css(Role.FIGURE))
        self.detail = QLabel()
        self.detail.setStyleSheet(css(Role.MUTED))
        self.detail.setWordWrap(True)
        self.change = QLabel()
        self.change.setTextFormat(Qt.TextFormat.RichText)
        self.change.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        for label in (self.title, self.value, self.detail, self.change):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.changes: list[Change] = []

    def show_figure(self, value: str, detail: str, changes: list[Change]) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.changes = changes
        self.change.setText(change_html(changes))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)
