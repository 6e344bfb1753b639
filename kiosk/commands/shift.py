"""`kiosk shift x-report`: the running figures of this kiosk's open shift."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli_lang import current_lang
from kiosk.domain.labels import label
from kiosk.domain.money import format_vnd
from kiosk.services.shifts import ShiftReport


def register(sub: Any) -> None:
    parser = sub.add_parser("shift", help="cash shift reports")
    parser.add_argument("action", choices=("x-report",), help="x-report: running figures")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk import paths
    from kiosk.bootstrap import kiosk_context, open_database
    from kiosk.config import load_config
    from kiosk.services.shifts import x_report

    config = load_config(paths.config_path())
    db = open_database(config)
    ctx = kiosk_context(config)
    try:
        with db.read() as session:
            report = x_report(session, ctx)
    finally:
        db.dispose()
    print(render_text(report, current_lang()))
    return 0


def render_text(report: ShiftReport, lang: str = "vi") -> str:
    """The report as plain text in `lang` (Vietnamese by default)."""
    return "\n".join(_rows_en(report) if lang == "en" else _rows_vi(report))


def _rows_vi(report: ShiftReport) -> list[str]:
    rows = [
        f"BÁO CÁO {report.kind} — ki-ốt {report.kiosk_id}",
        f"Tiền đầu ca: {format_vnd(report.opening_float)}",
    ]
    for line in report.lines:
        counted = (
            ""
            if line.counted is None
            else f"  đếm {format_vnd(line.counted)}  lệch {format_vnd(line.difference or 0)}"
        )
        rows.append(
            f"{label(line.method):<22} {line.count:>3} lần  dự kiến {format_vnd(line.expected)}{counted}"
        )
    rows.append(f"Nộp vào {format_vnd(report.cash_in)}  Rút ra {format_vnd(report.cash_out)}")
    rows.append(
        f"Biên lai {report.receipts}  Hủy {report.voids}  Thu/chi {report.movement_count}  "
        f"VietQR chờ {report.pending_vietqr} ({format_vnd(report.pending_vietqr_amount)})"
    )
    if report.outside_count or report.outside_amount:
        rows.append(
            f"Trong đó xác nhận ngoài ca (khi chưa mở ca): {report.outside_count} khoản "
            f"({format_vnd(report.outside_amount)})"
        )
    return rows


def _rows_en(report: ShiftReport) -> list[str]:
    rows = [
        f"{report.kind} REPORT — kiosk {report.kiosk_id}",
        f"Opening float: {format_vnd(report.opening_float)}",
    ]
    for line in report.lines:
        counted = (
            ""
            if line.counted is None
            else f"  counted {format_vnd(line.counted)}  difference "
            f"{format_vnd(line.difference or 0)}"
        )
        rows.append(
            f"{label(line.method, 'en'):<22} {line.count:>3} paid  expected "
            f"{format_vnd(line.expected)}{counted}"
        )
    rows.append(f"Paid in {format_vnd(report.cash_in)}  Taken out {format_vnd(report.cash_out)}")
    rows.append(
        f"Receipts {report.receipts}  Voided {report.voids}  Cash in/out {report.movement_count}  "
        f"VietQR waiting {report.pending_vietqr} ({format_vnd(report.pending_vietqr_amount)})"
    )
    if report.outside_count or report.outside_amount:
        rows.append(
            f"Of these, confirmed while no shift was open: {report.outside_count} payments "
            f"({format_vnd(report.outside_amount)})"
        )
    return rows
