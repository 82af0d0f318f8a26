"""The Dashboard tab: cards, changes, click-through, period, background computation, charts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWidget

from clubdesk.domain.activity.activity_figures import (
    ActivityFigures,
    Amount,
    Count,
    DuesFigures,
    HealthFigures,
    LeadershipFigures,
    MeetingFigures,
    MembershipFigures,
    MonthReferrals,
    Period,
    ReferralFigures,
    VolunteeringFigures,
    last_full_fiscal_year,
)
from clubdesk.ui.common import background
from clubdesk.ui.common.palette import hex_colour
from clubdesk.ui.dashboard import dashboard_period, dashboard_tab
from clubdesk.ui.dashboard.dashboard_cards import BAD, GOOD, NEUTRAL
from clubdesk.ui.dashboard.dashboard_health import LEADERS, LONGEST, STOPPED, TOP_TENTH
from clubdesk.ui.dashboard.dashboard_tab import DashboardTab

TODAY = dt.date(2026, 11, 29)
YEAR_2025 = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
YEAR_2024 = Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def _months(period: Period) -> list[str]:
    return [f"{period.start.year}-{month:02d}" for month in range(1, 13)]


def figures(period: Period, *, members: int = 100, joined: int = 10, left: int = 4,
            events: int = 40, attendance: float | None = 0.75, hours: str = "500",
            given: int = 60, won: int = 20, business: str = "30000", guests: int = 30,
            guests_joined: int = 6, stopped: tuple[str, ...] = ("Zoé Martin",),
            top_tenth: float | None = 0.40, sectors: int = 3, dues_year: int | None = None,
            received: str = "9000", up_to_date: int = 90, leaders: int = 9,
            longest_since: dt.date | None = dt.date(2019, 3, 15)) -> ActivityFigures:
    """Hand-made figures of one period: what the tests vary, with plausible defaults."""
    months = _months(period)
    return ActivityFigures(
        period=period, association="Club Test",
        membership=MembershipFigures(
            active_at_start=members - joined + left, active_at_end=members, joined=joined,
            left=left, retention_rate=0.9,
            by_sector=[Count(f"Secteur {index}", 20 - index) for index in range(sectors)],
            by_status=[Count("active", members)],
            dues=DuesFigures(
                dues_year or period.start.year, str(dues_year or period.start.year), members,
                up_to_date, Decimal("10000"), Decimal(received),
                Decimal("10000") - Decimal(received))),
        meetings=MeetingFigures(
            events=events, by_kind=[Count("meeting", events)],
            average_attendance_rate=attendance, attendance_rows=events * members,
            guests=guests, guests_joined=guests_joined),
        volunteering=VolunteeringFigures(
            hours=Decimal(hours), value=Decimal(hours) * 20, hourly_rate=Decimal("20"),
            volunteers=25, by_category=[Amount("Accueil", Decimal(hours))],
            by_month=[Amount(month, Decimal(hours) / 12) for month in months]),
        referrals=ReferralFigures(
            given=given, won=won, lost=10, open=given - won - 10,
            conversion_rate=won / (won + 10), business=Decimal(business), to_outside=2,
            by_month=[MonthReferrals(month, given // 12, won // 12, Decimal(0))
                      for month in months]),
        health=HealthFigures(
            members=members, active_members=members * 3 // 5,
            hours_outside_bureau_share=0.5, top_tenth_hours_share=top_tenth,
            guests_per_meeting=guests / events if events else None,
            guest_conversion=guests_joined / guests if guests else None,
            stopped_coming=list(stopped),
            leadership=LeadershipFigures(
                period.end, 3, leaders, "Anne Alpha" if longest_since else "",
                "President" if longest_since else "", longest_since)),
        members=[], bureaus={})


@pytest.fixture
def tab(qtbot) -> Iterator[DashboardTab]:
    host = QWidget()  # kept alive by this frame while the test runs
    qtbot.addWidget(host)
    widget = DashboardTab(host, today=TODAY)
    widget.resize(1366, 768)
    yield widget


class Computations:
    """Stands in for activity_figures; records the periods asked for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.periods: list[Period] = []
        self.gates: dict[Period, threading.Event] = {}
        monkeypatch.setattr(dashboard_tab, "activity_figures", self.compute)

    def compute(self, period: Period, progress=None) -> ActivityFigures:
        self.periods.append(period)
        gate = self.gates.get(period)
        if gate is not None:
            assert gate.wait(10)
        return figures(period, members=100 + period.start.year - 2000)


@pytest.fixture
def computations(monkeypatch: pytest.MonkeyPatch) -> Computations:
    return Computations(monkeypatch)


def test_cards_show_numbers_and_changes(tab: DashboardTab) -> None:
    tab.show_figures(
        figures(YEAR_2025, members=112, joined=15, left=3, hours="550", attendance=0.70,
                stopped=("A", "B", "C")),
        figures(YEAR_2024, members=100, hours="500", attendance=0.75, stopped=("A",)))
    members = tab.cards["members"]
    assert members.value.text() == "112"
    assert "+15 joined" in members.detail.text() and "3 left" in members.detail.text()
    assert members.changes[0].text == "▲ +12\u00a0% vs 2024"
    assert members.changes[0].color == GOOD
    hours = tab.cards["hours"]
    assert hours.value.text() == f"{QLocale().toString(550)}\u00a0h"
    assert hours.changes[0].text == "▲ +10\u00a0% vs 2024"
    events = tab.cards["events"]
    assert "70\u00a0%" in events.detail.text()
    assert events.changes[0].color == NEUTRAL  # 40 events both years
    assert events.changes[1].text == "attendance rate ▼ \u22125.0 pts"
    assert events.changes[1].color == BAD
    # More members who stopped coming is bad news, though the number rose.
    stopped = tab.health.changes[STOPPED].text()
    assert "▲ +2" in stopped and hex_colour(BAD) in stopped
    assert tab.health.values[STOPPED].text() == "3"
    assert tab.health.values[STOPPED].toolTip().splitlines() == ["A", "B", "C"]
    assert tab.versus.text() == "compared with 2024"


def test_a_smaller_top_tenth_share_is_good_news(tab: DashboardTab) -> None:
    tab.show_figures(figures(YEAR_2025, top_tenth=0.30), figures(YEAR_2024, top_tenth=0.40))
    assert hex_colour(GOOD) in tab.health.changes[TOP_TENTH].text()
    assert "▼ \u221210.0 pts</span>" in tab.health.changes[TOP_TENTH].text()


def test_the_dues_card(tab: DashboardTab) -> None:
    tab.show_figures(figures(YEAR_2025, received="8000", up_to_date=80),
                     figures(YEAR_2024, received="10000", up_to_date=90))
    dues = tab.cards["dues"]
    assert dues.title.text() == "Dues 2025 received"
    assert dues.value.text() == f"{QLocale().toString(8000)}\u00a0€"
    assert dues.detail.text() == (
        f"of {QLocale().toString(10000)}\u00a0€ expected · {QLocale().toString(2000)}\u00a0€ "
        "still owed · 80\u00a0% up to date")
    assert dues.changes[0].text == "▼ \u221220\u00a0% vs 2024" and dues.changes[0].color == BAD
    assert dues.changes[1].text == "up to date ▼ \u221210.0 pts"  # 80 of 100, 90 of 100
    # Two periods within one fiscal year: the same dues, nothing to compare.
    tab.show_figures(figures(YEAR_2025, dues_year=2025), figures(YEAR_2024, dues_year=2025))
    assert [change.text for change in dues.changes] == ["no comparison"]


def test_a_year_without_dues(tab: DashboardTab) -> None:
    empty = figures(YEAR_2025)
    empty = dataclasses.replace(empty, membership=dataclasses.replace(
        empty.membership, dues=DuesFigures(2025, "2025–2026", 100, 100, Decimal(0),
                                           Decimal(0), Decimal(0))))
    tab.show_figures(empty, figures(YEAR_2024))
    dues = tab.cards["dues"]
    assert dues.value.text() == "–"
    assert dues.detail.text() == "No fee schedule and no payment for 2025–2026"
    assert dues.title.text() == "Dues 2025–2026 received"


def test_shared_leadership_in_the_health_panel(tab: DashboardTab) -> None:
    tab.show_figures(figures(YEAR_2025, leaders=12, longest_since=dt.date(2019, 3, 15)),
                     figures(YEAR_2024, leaders=9, longest_since=dt.date(2019, 3, 15)))
    health = tab.health
    assert health.values[LEADERS].text() == "12"
    assert "▲ +33\u00a0%" in health.changes[LEADERS].text()
    assert hex_colour(GOOD) in health.changes[LEADERS].text()
    assert health.values[LEADERS].toolTip() == (
        "12 different members held a role from 31/12/2022 to 31/12/2025")
    assert health.definitions[LEADERS].text().startswith("Different members who held a")
    # Anne Alpha, president since 15/03/2019: 6 years 9 months on 31/12/2025
    assert health.values[LONGEST].text() == "6 years"
    assert health.values[LONGEST].toolTip() == "6 years and 9 months"
    assert health.definitions[LONGEST].text().startswith(
        "Anne Alpha (President), since 15/03/2019. How long the current role holder")
    assert hex_colour(BAD) in health.changes[LONGEST].text()  # a year longer: less renewal
    tab.show_figures(figures(YEAR_2025, leaders=0, longest_since=None),
                     figures(YEAR_2024, leaders=0, longest_since=None))
    assert health.values[LONGEST].text() == "–"
    assert health.definitions[LONGEST].text() == "Nobody holds a bureau or committee role."
    assert "no comparison" in health.changes[LONGEST].text()


def test_nothing_to_compare_with(tab: DashboardTab) -> None:
    tab.show_figures(figures(YEAR_2025, events=5, attendance=None),
                     figures(YEAR_2024, events=0, attendance=None, guests=0))
    events = tab.cards["events"]
    assert events.changes[0].text == "▲ +5 vs 2024"
    assert events.changes[1].text == "attendance rate no comparison"
    assert events.detail.text() == "Average attendance –"


@pytest.mark.parametrize(("card", "target", "filters"), [
    ("members", "members", {"status": "active"}),
    ("dues", "members", {"dues": "unpaid"}),
    ("events", "events", {"period": YEAR_2025}),
    ("guests", "events", {"period": YEAR_2025}),
    ("hours", "volunteering", {"period": YEAR_2025}),
    ("referrals", "referrals", {"period": YEAR_2025}),
    ("business", "referrals", {"status": "won", "period": YEAR_2025}),
])
def test_clicking_a_card_opens_its_tab(qtbot, tab: DashboardTab, computations: Computations,
                                       card: str, target: str, filters: dict) -> None:
    tab.set_period(YEAR_2025)
    qtbot.waitUntil(lambda: not tab.is_computing())
    with qtbot.waitSignal(tab.open_requested) as blocker:
        qtbot.mouseClick(tab.cards[card], Qt.MouseButton.LeftButton)
    assert blocker.args == [target, filters]


def test_default_period_is_the_last_full_fiscal_year(qtbot, tab: DashboardTab,
                                                     db_path) -> None:
    assert tab.period() == last_full_fiscal_year(TODAY, 1) == YEAR_2025
    assert tab.period_combo.currentText() == "Last full year (2025)"


def test_choosing_a_period_computes_it_and_the_previous_one(
        qtbot, tab: DashboardTab, computations: Computations) -> None:
    with qtbot.waitSignal(tab.period_combo.period_changed):
        tab.period_combo.choose(dashboard_period.THIS_YEAR)
    this_year = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert tab.period() == this_year
    assert tab.computing.isVisibleTo(tab)
    qtbot.waitUntil(lambda: tab.current is not None)
    assert computations.periods == [this_year, this_year.previous()]
    assert tab.cards["members"].value.text() == "126"
    assert not tab.computing.isVisibleTo(tab)


def test_since_a_date_and_custom_dates(qtbot, tab: DashboardTab, computations: Computations,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dashboard_period, "ask_since", lambda *args: dt.date(2026, 3, 1))
    tab.period_combo.choose(dashboard_period.SINCE)
    assert tab.period() == Period(dt.date(2026, 3, 1), TODAY)
    custom = Period(dt.date(2025, 9, 1), dt.date(2026, 8, 31))
    monkeypatch.setattr(dashboard_period, "ask_dates", lambda *args: custom)
    tab.period_combo.choose(dashboard_period.CUSTOM)
    assert tab.period() == custom
    assert "2025" in tab.period_combo.currentText()
    monkeypatch.setattr(dashboard_period, "ask_dates", lambda *args: None)  # Cancel
    tab.period_combo.choose(dashboard_period.CUSTOM)
    assert tab.period() == custom
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.period == custom)


def test_a_newer_request_supersedes_an_older_one(qtbot, tab: DashboardTab,
                                                 computations: Computations) -> None:
    gate = computations.gates[YEAR_2024] = threading.Event()
    tab.set_period(YEAR_2024)
    qtbot.waitUntil(lambda: YEAR_2024 in computations.periods, timeout=20_000)
    tab.set_period(YEAR_2025)
    gate.set()
    qtbot.waitUntil(lambda: not tab.is_computing(), timeout=20_000)
    assert tab.current is not None and tab.current.period == YEAR_2025
    background.task_pool().waitForDone(20_000)  # the older one too
    qtbot.wait(50)  # its result, had it been wanted, would have arrived by now
    assert tab.current.period == YEAR_2025  # the older result, arrived last, was ignored


def test_report_button_asks_for_the_period(qtbot, tab: DashboardTab,
                                           computations: Computations) -> None:
    tab.set_period(YEAR_2024)
    with qtbot.waitSignal(tab.report_requested) as blocker:
        tab.report_button.click()
    assert blocker.args == [YEAR_2024]
    qtbot.waitUntil(lambda: not tab.is_computing())


def test_charts_have_a_bar_per_month_and_the_top_sectors(tab: DashboardTab) -> None:
    tab.show_figures(figures(YEAR_2025, sectors=12), figures(YEAR_2024))
    charts = tab.charts
    assert len(charts.hours.categories) == 12 and charts.hours.bar_count() == 12
    assert len(charts.referrals.categories) == 12 and charts.referrals.bar_count() == 24
    assert len(charts.sectors.categories) == 9  # top 8 and "Others"
    assert charts.sectors.categories[0] == "Other sectors"  # drawn at the bottom
    assert charts.sectors.categories[-1] == "Secteur 0"  # the largest on top
    others = charts.sectors.series.barSets()[0].at(0)
    assert others == sum(20 - index for index in range(8, 12))


def test_real_figures_of_the_small_demo(qtbot, db_path) -> None:
    from clubdesk.demo.association import build_demo

    build_demo("small", seed=1, today=TODAY)
    host = QWidget()
    qtbot.addWidget(host)
    tab = DashboardTab(host, today=TODAY)
    tab.reload()
    qtbot.waitUntil(lambda: tab.current is not None, timeout=20000)
    assert tab.current.period == YEAR_2025 and tab.previous.period == YEAR_2024
    assert tab.cards["members"].value.text() == QLocale().toString(
        tab.current.membership.active_at_end)
    assert tab.current.membership.active_at_end > 0
    assert len(tab.charts.hours.categories) == 12



def test_an_empty_file_shows_how_to_start(qtbot, tab: DashboardTab, computations: Computations,
                                          db_path, make_member) -> None:
    tab.reload()
    qtbot.waitUntil(lambda: not tab.is_computing())
    assert not tab.welcome.isHidden()
    with qtbot.waitSignal(tab.import_requested):
        qtbot.mouseClick(tab.welcome.import_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(tab.new_member_requested):
        qtbot.mouseClick(tab.welcome.new_button, Qt.MouseButton.LeftButton)
    make_member(first_name="Anaïs", last_name="Lefèvre")
    tab.reload()
    qtbot.waitUntil(lambda: not tab.is_computing())
    assert tab.welcome.isHidden()  # the figures speak for themselves now


def test_the_welcome_leads_to_the_wizard_and_the_member_form(
        qtbot, monkeypatch: pytest.MonkeyPatch, db_path, settings) -> None:
    from clubdesk.ui.importing import import_wizard
    from clubdesk.ui.main_window import MainWindow
    from clubdesk.ui.members import members_tab

    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    asked: list[str] = []
    monkeypatch.setattr(import_wizard.ImportWizard, "ask",
                        classmethod(lambda cls, parent: asked.append("import") or False))
    monkeypatch.setattr(members_tab, "edit_member_dialog",
                        lambda parent, member_id: asked.append("form") or None)
    window.dashboard_tab.welcome.import_requested.emit()
    window.dashboard_tab.welcome.new_member_requested.emit()
    assert asked == ["import", "form"]
    assert window.tabs.currentWidget() is window.members_tab


def test_counts_agree_with_their_number_in_french(tab: DashboardTab, in_french) -> None:
    tab.show_figures(figures(YEAR_2025, joined=1, left=1, won=1, guests_joined=1),
                     figures(YEAR_2024))
    cards = tab.cards
    assert cards["members"].detail.text() == "+1 arrivé · \u22121 parti"
    assert cards["referrals"].detail.text().startswith("1 conclue · 10 perdues · ")
    assert cards["business"].detail.text().startswith("1 conclue (")
    assert cards["guests"].detail.text().startswith("1 devenu membre (")
    tab.show_figures(figures(YEAR_2025, joined=2, won=0, guests_joined=2),
                     figures(YEAR_2024))
    assert cards["members"].detail.text() == "+2 arrivés · \u22124 partis"
    assert cards["referrals"].detail.text().startswith("0 conclue · ")
    assert cards["guests"].detail.text().startswith("2 devenus membres (")


def test_one_volunteer_is_one_volunteer(tab: DashboardTab, in_french) -> None:
    one = figures(YEAR_2025)
    one = dataclasses.replace(
        one, volunteering=dataclasses.replace(one.volunteering, volunteers=1))
    tab.show_figures(one, figures(YEAR_2024))
    assert tab.cards["hours"].detail.text().endswith("(1 bénévole)")
    assert tab.health.values["active_share"].toolTip() == "60 membres sur 100"


def test_leadership_and_dues_in_french(tab: DashboardTab, in_french) -> None:
    tab.show_figures(figures(YEAR_2025, leaders=1, longest_since=dt.date(2024, 11, 30)),
                     figures(YEAR_2024))
    health = tab.health
    assert health.values[LEADERS].toolTip() == "1 membre a tenu un rôle du 31/12/2022 au 31/12/2025"
    assert health.values[LONGEST].text() == "1\u00a0an"
    assert health.values[LONGEST].toolTip() == "1\u00a0an et 1\u00a0mois"
    assert tab.cards["dues"].title.text() == "Cotisations 2025 reçues"
    assert tab.cards["dues"].detail.text().endswith("restant dus · 90\u00a0% à jour")
