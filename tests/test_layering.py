"""The core never imports Qt, printer libraries, reportlab or the outer layers (docs/architecture.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BANNED = ("PySide6", "escpos", "reportlab", "ui", "printing")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_core_module_imports_an_outer_layer() -> None:
    """No file under kiosk/ has an import of PySide6, escpos, reportlab, ui or printing."""
    offenders = {
        str(p.relative_to(ROOT)): sorted(_imports(p) & set(BANNED))
        for p in (ROOT / "kiosk").rglob("*.py")
        if _imports(p) & set(BANNED)
    }
    assert offenders == {}


def test_importing_every_core_module_loads_no_outer_library() -> None:
    """In a fresh interpreter, importing all of kiosk/ leaves Qt, escpos and reportlab unloaded."""
    code = (
        "import importlib, pkgutil, sys, kiosk\n"
        "for m in pkgutil.walk_packages(kiosk.__path__, 'kiosk.'):\n"
        "    if '.migrations' not in m.name and not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        f"print(sorted(n for n in sys.modules if n.split('.')[0] in {BANNED!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]"
