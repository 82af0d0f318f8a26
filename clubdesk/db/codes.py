"""The codes stored in the database (statuses, roles, kinds, methods): one ``StrEnum`` each.

A member's status is stored as ``"active"``; in the code it is ``MemberStatus.ACTIVE``, which
is that same string (a ``StrEnum`` compares equal to its value and is bound as it), so the
rows read back compare with the enum directly. The user never sees a code: labels come from
:mod:`clubdesk.domain.common.labels`.
"""

from __future__ import annotations

from enum import StrEnum


class MemberStatus(StrEnum):
    PROSPECT = "prospect"
    ACTIVE = "active"
    LAPSED = "lapsed"
    FORMER = "former"


class BureauRole(StrEnum):
    NONE = "none"
    PRESIDENT = "president"
    VICE_PRESIDENT = "vice_president"
    TREASURER = "treasurer"
    SECRETARY = "secretary"
    OTHER = "other"


class EventKind(StrEnum):
    MEETING = "meeting"
    GENERAL_ASSEMBLY = "general_assembly"
    BOARD = "board"
    WORKSHOP = "workshop"
    NETWORKING = "networking"
    OTHER = "other"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"
    LATE = "late"
    SUBSTITUTE = "substitute"


class ReferralStatus(StrEnum):
    NEW = "new"
    CONTACTED = "contacted"
    IN_PROGRESS = "in_progress"
    WON = "won"
    LOST = "lost"


class SeriesFrequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"


class PaymentMethod(StrEnum):
    CASH = "cash"
    CHEQUE = "cheque"
    TRANSFER = "transfer"
    CARD = "card"
    ONLINE = "online"  # an online platform for associations (HelloAsso…)
    OTHER = "other"


def values(codes: type[StrEnum]) -> tuple[str, ...]:
    """The stored values of an enum, in its order (for CHECK constraints and choices)."""
    return tuple(code.value for code in codes)
