"""Volunteer hours: entries, their categories, the list and the summary."""
