"""`python -m kiosk demo --attendees N --out DIR`: a scripted event day, headless."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.domain.money import format_vnd


def register(sub: Any) -> None:
    parser = sub.add_parser("demo", help="play a scripted event day with synthetic attendees")
    parser.add_argument("--attendees", type=int, default=60)
    parser.add_argument("--out", type=Path, required=True, help="folder for the database and files")
    parser.add_argument("--seed", type=int, default=2026)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scenario.demo import run_demo

    summary = run_demo(args.attendees, args.out, args.seed)
    print(
        f"Ngày sự kiện mô phỏng / demo event day: {summary.attendees} người, {summary.visits} lượt, "
        f"{summary.paid_visits} đã thu"
    )
    for method, amount in sorted(summary.by_method.items()):
        print(f"  {method:<7} {format_vnd(amount):>16}")
    print(f"  {'tổng':<7} {format_vnd(summary.total_collected):>16}")
    print(
        f"Biên lai / receipts: {summary.receipts} (hủy / void {summary.voided}); "
        f"Z: lệch / difference {summary.z_report.get('difference')}"
    )
    for note in summary.notes:
        print(f"- {note}")
    for name, path in summary.files.items():
        print(f"{name}: {path}")
    return 0
