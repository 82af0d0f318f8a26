"""The shared look of the reports' content: paragraph styles, tables, key figures, notes.

Colours, sizes and spacing live here so that every report (and the ones to come) looks
the same. Every user text goes through :func:`~clubdesk.reports.formatting.markup` before
it becomes a Paragraph, and every Paragraph here has a number of lines it never exceeds
(:class:`~clubdesk.reports.clipping.ClippedParagraph`): a text of any length wraps, then
ends with "…", and the report still prints.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from clubdesk.reports.clipping import ClippedParagraph, lines_for
from clubdesk.reports.common import Progress
from clubdesk.reports.fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts
from clubdesk.reports.formatting import abridged, count_words, format_number, markup
from clubdesk.reports.tables import PagedTable

ACCENT = colors.HexColor("#1F3A5F")  # deep navy: titles, table headers, rules
ACCENT_LIGHT = colors.HexColor("#E9EFF6")  # key-figure boxes
ZEBRA = colors.HexColor("#F4F6F9")  # every other table row
RULE = colors.HexColor("#C5CED9")  # thin lines
MUTED = colors.HexColor("#5A6573")  # secondary text
GOOD = colors.HexColor("#23703A")
BAD = colors.HexColor("#B3261E")
PADDING = (2.6, 3.0, 4.0)  # top, bottom, left and right of a table cell
NUMBER_SIDE = 2.5  # left and right of a number: narrow columns keep room for their header
CELL_SIZE = 8.5
CELL_LEADING = 10.5
FIGURE_SIDE = 4.0  # left and right padding of a key-figure box
# How much of a text each place shows before it is cut with "…": lines, or characters of
# ordinary text for table cells (more lines in a narrow column than in a wide one).
TITLE_LINES = 3  # a report's title, what it is about
DETAIL_LINES = 4  # each detail under them
HEADING_LINES = 3
NOTE_LINES = 12
FIGURE_LINES = 2  # a key figure's value; its label, one more
HEADER_CELL_CHARACTERS = 60
CELL_CHARACTERS = 200  # a name, a company, a title: the longest real ones are about 120
LONG_CELL_CHARACTERS = 1000  # a description or a note, in the columns that hold them
HEADING_ROOM = 35 * mm  # a heading and a few lines at least under it, or a new page
MOST_HEADING_ROOM = 160 * mm  # less than a page: a break never leaves an empty page
NAME_CHARACTERS = 80  # a first or last name in a list of people; real ones stop near 45


class Markup(str):
    """Text already written as Paragraph markup (its user parts escaped with ``markup``)."""


Cell = str | Flowable | None


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    detail: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    number_cell: ParagraphStyle
    header_cell: ParagraphStyle
    header_number: ParagraphStyle
    figure_value: ParagraphStyle
    figure_label: ParagraphStyle


def make_styles() -> Styles:
    """Fresh styles for one build (styles are mutable: never share them between threads)."""
    font = register_fonts()
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=11.5, textColor=colors.black)
    cell = ParagraphStyle("cell", parent=base, fontSize=CELL_SIZE, leading=CELL_LEADING)
    header_cell = ParagraphStyle("header_cell", parent=cell, fontName=FONT_BOLD, fontSize=8,
                                 leading=9.5, textColor=colors.white)
    figure_label = ParagraphStyle("figure_label", parent=base, fontSize=7.5, leading=9,
                                  textColor=MUTED, alignment=TA_CENTER)
    return Styles(
        title=ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=17,
                             leading=21, textColor=ACCENT, spaceAfter=2 * mm),
        subtitle=ParagraphStyle("subtitle", parent=base, fontName=FONT_BOLD, fontSize=12,
                                leading=15, spaceAfter=1 * mm),
        detail=ParagraphStyle("detail", parent=base, fontSize=9.5, leading=13,
                              textColor=MUTED),
        heading=ParagraphStyle("heading", parent=base, fontName=FONT_BOLD, fontSize=11.5,
                               leading=14, textColor=ACCENT, spaceBefore=6 * mm,
                               spaceAfter=2.5 * mm),
        body=base,
        note=ParagraphStyle("note", parent=base, fontName=FONT_ITALIC, fontSize=7.5,
                            leading=9.5, textColor=MUTED, spaceBefore=2 * mm),
        cell=cell,
        number_cell=ParagraphStyle("number_cell", parent=cell, alignment=TA_RIGHT),
        header_cell=header_cell,
        header_number=ParagraphStyle("header_number", parent=header_cell, fontSize=7,
                                     leading=8.5, alignment=TA_RIGHT),
        figure_value=ParagraphStyle("figure_value", parent=base, fontName=FONT_BOLD,
                                    fontSize=15, leading=18, textColor=ACCENT,
                                    alignment=TA_CENTER),
        figure_label=figure_label,
    )


def clipped(text: str, style: ParagraphStyle, max_lines: int) -> ClippedParagraph:
    """``text`` as typed (escaped), wrapping, cut with "…" after ``max_lines`` lines."""
    return ClippedParagraph(markup(text), style, max_lines=max_lines)


class HeadingBreak(CondPageBreak):
    """Before a heading: a new page unless the heading and the start of its section fit.

    The start is ``HEADING_ROOM``, or the header and first row of the table right under
    the heading (:func:`keep_headings_with_tables`), however tall that row is.
    """

    def __init__(self, heading: Flowable) -> None:
        super().__init__(HEADING_ROOM)
        self.heading = heading
        self.table: PagedTable | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self.table is not None:
            heading = (self.heading.wrap(availWidth, availHeight)[1]
                       + self.heading.getSpaceBefore() + self.heading.getSpaceAfter())
            self.height = min(max(HEADING_ROOM, heading + self.table.opening_height()),
                              MOST_HEADING_ROOM)
        return super().wrap(availWidth, availHeight)


def heading(text: str, styles: Styles) -> list[Flowable]:
    """A section title that never ends a page alone."""
    title = clipped(text, styles.heading, HEADING_LINES)
    return [HeadingBreak(title), title]


def keep_headings_with_tables(story: Sequence[Flowable]) -> None:
    """Tell each heading of ``story`` directly followed by a table to keep its first row."""
    for before, after in zip(story, story[2:], strict=False):
        if isinstance(before, HeadingBreak) and isinstance(after, PagedTable):
            before.table = after


def note(text: str, styles: Styles) -> Paragraph:
    """A definition or remark under a table, in small italics."""
    return clipped(text, styles.note, NOTE_LINES)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    width: float,
    styles: Styles,
    numeric: Collection[int] = (),
    progress: Progress | None = None,
    min_row_height: float = 0,
    grid: bool = False,
    long_text: Collection[int] = (),
) -> PagedTable:
    """A table that repeats its header on every page and never splits a row.

    ``widths`` are fractions of ``width`` (the frame's). Text cells become Paragraphs
    (escaped, wrapping within their column; :class:`Markup` is used as it is) of the lines
    that show ``CELL_CHARACTERS`` of text, ``LONG_CELL_CHARACTERS`` in the ``long_text``
    columns (descriptions, notes); a longer text ends there with "…". Cells of the
    ``numeric`` columns are short, already formatted strings drawn right-aligned as they
    are, under a smaller header. ``progress`` advances by one unit a row.
    """
    numeric = frozenset(numeric)
    top, bottom, side = PADDING
    columns = [fraction * width for fraction in widths]
    inner = [column - 2 * (NUMBER_SIDE if index in numeric else side)
             for index, column in enumerate(columns)]
    lines = [lines_for(LONG_CELL_CHARACTERS if index in long_text else CELL_CHARACTERS,
                       room, CELL_SIZE) for index, room in enumerate(inner)]
    head = []
    for index, text in enumerate(header):
        style = styles.header_number if index in numeric else styles.header_cell
        head.append(clipped(text, style,
                            lines_for(HEADER_CELL_CHARACTERS, inner[index], style.fontSize)))
    data: list[list[Cell]] = [head]
    for row in rows:
        data.append([_cell(value, index in numeric, inner[index], lines[index], styles)
                     for index, value in enumerate(row)])
        if progress is not None:
            progress.advance()
    commands: list[tuple] = [
        ("FONT", (0, 1), (-1, -1), FONT, CELL_SIZE, CELL_LEADING),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ("LEFTPADDING", (0, 0), (-1, -1), side),
        ("RIGHTPADDING", (0, 0), (-1, -1), side),
    ]
    for index in sorted(numeric):
        commands += [("ALIGN", (index, 1), (index, -1), "RIGHT"),
                     ("LEFTPADDING", (index, 0), (index, -1), NUMBER_SIDE),
                     ("RIGHTPADDING", (index, 0), (index, -1), NUMBER_SIDE)]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, RULE))
    else:
        commands += [("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
                     ("LINEBELOW", (0, -1), (-1, -1), 0.6, ACCENT)]
    return PagedTable(data, columns, commands, inner, top + bottom, CELL_LEADING,
                      [0.0] + [min_row_height] * len(rows))


def _cell(value: Cell, numeric: bool, room: float, max_lines: int, styles: Styles) -> Cell:
    """A Paragraph for text, except a line that fits: drawn as it is, ten times faster.

    A number too wide for its column (a huge amount) wraps, right-aligned, rather than
    running into its neighbour.
    """
    if isinstance(value, Markup):
        return ClippedParagraph(value, styles.cell, max_lines=max_lines)
    if not isinstance(value, str):
        return value
    if "\n" not in value and stringWidth(value, FONT, CELL_SIZE) <= room:
        return value  # a plain string cell: no markup is parsed, nothing to escape
    return clipped(value, styles.number_cell if numeric else styles.cell, max_lines)


def key_figures(figures: Sequence[tuple[str, str]], width: float, styles: Styles) -> Table:
    """A band of boxes, each a large value over its label: ``[(value, label), …]``.

    The values share one font size, the largest at which the widest fits its box.
    """
    count = len(figures)
    room = width / count - 2 * FIGURE_SIDE
    base = styles.figure_value
    widest = max(stringWidth(markup(value), base.fontName, base.fontSize)
                 for value, _label in figures)
    # 2 % to spare: a word exactly as wide as its box would still be broken.
    size = min(base.fontSize, 0.98 * base.fontSize * room / widest) if widest else base.fontSize
    value_style = ParagraphStyle("figure_value_fitted", parent=base, fontSize=size,
                                 leading=base.leading * size / base.fontSize)
    cells = [[clipped(value, value_style, FIGURE_LINES),
              clipped(label, styles.figure_label, FIGURE_LINES + 1)] for value, label in figures]
    table = Table([cells], colWidths=[width / count] * count, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
        ("LINEAFTER", (0, 0), (-2, -1), 3, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), FIGURE_SIDE),
        ("RIGHTPADDING", (0, 0), (-1, -1), FIGURE_SIDE),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def count_figure(count: int, text: str) -> tuple[str, str]:
    """A key figure from a count and its ``ngettext`` text: (``"1 250"``, ``"présents"``)."""
    return format_number(count), count_words(text, count)


def title_block(title: str, subtitle: str, details: Sequence[str],
                styles: Styles) -> list[Flowable]:
    """The top of the first page: the report's title, what it is about, the details."""
    block: list[Flowable] = [clipped(title, styles.title, TITLE_LINES)]
    if subtitle:
        block.append(clipped(subtitle, styles.subtitle, TITLE_LINES))
    block += [clipped(line, styles.detail, DETAIL_LINES) for line in details if line]
    block.append(Spacer(1, 4 * mm))
    return block


def name_cell(last_name: str, first_name: str) -> Markup:
    """"DUPONT Jean" with the last name in bold capitals, as lists of people print it.

    Each name is cut at ``NAME_CHARACTERS`` on its own, so that an overlong last name
    still leaves the first name in sight.
    """
    last, first = abridged(last_name, NAME_CHARACTERS), abridged(first_name, NAME_CHARACTERS)
    return Markup(f"<b>{markup(last.upper())}</b> {markup(first)}")


def colour_hex(colour: colors.Color) -> str:
    """``#RRGGBB`` of a colour, for ``<font color=…>`` in Paragraph markup."""
    return "#" + colour.hexval()[2:]
