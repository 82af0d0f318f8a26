"""The Referrals tab: business passed between members, its steps, and the summary."""
