"""The GDPR duties: access to a member's data, erasure, retention, the audit log."""
