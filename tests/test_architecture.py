"""The layers hold, and the modules do not go round in circles: checked by import-linter,
grimp and ruff as part of the suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
# Cycles the features' own changes are removing: empty this list once they have landed.
def test_import_linter_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 7 kept, 0 broken" in result.stdout


def import_cycles(graph: grimp.ImportGraph, package: str) -> list[list[str]]:
    """Every group of modules of ``package`` that import each other in a circle (the
    strongly connected components of the import graph, Tarjan's algorithm), each sorted."""
    modules = sorted(module for module in graph.modules if module.startswith(package))
    edges = {module: sorted(imported for imported in graph.find_modules_directly_imported_by(
        module) if imported.startswith(package)) for module in modules}
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for imported in edges[module]:
            if imported not in index:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], index[imported])
        if lowest[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or module in edges[module]:
                cycles.append(sorted(group))

    recursion = sys.getrecursionlimit()
    sys.setrecursionlimit(max(recursion, 10 * len(modules)))
    try:
        for module in modules:
            if module not in index:
                visit(module)
    finally:
        sys.setrecursionlimit(recursion)
    return cycles


def test_no_import_cycle_in_clubdesk() -> None:
    """Function-level imports count too: a cycle they hide is still a cycle."""
    graph = grimp.build_graph("clubdesk", cache_dir=None)
    cycles = import_cycles(graph, "clubdesk")
    assert cycles == []


def test_the_cycle_check_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for module in ("app", "app.a", "app.b", "app.c", "app.d"):
        graph.add_module(module)
    for importer, imported in (("app.a", "app.b"), ("app.b", "app.c"), ("app.c", "app.a"),
                               ("app.c", "app.d")):
        graph.add_import(importer=importer, imported=imported)
    assert import_cycles(graph, "app") == [["app.a", "app.b", "app.c"]]


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists() and shutil.which("ruff") is None:
        pytest.fail("ruff is part of the test extra and must be installed")
    result = subprocess.run(
        [ruff, "check", "clubdesk", "tests"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
