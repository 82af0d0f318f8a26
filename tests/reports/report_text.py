"""What the report tests look for in the text of a report."""

from __future__ import annotations


def in_order(text: str, *parts: str) -> bool:
    """Whether every one of ``parts`` stands in ``text``, each after the one before."""
    position = 0
    for part in parts:
        position = text.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True
