"""Allows ``python -m clubdesk``."""

from __future__ import annotations

import sys

from clubdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
