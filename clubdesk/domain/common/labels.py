"""Translated labels for the codes stored in the database."""

from __future__ import annotations

from clubdesk.domain.common.codes import (
    AttendanceStatus,
    BureauRole,
    EventKind,
    MemberStatus,
    PaymentMethod,
    ReferralStatus,
)
from clubdesk.i18n import _


def member_status_label(code: str) -> str:
    labels = {
        MemberStatus.PROSPECT: _("Prospect"),
        MemberStatus.ACTIVE: _("Active"),
        MemberStatus.LAPSED: _("Lapsed"),
        MemberStatus.FORMER: _("Former"),
    }
    return labels.get(code, code)


def bureau_role_label(code: str) -> str:
    labels = {
        BureauRole.NONE: _("No role"),
        BureauRole.PRESIDENT: _("President"),
        BureauRole.VICE_PRESIDENT: _("Vice-president"),
        BureauRole.TREASURER: _("Treasurer"),
        BureauRole.SECRETARY: _("Secretary"),
        BureauRole.OTHER: _("Other bureau role"),
    }
    return labels.get(code, code)


def event_kind_label(code: str) -> str:
    labels = {
        EventKind.MEETING: _("Meeting"),
        EventKind.GENERAL_ASSEMBLY: _("General assembly"),
        EventKind.BOARD: _("Board meeting"),
        EventKind.WORKSHOP: _("Workshop"),
        EventKind.NETWORKING: _("Networking"),
        EventKind.OTHER: _("Other event"),
    }
    return labels.get(code, code)


def attendance_status_label(code: str) -> str:
    labels = {
        AttendanceStatus.PRESENT: _("Present"),
        AttendanceStatus.ABSENT: _("Absent"),
        AttendanceStatus.EXCUSED: _("Excused"),
        AttendanceStatus.LATE: _("Late"),
        AttendanceStatus.SUBSTITUTE: _("Substitute"),
    }
    return labels.get(code, code)


def referral_status_label(code: str) -> str:
    labels = {
        ReferralStatus.NEW: _("New"),
        ReferralStatus.CONTACTED: _("Contacted"),
        ReferralStatus.IN_PROGRESS: _("In progress"),
        ReferralStatus.WON: _("Won"),
        ReferralStatus.LOST: _("Lost"),
    }
    return labels.get(code, code)


def payment_method_label(code: str) -> str:
    labels = {
        PaymentMethod.CASH: _("Cash"),
        PaymentMethod.CHEQUE: _("Cheque"),
        PaymentMethod.TRANSFER: _("Bank transfer"),
        PaymentMethod.CARD: _("Card"),
        PaymentMethod.ONLINE: _("Online platform"),
        PaymentMethod.OTHER: _("Other method"),
    }
    return labels.get(code, code)
