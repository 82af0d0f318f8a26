"""Dates, hours and money shown the way the user's language writes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime


def format_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return QLocale().toString(QDate(value.year, value.month, value.day),
                              QLocale.FormatType.ShortFormat)


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    qt_value = QDateTime(QDate(value.year, value.month, value.day),
                         QTime(value.hour, value.minute))
    return QLocale().toString(qt_value, QLocale.FormatType.ShortFormat)


def format_hours(value: Decimal) -> str:
    return QLocale().toString(float(value), "f", 2)


def format_money(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{QLocale().toString(float(value), 'f', 2)}\u00a0€"
