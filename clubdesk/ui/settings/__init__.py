"""The association's settings, the audit log and the former members to anonymise."""
