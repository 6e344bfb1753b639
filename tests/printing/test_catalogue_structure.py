"""Only the catalogue knows the kinds: no per-kind branches, source strings or queue rows elsewhere."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Modules that act on any print job: the queue, the print threads, crash recovery, rendering,
# the records and sources the catalogue points at, the desk's panel and the commands.
KIND_BLIND = (
    "printing/jobs.py",
    "printing/queue.py",
    "printing/recovery.py",
    "printing/worker.py",
    "printing/records.py",
    "printing/sources.py",
    "printing/commands/render.py",
    "printing/commands/printers.py",
    "ui/staff/issuance_panel.py",
)
# printing/issue.py names a kind only in its one-kind entry points (issue_queue_ticket...).
KIND_BLIND_FUNCTIONS = ("issue_document", "default_kinds", "issue_visit", "visit_jobs")
# Who may touch print_jobs.source_type: the catalogue defines it, the queue writes the catalogue's
# value, the job renderer checks a job against it.
SOURCE_TYPE_USERS = {"printing/catalogue.py", "printing/queue.py", "printing/jobs.py"}
# Renderers take document models and return bytes: no configuration, database or services.
RENDERER_BANNED = (
    "kiosk.bootstrap",
    "kiosk.config",
    "kiosk.paths",
    "kiosk.services",
    "kiosk.store",
    "sqlalchemy",
    "printing.records",
    "printing.station",
    "printing.queue",
    "printing.catalogue",
)


def _tree(relative: str) -> ast.Module:
    return ast.parse((ROOT / relative).read_text(encoding="utf-8"))


def _kind_members(node: ast.AST) -> list[str]:
    """Every `DocumentKind.X` under `node`."""
    return [
        f"DocumentKind.{n.attr}"
        for n in ast.walk(node)
        if isinstance(n, ast.Attribute)
        and isinstance(n.value, ast.Name)
        and n.value.id == "DocumentKind"
    ]


def _python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def test_no_module_that_handles_any_job_names_a_kind() -> None:
    """Queue, threads, recovery, rendering, the desk panel and the commands have no
    `DocumentKind.X`: what differs per kind comes from its catalogue entry."""
    found = {f: _kind_members(_tree(f)) for f in KIND_BLIND}
    issue = _tree("printing/issue.py")
    for node in issue.body:
        if isinstance(node, ast.FunctionDef) and node.name in KIND_BLIND_FUNCTIONS:
            found[f"printing/issue.py:{node.name}"] = _kind_members(node)
    assert {where: names for where, names in found.items() if names} == {}


def test_only_the_catalogue_names_sources() -> None:
    """No module of printing/ or ui/ but the catalogue, the queue and the job renderer reads
    or writes a job's `source_type`."""
    users = set()
    for path in _python_files("printing", "ui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            attribute = isinstance(node, ast.Attribute) and node.attr == "source_type"
            keyword = isinstance(node, ast.keyword) and node.arg == "source_type"
            if attribute or keyword:
                users.add(str(path.relative_to(ROOT)))
    assert users <= SOURCE_TYPE_USERS


def test_screens_do_not_build_queue_rows() -> None:
    """ui/ never calls queue.enqueue nor makes a PrintJob: it goes through printing.issue."""
    offenders = set()
    for path in _python_files("ui"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in ("enqueue", "PrintJob"):
                    offenders.add(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == set()


def test_renderers_take_models_not_configuration_or_database() -> None:
    """Nothing under printing/documents/ opens the configuration, the database or services."""
    offenders = {}
    for path in _python_files("printing/documents"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            banned = [m for m in modules if m.startswith(RENDERER_BANNED)]
            if banned:
                offenders[str(path.relative_to(ROOT))] = banned
    assert offenders == {}
