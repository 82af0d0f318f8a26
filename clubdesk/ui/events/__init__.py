"""The Events tab: the list, events and series, deletion, guests, reports and the calendar."""
