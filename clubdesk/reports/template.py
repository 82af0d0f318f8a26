"""The page every report is printed on, and the build that writes it.

A4, with a header (the association's logo and name; from page 2 on, the report's title)
and a footer (date of printing, "page N / M"). The total page count is known at the end
only: the canvas keeps each finished page aside and draws the footers when it saves.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from clubdesk.domain.common.files import OutputFileError, atomic_output
from clubdesk.i18n import _
from clubdesk.reports.clipping import ClippedParagraph
from clubdesk.reports.common import Progress, ProgressCallback, ReportOutputError
from clubdesk.reports.flowables import ACCENT, MUTED, RULE, keep_headings_with_tables
from clubdesk.reports.fonts import FONT, FONT_BOLD, register_fonts
from clubdesk.reports.formatting import abridged, format_date_long, format_time, markup

MARGIN_X = 16 * mm
HEADER_TOP = 10 * mm  # from the top edge to the header's first line
HEADER_RULE = 24 * mm  # from the top edge to the rule under the header
FRAME_TOP = 29 * mm
FRAME_BOTTOM = 19 * mm
FOOTER_RULE = 14 * mm  # from the bottom edge
LOGO_BOX = (32 * mm, 12 * mm)  # the logo is scaled to fit, keeping its proportions
# The most lines each part of the header shows before "…": together they stay within the
# header's band, centred on the logo, whatever the settings and the event hold.
NAME_LINES = 2
TITLE_LINES = 1
SUBTITLE_LINES = 2
METADATA_CHARACTERS = 200  # the title and author a PDF viewer shows in its title bar

ROWS_PER_PAGE = 40  # a rough table page, to estimate the progress of the layout

StoryBuilder = Callable[[float, Progress], list[Flowable]]


@dataclass(frozen=True)
class PageSetup:
    """What the header and footer of each page say."""

    association: str
    logo: bytes | None
    title: str  # the report's title, in the header from page 2 on
    subtitle: str = ""  # what it is about: an event, a period
    printed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now())


def _logo(data: bytes | None) -> ImageReader | None:
    """The logo, or None when there is none or it cannot be read (never fail a report)."""
    if not data:
        return None
    try:
        image = ImageReader(io.BytesIO(data))
        image.getSize()
    except Exception:  # noqa: BLE001 - a damaged logo only leaves the header without it
        return None
    return image


class ReportDocument(BaseDocTemplate):
    """One frame a page, between the header and the footer drawn by :meth:`draw_header`."""

    def __init__(self, filename: str, setup: PageSetup) -> None:
        super().__init__(filename, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=FRAME_TOP, bottomMargin=FRAME_BOTTOM,
                         title=abridged(f"{setup.title} — {setup.subtitle}".strip(" —"),
                                        METADATA_CHARACTERS),
                         author=abridged(setup.association, METADATA_CHARACTERS),
                         creator="clubdesk")
        self.setup = setup
        self.logo = _logo(setup.logo)
        self._name_style = ParagraphStyle("letterhead", fontName=FONT_BOLD, fontSize=10.5,
                                          leading=13, textColor=ACCENT)
        self._title_style = ParagraphStyle("running_title", fontName=FONT_BOLD, fontSize=9,
                                           leading=11, textColor=ACCENT, alignment=TA_RIGHT)
        self._subtitle_style = ParagraphStyle("running_subtitle", parent=self._title_style,
                                              fontName=FONT, textColor=MUTED, fontSize=8,
                                              leading=10)
        # Made once, drawn on every page: a long text is cut once, not once a page.
        self._name = ClippedParagraph(markup(setup.association), self._name_style,
                                      max_lines=NAME_LINES)
        self._running = [ClippedParagraph(markup(setup.title), self._title_style,
                                          max_lines=TITLE_LINES)]
        if setup.subtitle:
            self._running.append(ClippedParagraph(markup(setup.subtitle),
                                                  self._subtitle_style,
                                                  max_lines=SUBTITLE_LINES))
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate("report", [frame], onPage=self.draw_header)])

    def _running_title(self, page: int, room: float) -> list[Paragraph]:
        """The report's title and subtitle at the top right, from page 2 on."""
        if page == 1:
            return []
        for line in self._running:
            line.wrap(room * 0.45, LOGO_BOX[1])
        return self._running

    def draw_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        top = height - HEADER_TOP
        x = MARGIN_X
        canvas.saveState()
        if self.logo is not None:
            logo_w, logo_h = self.logo.getSize()
            scale = min(LOGO_BOX[0] / logo_w, LOGO_BOX[1] / logo_h)
            w, h = logo_w * scale, logo_h * scale
            canvas.drawImage(self.logo, x, top - LOGO_BOX[1] + (LOGO_BOX[1] - h) / 2, w, h,
                             mask="auto")
            x += w + 4 * mm
        right = self._running_title(doc.page, width - 2 * MARGIN_X)
        right_width = max((max(line.getActualLineWidths0()) + 1 for line in right),
                          default=0.0)
        left_width = width - MARGIN_X - x - (right_width + 6 * mm if right else 0)
        name = self._name
        name_h = name.wrap(left_width, LOGO_BOX[1])[1]
        name.drawOn(canvas, x, top - LOGO_BOX[1] / 2 - name_h / 2)
        heights = [line.wrap(right_width, LOGO_BOX[1])[1] for line in right]
        y = top - LOGO_BOX[1] / 2 + sum(heights) / 2  # centred on the logo, as the name is
        for line, line_height in zip(right, heights, strict=True):
            y -= line_height
            line.drawOn(canvas, width - MARGIN_X - right_width, y)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_X, height - HEADER_RULE, width - MARGIN_X, height - HEADER_RULE)
        self.draw_footer(canvas)
        canvas.restoreState()

    def draw_footer(self, canvas: Canvas) -> None:
        """The rule at the bottom and the date of printing (the page number is the
        canvas's)."""
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN_X, FOOTER_RULE, self.pagesize[0] - MARGIN_X, FOOTER_RULE)
        printed = self.setup.printed_at
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, FOOTER_RULE - 4.5 * mm,
                          _("Printed on {date} at {time}").format(
                              date=format_date_long(printed.date()), time=format_time(printed)))


def numbered_canvas(label: Callable[[int, int], str]) -> type[Canvas]:
    """A canvas class drawing ``label(page, pages)`` at the bottom right of every page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.setFont(FONT, 7.5)
                self.setFillColor(MUTED)
                self.drawRightString(width - MARGIN_X, FOOTER_RULE - 4.5 * mm,
                                     label(number, total))
                super().showPage()
            super().save()

    return NumberedCanvas


def page_label(page: int, pages: int) -> str:
    return _("page {page} / {pages}").format(page=page, pages=pages)


def build_report(output: Path, setup: PageSetup, make_story: StoryBuilder, rows: int,
                 progress: ProgressCallback | None = None, *,
                 document: Callable[[str, PageSetup], ReportDocument] = ReportDocument,
                 numbering: Callable[[int, int], str] = page_label) -> Path:
    """Lay out ``make_story(frame width, progress)`` on report pages into ``output``.

    ``rows`` is about how many table rows the story holds, to pace the progress: one unit
    a row while the story is made, then one unit a row of each page laid out. Raises
    :class:`ReportCancelled` or :class:`ReportOutputError`; either way no file is left.
    ``document`` makes the pages (a letter's have no running title), ``numbering`` writes
    each page's number at its bottom right.
    """
    register_fonts()
    tracker = Progress(progress)
    pages = rows // ROWS_PER_PAGE + 2
    tracker.plan(rows + pages * ROWS_PER_PAGE)
    try:
        with atomic_output(output) as partial:
            doc = document(str(partial), setup)
            story = make_story(doc.width, tracker)
            keep_headings_with_tables(story)
            tracker.reach(rows)

            def on_progress(kind: str, value: int) -> None:
                if kind == "PAGE":
                    tracker.reach(rows + min(value, pages - 1) * ROWS_PER_PAGE)

            doc.setProgressCallBack(on_progress)
            doc.build(story, canvasmaker=numbered_canvas(numbering))
            tracker.reach(tracker.total)
    except OutputFileError as error:
        if isinstance(error, ReportOutputError):
            raise
        raise ReportOutputError(str(error)) from error
    return Path(output)

