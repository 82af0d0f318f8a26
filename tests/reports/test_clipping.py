"""A paragraph cut with "…" after so many lines, whatever its text: words, one endless
word, hundreds of line breaks, markup; and one line cut short where text never wraps."""

from __future__ import annotations

import pytest
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from clubdesk.reports.activity_charts import ranked_bars
from clubdesk.reports.clipping import ClippedParagraph, Cropped, fit_height, lines_for
from clubdesk.reports.flowables import CELL_CHARACTERS, CELL_SIZE, make_styles
from clubdesk.reports.fonts import FONT, FONT_BOLD
from clubdesk.reports.formatting import abridged, markup

WIDTH = 100.0
LONG_TEXTS = {
    "spaces": "Société coopérative d'intérêt collectif " * 50,
    "no_space": "x" * 2000,
    "line_breaks": "ligne\n" * 333,
}


@pytest.fixture
def style() -> ParagraphStyle:
    return make_styles().cell


def _lines(paragraph: Paragraph) -> int:
    return len(paragraph.blPara.lines)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_a_text_that_fits_is_laid_out_as_a_paragraph(style: ParagraphStyle) -> None:
    text = markup("Cabinet d'Expertise Comptable <Vandenberghe> & Associés")
    plain = Paragraph(text, style)
    clipped = ClippedParagraph(text, style, max_lines=4)
    assert clipped.wrap(WIDTH, 1e6) == plain.wrap(WIDTH, 1e6)
    assert not clipped.clipped and _lines(clipped) == _lines(plain) >= 3
    assert clipped.getPlainText() == plain.getPlainText()


@pytest.mark.parametrize("shape", sorted(LONG_TEXTS))
def test_a_long_text_keeps_its_start_then_an_ellipsis(style: ParagraphStyle,
                                                      shape: str) -> None:
    text = LONG_TEXTS[shape]
    paragraph = ClippedParagraph(markup(text), style, max_lines=4)
    width, height = paragraph.wrap(WIDTH, 1e6)
    assert paragraph.clipped and _lines(paragraph) == 4
    assert height == 4 * style.leading
    shown = paragraph.getPlainText()
    assert shown.endswith("…")
    assert _squeezed(text).startswith(_squeezed(shown[:-1])) and len(shown) > 20
    # No line runs past the column, an endless word included.
    assert max(paragraph.getActualLineWidths0()) <= WIDTH + 1e-6
    # As much as fits: one more line would hold more of the text.
    more = ClippedParagraph(markup(text), style, max_lines=5)
    more.wrap(WIDTH, 1e6)
    assert len(more.getPlainText()) > len(shown)


def test_markup_keeps_its_styles_up_to_the_ellipsis(style: ParagraphStyle) -> None:
    text = f"<b>{markup('DUPONT')}</b> {markup('Jean-' * 80)}"
    paragraph = ClippedParagraph(text, style, max_lines=2)
    paragraph.wrap(WIDTH, 1e6)
    assert _lines(paragraph) == 2 and paragraph.getPlainText().endswith("…")
    assert paragraph.getPlainText().startswith("DUPONT Jean-")
    fonts = [word.fontName for line in paragraph.blPara.lines for word in line.words]
    assert fonts[0] == FONT_BOLD and fonts[-1] == FONT


def test_only_line_breaks_leave_an_ellipsis(style: ParagraphStyle) -> None:
    paragraph = ClippedParagraph("<br/>" * 300, style, max_lines=3)
    paragraph.wrap(WIDTH, 1e6)
    assert paragraph.getPlainText() == "…" and _lines(paragraph) == 1


def test_a_narrower_limit_cuts_again_from_the_whole_text(style: ParagraphStyle) -> None:
    paragraph = ClippedParagraph(markup(LONG_TEXTS["spaces"]), style, max_lines=6)
    paragraph.wrap(WIDTH, 1e6)
    paragraph.limit(2)
    paragraph.wrap(WIDTH, 1e6)
    assert _lines(paragraph) == 2 and paragraph.getPlainText().endswith("…")
    with pytest.raises(ValueError):
        paragraph.limit(0)


def test_fit_height_cuts_a_paragraph_to_whole_lines(style: ParagraphStyle) -> None:
    paragraph = ClippedParagraph(markup(LONG_TEXTS["spaces"]), style)
    assert paragraph.wrap(WIDTH, 1e6)[1] > 1000  # no limit: every line
    fitted = fit_height(paragraph, WIDTH, 5.5 * style.leading)
    assert fitted is paragraph and fitted.height == 5 * style.leading
    assert paragraph.getPlainText().endswith("…")


def test_fit_height_cuts_any_other_flowable_at_the_bottom(style: ParagraphStyle) -> None:
    paragraph = Paragraph(markup(LONG_TEXTS["spaces"]), style)
    fitted = fit_height(paragraph, WIDTH, 200)
    assert isinstance(fitted, Cropped) and fitted.content is paragraph
    assert fitted.wrap(WIDTH, 1e6) == (WIDTH, 200)


def test_a_cell_shows_the_longest_real_names_whole(style: ParagraphStyle) -> None:
    """The narrowest text column of any report (13 % of the page) shows a long real
    company name, and text up to ``CELL_CHARACTERS`` in general, without cutting it."""
    room = 0.13 * 504 - 8
    company = ("Cabinet d'Expertise Comptable, d'Audit et de Conseil aux Très Petites "
               "Entreprises Vandenberghe-Kerguelen & Associés")
    text = (company + " ") * (CELL_CHARACTERS // len(company) + 1)
    paragraph = ClippedParagraph(markup(text[:CELL_CHARACTERS]), style,
                                 max_lines=lines_for(CELL_CHARACTERS, room, CELL_SIZE))
    paragraph.wrap(room, 1e6)
    assert not paragraph.clipped
    assert lines_for(200, 100, 10) == 13 and lines_for(1, 100, 10) == 1


def test_places_that_never_wrap_get_one_abridged_line() -> None:
    assert abridged("  Réseau\n\nLyon   Presqu'île ", 40) == "Réseau Lyon Presqu'île"
    assert abridged("Société coopérative d'intérêt collectif", 12) == "Société coo…"
    assert abridged("x" * 2000, 80) == "x" * 79 + "…"
    drawing = ranked_bars(["ligne\n" * 333, "Conseil"], [3, 2], 400)
    chart = next(item for item in drawing.contents if isinstance(item, HorizontalBarChart))
    names = chart.categoryAxis.categoryNames
    assert "Conseil" in names
    assert all("\n" not in name for name in names)
    assert any(name.startswith("ligne ligne") and name.endswith("…") for name in names)
