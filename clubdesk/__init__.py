"""clubdesk: members, meetings, volunteer hours and referrals of a small association."""

__version__ = "0.1.0"
