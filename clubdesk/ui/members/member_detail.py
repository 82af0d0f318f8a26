"""The panel under the members list: the selected member's card and history (overview),
and their dues year by year (a page of its own, with the payments' actions)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.codes import AttendanceStatus, BureauRole
from clubdesk.domain.common.labels import (
    attendance_status_label,
    bureau_role_label,
    member_status_label,
    payment_method_label,
)
from clubdesk.domain.members.mandates import MandateRow, member_mandates
from clubdesk.domain.members.member_dues import DuesYear, member_dues_years
from clubdesk.domain.members.member_history import (
    MemberHistory,
    MemberProfile,
    member_history,
    member_profile,
)
from clubdesk.domain.members.members import MemberNotFoundError
from clubdesk.domain.members.phones import format_phone
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.formatting import format_date, format_hours, format_money
from clubdesk.ui.members.dues_history import DuesHistoryView, dues_year_text, status_css

# The panel is short: the latest few items of each list, the totals say the rest.
RECENT_ITEMS = 4

Line = tuple[str, str]  # label, value (both plain text)


def _table(lines: Iterable[Line], label_color: str) -> str:
    cells = "".join(
        f"<tr><td style='color: {label_color}; padding-right: 8px'>{escape(label)}</td>"
        f"<td>{escape(value)}</td></tr>"
        for label, value in lines if value
    )
    return f"<table cellspacing='0' cellpadding='1'>{cells}</table>"


def _list(items: Iterable[str]) -> str:
    rows = "".join(f"<tr><td>{escape(item)}</td></tr>" for item in items)
    return f"<table cellspacing='0' cellpadding='1' style='margin-top: 4px'>{rows}</table>"


def _short(text: str, length: int = 28) -> str:
    """``text`` cut to ``length`` characters: a list line should stay on one line."""
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def mandate_text(mandate: MandateRow) -> str:
    """"Treasurer since 01/09/2024", "President from 01/09/2019 to 31/08/2024"."""
    if mandate.ends_on is None:
        return _("{role} since {date}").format(role=mandate.label,
                                              date=format_date(mandate.starts_on))
    return _("{role} from {start} to {end}").format(
        role=mandate.label, start=format_date(mandate.starts_on),
        end=format_date(mandate.ends_on))


class MemberDetail(QWidget):
    """Card and history of one member; :meth:`show_member` with ``None`` clears it.

    The dues page asks for payments to be recorded, edited or deleted through the signals;
    the panel itself writes nothing."""

    payment_requested = Signal(list)  # [member id]
    payment_edit_requested = Signal(int)  # payment id
    payment_delete_requested = Signal(int)  # payment id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._member_id: int | None = None
        self._dues_years: list[DuesYear] = []

        self.placeholder = QLabel(_("Select a member to see their details and history."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        self.contact = self._section(grid, _("Contact"), stretch=4)
        self.membership = self._section(grid, _("Membership"))
        self.attendance = self._section(grid, _("Attendance"))
        self.volunteering = self._section(grid, _("Volunteering"))
        self.referrals = self._section(grid, _("Referrals"), stretch=4)
        self.fees = self._section(grid, _("Dues"))
        self.fees.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.fees.linkActivated.connect(lambda _link: self.show_dues_page())

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addSpacing(12)
        heading.addWidget(self.subtitle, 1)
        card = QWidget()
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(0, 4, 0, 0)
        card_layout.addLayout(heading)
        card_layout.addLayout(grid)
        card_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(card)

        self.dues = DuesHistoryView()
        self.dues.payment_requested.connect(lambda member_id: self.payment_requested.emit(
            [member_id]))
        self.dues.payment_edit_requested.connect(self.payment_edit_requested)
        self.dues.payment_delete_requested.connect(self.payment_delete_requested)
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(scroll, _("Overview"))
        self.pages.addTab(self.dues, _("Dues"))

        self._several = False
        self._placeholder_text = self.placeholder.text()
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.pages)

    def member_id(self) -> int | None:
        return self._member_id

    def set_register_empty(self, empty: bool) -> None:
        """Say how to start when there is nobody yet, else how to see someone's history."""
        self._placeholder_text = (
            _("No members yet. Click “New member” (Ctrl+N) to add the first one.")
            if empty else _("Select a member to see their details and history."))
        if self._member_id is None and not self._several:
            self.placeholder.setText(self._placeholder_text)

    def show_several(self, count: int) -> None:
        """Several members are selected: say what can be done for all of them at once."""
        self._member_id = None
        self._several = True
        self.placeholder.setText(ngettext(
            "{n} member selected: record a payment or send a reminder for all of them.",
            "{n} members selected: record a payment or send a reminder for all of them.",
            count))
        self._stack.setCurrentWidget(self.placeholder)

    def show_dues_page(self) -> None:
        self.pages.setCurrentWidget(self.dues)

    def dues_years(self) -> list[DuesYear]:
        """The dues shown for the member, latest year first."""
        return list(self._dues_years)

    def show_member(self, member_id: int | None) -> None:
        """Show ``member_id``'s card and history (read now), or the placeholder."""
        profile: MemberProfile | None = None
        if member_id is not None:
            try:
                profile = member_profile(member_id)
            except MemberNotFoundError:
                profile = None
        self._several = False
        if profile is None:
            self._member_id = None
            self.placeholder.setText(self._placeholder_text)
            self._stack.setCurrentWidget(self.placeholder)
            return
        self._member_id = member_id
        history = member_history(profile.id, recent=RECENT_ITEMS)
        self._dues_years = member_dues_years(profile.id)
        self._show_profile(profile, member_mandates(profile.id))
        self._show_history(history)
        self.fees.setText(self._dues_html(self._dues_years))
        self.dues.show_years(profile.id, self._dues_years)
        self.pages.setTabText(self.pages.indexOf(self.dues), ngettext(
            "Dues ({n} year)", "Dues ({n} years)", len(self._dues_years))
            if self._dues_years else _("Dues"))
        self._stack.setCurrentWidget(self.pages)

    # -- building -------------------------------------------------------------------------

    def _section(self, grid: QGridLayout, title: str, stretch: int = 3) -> QLabel:
        """A titled box in the next column of ``grid``; returns the label it shows."""
        box = QGroupBox(title)
        # Widths follow the stretch factors, not the text: long values wrap.
        box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        column = grid.columnCount() if grid.count() else 0
        grid.addWidget(box, 0, column)
        grid.setColumnStretch(column, stretch)
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(label)
        return label

    def _label_color(self) -> str:
        """Half-way between text and background: labels recede, values stand out."""
        text = self.palette().color(QPalette.ColorRole.WindowText)
        background = self.palette().color(QPalette.ColorRole.Window)
        mixed = QColor(
            (text.red() + background.red()) // 2,
            (text.green() + background.green()) // 2,
            (text.blue() + background.blue()) // 2,
        )
        return mixed.name()

    def _note(self, text: str) -> str:
        return f"<p style='color: {self._label_color()}; margin: 0'>{escape(text)}</p>"

    def _table(self, lines: Iterable[Line]) -> str:
        return _table(lines, self._label_color())

    def _show_profile(self, profile: MemberProfile, mandates: list[MandateRow]) -> None:
        self.title.setText(profile.full_name)
        company = " — ".join(part for part in (profile.profession, profile.company) if part)
        self.subtitle.setText(company)
        self.subtitle.setVisible(bool(company))
        place = " ".join(part for part in (profile.postcode, profile.city) if part)
        address = ", ".join(part for part in (profile.address, place) if part)
        self.contact.setText(self._table((
            (_("Email"), profile.email),
            (_("Phone"), format_phone(profile.phone) if profile.phone else ""),
            (_("Address"), address),
            (_("Sector"), profile.sector),
        )) if any((profile.email, profile.phone, address, profile.sector))
            else escape(_("No contact details.")))
        consents = ", ".join(
            name for name, given in (
                (_("directory"), profile.consent_directory),
                (_("photos"), profile.consent_photos),
                (_("newsletter"), profile.consent_newsletter),
            ) if given
        )
        names = {"directory": _("directory"), "photos": _("photos"),
                 "newsletter": _("newsletter")}
        withdrawn = ", ".join(
            _("{consent} on {date}").format(consent=names[kind], date=format_date(day))
            for kind, day in profile.withdrawals.items())
        consents = _("Consents: {list}").format(list=consents or _("none"))
        if withdrawn:
            consents += " — " + _("withdrawn: {list}").format(list=withdrawn)
        # The roles held are listed below; a role without any mandate (not expected) shows.
        role = (bureau_role_label(profile.role)
                if profile.role != BureauRole.NONE and not mandates else "")
        roles = ""
        if mandates:
            roles = (f"<p style='color: {self._label_color()}; margin: 4px 0 0 0'>"
                     f"{escape(_('Roles held'))}</p>"
                     + _list(mandate_text(mandate) for mandate in mandates))
        self.membership.setText(self._table((
            (_("Status"), member_status_label(profile.status)),
            (_("Role"), role),
            (_("Joined"), format_date(profile.joined_on)),
            (_("Left"), format_date(profile.left_on)),
            (_("Sponsored by"), profile.sponsor_name),
        )) + roles + self._note(consents)
            + (f"<p style='margin-top: 4px'>{escape(profile.notes)}</p>" if profile.notes
               else ""))

    def _show_history(self, history: MemberHistory) -> None:
        self.attendance.setText(self._attendance_html(history))
        self.volunteering.setText(self._volunteering_html(history))
        self.referrals.setText(self._referrals_html(history))

    def _attendance_html(self, history: MemberHistory) -> str:
        if not history.expected:
            return escape(_("No attendance recorded."))
        rate = history.attendance_rate or 0.0
        attended = _("{attended} of {expected} ({rate} %)").format(
            attended=history.attended, expected=history.expected, rate=round(rate * 100))
        by_status = " · ".join(
            f"{attendance_status_label(status)} {history.attendance_by_status[status]}"
            for status in AttendanceStatus
            if history.attendance_by_status.get(status)
        )
        lines: list[Line] = [(_("Attended"), attended)]
        latest = [
            f"{format_date(item.date)} · {item.status_label} · {_short(item.title)}"
            for item in history.last_attendances
        ]
        return self._table(lines) + self._note(by_status) + _list(latest)

    def _volunteering_html(self, history: MemberHistory) -> str:
        if not history.volunteer_entries:
            return escape(_("No volunteer hours recorded."))
        lines = (
            (_("Hours"), format_hours(history.volunteer_hours)),
            (_("Entries"), str(history.volunteer_entries)),
        )
        latest = [
            " — ".join(part for part in (
                format_date(item.date), _("{hours} h").format(hours=format_hours(item.hours)),
                _short(item.category or item.description),
            ) if part)
            for item in history.recent_volunteering
        ]
        return self._table(lines) + _list(latest)

    def _referrals_html(self, history: MemberHistory) -> str:
        given, received = history.referrals_given, history.referrals_received
        if not (given.count or received.count):
            return escape(_("No referrals given or received."))
        color = self._label_color()
        rows = (
            ("", _("Given"), _("Received")),
            (_("Total"), str(given.count), str(received.count)),
            (_("Referrals won"), str(given.won), str(received.won)),
            (_("Business"), format_money(given.won_amount),
             format_money(received.won_amount)),
        )
        cells = "".join(
            f"<tr><td style='color: {color}; padding-right: 8px'>{escape(label)}</td>"
            + "".join(f"<td align='right' style='padding-left: 6px; white-space: nowrap'>"
                      f"{escape(value)}</td>" for value in values)
            + "</tr>"
            for label, *values in rows
        )
        latest = [
            f"{format_date(item.date)} {'→' if item.given else '←'} "
            f"{_short(item.other_party, 24)} · {item.status_label}"
            for item in history.recent_referrals
        ]
        return f"<table cellspacing='0' cellpadding='1'>{cells}</table>" + _list(latest)

    def _dues_html(self, years: list[DuesYear]) -> str:
        """The latest years' status, coloured, the last payment, and the way to the page."""
        if not years:
            return escape(_("No dues recorded."))
        lines = "".join(
            f"<tr><td style='padding-right: 8px'>{escape(year.label)}</td>"
            f"<td style='{status_css(year)}'>{escape(dues_year_text(year))}</td></tr>"
            for year in years[:RECENT_ITEMS])
        html = f"<table cellspacing='0' cellpadding='1'>{lines}</table>"
        last = next((payment for year in years for payment in year.payments
                     if not payment.exempt), None)
        if last is not None:
            html += self._note(_("Last payment: {amount} on {date} ({method})").format(
                amount=format_money(last.amount), date=format_date(last.paid_on),
                method=payment_method_label(last.method).lower()))
        link = escape(_("All payments…"))
        return html + f"<p style='margin-top: 4px'><a href='dues'>{link}</a></p>"
