"""Plain-Python rules, queries and statistics over the database; no Qt here."""
