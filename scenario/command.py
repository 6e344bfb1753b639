"""`python -m kiosk demo --attendees N --out DIR`: a scripted event day, headless."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli_lang import current_lang, say, text
from kiosk.domain.enums import PaymentMethod
from kiosk.domain.labels import label
from kiosk.domain.money import format_vnd


def register(sub: Any) -> None:
    parser = sub.add_parser("demo", help="play a scripted event day with synthetic attendees")
    parser.add_argument("--attendees", type=int, default=60)
    parser.add_argument("--out", type=Path, required=True, help="folder for the database and files")
    parser.add_argument("--seed", type=int, default=2026)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.paths import keep_printer_library_cache
    from scenario.demo import run_demo

    keep_printer_library_cache()  # the day prints receipts with python-escpos
    summary = run_demo(args.attendees, args.out, args.seed)
    s = summary
    say(
        f"Ngày sự kiện mô phỏng: {s.attendees} người, {s.visits} lượt, {s.paid_visits} đã thu",
        f"Demo event day: {s.attendees} people, {s.visits} visits, {s.paid_visits} paid",
    )
    lang = current_lang()
    for method, amount in sorted(summary.by_method.items()):
        print(f"  {label(PaymentMethod(method), lang):<20} {format_vnd(amount):>16}")
    print(f"  {text('Tổng cộng', 'Total'):<20} {format_vnd(summary.total_collected):>16}")
    difference = summary.z_report.get("difference")
    shown = format_vnd(difference) if isinstance(difference, int) else "—"
    say(
        f"Biên lai: {s.receipts} (hủy {s.voided}); đóng ca Z: chênh lệch {shown}",
        f"Receipts: {s.receipts} ({s.voided} voided); Z close: difference {shown}",
    )
    # The notes are written in English into summary.json (a developer's record), kept as is.
    if summary.notes:
        say("Ghi chú (tiếng Anh, như trong summary.json):", "Notes:")
    for note in summary.notes:
        print(f"- {note}")
    for name, path in summary.files.items():
        print(f"{name}: {path}")
    return 0
