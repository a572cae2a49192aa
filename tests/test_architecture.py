"""The tree keeps the shape docs/DEVELOPING.md draws: no import cycles, one folder per area.

``lint-imports`` (run by ``make test``) checks the layers and public names between packages; this
checks what its contracts cannot say: no two modules import each other in a cycle, through any
path, counting imports inside functions and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import sys

import grimp

from tests.conftest import ROOT

AREAS = ("today", "phases", "guide", "calendar", "mentions", "measure")


def import_cycles(*packages: str) -> list[list[str]]:
    """Every group of modules that import each other in a loop (Tarjan's strongly connected parts)."""
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(*packages, cache_dir=None)
    modules = sorted(graph.modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in graph.modules or imported.split(".")[0] not in packages:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for module in modules:
        if module not in index:
            visit(module)
    return cycles


def test_no_two_modules_import_each_other_in_a_cycle() -> None:
    assert import_cycles("storage", "tui") == []


def test_the_cycle_finder_sees_a_cycle_through_an_import_inside_a_function(tmp_path) -> None:
    package = tmp_path / "loopy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from loopy import b\n")
    (package / "b.py").write_text("def later():\n    from loopy import a\n")
    sys.path.insert(0, str(tmp_path))
    try:
        assert import_cycles("loopy") == [["loopy.a", "loopy.b"]]
    finally:
        sys.path.remove(str(tmp_path))


def test_no_file_carries_its_folder_area_as_a_prefix() -> None:
    prefixed = [
        str(path.relative_to(ROOT))
        for side in ("storage", "tui")
        for area in AREAS
        for path in (ROOT / side / area).rglob("*.py")
        if path.stem.startswith((f"{area}_", f"{area.rstrip('s')}_"))
    ]
    assert prefixed == []
