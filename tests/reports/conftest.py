"""Fixtures of the report tests: the hand-made club of ``tests/attendance_club.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
from attendance_club import Club, build_club


@pytest.fixture
def club(db_path: Path) -> Club:
    return build_club()
