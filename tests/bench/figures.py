"""The registry of benchmark figures; each module of figures registers itself here."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Samples = list[float]
HERE_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Context:
    database: Path
    size: str
    repeat: int


Figure = Callable[[Context], tuple[Samples, Samples]]
FIGURES: dict[str, Figure] = {}


def figure(name: str) -> Callable[[Figure], Figure]:
    """Register a function returning (samples in ms, floor samples in ms)."""

    def register(function: Figure) -> Figure:
        FIGURES[name] = function
        return function

    return register


def elapsed_ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


# Importing the modules registers their figures, in the order printed.
import bench_activity  # noqa: E402, F401
import bench_activity_render  # noqa: E402, F401
import bench_attendance  # noqa: E402, F401
import bench_import  # noqa: E402, F401
import bench_members  # noqa: E402, F401
import bench_referrals  # noqa: E402, F401
import bench_volunteering  # noqa: E402, F401
