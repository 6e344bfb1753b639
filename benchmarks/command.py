"""`python -m kiosk bench [--json] [--small]`: medians of the kiosk's speed and memory targets.

Everything is measured in this run on this machine; only the 1,000,000-person database is
cached between runs (in the data directory, `--cache` to move it) because building it takes
a minute or two. `--small` uses 20,000 people, 2,000 payments and 200 attendees (the CI run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
from pathlib import Path
from typing import Any

TARGETS: dict[str, float] = {
    "quote": 1,
    "render_card": 30,
    "render_booklet": 50,
    "render_receipt_escpos": 30,
    "checkout": 15,
    "lookup_id_1m": 2,
    "search_name_1m": 30,
    "report_day_20k": 300,
    "export_xlsx_20k": 5000,
    "startup_s": 1,
    "gui_max_stall": 50,
    "rss_mb_after_1000": 300,
}
SEARCH_QUERY = "nguyen thi huyen"


def register(sub: Any) -> None:
    parser = sub.add_parser("bench", help="measure speed and memory against the targets")
    parser.add_argument("--json", action="store_true", help="print one JSON object only")
    parser.add_argument("--small", action="store_true", help="small sizes (quick check, CI)")
    parser.add_argument("--cache", type=Path, default=None, help="folder for the cached 1M db")
    parser.add_argument("--repeat", type=int, default=20)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.paths import keep_printer_library_cache

    keep_printer_library_cache()  # the receipt benchmark loads python-escpos
    results = measure(small=args.small, cache=args.cache, repeat=args.repeat)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return 0
    for key, value in results.items():
        target = TARGETS.get(key)
        verdict = "" if target is None else ("  OK" if value < target else f"  > {target}")
        print(f"{key:<24} {value}{verdict}")
    return 0


def measure(small: bool, cache: Path | None, repeat: int) -> dict[str, Any]:
    """Every figure, in the order of the README table."""
    from benchmarks import core, day, documents, process

    people = 20_000 if small else 1_000_000
    payments = 2_000 if small else 20_000
    attendees = 200 if small else 1_000
    out: dict[str, Any] = {"quote": core.bench_quote(repeat)}
    out.update(documents.bench_render(repeat))
    out["checkout"] = core.bench_checkout(repeat)
    out.update(_search(people, cache, repeat))
    with tempfile.TemporaryDirectory() as tmp:
        db = day.build_day(Path(tmp), payments)
        out.update(_day(db, payments, repeat))
        db.dispose()
    # The target is the slower of the two first screens (desk login, attendees' welcome);
    # `ready_*` is when the database is open and the whole mode works (no target).
    for mode in ("staff", "selfservice"):
        times = process.startup_times(mode=mode)
        out[f"startup_{mode}_s"] = times["first"]
        out[f"ready_{mode}_s"] = times["ready"]
    out["startup_s"] = max(out["startup_staff_s"], out["startup_selfservice_s"])
    out["gui_max_stall"] = process.gui_max_stall()
    out[_sized("rss_mb_after", attendees)] = process.rss_mb_after(attendees)
    out["machine"] = _machine()
    return out


def _search(people: int, cache: Path | None, repeat: int) -> dict[str, float]:
    from benchmarks import core
    from benchmarks import people as bulk
    from kiosk.paths import data_dir
    from kiosk.store.db import Database

    folder = cache or data_dir() / "bench-cache"
    folder.mkdir(parents=True, exist_ok=True)
    db = Database(bulk.build(folder / f"people-{people}.sqlite3", people))
    try:
        lookup = core.bench_lookup(db, people, repeat)
        fast = core.bench_search(db, SEARCH_QUERY, repeat)
        naive = core.bench_naive_search(db, SEARCH_QUERY, repeat)
    finally:
        db.dispose()
    size = _size_label(people)
    return {
        f"lookup_id_{size}": lookup,
        f"search_name_{size}": fast,
        f"naive_search_name_{size}": naive,
        "search_speedup": round(naive / fast, 1) if fast else 0.0,
    }


def _day(db: Any, payments: int, repeat: int) -> dict[str, float]:
    from benchmarks.day import day_context
    from benchmarks.timing import median_ms
    from kiosk.services.exports import export_participants_xlsx
    from kiosk.services.reports import day_report

    ctx = day_context()

    def report() -> None:
        with db.read() as session:
            day_report(session, ctx)

    def export() -> None:
        with tempfile.TemporaryDirectory() as tmp, db.read() as session:
            export_participants_xlsx(session, ctx, Path(tmp) / "participants.xlsx")

    size = _size_label(payments)
    return {
        f"report_day_{size}": median_ms(report, repeat),
        f"export_xlsx_{size}": median_ms(export, max(3, repeat // 5), warmup=1),
    }


def _sized(prefix: str, count: int) -> str:
    return f"{prefix}_{count}"


def _size_label(count: int) -> str:
    return f"{count // 1_000_000}m" if count >= 1_000_000 else f"{count // 1_000}k"


def _machine() -> str:
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPU, {platform.python_version()}"
