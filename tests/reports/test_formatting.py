"""Dates, numbers and user text as the reports print them, in French and in English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clubdesk import i18n
from clubdesk.reports.formatting import (
    count_words,
    format_date,
    format_date_long,
    format_money,
    format_number,
    format_percent,
    format_time,
    format_when,
    markup,
)

NNBSP = "\u202f"


def test_french_dates_times_and_numbers() -> None:
    day = dt.date(2026, 3, 3)
    assert format_date_long(day, "fr") == "mardi 3 mars 2026"
    assert format_date_long(dt.date(2026, 12, 1), "fr") == "mardi 1er décembre 2026"
    assert format_date_long(dt.date(2026, 8, 1), "fr", weekday=False) == "1er août 2026"
    assert format_date(day, "fr") == "03/03/2026"
    assert format_time(dt.time(18, 30), "fr") == "18 h 30"
    assert format_time(dt.time(7, 0), "fr") == "7 h"
    assert format_number(1250.5, 2, "fr") == f"1{NNBSP}250,50"
    assert format_number(1234567, lang="fr") == f"1{NNBSP}234{NNBSP}567"
    assert format_percent(0.925, lang="fr") == f"93{NNBSP}%"
    assert format_percent(None, lang="fr") == "—"
    assert format_money(Decimal("1250.5"), "fr") == f"1{NNBSP}250,50{NNBSP}€"
    assert format_when(dt.datetime(2026, 3, 3, 18, 30), dt.datetime(2026, 3, 3, 21),
                       "fr") == "mardi 3 mars 2026, 18 h 30 – 21 h"


def test_english_dates_and_numbers() -> None:
    assert format_date_long(dt.date(2026, 3, 3), "en") == "Tuesday 3 March 2026"
    assert format_date(dt.date(2026, 3, 3), "en") == "3 Mar 2026"
    assert format_time(dt.time(7, 5), "en") == "7:05"
    assert format_number(1250.5, 2, "en") == "1,250.50"
    assert format_percent(Decimal("0.5"), lang="en") == "50%"
    assert format_money(Decimal("1250.5"), "en") == "€1,250.50"


def test_the_current_language_is_the_default() -> None:
    i18n.set_language("fr")
    assert format_percent(1) == f"100{NNBSP}%"
    i18n.set_language("en")
    assert format_percent(1) == "100%"


def test_markup_prints_user_text_literally_and_keeps_numbers_whole() -> None:
    assert markup("<b>&Co") == "&lt;b&gt;&amp;Co"
    assert markup("ligne 1\nligne 2") == "ligne 1<br/>ligne 2"
    assert markup(f"93{NNBSP}%") == "93\xa0%"  # reportlab does not break at \xa0


def test_count_words_keeps_the_words_around_a_count() -> None:
    assert count_words("68 présents", 68) == "présents"
    assert count_words("1250 members expected", 1250) == "members expected"
