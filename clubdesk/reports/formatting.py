"""Dates, numbers and names as the reader's language writes them (no Qt, no locale module).

French: "mardi 3 mars 2026", "03/03/2026", "18 h 30", "1 250,50 €", "93 %" — with the
narrow no-break space French typography puts before "%" and between thousands.
English: "Tuesday 3 March 2026", "3 Mar 2026", "18:30", "€1,250.50", "93%".
Every function takes the language explicitly or uses the current one.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from clubdesk.i18n import current_language, format_count

NNBSP = "\u202f"  # narrow no-break space
DASH = "—"

_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
_DAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def _lang(lang: str | None) -> str:
    lang = lang or current_language()
    return lang if lang in _MONTHS else "en"


def format_date(day: dt.date, lang: str | None = None) -> str:
    """Short date: "03/03/2026" in French, "3 Mar 2026" in English."""
    if _lang(lang) == "fr":
        return day.strftime("%d/%m/%Y")
    return f"{day.day} {_MONTHS['en'][day.month - 1][:3]} {day.year}"


def format_date_long(day: dt.date, lang: str | None = None, weekday: bool = True) -> str:
    """Long date: "mardi 3 mars 2026" (and "1er" for the first of the month)."""
    lang = _lang(lang)
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    text = f"{number} {_MONTHS[lang][day.month - 1]} {day.year}"
    if not weekday:
        return text
    return f"{_DAYS[lang][day.weekday()]} {text}"


def format_time(moment: dt.time | dt.datetime, lang: str | None = None) -> str:
    """"18 h 30" / "18 h" in French, "18:30" in English."""
    if _lang(lang) == "fr":
        return f"{moment.hour} h {moment.minute:02d}" if moment.minute else f"{moment.hour} h"
    return f"{moment.hour}:{moment.minute:02d}"


def format_number(value: int | float | Decimal, decimals: int = 0,
                  lang: str | None = None) -> str:
    """"1 250,50" in French, "1,250.50" in English; halves round up."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    if _lang(lang) == "fr":
        return text.replace(",", NNBSP).replace(".", ",")
    return text


def format_percent(rate: float | Decimal | None, decimals: int = 0,
                   lang: str | None = None) -> str:
    """A share from 0 to 1 as "93 %" (French) or "93%"; None as a dash."""
    if rate is None:
        return DASH
    number = format_number(Decimal(str(rate)) * 100, decimals, lang)
    return f"{number}{NNBSP}%" if _lang(lang) == "fr" else f"{number}%"


def format_money(amount: Decimal | float | int, lang: str | None = None) -> str:
    """"1 250,50 €" in French, "€1,250.50" in English."""
    number = format_number(amount, 2, lang)
    return f"{number}{NNBSP}€" if _lang(lang) == "fr" else f"€{number}"


def markup(text: str) -> str:
    """User text made safe for a reportlab Paragraph: ``<b>&Co`` prints as typed.

    reportlab breaks lines at a narrow no-break space but not at a no-break space: the
    former becomes the latter, so that "93 %" or "1 250" never split across two lines.
    """
    return escape(text).replace("\n", "<br/>").replace(NNBSP, "\xa0")


def abridged(text: str, limit: int) -> str:
    """``text`` on one line (runs of spaces and line breaks as one space), cut with "…"
    when longer than ``limit`` characters: for a place that does not wrap."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rstrip() + "…"


def format_when(starts_at: dt.datetime, ends_at: dt.datetime | None = None,
                lang: str | None = None) -> str:
    """"mardi 3 mars 2026, 18 h 30 – 21 h": the day, then the hours."""
    text = f"{format_date_long(starts_at.date(), lang)}, {format_time(starts_at, lang)}"
    if ends_at is not None and ends_at.date() == starts_at.date() and ends_at > starts_at:
        text += f" – {format_time(ends_at, lang)}"
    return text


def count_words(text: str, count: int) -> str:
    """The words an ``ngettext`` text puts around its count: ("68 présents", 68) -> "présents".

    Labels then agree with their number in every language ("1 excusé", "22 excusés")
    while the number itself is printed apart, large, in a key-figure box.
    """
    for number in (format_count(count), str(count)):
        if number in text:
            return text.replace(number, "", 1).strip()
    return text.strip()


def capitalized(text: str) -> str:
    """``text`` with its first letter in capitals, the rest untouched ("En retard")."""
    return text[:1].upper() + text[1:]
