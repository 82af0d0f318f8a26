"""How the dues papers and e-mails write amounts and dates: "300,00 €", "trois cents euros",
"6 décembre 2026".

The reports have their own formatting (:mod:`clubdesk.reports.formatting`, above the domain);
the e-mail texts are made here, so the few forms they need are here too, written the same
way (French: a narrow no-break space between thousands and before "€").
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from clubdesk.i18n import current_language

NNBSP = "\u202f"
CENT = Decimal("0.01")

_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def _lang(lang: str | None) -> str:
    lang = lang or current_language()
    return lang if lang in _MONTHS else "en"


def money_text(amount: Decimal, lang: str | None = None) -> str:
    """"1 250,50 €" in French, "€1,250.50" in English (as the reports print money)."""
    text = f"{Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    if _lang(lang) == "fr":
        return text.replace(",", NNBSP).replace(".", ",") + f"{NNBSP}€"
    return f"€{text}"


def date_text(day: dt.date, lang: str | None = None) -> str:
    """"1er février 2026", "6 décembre 2026"; "6 December 2026" in English. The day and the
    month are joined by a no-break space: a line never ends between them."""
    lang = _lang(lang)
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{number}\u00a0{_MONTHS[lang][day.month - 1]} {day.year}"


# French numbers in words, in the traditional spelling accountants use on receipts
# ("deux cent quatre-vingts euros"): hyphens within the tens only, "et un", "cents" and
# "quatre-vingts" with an s only at the end of a number, "mille" never.
_FR_UNITS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
             "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept",
             "dix-huit", "dix-neuf")
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _fr_below_100(n: int, final: bool) -> str:
    if n < 20:
        return _FR_UNITS[n]
    tens, units = divmod(n, 10)
    if tens in _FR_TENS:
        word = _FR_TENS[tens]
        if units == 0:
            return word
        return f"{word} et un" if units == 1 else f"{word}-{_FR_UNITS[units]}"
    if tens == 7:  # soixante-dix, soixante et onze, soixante-douze…
        return "soixante et onze" if units == 1 else f"soixante-{_FR_UNITS[10 + units]}"
    if tens == 8:
        return ("quatre-vingts" if final else "quatre-vingt") if units == 0 else \
            f"quatre-vingt-{_FR_UNITS[units]}"
    return f"quatre-vingt-{_FR_UNITS[10 + units]}"  # 90 to 99


def _fr_below_1000(n: int, final: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _fr_below_100(rest, final)
    if hundreds == 1:
        head = "cent"
    else:
        head = f"{_FR_UNITS[hundreds]} cent" + ("s" if rest == 0 and final else "")
    return head if rest == 0 else f"{head} {_fr_below_100(rest, final)}"


def _french_number(n: int) -> str:
    if n == 0:
        return _FR_UNITS[0]
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    words = []
    if millions:
        words.append(f"{_fr_below_1000(millions, True)} million"
                     + ("s" if millions > 1 else ""))
    if thousands:
        # "mille", "deux mille", "quatre-vingt mille": no s before "mille".
        words.append("mille" if thousands == 1 else f"{_fr_below_1000(thousands, False)} mille")
    if units:
        words.append(_fr_below_1000(units, True))
    return " ".join(words)


_EN_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety")


def _en_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if rest < 20:
        tail = _EN_UNITS[rest] if rest else ""
    else:
        tens, units = divmod(rest, 10)
        tail = _EN_TENS[tens] + (f"-{_EN_UNITS[units]}" if units else "")
    if not hundreds:
        return tail
    head = f"{_EN_UNITS[hundreds]} hundred"
    return f"{head} and {tail}" if tail else head


def _english_number(n: int) -> str:
    if n == 0:
        return _EN_UNITS[0]
    words = []
    for size, name in ((1_000_000, "million"), (1000, "thousand")):
        count, n = divmod(n, size)
        if count:
            words.append(f"{_en_below_1000(count)} {name}")
    if n:
        words.append(_en_below_1000(n) if n >= 100 or not words else f"and {_en_below_1000(n)}")
    return " ".join(words)


def amount_in_words(amount: Decimal, lang: str | None = None) -> str:
    """An amount in euros in words, as a receipt writes it: "trois cents euros",
    "deux cent quatre-vingts euros et cinquante centimes"; "three hundred euros"."""
    cents_total = int(Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP) * 100)
    if cents_total < 0:
        raise ValueError("an amount in words is never negative")
    euros, cents = divmod(cents_total, 100)
    if _lang(lang) == "fr":
        parts = []
        if euros or not cents:
            unit = "euro" if euros < 2 else "euros"
            number = _french_number(euros)
            # "un million d'euros": a round number of millions takes "de".
            joined = (f"{number} d'{unit}" if euros >= 1_000_000 and euros % 1_000_000 == 0
                      else f"{number} {unit}")
            parts.append(joined)
        if cents:
            parts.append(f"{_french_number(cents)} centime" + ("s" if cents > 1 else ""))
        return " et ".join(parts)
    parts = []
    if euros or not cents:
        parts.append(f"{_english_number(euros)} euro" + ("" if euros == 1 else "s"))
    if cents:
        parts.append(f"{_english_number(cents)} cent" + ("" if cents == 1 else "s"))
    return " and ".join(parts)
