"""The Dashboard tab: is the network alive? Key figures, health, and trends for a period.

The figures of the chosen period and of the one before it are computed together in one
background task (about a second of SQL on a federation), so the tab never freezes; a newer
request supersedes an older one, whose result is ignored.

Click-through: a card emits :attr:`DashboardTab.open_requested` with ``(target, filter)``:

===========================  ==============  =========================================
card                         target          filter
===========================  ==============  =========================================
Members                      "members"       ``{"status": MemberStatus.ACTIVE}``
Dues                         "members"       ``{"dues": "unpaid"}`` (the members tab
                                             filters on the current fiscal year)
Events                       "events"        ``{"period": Period}``
Guests                       "events"        ``{"period": Period}``
Volunteer hours              "volunteering"  ``{"period": Period}``
Referrals given              "referrals"     ``{"period": Period}``
Business won                 "referrals"     ``{"status": ReferralStatus.WON, "period": …}``
===========================  ==============  =========================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.activity.activity_figures import ActivityFigures, DuesFigures, Period
from clubdesk.domain.activity.activity_queries import activity_figures
from clubdesk.domain.common.codes import MemberStatus, ReferralStatus
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.common.stats import register_is_empty
from clubdesk.domain.dues.dues_status import DuesStatus
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.background import TaskRunner
from clubdesk.ui.common.palette import Role, css
from clubdesk.ui.dashboard.dashboard_cards import (
    MINUS,
    Change,
    KeyFigureCard,
    change,
    format_number,
    format_percent,
    period_label,
)
from clubdesk.ui.dashboard.dashboard_charts import DashboardCharts
from clubdesk.ui.dashboard.dashboard_health import HealthPanel
from clubdesk.ui.dashboard.dashboard_period import DashboardPeriodCombo
from clubdesk.ui.dashboard.dashboard_welcome import WelcomeBanner

MEMBERS = "members"
DUES = "dues"
EVENTS = "events"
GUESTS = "guests"
HOURS = "hours"
REFERRALS = "referrals"
BUSINESS = "business"


CARDS_A_ROW = 4


def _whole(value: Decimal | float) -> str:
    """Hours and euros on a card: no decimals unless they matter."""
    number = float(value)
    return format_number(number, 0 if number == int(number) or number >= 100 else 1)


def _euros(value: Decimal) -> str:
    return f"{_whole(value)}\u00a0€"


def dues_card(now: DuesFigures, before: DuesFigures,
              versus: str) -> tuple[str, str, list[Change]]:
    """Received, of what was expected, what is still owed, the share up to date; the change
    against the previous period's fiscal year (none when both fall in the same one)."""
    if not now.any_due:
        return ("–", _("No fee schedule and no payment for {year}").format(
            year=now.year_name), [change(None, None, versus)])
    detail = " · ".join((
        _("of {amount} expected").format(amount=_euros(now.expected)),
        _("{amount} still owed").format(amount=_euros(now.outstanding)),
        _("{rate} up to date").format(rate=format_percent(now.up_to_date_rate))))
    if before.fiscal_year == now.fiscal_year or not before.any_due:
        return _euros(now.received), detail, [change(None, None, versus)]
    return _euros(now.received), detail, [
        change(now.received, before.received, before.year_name),
        change(now.up_to_date_rate, before.up_to_date_rate, versus, rate=True,
               what=_("up to date"))]


class DashboardTab(QWidget):
    """Key figures of a period compared with the previous one, health and charts."""

    status_message = Signal(str)
    open_requested = Signal(str, object)  # target tab, filter dict (see the module doc)
    report_requested = Signal(object)  # the Period of the activity report
    import_requested = Signal()  # from the welcome shown on an empty file
    new_member_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._figures = TaskRunner(self)
        self.current: ActivityFigures | None = None
        self.previous: ActivityFigures | None = None

        self.period_combo = DashboardPeriodCombo()
        self.period_combo.set_today(self.today(), 1)
        self.period_combo.period_changed.connect(self._period_chosen)
        self._period = self.period_combo.period()
        self.computing = QLabel(_("Computing…"))
        self.computing.setStyleSheet(css(Role.MUTED) + " font-style: italic;")
        self.computing.hide()
        self.versus = QLabel()
        self.versus.setStyleSheet(css(Role.MUTED))
        self.report_button = QPushButton(_("Activity report…"))
        self.report_button.clicked.connect(
            lambda: self.report_requested.emit(self._period))
        self.refresh_button = QPushButton(_("Refresh"))
        self.refresh_button.clicked.connect(self.reload)

        self.cards = {
            MEMBERS: KeyFigureCard(_("Members at the end")),
            DUES: KeyFigureCard(_("Dues")),
            EVENTS: KeyFigureCard(_("Events")),
            GUESTS: KeyFigureCard(_("Guests")),
            HOURS: KeyFigureCard(_("Volunteer hours")),
            REFERRALS: KeyFigureCard(_("Referrals given")),
            BUSINESS: KeyFigureCard(_("Business won")),
        }
        self.cards[DUES].setToolTip(_(
            "The dues of the fiscal year holding most of the period, as recorded today: "
            "received, expected by the fee schedule, still owed, and the share of the members "
            "who owe dues that year who are up to date (paid, exempt or owing nothing). "
            "Click to list the members who have not paid."))
        for key, card in self.cards.items():
            card.clicked.connect(lambda key=key: self.open_card(key))
        self.health = HealthPanel()
        self.charts = DashboardCharts()
        self.welcome = WelcomeBanner()
        self.welcome.import_requested.connect(self.import_requested.emit)
        self.welcome.new_member_requested.connect(self.new_member_requested.emit)
        self.welcome.hide()
        self._lay_out()

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Period")))
        bar.addWidget(self.period_combo)
        bar.addWidget(self.versus)
        bar.addWidget(self.computing)
        bar.addStretch(1)
        bar.addWidget(self.report_button)
        bar.addWidget(self.refresh_button)

        grid = QGridLayout()
        grid.setSpacing(10)
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // CARDS_A_ROW, index % CARDS_A_ROW)

        middle = QHBoxLayout()
        middle.addWidget(self.health, 3)
        middle.addWidget(self.charts.sectors, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.charts.hours)
        bottom.addWidget(self.charts.referrals)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(bar)
        column.addWidget(self.welcome)
        column.addLayout(grid)
        column.addLayout(middle)
        column.addLayout(bottom)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- period and computation ------------------------------------------------------------
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def period(self) -> Period:
        return self._period

    def set_period(self, period: Period) -> None:
        """Show ``period`` (and the one before it) and compute its figures."""
        self.period_combo.set_period(period)
        self._period = period
        self._compute()

    def reload(self) -> None:
        """Read the settings again and recompute the figures of the chosen period."""
        chosen = self._period
        self.period_combo.set_today(self.today(), load_settings().fiscal_year_start_month)
        if self.period_combo.period() != chosen:
            # The preset moved (new fiscal month, new day): follow it.
            chosen = self.period_combo.period()
        self._period = chosen
        self.welcome.setVisible(register_is_empty())
        self._compute()

    def is_computing(self) -> bool:
        return self._figures.is_running()

    def _period_chosen(self, period: Period) -> None:
        self._period = period
        self._compute()

    def _compute(self) -> None:
        """Compute the period's figures in the background; a request made meanwhile
        supersedes this one, whose result is then dropped."""
        period = self._period
        self.versus.setText(_("compared with {period}").format(
            period=period_label(period.previous())))

        def work(progress: Callable[[int, int], bool]
                 ) -> tuple[ActivityFigures, ActivityFigures]:
            return (activity_figures(period, progress),
                    activity_figures(period.previous(), progress))

        self._figures.run(work, self._computed, self._failed)
        self.computing.show()

    def _computed(self, result: tuple[ActivityFigures, ActivityFigures]) -> None:
        self.computing.hide()
        self.show_figures(*result)

    def _failed(self, error: BaseException) -> None:
        self.computing.hide()
        self.status_message.emit(_("The dashboard could not be computed: {error}")
                                 .format(error=error))

    # -- showing figures -------------------------------------------------------------------
    def show_figures(self, current: ActivityFigures, previous: ActivityFigures) -> None:
        """Fill the cards, the health indicators and the charts."""
        self.current, self.previous = current, previous
        versus = period_label(previous.period)
        self.versus.setText(_("compared with {period}").format(period=versus))
        for key, (value, detail, changes) in self._card_texts(current, previous,
                                                              versus).items():
            self.cards[key].show_figure(value, detail, changes)
        self.cards[DUES].title.setText(_("Dues {year} received").format(
            year=current.membership.dues.year_name))
        self.health.show_figures(current.health, previous.health)
        self.charts.show_figures(current)

    def _card_texts(self, now: ActivityFigures, before: ActivityFigures,
                    versus: str) -> dict[str, tuple[str, str, list[Change]]]:
        ms, mb = now.membership, before.membership
        es, eb = now.meetings, before.meetings
        vs, vb = now.volunteering, before.volunteering
        rs, rb = now.referrals, before.referrals
        guests_conversion = es.guests_joined / es.guests if es.guests else None
        before_conversion = eb.guests_joined / eb.guests if eb.guests else None
        return {
            MEMBERS: (
                format_number(ms.active_at_end),
                " · ".join((
                    ngettext("+{n} joined", "+{n} joined", ms.joined),
                    ngettext("{minus}{n} left", "{minus}{n} left", ms.left).format(
                        minus=MINUS if ms.left else ""))),
                [change(ms.active_at_end, mb.active_at_end, versus)]),
            DUES: dues_card(ms.dues, mb.dues, versus),
            EVENTS: (
                format_number(es.events),
                _("Average attendance {rate}").format(
                    rate=format_percent(es.average_attendance_rate)),
                [change(es.events, eb.events, versus),
                 change(es.average_attendance_rate, eb.average_attendance_rate, versus,
                        rate=True, what=_("attendance rate"))]),
            HOURS: (
                f"{_whole(vs.hours)}\u00a0h",
                ngettext("Worth {value} ({n} volunteer)", "Worth {value} ({n} volunteers)",
                         vs.volunteers).format(value=f"{_whole(vs.value)}\u00a0€"),
                [change(vs.hours, vb.hours, versus)]),
            REFERRALS: (
                format_number(rs.given),
                " · ".join((ngettext("{n} won", "{n} won", rs.won),
                            ngettext("{n} lost", "{n} lost", rs.lost),
                            ngettext("{n} open", "{n} open", rs.open))),
                [change(rs.given, rb.given, versus)]),
            BUSINESS: (
                f"{_whole(rs.business)}\u00a0€",
                ngettext("{n} won ({rate} of those closed)",
                         "{n} won ({rate} of those closed)", rs.won).format(
                             rate=format_percent(rs.conversion_rate)),
                [change(rs.business, rb.business, versus)]),
            GUESTS: (
                format_number(es.guests),
                ngettext("{n} became a member ({rate})", "{n} became members ({rate})",
                         es.guests_joined).format(rate=format_percent(guests_conversion)),
                [change(es.guests, eb.guests, versus),
                 change(guests_conversion, before_conversion, versus, rate=True,
                        what=_("guest conversion"))]),
        }

    # -- click-through ---------------------------------------------------------------------
    def open_card(self, key: str) -> None:
        """Ask for the tab behind a card, filtered as the card counts (see module doc)."""
        period = self._period
        target, filters = {
            MEMBERS: ("members", {"status": MemberStatus.ACTIVE}),
            DUES: ("members", {"dues": DuesStatus.UNPAID.value}),
            EVENTS: ("events", {"period": period}),
            GUESTS: ("events", {"period": period}),
            HOURS: ("volunteering", {"period": period}),
            REFERRALS: ("referrals", {"period": period}),
            BUSINESS: ("referrals", {"status": ReferralStatus.WON, "period": period}),
        }[key]
        self.open_requested.emit(target, filters)
