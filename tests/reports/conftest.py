"""Fixtures of the report tests: the hand-made club of ``tests/attendance_club.py``, French."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from attendance_club import Club, build_club

from clubdesk import i18n


@pytest.fixture
def club(db_path: Path) -> Club:
    return build_club()


@pytest.fixture
def french() -> Iterator[None]:
    """Reports written in French for the test; English again after it."""
    i18n.set_language("fr")
    yield
    i18n.set_language("en")
