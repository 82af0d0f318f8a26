"""Dues: the fee schedule of each fiscal year, the payments members make, who is up to
date, receipts and reminders."""
