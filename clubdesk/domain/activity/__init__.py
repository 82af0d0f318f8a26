"""The activity of a period: figures, network health, attendance reports, member sheets."""
