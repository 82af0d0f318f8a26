"""Reminders for the members not up to date with their dues: the facts each letter and
each e-mail gives, the same sentences for both, and the e-mails written as ``.eml`` files.

A member is reminded for fiscal year Y when they owe something for it (unpaid or partly
paid, see :mod:`clubdesk.domain.dues.dues_status`). A letter needs a postal address: the
members without one are listed apart (:attr:`ReminderLetters.unaddressed`), never skipped
silently; an e-mail needs an address too (:attr:`ReminderEmail.to` is then "").
"""

from __future__ import annotations

import datetime as dt
import email.policy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import quote

from clubdesk.domain.common.files import write_bytes_atomically
from clubdesk.domain.common.fiscal_years import fiscal_year_bounds
from clubdesk.domain.common.settings import load_settings
from clubdesk.domain.common.text import fold
from clubdesk.domain.dues.dues_status import DuesStatus, MemberDues, owing
from clubdesk.domain.dues.rates import fee_schedule
from clubdesk.domain.dues.receipts import Addressee, Issuer, addressees, issuer
from clubdesk.domain.dues.wording import date_text, money_text
from clubdesk.i18n import _

SUBJECT_NAME_CHARACTERS = 80  # the association's name in a subject line, then "…"


@dataclass(frozen=True)
class Reminder:
    """What one member owes for one fiscal year, and where to write to them."""

    member: Addressee
    dues: MemberDues
    rate_amount: Decimal | None  # the rate's full amount (more than ``due`` when pro rata)

    @property
    def pro_rata(self) -> bool:
        """They owe only the months left since they joined."""
        return self.rate_amount is not None and self.dues.due < self.rate_amount


class NothingToRemindError(ValueError):
    """No member owes anything for that fiscal year (among those asked for)."""


def reminders(year: int, member_ids: Iterable[int] | None = None) -> list[Reminder]:
    """The members of ``member_ids`` (every member by default) who owe dues for fiscal year
    ``year``, by name; the others (up to date, unknown) are left out. Three queries."""
    wanted = None if member_ids is None else set(member_ids)
    owed = [dues for dues in owing(year) if wanted is None or dues.member_id in wanted]
    found = addressees(dues.member_id for dues in owed)
    amounts = {rate.name: rate.amount for rate in fee_schedule(year)} if owed else {}
    return [Reminder(found[dues.member_id], dues, amounts.get(dues.rate_name))
            for dues in owed if dues.member_id in found]


@dataclass(frozen=True)
class ReminderLetters:
    """The reminder letters of a fiscal year: one a member with a postal address."""

    issuer: Issuer
    fiscal_year: int
    period: tuple[dt.date, dt.date]
    letters: list[Reminder]       # by name
    unaddressed: list[Reminder]   # owing, but no postal address: listed apart


def reminder_letters(year: int, member_ids: Iterable[int] | None = None,
                     today: dt.date | None = None) -> ReminderLetters:
    """The letters for fiscal year ``year``; raises :class:`NothingToRemindError` when
    nobody (of ``member_ids``) owes anything."""
    found = reminders(year, member_ids)
    if not found:
        raise NothingToRemindError(_(
            "Nobody owes dues for {year}: there is no reminder to write.").format(year=year))
    start_month = load_settings().fiscal_year_start_month
    return ReminderLetters(
        issuer(today), year, fiscal_year_bounds(year, start_month),
        [item for item in found if item.member.has_postal_address],
        [item for item in found if not item.member.has_postal_address])


# The sentences a letter and an e-mail share: the same facts, in the same words.

def reminder_subject(year: int) -> str:
    return _("Your {year} membership dues").format(year=year)


def reminder_opening(reminder: Reminder, period: tuple[dt.date, dt.date]) -> str:
    """Why we write: the dues of the year are not (all) paid."""
    values = {"year": reminder.dues.fiscal_year, "start": date_text(period[0]),
              "end": date_text(period[1])}
    if reminder.dues.status == DuesStatus.PARTLY_PAID:
        return _("As far as we can tell, your membership dues for the {year} fiscal year "
                 "(from {start} to {end}) are not yet fully paid.").format(**values)
    return _("As far as we can tell, we have not yet received your membership dues for the "
             "{year} fiscal year (from {start} to {end}).").format(**values)


def reminder_facts(reminder: Reminder) -> list[tuple[str, str]]:
    """(label, value) lines: the rate, the dues, what was paid, what is left to pay."""
    dues = reminder.dues
    amount = money_text(dues.due)
    if reminder.pro_rata:
        amount = _("{amount} (pro rata: the months since you joined)").format(amount=amount)
    facts = []
    if dues.rate_name:
        facts.append((_("Membership rate"), dues.rate_name))
    facts.append((_("Dues for {year}").format(year=dues.fiscal_year), amount))
    if dues.paid > 0:
        facts.append((_("Already paid"), money_text(dues.paid)))
    facts.append((_("Left to pay"), money_text(dues.owed)))
    return facts


def how_to_pay_intro() -> str:
    return _("You can pay:")


def how_to_pay(association: str, year: int) -> list[str]:
    """The ways to pay, one a line (the letter prints them as a list)."""
    return [
        _("by cheque made out to “{association}”, handed in at a meeting or sent to the "
          "association's address;").format(association=association),
        _("by bank transfer, with “Dues {year}” and your name as the reference (we will "
          "send you our bank details on request);").format(year=year),
        _("by card or in cash at one of our meetings."),
    ]


def already_paid_sentence(letter: bool) -> str:
    if letter:
        return _("If you have paid your dues in the meantime, please disregard this letter.")
    return _("If you have paid your dues in the meantime, please disregard this message.")


def questions_sentence(treasurer: str) -> str:
    if treasurer:
        return _("For any question, {name}, who keeps the accounts, will be glad to "
                 "help.").format(name=treasurer)
    return _("For any question, the bureau will be glad to help.")


def signature_lines(treasurer: str) -> list[str]:
    """"Pour l'association, le trésorier", then the treasurer's name when known."""
    lines = [_("For the association, the treasurer")]
    if treasurer:
        lines.append(treasurer)
    return lines


@dataclass(frozen=True)
class ReminderEmail:
    """One reminder e-mail, ready to send: ``to`` is "" when the member has no e-mail
    address (send them a letter instead); ``sender`` is "" to let the mail program fill
    in the From line."""

    member_id: int
    name: str
    to: str
    subject: str
    body: str
    fiscal_year: int
    owed: Decimal
    sender: str = ""

    @property
    def has_address(self) -> bool:
        return bool(self.to)


class NoEmailAddressError(ValueError):
    """The member has no e-mail address: no e-mail can be written for them."""


def _email_body(reminder: Reminder, details: Issuer, period: tuple[dt.date, dt.date]) -> str:
    facts = reminder_facts(reminder)
    width = max(len(label) for label, _value in facts)
    lines = [_("Hello {first_name},").format(first_name=reminder.member.first_name.strip()),
             "", reminder_opening(reminder, period), ""]
    lines += [f"  {label.ljust(width)}   {value}" for label, value in facts]
    lines += ["", how_to_pay_intro()]
    lines += [f"  – {way}" for way in how_to_pay(details.name, reminder.dues.fiscal_year)]
    lines += ["", already_paid_sentence(letter=False), questions_sentence(details.treasurer),
              "", _("Thank you, and best regards,"), ""]
    lines += signature_lines(details.treasurer)
    lines.append(details.name)
    return "\n".join(lines) + "\n"


def _subject(year: int, association: str) -> str:
    name = " ".join(association.split())
    if len(name) > SUBJECT_NAME_CHARACTERS:
        name = name[:SUBJECT_NAME_CHARACTERS - 1].rstrip() + "…"
    subject = reminder_subject(year)
    return _("{subject} — {association}").format(subject=subject, association=name) \
        if name else subject


def reminder_emails(year: int, member_ids: Iterable[int] | None = None, *,
                    sender: str = "", today: dt.date | None = None) -> list[ReminderEmail]:
    """The reminder e-mail of each member of ``member_ids`` (every member by default) who
    owes dues for fiscal year ``year``, by name; members up to date are left out, members
    without an e-mail address are kept with ``to`` "" (check :attr:`ReminderEmail.to`)."""
    found = reminders(year, member_ids)
    if not found:
        return []
    details = issuer(today)
    period = fiscal_year_bounds(year, load_settings().fiscal_year_start_month)
    subject = _subject(year, details.name)
    return [ReminderEmail(item.member.member_id, item.member.name, item.member.email.strip(),
                          subject, _email_body(item, details, period), year, item.dues.owed,
                          sender.strip())
            for item in found]


def _address(name: str, address: str) -> Address | str:
    """``"Name" <address>`` (the name encoded as mail headers need), or the bare address
    when the standard parser cannot take it apart (the mail program will say)."""
    try:
        return Address(display_name=name, addr_spec=address)
    except (ValueError, IndexError):
        return address


def eml_bytes(message: ReminderEmail, now: dt.datetime | None = None) -> bytes:
    """The e-mail as an RFC 5322 message (CRLF lines, UTF-8 text, encoded headers), marked
    unsent so that the mail program opens it as a draft to send."""
    if not message.to:
        raise NoEmailAddressError(_("{name} has no e-mail address: send them the reminder "
                                    "letter instead.").format(name=message.name))
    mail = EmailMessage(policy=email.policy.SMTP)
    if message.sender:
        mail["From"] = message.sender
        domain = message.sender.rpartition("@")[2].strip(" >") or None
        mail["Message-ID"] = make_msgid(domain=domain)
    mail["To"] = _address(message.name, message.to)
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime((now or dt.datetime.now()).astimezone())
    # Outlook opens a message marked so as a draft, ready to send, instead of a received one.
    mail["X-Unsent"] = "1"
    mail.set_content(message.body, charset="utf-8", cte="quoted-printable")
    return mail.as_bytes()


def eml_file_name(message: ReminderEmail) -> str:
    """"relance-2026-breheret-raphael-43.eml": the year, the name, the member's number."""
    words = re.sub(r"[^a-z0-9]+", "-", fold(message.name)).strip("-")[:60].strip("-")
    stem = _("reminder-{year}").format(year=message.fiscal_year)
    return f"{stem}-{words}-{message.member_id}.eml" if words else \
        f"{stem}-{message.member_id}.eml"


def write_eml(message: ReminderEmail, folder: Path) -> Path:
    """Write ``message`` into ``folder`` as a ``.eml`` file the mail program opens; its path.

    A file of the same member and year there is replaced. Raises
    :class:`NoEmailAddressError` for a member without an address, or
    :class:`~clubdesk.domain.common.files.OutputFileError` when it cannot be written.
    """
    return write_bytes_atomically(Path(folder) / eml_file_name(message), eml_bytes(message))


def mailto_url(message: ReminderEmail) -> str:
    """A ``mailto:`` link (RFC 6068) opening the mail program on this e-mail, for one."""
    body = message.body.replace("\n", "\r\n")
    return (f"mailto:{quote(message.to, safe='@')}?subject={quote(message.subject, safe='')}"
            f"&body={quote(body, safe='')}")
