"""The one way clubdesk translates: gettext catalogues, for the widgets, the domain, the
reports and the command line alike.

Source strings are English, with ``{name}`` placeholders. The French lives in
``resources/locale/fr/LC_MESSAGES/<area>.po`` (one catalogue per package, compiled to
``.mo``; :mod:`clubdesk.i18n.catalogues` extracts and updates them with Babel). A number
meeting a word goes through :func:`ngettext`, which picks the language's plural form and
writes the number the way the language does ("20 000 membres").
"""

from __future__ import annotations

import gettext
import locale
import os
from functools import cache

from clubdesk.resources import resource_path

SUPPORTED_LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
DOMAIN_FOLDER = "locale"

_current = {"lang": "en"}


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """Every catalogue of ``lang`` chained into one (English: the source text itself)."""
    folder = resource_path(DOMAIN_FOLDER, lang, "LC_MESSAGES")
    merged: gettext.NullTranslations = gettext.NullTranslations()
    if lang == "en" or not folder.is_dir():
        return merged
    first: gettext.NullTranslations | None = None
    for path in sorted(folder.glob("*.mo")):
        with path.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
        if first is None:
            first = catalogue
        else:
            first.add_fallback(catalogue)
    return first or merged


def detect_language(explicit: str | None = None) -> str:
    """The language to use: ``explicit``, else ``CLUBDESK_LANG``, else the system locale.

    French is the default for a French system and for any locale we cannot read; other
    languages fall back to English.
    """
    for candidate in (explicit, os.environ.get("CLUBDESK_LANG")):
        if candidate:
            code = candidate.lower()[:2]
            if code in SUPPORTED_LANGUAGES:
                return code
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return "fr" if value.lower().startswith("fr") else "en"
    system = locale.getlocale()[0] or ""
    if system:
        return "fr" if system.lower().startswith("fr") else "en"
    return DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Choose the language of every text from now on (the command line's too)."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    _current["lang"] = lang


def current_language() -> str:
    return _current["lang"]


def format_count(n: int, lang: str | None = None) -> str:
    """A whole number as the language writes it: "20 000" in French, "20,000" in English."""
    grouped = f"{n:,}"
    return grouped.replace(",", "\u202f") if (lang or current_language()) == "fr" else grouped


def _(text: str) -> str:
    """Mark and translate a user-visible string."""
    return translations(current_language()).gettext(text)


def N_(text: str) -> str:  # noqa: N802 - gettext's name for it
    """Mark a text for the catalogue without translating it yet (it is translated where
    it is shown)."""
    return text


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` the language uses for ``n``, with ``{n}`` already
    replaced by the number as the language writes it; other placeholders are left to
    ``.format()``."""
    form = translations(current_language()).ngettext(singular, plural, n)
    return form.replace("{n}", format_count(n))


def forms(singular: str, plural: str | None = None) -> set[str]:
    """Every translation of a text, in every language (to read back what was stored)."""
    found = {singular} | ({plural} if plural else set())
    for lang in SUPPORTED_LANGUAGES:
        catalogue = translations(lang)
        if plural is None:
            found.add(catalogue.gettext(singular))
        else:
            found.update(catalogue.ngettext(singular, plural, n) for n in (1, 2))
    return found
