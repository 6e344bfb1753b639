"""Check resources/translations/kiosk_en.ts against the code's translate() calls, then build .qm.

Run from the repository root: `.venv/bin/python tools/translations.py` lists every string the
code asks for that the .ts lacks (or has unfinished) and every .ts entry no code uses, and with
no problem compiles kiosk_en.qm with pyside6-lrelease (the .qm is what the kiosk loads).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "kiosk_en.ts"
QM = TS.with_suffix(".qm")
# The code the attendee sees (the staff console is Vietnamese-only: context "Staff").
SOURCES = ("ui/selfservice", "ui/widgets", "ui/kiosk_mode.py", "ui/scanning")
STAFF_ONLY = ("ui/widgets/printer_status.py", "ui/widgets/bar_chart.py")


def wanted(root: Path = ROOT) -> set[tuple[str, str]]:
    """(context, source) of every translate("Context", "text", ...) call with literal strings."""
    found: set[tuple[str, str]] = set()
    for entry in SOURCES:
        path = root / entry
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            if file.relative_to(root).as_posix() in STAFF_ONLY:
                continue
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and _is_translate(node.func)):
                    continue
                args = node.args[:2]
                if len(args) == 2 and all(isinstance(a, ast.Constant) for a in args):
                    context, text = (a.value for a in args)  # type: ignore[attr-defined]
                    if context != "Staff":
                        found.add((str(context), str(text)))
    return found


def _is_translate(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "translate") or (
        isinstance(func, ast.Attribute) and func.attr == "translate"
    )


def present(ts: Path = TS) -> dict[tuple[str, str], bool]:
    """(context, source) → whether its translation is finished and not empty."""
    out: dict[tuple[str, str], bool] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text for f in translation.findall("numerusform")] if translation else []
            texts = forms or [translation.text if translation is not None else None]
            done = translation is not None and translation.get("type") is None and all(texts)
            out[(name, message.findtext("source") or "")] = done
    return out


def main() -> int:
    need, have = wanted(), present()
    missing = sorted(k for k in need if not have.get(k))
    unused = sorted(k for k in have if k not in need)
    for context, text in missing:
        print(f"missing or unfinished: [{context}] {text!r}")
    for context, text in unused:
        print(f"not used by the code: [{context}] {text!r}")
    if missing:
        return 1
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(TS), "-qm", str(QM)], check=True, timeout=120)
    return 0


if __name__ == "__main__":
    sys.exit(main())
