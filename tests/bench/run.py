"""Benchmark harness: each figure against a floor measured in the same run.

    python tests/bench/run.py [--quick] [--json FILE] [--only NAME] [--repeat N]

Prints one line per figure, ``name: median ms, floor median ms, ratio``. The federation demo
(20,000 members) is built once and cached in ``tests/bench/.cache``; ``--quick`` uses the small
demo and fewer repetitions so that CI keeps the harness working. No thresholds here: the
ratios are for people to read and compare between versions.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CACHE = HERE / ".cache"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from figures import FIGURES, Context  # noqa: E402


def demo_database(size: str) -> Path:
    """The cached demo of that size, built on first use with the command line."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{size}.db"
    if not path.exists():
        partial = CACHE / f"{size}.partial.db"
        for leftover in CACHE.glob(f"{size}.partial.db*"):
            leftover.unlink()
        print(f"building the {size} demo in {path} …", flush=True)
        subprocess.run(
            [sys.executable, "-m", "clubdesk", "--db", str(partial), "demo", "--size", size,
             "--seed", "1"],
            check=True, cwd=ROOT,
        )
        for suffix in ("-wal", "-shm"):
            side = Path(f"{partial}{suffix}")
            if side.exists() and side.stat().st_size:
                raise RuntimeError(f"{side} was left behind: the demo did not close cleanly")
            side.unlink(missing_ok=True)
        partial.rename(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="small demo and fewer repetitions (CI)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this figure (repeatable)")
    parser.add_argument("--repeat", type=int, help="repetitions per figure")
    args = parser.parse_args(argv)

    size = "small" if args.quick else "federation"
    repeat = args.repeat or (3 if args.quick else 9)
    context = Context(database=demo_database(size), size=size, repeat=repeat)
    results: dict[str, dict[str, float]] = {}
    for name, figure in FIGURES.items():
        if args.only and name not in args.only:
            continue
        samples, floor_samples = figure(context)
        ms = statistics.median(samples)
        floor_ms = statistics.median(floor_samples)
        ratio = ms / floor_ms if floor_ms else float("inf")
        results[name] = {"ms": round(ms, 3), "floor_ms": round(floor_ms, 3),
                         "ratio": round(ratio, 2)}
        print(f"{name}: {ms:.2f} ms, floor {floor_ms:.2f} ms, ratio {ratio:.2f}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"size": size, "figures": results}, indent=2),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
