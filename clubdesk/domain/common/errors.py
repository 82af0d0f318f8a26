"""The domain's own errors, so that no layer above it needs to know the database's."""

from __future__ import annotations


class NotFoundError(LookupError):
    """The record asked for does not exist (deleted meanwhile, for example);
    ``str(error)`` says which, for the user. Each kind of record has its own subclass."""
