"""The one translation helper outside Qt widgets.

Source strings are English; the JSON files in ``resources/translations/<lang>/`` (one per
area of the application, merged) map them to another language. The same catalogue feeds
Qt's ``tr()`` through ``clubdesk.ui.common.translator``, so that the domain, the reports, the
command line and the widgets share one set of translations.

A catalogue entry is either a string or, for texts with a count, a list of plural forms.
"""

from __future__ import annotations

import json
import locale
import os
from functools import cache

from clubdesk.resources import resource_path

SUPPORTED_LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_current = {"lang": "en"}


@cache
def catalogue(lang: str) -> dict[str, str | list[str]]:
    """The translations of one language.

    English is the source language: its catalogue, when present, only holds plural forms.
    """
    merged: dict[str, str | list[str]] = {}
    folder = resource_path("translations", lang)
    if not folder.is_dir():
        return merged
    for path in sorted(folder.glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        merged.update((key, value) for key, value in data.items() if not key.startswith("@"))
    return merged


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
    """Choose the language used by :func:`_` from now on."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    _current["lang"] = lang


def current_language() -> str:
    return _current["lang"]


def plural_index(lang: str, n: int) -> int:
    """Which plural form applies: French uses the singular for 0 and 1."""
    if lang == "fr":
        return 0 if n in (0, 1) else 1
    return 0 if n == 1 else 1


def plural_form(text: str, n: int | None = None, lang: str | None = None) -> str:
    """``text`` in ``lang``, in the plural form for ``n``, with ``%n`` still in it."""
    lang = lang or _current["lang"]
    entry = catalogue(lang).get(text)
    if isinstance(entry, list):
        return entry[plural_index(lang, n if n is not None else 1)] if entry else text
    return entry or text


def translate(text: str, n: int | None = None, lang: str | None = None) -> str:
    """``text`` in ``lang`` (default: the current language); ``%n`` is replaced by ``n``."""
    result = plural_form(text, n, lang)
    if n is not None:
        result = result.replace("%n", str(n))
    return result


def _(text: str) -> str:
    """Mark and translate a user-visible string."""
    return translate(text)


def ngettext(text: str, n: int) -> str:
    """Translate a string containing ``%n`` with the plural form for ``n``."""
    return translate(text, n)
