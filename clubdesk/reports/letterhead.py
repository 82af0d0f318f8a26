"""The papers the association sends a member — a receipt, a yearly statement, a reminder
letter —, on its letterhead: the logo and name at the top left, its address at the top
right on every page, no running title and no date of printing at the foot.

The member's address stands where the window of a French DL envelope (45 × 100 mm, 20 mm
from the right, 15 mm from the bottom) shows it once the sheet is folded in three; the
place and date, the signature of the treasurer follow the usual French letter.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from clubdesk.domain.dues.receipts import Addressee, Issuer
from clubdesk.domain.dues.reminders import signature_lines
from clubdesk.domain.dues.wording import date_text
from clubdesk.i18n import _
from clubdesk.reports.clipping import ClippedParagraph
from clubdesk.reports.flowables import ACCENT, ACCENT_LIGHT, MUTED, RULE
from clubdesk.reports.fonts import FONT, FONT_BOLD, register_fonts
from clubdesk.reports.formatting import abridged, markup
from clubdesk.reports.template import (
    FRAME_BOTTOM,
    FRAME_TOP,
    LOGO_BOX,
    PageSetup,
    ReportDocument,
)

ADDRESS_LINES = 4          # the association's address in the letterhead, then "…"
SIDE_LINES = 6             # the small lines left of the member's address
WINDOW_TOP = 21 * mm       # from the top of the text frame (29 mm): 50 mm from the top edge
WINDOW_HEIGHT = 33 * mm
WINDOW_WIDTH = 84 * mm     # from 110 mm to 194 mm across the sheet
SIGNATURE_ROOM = 22 * mm   # blank, for the signature
TEXT_LINES = 6             # a paragraph quoting the association's or the member's names
NAME_CHARACTERS = 120      # a name inside a sentence, then "…"
POSTCODE_CHARACTERS = 12


class LetterDocument(ReportDocument):
    """Pages of a letter: the association's address at the top right of every page where
    a report has its running title, and a blank foot."""

    def __init__(self, filename: str, setup: PageSetup, address: str = "") -> None:
        super().__init__(filename, setup)
        style = ParagraphStyle("letterhead_address", fontName=FONT, fontSize=7.5, leading=9,
                               textColor=MUTED, alignment=TA_RIGHT)
        text = "\n".join(line.strip() for line in address.splitlines() if line.strip())
        self._address = [ClippedParagraph(markup(text), style, max_lines=ADDRESS_LINES)] \
            if text else []

    def _running_title(self, page: int, room: float) -> list[Paragraph]:
        for line in self._address:
            line.wrap(room * 0.45, LOGO_BOX[1])
        return self._address

    def draw_footer(self, canvas: Canvas) -> None:
        """A letter's foot stays blank (but for the page number of a long statement)."""


def letter_document(address: str) -> Callable[[str, PageSetup], ReportDocument]:
    """The ``document`` argument of :func:`~clubdesk.reports.template.build_report` for a
    letter from an association at ``address``."""
    return functools.partial(LetterDocument, address=address)


def no_numbers(page: int, pages: int) -> str:
    """A letter of one page needs no number."""
    return ""


def numbers_if_several(page: int, pages: int) -> str:
    return _("page {page} / {pages}").format(page=page, pages=pages) if pages > 1 else ""


@dataclass(frozen=True)
class LetterStyles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    strong: ParagraphStyle
    small: ParagraphStyle
    recipient: ParagraphStyle
    right: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle


def letter_styles() -> LetterStyles:
    """Fresh styles for one build (never shared between threads)."""
    register_fonts()
    body = ParagraphStyle("letter_body", fontName=FONT, fontSize=9.5, leading=13.5,
                          textColor=colors.black, spaceAfter=2.5 * mm)
    return LetterStyles(
        title=ParagraphStyle("letter_title", parent=body, fontName=FONT_BOLD, fontSize=16,
                             leading=20, textColor=ACCENT, spaceAfter=1 * mm),
        subtitle=ParagraphStyle("letter_subtitle", parent=body, fontSize=10.5, leading=14,
                                textColor=MUTED, spaceAfter=5 * mm),
        body=body,
        bullet=ParagraphStyle("letter_bullet", parent=body, leftIndent=6 * mm,
                              bulletIndent=2 * mm, spaceAfter=1 * mm),
        strong=ParagraphStyle("letter_strong", parent=body, fontName=FONT_BOLD),
        small=ParagraphStyle("letter_small", parent=body, fontSize=8, leading=10.5,
                             textColor=MUTED, spaceAfter=0),
        recipient=ParagraphStyle("letter_recipient", parent=body, fontSize=10.5, leading=13,
                                 spaceAfter=0),
        right=ParagraphStyle("letter_right", parent=body, alignment=TA_RIGHT),
        label=ParagraphStyle("letter_label", parent=body, textColor=MUTED, spaceAfter=0),
        value=ParagraphStyle("letter_value", parent=body, spaceAfter=0),
    )


def clipped(text: str, style: ParagraphStyle, max_lines: int = TEXT_LINES) -> Paragraph:
    return ClippedParagraph(markup(text), style, max_lines=max_lines)


def sentence(markup_text: str, style: ParagraphStyle, max_lines: int = TEXT_LINES) -> Paragraph:
    """A paragraph already in markup (its user parts escaped with :func:`user`)."""
    return ClippedParagraph(markup_text, style, max_lines=max_lines)


def person(member: Addressee) -> str:
    """"Maryvonne GONÇALVES", each part cut on its own: an overlong first name still
    leaves the last name in sight."""
    half = NAME_CHARACTERS // 2
    return f"{abridged(member.first_name, half)} {abridged(member.last_name.upper(), half)}" \
        .strip()


def user(text: str, limit: int = NAME_CHARACTERS) -> str:
    """A name typed by a user, on one line, cut at ``limit`` characters, escaped for a
    sentence's markup."""
    return markup(abridged(text, limit))


# The most lines of each part of the address block (seven in all, within the window), the
# street and the town always in sight, however long the name and the company.
NAME_LINES, COMPANY_LINES, STREET_LINES, TOWN_LINES = 3, 1, 2, 1


def window_block(member: Addressee, width: float, styles: LetterStyles,
                 left: Sequence[str] = ()) -> list[Flowable]:
    """The member's name and address where the envelope's window shows it, and at its left
    a few small lines (the member's number…)."""
    # A postcode is a few characters: cut on its own, it never hides the town.
    town = " ".join(part for part in (abridged(member.postcode, POSTCODE_CHARACTERS),
                                      abridged(member.city.upper(), NAME_CHARACTERS)) if part)
    parts = [(f"<b>{markup(person(member))}</b>", NAME_LINES),
             (markup(abridged(member.company, NAME_CHARACTERS)), COMPANY_LINES),
             (markup(abridged(member.address, NAME_CHARACTERS)), STREET_LINES),
             (markup(town), TOWN_LINES)]
    address = [ClippedParagraph(text, styles.recipient, max_lines=lines)
               for text, lines in parts if text]
    side = ClippedParagraph("<br/>".join(markup(line) for line in left), styles.small,
                            max_lines=SIDE_LINES)
    table = Table([[side, address]], colWidths=[width - WINDOW_WIDTH, WINDOW_WIDTH],
                  rowHeights=[WINDOW_HEIGHT], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [Spacer(1, WINDOW_TOP), table]


def day_text(day: dt.date) -> str:
    """"1er décembre 2026": a date in a sentence, its day and month never apart."""
    return date_text(day)


def place_and_date(details: Issuer, made: bool = False) -> str:
    """"Lyon, le 6 décembre 2026" (a letter) or "Fait à Lyon, le 6 décembre 2026" (a
    receipt, a statement); without a town, the date alone."""
    day = day_text(details.issued_on)
    town = abridged(details.town, NAME_CHARACTERS)
    if made:
        if town:
            return _("Done at {town}, on {date}").format(town=town, date=day)
        return _("Done on {date}").format(date=day)
    if town:
        return _("{town}, {date}").format(town=town, date=day)
    return day


def facts_table(facts: Sequence[tuple[str, str]], width: float, styles: LetterStyles,
                strong: Sequence[int] = (), label_share: float = 0.34) -> Table:
    """Label and value lines on a light background ("Montant : 300,00 €")."""
    rows = []
    for index, (label, value) in enumerate(facts):
        value_style = styles.strong if index in strong else styles.value
        rows.append([clipped(label, styles.label, 2),
                     ClippedParagraph(markup(value), ParagraphStyle(
                         f"fact_{index}", parent=value_style, spaceAfter=0), max_lines=3)])
    table = Table(rows, colWidths=[width * label_share, width * (1 - label_share)],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, colors.white),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
    ]))
    return table


def signature_block(details: Issuer, width: float, styles: LetterStyles,
                    place: str = "") -> Table:
    """At the right: the place and date, "Pour l'association, le trésorier", room to
    sign, the treasurer's name."""
    title, *name = signature_lines(abridged(details.treasurer, NAME_CHARACTERS))
    cells: list[list[Flowable | str]] = []
    heights: list[float | None] = []
    if place:
        cells.append([clipped(place, styles.value, 2)])
        heights.append(None)
    cells.append([clipped(title, styles.value, 2)])
    heights.append(None)
    cells.append([""])
    heights.append(SIGNATURE_ROOM)
    if name:
        cells.append([clipped(name[0], styles.strong, 2)])
        heights.append(None)
    column = min(80 * mm, width / 2)
    table = Table(cells, colWidths=[column], rowHeights=heights, hAlign="RIGHT")
    table.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5 * mm),
        ("LINEBELOW", (0, len(cells) - (2 if name else 1)), (0, len(cells) - (2 if name else 1)),
         0.4, RULE),
    ]))
    return table


def one_page(story: list[Flowable], width: float) -> KeepInFrame:
    """``story`` kept on one page: whatever the names hold, a letter or a receipt never
    runs onto a second page (in the worst case, it is drawn a little smaller)."""
    return KeepInFrame(width, A4[1] - FRAME_TOP - FRAME_BOTTOM - 1, story, mode="shrink")
