"""The demonstration association (people, events, activity), used by the ``demo`` command only."""
