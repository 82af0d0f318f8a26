"""The dashboard's charts: hours and referrals by month, members by sector."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from clubdesk.domain.activity.activity_figures import ActivityFigures, Count
from clubdesk.i18n import _
from clubdesk.ui.common.palette import Role, colour, dark_mode

TOP_SECTORS = 8


def month_labels(months: list[str]) -> list[str]:
    """"2024-03"… as short axis labels: "mars" within a year, "03/24" over a longer span
    (twelve "mars 24" do not fit under the bars at 1366 pixels)."""
    if len(months) <= 12:
        return [QLocale().monthName(int(month[5:7]), QLocale.FormatType.ShortFormat)
                for month in months]
    return [f"{month[5:7]}/{month[2:4]}" for month in months]


def top_sectors(counts: list[Count], top: int = TOP_SECTORS) -> list[Count]:
    """The ``top`` largest sectors, then one "Other sectors" for the rest; unnamed ones count as
    "Sector not given"."""
    named = [Count(item.label or _("Sector not given"), item.value) for item in counts
             if item.value > 0]
    named.sort(key=lambda item: (-item.value, item.label.casefold()))
    if len(named) <= top + 1:
        return named
    rest = sum(item.value for item in named[top:])
    return [*named[:top], Count(_("Other sectors"), rest)]


def _nice_max(value: float) -> float:
    """An axis end a little above ``value``, on a round number."""
    if value <= 0:
        return 4.0  # an empty period still gets a readable 0-4 axis
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return float(step * int(value // step + 1))
    return value * 1.1


class DashboardChart(QChartView):
    """A light, antialiased chart view; :meth:`show_bars` replaces what it shows."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark_mode()
                       else QChart.ChartTheme.ChartThemeLight)
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.series: QBarSeries | QHorizontalBarSeries | None = None
        self.categories: list[str] = []

    def show_bars(self, categories: list[str], sets: list[tuple[str, QColor, list[float]]],
                  *, horizontal: bool = False) -> None:
        """One bar per category and set; ``sets`` is (name, colour, one value a category)."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series: QBarSeries | QHorizontalBarSeries = (
            QHorizontalBarSeries() if horizontal else QBarSeries())
        for name, color, values in sets:
            bar_set = QBarSet(name)
            bar_set.setColor(color)
            bar_set.setBorderColor(color)
            bar_set.append([float(value) for value in values])
            series.append(bar_set)
        chart.addSeries(series)
        chart.legend().setVisible(len(sets) > 1)
        category_axis = QBarCategoryAxis()
        category_axis.append(categories or [""])
        category_axis.setTruncateLabels(False)
        value_axis = QValueAxis()
        highest = max((max(values, default=0) for _n, _c, values in sets), default=0)
        value_axis.setRange(0, _nice_max(highest))
        value_axis.setLabelFormat("%d")
        value_axis.applyNiceNumbers()
        if value_axis.max() <= 10:  # whole numbers only: "0 0 0 1" read as nonsense
            value_axis.setTickCount(int(value_axis.max()) + 1)
        if horizontal:
            # The largest sector on top: Qt draws the first category at the bottom.
            chart.addAxis(category_axis, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom)
        else:
            category_axis.setLabelsAngle(-45 if len(categories) > 12 else 0)
            chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(value_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(category_axis)
        series.attachAxis(value_axis)
        self.series = series
        self.categories = list(categories)

    def bar_count(self) -> int:
        """How many bars are drawn (every set, every category)."""
        if self.series is None:
            return 0
        return sum(bar_set.count() for bar_set in self.series.barSets())


class DashboardCharts:
    """The three charts, filled from one period's figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.hours = DashboardChart(_("Volunteer hours by month"), parent)
        self.referrals = DashboardChart(_("Referrals by month"), parent)
        self.sectors = DashboardChart(_("Members by sector"), parent)

    def widgets(self) -> list[DashboardChart]:
        return [self.hours, self.referrals, self.sectors]

    def show_figures(self, figures: ActivityFigures) -> None:
        by_month = figures.volunteering.by_month
        self.hours.show_bars(
            month_labels([item.label for item in by_month]),
            [(_("Hours"), colour(Role.ACCENT), [float(item.value) for item in by_month])])
        referrals = figures.referrals.by_month
        self.referrals.show_bars(
            month_labels([item.month for item in referrals]),
            [(_("Given"), colour(Role.ACCENT), [item.given for item in referrals]),
             (_("Referrals won"), colour(Role.ACCENT_2), [item.won for item in referrals])])
        sectors = list(reversed(top_sectors(figures.membership.by_sector)))
        self.sectors.show_bars(
            [item.label for item in sectors],
            [(_("Members"), colour(Role.ACCENT), [item.value for item in sectors])],
            horizontal=True)
