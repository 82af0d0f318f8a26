"""Where the database lives when the user does not say."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DATABASE_FILENAME = "clubdesk.db"


def default_database_path() -> Path:
    """``CLUBDESK_DB`` if set, else ``clubdesk.db`` in the per-user data folder."""
    explicit = os.environ.get("CLUBDESK_DB")
    if explicit:
        return Path(explicit).expanduser()
    return Path(user_data_dir("clubdesk", appauthor=False)) / DATABASE_FILENAME


def ensure_parent(path: Path) -> None:
    """Create the per-user folder on first start (a folder the user named is not created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
