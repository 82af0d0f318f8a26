"""The stored codes, for the layers above the database (see :mod:`clubdesk.db.codes`)."""

from clubdesk.db.codes import (
    AttendanceStatus,
    BureauRole,
    EventKind,
    MemberStatus,
    PaymentMethod,
    ReferralStatus,
    SeriesFrequency,
)

__all__ = ["AttendanceStatus", "BureauRole", "EventKind", "MemberStatus", "PaymentMethod",
           "ReferralStatus", "SeriesFrequency"]
