"""What the Exports page can write: one entry per export button (file name, label, what it
counts) and the function that writes it, plus the result and the write error they share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.exports import (
    export_campaign_xlsx,
    export_participants_xlsx,
    export_payments_xlsx,
)

Exporter = Callable[[Session, KioskContext, Path, date | None], int]


@dataclass(frozen=True)
class ExportKind:
    """One export button: its key, file name stem and suffix, label and what it writes."""

    key: str
    stem: str
    suffix: str
    label: str
    hint: str
    unit: str  # what the count counts, "dòng", "tờ khai", "bản ghi"


KINDS = (
    ExportKind(
        "participants",
        "nguoi-tham-gia",
        "xlsx",
        "Danh sách người tham gia (XLSX)",
        "Một dòng cho mỗi người đã nộp tiền, để nhập vào hệ thống BHXH.",
        "dòng",
    ),
    ExportKind(
        "payments",
        "thanh-toan",
        "xlsx",
        "Thanh toán (XLSX)",
        "Mọi khoản thu, hoàn trả và hủy, kèm số biên lai.",
        "dòng",
    ),
    ExportKind(
        "campaign",
        "chien-dich",
        "xlsx",
        "Số liệu chiến dịch (XLSX)",
        "Hướng dẫn cài VssID, lương hưu không tiền mặt, tư vấn.",
        "dòng",
    ),
    ExportKind(
        "declarations",
        "to-khai",
        "pdf",
        "Tờ khai TK1-TS (một tệp PDF)",
        "Tờ khai của mọi người đã nộp tiền, gộp thành một tệp để in.",
        "tờ khai",
    ),
    ExportKind(
        "bundle",
        "goi-dong-bo",
        "kbundle",
        "Gói dữ liệu đồng bộ",
        "Toàn bộ dữ liệu của ki-ốt, có chữ ký, để nhập ở máy văn phòng.",
        "bản ghi",
    ),
)


def _declarations_pdf(session: Session, ctx: KioskContext, path: Path, day: date | None) -> int:
    """The TK1-TS PDF export, its renderer (reportlab, pypdf) loaded on the worker when asked."""
    from printing.exports_pdf import export_declarations_pdf

    return export_declarations_pdf(session, ctx, path, day)


EXPORTERS: dict[str, Exporter] = {
    "participants": export_participants_xlsx,
    "payments": export_payments_xlsx,
    "campaign": export_campaign_xlsx,
    "declarations": _declarations_pdf,
}


@dataclass(frozen=True)
class ExportResult:
    kind: str
    path: Path
    count: int


def write_error(path: Path, exc: OSError) -> KioskError:
    reason = exc.strerror or type(exc).__name__
    return KioskError(
        "export.write_failed",
        vi=f"Không ghi được tệp {path}: {reason}. Hãy chọn thư mục khác hoặc kiểm tra ổ đĩa.",
        en=f"Could not write {path}: {reason}. Choose another folder or check the drive.",
        path=str(path),
    )
