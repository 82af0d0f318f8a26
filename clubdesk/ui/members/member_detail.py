"""The panel under the members list: the selected member's card and history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape

from PySide6.QtCore import Qt
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
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.codes import AttendanceStatus, BureauRole
from clubdesk.domain.common.labels import (
    attendance_status_label,
    bureau_role_label,
    member_status_label,
)
from clubdesk.domain.members.member_history import (
    MemberHistory,
    MemberProfile,
    member_history,
    member_profile,
)
from clubdesk.domain.members.members import MemberNotFoundError
from clubdesk.domain.members.phones import format_phone
from clubdesk.i18n import _
from clubdesk.ui.common.formatting import format_date, format_hours, format_money

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


def _period(start: dt.date, end: dt.date) -> str:
    """A fee's period: its years when it lasts about a year, else its dates."""
    if (end - start).days >= 300:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{format_date(start)} – {format_date(end)}"


class MemberDetail(QWidget):
    """Card and history of one member; :meth:`show_member` with ``None`` clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._member_id: int | None = None

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
        self.fees = self._section(grid, _("Fees"))

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

        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(scroll)

    def member_id(self) -> int | None:
        return self._member_id

    def set_register_empty(self, empty: bool) -> None:
        """Say how to start when there is nobody yet, else how to see someone's history."""
        self.placeholder.setText(
            _("No members yet. Click “New member” (Ctrl+N) to add the first one.")
            if empty else _("Select a member to see their details and history."))

    def show_member(self, member_id: int | None) -> None:
        """Show ``member_id``'s card and history (read now), or the placeholder."""
        profile: MemberProfile | None = None
        if member_id is not None:
            try:
                profile = member_profile(member_id)
            except MemberNotFoundError:
                profile = None
        if profile is None:
            self._member_id = None
            self._stack.setCurrentWidget(self.placeholder)
            return
        self._member_id = member_id
        history = member_history(profile.id, recent=RECENT_ITEMS)
        self._show_profile(profile)
        self._show_history(history)
        self._stack.setCurrentIndex(1)

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

    def _show_profile(self, profile: MemberProfile) -> None:
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
        role = bureau_role_label(profile.role) if profile.role != BureauRole.NONE else ""
        self.membership.setText(self._table((
            (_("Status"), member_status_label(profile.status)),
            (_("Role"), role),
            (_("Joined"), format_date(profile.joined_on)),
            (_("Left"), format_date(profile.left_on)),
            (_("Sponsored by"), profile.sponsor_name),
        )) + self._note(consents)
            + (f"<p style='margin-top: 4px'>{escape(profile.notes)}</p>" if profile.notes
               else ""))

    def _show_history(self, history: MemberHistory) -> None:
        self.attendance.setText(self._attendance_html(history))
        self.volunteering.setText(self._volunteering_html(history))
        self.referrals.setText(self._referrals_html(history))
        self.fees.setText(self._fees_html(history))

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

    def _fees_html(self, history: MemberHistory) -> str:
        if not history.recent_fees:
            return escape(_("No membership fees recorded."))
        lines = (
            (_("Paid"), f"{history.fees_paid} ({format_money(history.fees_paid_total)})"),
            (_("Unpaid"), str(history.fees_unpaid) if history.fees_unpaid else ""),
        )
        latest = []
        for fee in history.recent_fees:
            state = (_("paid on {date}").format(date=format_date(fee.paid_on))
                     if fee.paid_on else _("unpaid"))
            latest.append(_("{period}: {amount}, {state}").format(
                period=_period(fee.period_start, fee.period_end),
                amount=format_money(fee.amount), state=state))
        return self._table(lines) + _list(latest)
