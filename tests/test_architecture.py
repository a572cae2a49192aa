"""The tree keeps the shape docs/DEVELOPING.md draws: no import cycles, one folder per area.

``lint-imports`` (run by ``make test``) checks the layers and public names between packages; this
checks what its contracts cannot say: no two modules import each other in a cycle, through any
path, counting imports inside functions and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import re
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


def developing_map() -> set[str]:
    """The files named in docs/DEVELOPING.md's module map, as paths from the repository root."""
    text = (ROOT / "docs" / "DEVELOPING.md").read_text()
    block = text.split("## Module map", 1)[1].split("```", 2)[1]
    named: set[str] = set()
    folders: list[tuple[int, str]] = []  # (indent, path) of the folders opened so far
    last = ""
    for line in block.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        first = line.split()[0]
        if indent >= 32 and last:  # a continuation of the description column
            folder = last
        else:
            while folders and folders[-1][0] >= indent:
                folders.pop()
            parent = folders[-1][1] if folders else ""
            if "/" in first and not first.endswith((".py", ".json")):
                folder = parent + first
                folders.append((indent, folder))
            elif "/" in first:
                folder = parent + first.rsplit("/", 1)[0] + "/"
            else:
                folder = parent
            last = folder
        for name in re.findall(r"[\w*]+\.(?:py|json|tcss)", line):
            named.add(folder + name)
    return named


def test_developing_map_names_every_module_and_nothing_that_does_not_exist() -> None:
    named = {n for n in developing_map() if n.startswith(("storage/", "tui/"))}
    missing_files = sorted(
        n for n in named if "*" not in n and not (ROOT / n).is_file()
    )
    unnamed = sorted(
        str(path.relative_to(ROOT))
        for side in ("storage", "tui")
        for path in (ROOT / side).rglob("*.py")
        if path.name != "__init__.py" and "__pycache__" not in path.parts
        and str(path.relative_to(ROOT)) not in named
    )
    assert missing_files == [], "DEVELOPING.md names files that do not exist"
    assert unnamed == [], "DEVELOPING.md's map leaves these modules out"
