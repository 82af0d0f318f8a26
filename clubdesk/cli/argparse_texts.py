"""argparse's own texts ("usage:", "show this help message and exit"…) in the user's
language: marked here for the catalogue, and handed to argparse, which asks for them."""

from __future__ import annotations

import argparse

from clubdesk.i18n import N_, _, ngettext

# argparse's texts as Python 3.11 to 3.13 write them, with argparse's own placeholders.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("unrecognized arguments: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    # argparse fills "%s" itself: only the form is chosen here.
    return ngettext(singular, plural, n)


def speak_the_users_language() -> None:
    """Let argparse's help and errors use clubdesk's catalogue (it looks its ``_`` and
    ``ngettext`` up when it needs them)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]
