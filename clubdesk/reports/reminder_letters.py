"""Reminder letters for the dues of a fiscal year: one page a member who owes, on the
association's letterhead, their address in the envelope's window; then, for the treasurer,
the members owing who have no postal address (to remind by e-mail or by hand).

The sentences are the e-mail's (:mod:`clubdesk.domain.dues.reminders`): a letter and an
e-mail say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from clubdesk.domain.dues.dues_status import dues_status_label
from clubdesk.domain.dues.reminders import (
    Reminder,
    ReminderLetters,
    already_paid_sentence,
    how_to_pay,
    how_to_pay_intro,
    questions_sentence,
    reminder_facts,
    reminder_letters,
    reminder_opening,
    reminder_subject,
)
from clubdesk.domain.members.phones import format_phone
from clubdesk.i18n import _, ngettext
from clubdesk.reports.common import Progress, ProgressCallback
from clubdesk.reports.flowables import (
    Cell,
    data_table,
    make_styles,
    name_cell,
    note,
    title_block,
)
from clubdesk.reports.formatting import DASH, format_money, markup
from clubdesk.reports.letterhead import (
    LetterStyles,
    clipped,
    facts_table,
    letter_document,
    letter_styles,
    no_numbers,
    one_page,
    place_and_date,
    sentence,
    signature_block,
    window_block,
)
from clubdesk.reports.template import ROWS_PER_PAGE, PageSetup, build_report

WAY_LINES = 3  # each way to pay, at most (the association's name may be long)


def build_reminder_letters(year: int, output: Path, progress: ProgressCallback | None = None,
                           *, member_ids: Iterable[int] | None = None,
                           today: dt.date | None = None) -> Path:
    """Write the reminder letters of fiscal year ``year`` (to the members of
    ``member_ids`` who owe, every member by default) to the PDF ``output``.

    Raises :class:`~clubdesk.domain.dues.reminders.NothingToRemindError` when nobody owes,
    :class:`~clubdesk.reports.common.ReportCancelled` or
    :class:`~clubdesk.reports.common.ReportOutputError`.
    """
    return build_reminder_letters_from(reminder_letters(year, member_ids, today), output,
                                       progress)


def letters_title(year: int) -> str:
    return _("Reminders of the {year} dues").format(year=year)


def build_reminder_letters_from(data: ReminderLetters, output: Path,
                                progress: ProgressCallback | None = None) -> Path:
    """Lay out ``data`` into the PDF ``output`` (atomically); return its path."""
    title = letters_title(data.fiscal_year)
    setup = PageSetup(data.issuer.name, data.issuer.logo, title)
    # A letter is a page: as many progress units as a page of table rows.
    rows = (len(data.letters) + 1) * ROWS_PER_PAGE + len(data.unaddressed)

    def story(width: float, tracker: Progress) -> list[Flowable]:
        return _story(data, title, width, letter_styles(), tracker)

    return build_report(Path(output), setup, story, rows, progress,
                        document=letter_document(data.issuer.address), numbering=no_numbers)


def _story(data: ReminderLetters, title: str, width: float, styles: LetterStyles,
           tracker: Progress) -> list[Flowable]:
    story: list[Flowable] = []
    for item in data.letters:
        if story:
            story.append(PageBreak())
        story.append(one_page(_letter(item, data, width, styles), width))
        tracker.advance(ROWS_PER_PAGE)
    if data.unaddressed:
        if story:
            story.append(PageBreak())
        story += _unaddressed(data, title, width, tracker)
    return story


def _letter(item: Reminder, data: ReminderLetters, width: float,
            styles: LetterStyles) -> list[Flowable]:
    details = data.issuer
    story = window_block(item.member, width, styles,
                         [_("Member no. {id}").format(id=item.member.member_id)])
    story.append(clipped(place_and_date(details), styles.right, 2))
    story.append(Spacer(1, 3 * mm))
    story.append(sentence(f"<b>{markup(_('Subject:'))}</b> "
                          f"{markup(reminder_subject(data.fiscal_year))}", styles.body, 2))
    story.append(Spacer(1, 2 * mm))
    story.append(clipped(_("Dear Member,"), styles.body, 2))
    story.append(clipped(reminder_opening(item, data.period), styles.body))
    facts = reminder_facts(item)
    story.append(facts_table(facts, width, styles, strong=(len(facts) - 1,)))
    story.append(Spacer(1, 4 * mm))
    story.append(clipped(how_to_pay_intro(), styles.body, 2))
    for way in how_to_pay(details.name, data.fiscal_year):
        story.append(sentence(markup(way), styles.bullet, WAY_LINES))
        story[-1].bulletText = "–"
    story.append(Spacer(1, 2 * mm))
    story.append(clipped(already_paid_sentence(letter=True), styles.body, 3))
    story.append(clipped(questions_sentence(details.treasurer), styles.body, 3))
    story.append(clipped(_("Thank you for your loyalty. Yours faithfully,"), styles.body, 3))
    story.append(Spacer(1, 2 * mm))
    story.append(signature_block(details, width, styles))
    return story


def _unaddressed(data: ReminderLetters, title: str, width: float,
                 tracker: Progress) -> list[Flowable]:
    """The treasurer's sheet: who owes but has no postal address."""
    styles = make_styles()
    count = len(data.unaddressed)
    story = title_block(
        _("Members without a postal address"), title,
        [ngettext("{n} member owes dues but has no postal address: no letter was made for "
                  "them.", "{n} members owe dues but have no postal address: no letter was "
                  "made for them.", count)], styles)
    rows: list[list[Cell]] = [
        [name_cell(item.member.last_name, item.member.first_name),
         item.member.email or DASH, format_phone(item.member.phone) or DASH,
         dues_status_label(item.dues.status), format_money(item.dues.owed)]
        for item in data.unaddressed]
    story.append(Spacer(1, 1 * mm))
    header = [_("Name"), _("E-mail"), _("Phone"), _("Dues status"), _("Left to pay")]
    story.append(data_table(header, rows, [0.28, 0.31, 0.15, 0.12, 0.14], width, styles,
                            numeric={4}, progress=tracker))
    story.append(note(_("Send them the reminder by e-mail, or hand it to them at a meeting; "
                        "add their address to their record for the next letters."), styles))
    return story
