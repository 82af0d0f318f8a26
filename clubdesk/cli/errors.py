"""How a command fails: one line on stderr and exit code 2, the database left as it was."""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1  # ``check`` found problems: one line each
EXIT_ERROR = 2


class CommandError(Exception):
    """A failure to report on one line of stderr, with exit code 2."""
