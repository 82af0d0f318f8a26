"""What a reader sees in a PDF: its text page by page, and where lines of text stand."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

SPACES = {"\u202f": " ", "\xa0": " "}


def flat(text: str) -> str:
    """One line of words: line breaks and no-break spaces become single spaces."""
    for space, plain in SPACES.items():
        text = text.replace(space, plain)
    return " ".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, flattened with :func:`flat`."""
    return [flat(page.extract_text()) for page in PdfReader(path).pages]


def raw_pages(path: Path) -> list[str]:
    """The text of each page as pypdf extracts it (no-break spaces kept)."""
    return [page.extract_text() for page in PdfReader(path).pages]


def line_heights(path: Path, page: int = 0) -> dict[str, float]:
    """The vertical position (points from the bottom) of each short text drawn on a page."""
    positions: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        text = text.strip()
        if text and text not in positions:
            positions[text] = tm[5] * cm[3] + cm[5]

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return positions
