"""Text that never outgrows its place: a paragraph cut with "…" after so many lines.

Nothing in the database limits the length of a name or a note (an old file, a script or
another tool may have written 2,000 characters), yet every report must print. User text
becomes a :class:`ClippedParagraph`: it wraps as a Paragraph does (a word wider than its
column is broken, reportlab's ``splitLongWords``) and, past ``max_lines`` lines, keeps the
longest start that fits followed by "…". Text that fits lays out exactly as a Paragraph,
at the cost of one comparison.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paraparser import ParaFrag

ELLIPSIS = "…"
# No glyph of the reports' font is narrower than this share of its size (zero-width ones
# aside): it bounds how many characters a line can hold, so that clipping a text of any
# length only ever lays out a few lines of it.
NARROWEST_GLYPH = 0.15
# A little wider than the mean glyph of ordinary French text in the reports' font (0.52 of
# its size; 0.67 for bold capitals): to count the lines that show so many characters.
MEAN_GLYPH = 0.6


def lines_for(characters: int, width: float, font_size: float) -> int:
    """How many lines of ``width`` show at least ``characters`` of ordinary text."""
    per_line = max(1, int(width / (MEAN_GLYPH * font_size)))
    return max(1, math.ceil(characters / per_line))


class ClippedParagraph(Paragraph):
    """A Paragraph of at most ``max_lines`` lines at the width it is wrapped to.

    When the text needs more, it is cut once, at the first width offered, to the longest
    start that fits with "…" in ``max_lines`` lines; ``clipped`` then says so. ``max_lines``
    None keeps every line (the parts reportlab makes when it splits a paragraph).
    """

    def __init__(self, text: str | None, style: Any = None, bulletText: Any = None,  # noqa: N803
                 frags: list[Any] | None = None, caseSensitive: int = 1,  # noqa: N803
                 encoding: str = "utf8", max_lines: int | None = None) -> None:
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
        if max_lines is not None and max_lines < 1:
            raise ValueError("a paragraph keeps at least one line")
        self.max_lines = max_lines
        self.clipped = False
        self._source = self.frags  # wrapping replaces ``frags`` with its words

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, height = super().wrap(availWidth, availHeight)
        if self.max_lines is not None and self._lines() > self.max_lines:
            self.frags = self._longest_start(availWidth, self.max_lines)
            self.clipped = True
            width, height = super().wrap(availWidth, availHeight)
        return width, height

    def limit(self, max_lines: int) -> None:
        """Keep at most ``max_lines`` lines from now on (fewer than before, say)."""
        if max_lines < 1:
            raise ValueError("a paragraph keeps at least one line")
        self.max_lines = max_lines

    def _lines(self) -> int:
        lines = getattr(getattr(self, "blPara", None), "lines", None)
        return 0 if lines is None else len(lines)

    def _longest_start(self, width: float, max_lines: int) -> list[Any]:
        """The source cut after as many characters as fit in ``max_lines``, with "…"."""
        fits, too_many = 0, min(_length(self._source),
                                _most_characters(self._source, width, max_lines)) + 1
        while too_many - fits > 1:  # fits: a count that fits; too_many: one that does not
            middle = (fits + too_many) // 2
            trial = Paragraph(None, self.style, frags=_cut(self._source, middle))
            trial.wrap(width, 1e9)
            if len(trial.blPara.lines) <= max_lines:
                fits = middle
            else:
                too_many = middle
        return _cut(self._source, fits)


def _length(frags: Sequence[Any]) -> int:
    """Characters of ``frags``, a line break counting as one."""
    return sum(1 if hasattr(frag, "lineBreak") else len(getattr(frag, "text", ""))
               for frag in frags)


def _most_characters(frags: Sequence[Any], width: float, max_lines: int) -> int:
    """More characters than ``max_lines`` lines of ``width`` can ever hold."""
    smallest = min((frag.fontSize for frag in frags if hasattr(frag, "fontSize")), default=1.0)
    return max_lines * (int(width / (NARROWEST_GLYPH * smallest)) + 2)


def _cut(frags: Sequence[Any], keep: int) -> list[Any]:
    """The first ``keep`` characters of ``frags``, trailing blanks dropped, then "…"."""
    kept: list[Any] = []
    for frag in frags:
        if keep <= 0:
            break
        size = 1 if hasattr(frag, "lineBreak") else len(getattr(frag, "text", ""))
        kept.append(frag if size <= keep else frag.clone(text=frag.text[:keep]))
        keep -= size
    while kept and (hasattr(kept[-1], "lineBreak") or not kept[-1].text.strip()):
        kept.pop()
    if kept:
        kept[-1] = kept[-1].clone(text=kept[-1].text.rstrip() + ELLIPSIS)
        return kept
    return [_plain_frag(frags, ELLIPSIS)]


def _plain_frag(frags: Sequence[Any], text: str) -> Any:
    """A fragment of ``text`` in the style of the first text of ``frags`` (or of the first
    fragment, a line break made a plain fragment)."""
    model = next((frag for frag in frags if not hasattr(frag, "lineBreak")), frags[0])
    frag = ParaFrag(**model.__dict__)
    frag.__dict__.pop("lineBreak", None)
    frag.text = text
    return frag


def fit_height(cell: Flowable, width: float, height: float) -> Flowable:
    """``cell`` made no taller than ``height`` at ``width``.

    A :class:`ClippedParagraph` keeps the lines that fit, ending with "…"; any other
    flowable is cut at the bottom, which the reader sees as text running off its box.
    """
    if isinstance(cell, ClippedParagraph):
        cell.limit(max(1, int(height // cell.style.leading)))
        cell.wrap(width, height)
        if cell.height <= height:
            return cell
    return Cropped(cell, height)


class Cropped(Flowable):
    """The top of ``content``, at most ``most_height`` of it; the rest is not drawn."""

    def __init__(self, content: Flowable, most_height: float) -> None:
        super().__init__()
        self.content = content
        self.most_height = most_height
        self._full_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self._full_height = self.content.wrap(availWidth, 1e9)
        self.height = min(self._full_height, self.most_height)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        window = canvas.beginPath()
        window.rect(0, 0, self.width, self.height)
        canvas.clipPath(window, stroke=0, fill=0)
        self.content.drawOn(canvas, 0, self.height - self._full_height)
        canvas.restoreState()
