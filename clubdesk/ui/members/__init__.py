"""The Members tab: the list, the member form, the detail panel, merging, personal data."""
