"""The package graph has no import loops and its layers point down only (docs/architecture.md).

Every import counts, also those inside functions: a function-level import is how a loop hides
(checkout -> settle -> receipts -> checkout was held open by one). A loop means two modules
cannot be understood, tested or changed apart; the fix is to move the shared part down.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kiosk", "printing", "ui", "scenario", "benchmarks")
OUTER = ("printing", "ui", "scenario", "benchmarks")
# Which first-party packages each layer may import (itself included).
ALLOWED = {
    "kiosk": {"kiosk", "resources"},
    "printing": {"kiosk", "printing", "resources"},
    "ui": {"kiosk", "printing", "ui", "resources"},
    "scenario": {"kiosk", "printing", "scenario", "resources"},
    "benchmarks": {"kiosk", "printing", "ui", "scenario", "benchmarks", "resources"},
}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imported(name: str, path: Path, modules: dict[str, Path]) -> Iterator[str]:
    """First-party modules `name` imports at run time (TYPE_CHECKING blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for child in ast.walk(node)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield full if full in modules else base


def graph() -> dict[str, set[str]]:
    """Module -> the first-party modules it imports."""
    modules = _modules()
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {t for t in _imported(name, path, modules) if t.split(".")[0] in ALLOWED}
        edges[name] = {t for t in targets if t in modules and t != name}
    return edges


def loops(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_loops() -> None:
    """No two first-party modules import each other, directly or around a circle."""
    assert loops(graph()) == []


def test_loop_finder_finds_a_hidden_loop() -> None:
    """The checker itself: a -> b -> c -> a is reported, a tree is not."""
    assert loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert loops({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_layers_point_down() -> None:
    """kiosk imports only kiosk; printing never imports ui; scenario never imports ui."""
    wrong = {
        name: sorted(t for t in targets if t.split(".")[0] not in ALLOWED[name.split(".")[0]])
        for name, targets in graph().items()
    }
    assert {k: v for k, v in wrong.items() if v} == {}


def test_the_core_names_no_outer_module_in_a_string() -> None:
    """The core does not load outer packages by name either (importlib with a string): the
    command line finds their commands through entry points declared in pyproject.toml."""
    offenders = []
    for path in (ROOT / "kiosk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and "." in value and value.split(".")[0] in OUTER:
                offenders.append(f"{path.relative_to(ROOT)}: {value}")
    assert offenders == []
