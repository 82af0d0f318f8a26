"""PagedTable: a row taller than a page is cut to fit one, and a heading keeps its rows."""

from __future__ import annotations

from pathlib import Path

from pdf_text import pdf_pages
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from clubdesk.reports.clipping import ClippedParagraph, Cropped
from clubdesk.reports.common import Progress
from clubdesk.reports.flowables import data_table, heading, make_styles
from clubdesk.reports.formatting import markup
from clubdesk.reports.tables import MAX_ROW_HEIGHT, PagedTable
from clubdesk.reports.template import FRAME_BOTTOM, FRAME_TOP, PageSetup, build_report

WIDTHS = [120.0, 300.0]
WORDS = "Une description qui ne finit pas, " * 400  # about 60 lines of 300 points
FRAME_HEIGHT = A4[1] - FRAME_TOP - FRAME_BOTTOM


def _table(rows: list[list[object]]) -> PagedTable:
    commands = [(side, (0, 0), (-1, -1), 0) for side in
                ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]
    return PagedTable([["Row", "Text"], *rows], WIDTHS, commands, WIDTHS, 0.0, 12.0)


def test_a_row_taller_than_a_page_is_cut_to_fit_one(tmp_path: Path) -> None:
    style = make_styles().cell
    endless = ClippedParagraph(markup(WORDS), style)  # no limit of its own
    foreign = Paragraph(markup(WORDS), style)  # a flowable that cannot be clipped
    table = _table([["first", "before"], ["second", endless], ["third", foreign],
                    ["fourth", "after"]])
    assert endless.wrap(300, 1e9)[1] > A4[1] and foreign.wrap(300, 1e9)[1] > A4[1]
    output = tmp_path / "table.pdf"
    SimpleDocTemplate(str(output), pagesize=A4).build([table])

    assert all(height <= MAX_ROW_HEIGHT for height in table.measures.heights)
    assert table.measures.heights[2] > 0.9 * MAX_ROW_HEIGHT
    assert endless.getPlainText().endswith("…") and endless.height <= MAX_ROW_HEIGHT
    assert isinstance(table.data[3][1], Cropped)
    pages = pdf_pages(output)
    assert len(pages) <= 3
    text = " ".join(pages)
    for word in ("first", "before", "second", "third", "fourth", "after"):
        assert word in text
    # Every page repeats the header above its rows.
    assert all(page.startswith("Row Text") for page in pages)


def test_short_rows_are_measured_as_before() -> None:
    table = _table([["one", "a line"], ["two", "another line"]])
    assert table.measures.heights == [12.0, 12.0, 12.0]
    assert table.opening_height() == 24.0
    assert table.wrap(500, 500) == (420.0, 36.0)


def _report(output: Path, first_row: str, room_left: float) -> list[str]:
    def story(width: float, tracker: Progress) -> list[Flowable]:
        styles = make_styles()
        return [Spacer(1, FRAME_HEIGHT - room_left), *heading("Volunteering", styles),
                data_table(["Date", "Description"], [["3 Feb", first_row], ["4 Feb", "Short"]],
                           [0.3, 0.7], width, styles, long_text={1})]

    build_report(output, PageSetup("Club", None, "Test"), story, 2)
    return pdf_pages(output)


def test_a_heading_moves_to_the_next_page_with_a_tall_first_row(tmp_path: Path) -> None:
    pages = _report(tmp_path / "tall.pdf", WORDS, room_left=70 * mm)
    assert len(pages) == 2
    assert "Volunteering" not in pages[0]
    assert "Volunteering Date Description 3 Feb Une description" in pages[1]


def test_a_heading_stays_above_short_rows(tmp_path: Path) -> None:
    [page] = _report(tmp_path / "short.pdf", "Accueil des invités", room_left=40 * mm)
    assert "Volunteering Date Description 3 Feb Accueil des invités 4 Feb Short" in page


def test_a_number_wider_than_its_column_wraps_right_aligned() -> None:
    styles = make_styles()
    table = data_table(["Name", "Amount"], [["Dupont", "€9,999,999,999.99"],
                                            ["Martin", "€12.50"]],
                       [0.85, 0.1], 500, styles, numeric={1})
    huge, small = table.data[1][1], table.data[2][1]
    assert isinstance(huge, Paragraph) and huge.style.alignment == TA_RIGHT
    assert small == "€12.50"
