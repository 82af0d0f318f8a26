"""Text helpers for search and comparison."""

from __future__ import annotations

import unicodedata

# Letters that NFKD does not split into a base letter and an accent.
_SPECIAL = str.maketrans({
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ł": "l", "Ł": "l",
    "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i",
})


def fold(text: str) -> str:
    """Lower-case ``text`` without accents, for search: ``fold("Éloïse")`` is ``"eloise"``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())
