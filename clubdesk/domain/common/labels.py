"""Translated labels for the codes stored in the database."""

from __future__ import annotations

from clubdesk.i18n import _


def member_status_label(code: str) -> str:
    labels = {
        "prospect": _("Prospect"),
        "active": _("Active"),
        "lapsed": _("Lapsed"),
        "former": _("Former"),
    }
    return labels.get(code, code)


def bureau_role_label(code: str) -> str:
    labels = {
        "none": _("No role"),
        "president": _("President"),
        "vice_president": _("Vice-president"),
        "treasurer": _("Treasurer"),
        "secretary": _("Secretary"),
        "other": _("Other bureau role"),
    }
    return labels.get(code, code)


def event_kind_label(code: str) -> str:
    labels = {
        "meeting": _("Meeting"),
        "general_assembly": _("General assembly"),
        "board": _("Board meeting"),
        "workshop": _("Workshop"),
        "networking": _("Networking"),
        "other": _("Other event"),
    }
    return labels.get(code, code)


def attendance_status_label(code: str) -> str:
    labels = {
        "present": _("Present"),
        "absent": _("Absent"),
        "excused": _("Excused"),
        "late": _("Late"),
        "substitute": _("Substitute"),
    }
    return labels.get(code, code)


def referral_status_label(code: str) -> str:
    labels = {
        "new": _("New"),
        "contacted": _("Contacted"),
        "in_progress": _("In progress"),
        "won": _("Won"),
        "lost": _("Lost"),
    }
    return labels.get(code, code)
