"""Referrals: business passed between members, its status steps, the list and the summary."""
