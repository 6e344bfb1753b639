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

    def t(vi: str, en: str) -> str:
        return en if lang == "en" else vi

    rows = [
        t(
            f"BÁO CÁO {report.kind} — ki-ốt {report.kiosk_id}",
            f"{report.kind} REPORT — kiosk {report.kiosk_id}",
        ),
        t("Tiền đầu ca: ", "Opening float: ") + format_vnd(report.opening_float),
    ]
    for line in report.lines:
        counted = (
            ""
            if line.counted is None
            else t("  đếm {c}  lệch {d}", "  counted {c}  difference {d}").format(
                c=format_vnd(line.counted), d=format_vnd(line.difference or 0)
            )
        )
        rows.append(
            f"{label(line.method, lang):<22} {line.count:>3} "
            + t("lần  dự kiến", "paid  expected")
            + f" {format_vnd(line.expected)}{counted}"
        )
    rows.append(
        t("Nộp vào {i}  Rút ra {o}", "Paid in {i}  Taken out {o}").format(
            i=format_vnd(report.cash_in), o=format_vnd(report.cash_out)
        )
    )
    rows.append(
        t(
            "Biên lai {r}  Hủy {v}  Thu/chi {m}  VietQR chờ {q} ({a})",
            "Receipts {r}  Voided {v}  Cash in/out {m}  VietQR waiting {q} ({a})",
        ).format(
            r=report.receipts,
            v=report.voids,
            m=report.movement_count,
            q=report.pending_vietqr,
            a=format_vnd(report.pending_vietqr_amount),
        )
    )
    if report.outside_count or report.outside_amount:
        rows.append(
            t(
                "Trong đó xác nhận ngoài ca (khi chưa mở ca): {n} khoản ({a})",
                "Of these, confirmed while no shift was open: {n} payments ({a})",
            ).format(n=report.outside_count, a=format_vnd(report.outside_amount))
        )
    return "\n".join(rows)
