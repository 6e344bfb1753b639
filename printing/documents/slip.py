"""Thermal slips as a list of blocks (receipt, queue ticket, shift report), shared by PDF and ESC/POS."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kiosk import toml_read
from kiosk.domain.money import format_vnd
from kiosk.domain.numbers import receipt_number
from kiosk.domain.text import nfc
from printing.documents.layout import layout_error
from printing.documents.models import QueueTicketDocument, ReceiptDocument, ShiftReportDocument
from resources import resource_path

STYLES = ("small", "normal", "large", "title")


@dataclass(frozen=True)
class Text:
    text: str
    style: str = "normal"
    bold: bool = False
    align: str = "left"


@dataclass(frozen=True)
class Row:
    """A label (wrapped if long) with a right-aligned value, usually an amount."""

    left: str
    right: str
    style: str = "normal"
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class Qr:
    payload: str
    caption: str = ""


Block = Text | Row | Rule | Qr


@dataclass(frozen=True)
class Slip:
    title: str  # PDF metadata title
    blocks: tuple[Block, ...]


@cache
def slip_style() -> dict[str, dict[str, float]]:
    """resources/layouts/slip.toml, validated: every size a positive number."""
    raw = toml_read.loads(resource_path("layouts", "slip.toml").read_text("utf-8"))
    need = {
        "pdf": ("width_mm", "margin_mm", "qr_mm", *STYLES, "leading"),
        "raster": ("margin", "qr_module", *STYLES, "leading"),
    }
    out: dict[str, dict[str, float]] = {}
    for table, keys in need.items():
        section = raw.get(table)
        if not isinstance(section, dict):
            raise layout_error("slip", table, "a table is required")
        for key in keys:
            value = section.get(key)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise layout_error("slip", f"{table}.{key}", "a positive number is required")
        out[table] = {k: float(section[k]) for k in keys}
    return out


def receipt_slip(doc: ReceiptDocument) -> Slip:
    """The receipt: header, one entry per member and period, total, payments, QR."""
    blocks: list[Block] = []
    void = Text("*** ĐÃ HỦY / VOID ***", "title", True, "center")
    if doc.void:
        blocks.append(void)
    blocks += [
        Text("BIÊN LAI THU TIỀN", "title", True, "center"),
        Text(doc.event_name, "normal", True, "center"),
        Text(doc.venue, "small", False, "center"),
        Rule(),
        Row("Số biên lai:", receipt_number(doc.series, doc.number), bold=True),
        Row("Ngày:", doc.issued_at.strftime("%d/%m/%Y %H:%M")),
        Row("Ki-ốt:", doc.kiosk_id),
        Row("Nhân viên:", doc.staff_name),
        Rule(),
    ]
    for line in doc.lines:
        blocks.append(Text(line.person, "normal", True))
        blocks.append(Row(line.description, format_vnd(line.amount), "small"))
    blocks += [Rule(), Row("TỔNG CỘNG", format_vnd(doc.total), "large", True)]
    blocks += [Row(p.method, format_vnd(p.amount)) for p in doc.payments]
    if doc.tendered is not None:
        blocks.append(Row("Khách đưa", format_vnd(doc.tendered)))
    if doc.change is not None:
        blocks.append(Row("Tiền thừa", format_vnd(doc.change)))
    if doc.qr_payload:
        blocks += [Rule(), Qr(doc.qr_payload, doc.qr_caption)]
    blocks += [Rule(), Text("Cảm ơn quý khách!", "small", False, "center")]
    if doc.void:
        blocks.append(void)
    return Slip(f"Biên lai {receipt_number(doc.series, doc.number)}", _nfc(blocks))


def queue_ticket_slip(doc: QueueTicketDocument) -> Slip:
    """The self-registration ticket: big queue number, name, amount, VietQR."""
    blocks: list[Block] = [
        Text("PHIẾU ĐĂNG KÝ", "large", True, "center"),
        Text(doc.number, "title", True, "center"),
        Text(doc.name, "normal", True, "center"),
        Rule(),
        Row("Số tiền cần nộp", format_vnd(doc.total), "large", True),
    ]
    if doc.vietqr_payload:
        blocks.append(Qr(doc.vietqr_payload, "Quét mã VietQR để chuyển khoản"))
    blocks.append(Text("Vui lòng đến quầy khi được gọi số.", "small", False, "center"))
    return Slip(f"Phiếu {doc.number}", _nfc(blocks))


def shift_report_slip(doc: ShiftReportDocument) -> Slip:
    """An X (interim) or Z (closing) report: one row per figure."""
    name = "BÁO CÁO KẾT CA (Z)" if doc.title.upper() == "Z" else f"BÁO CÁO GIỮA CA ({doc.title})"
    blocks: list[Block] = [Text(name, "large", True, "center")]
    if doc.subtitle:
        blocks.append(Text(doc.subtitle, "small", False, "center"))
    blocks.append(Rule())
    blocks += [Row(label, format_vnd(amount)) for label, amount in doc.rows]
    blocks.append(Rule())
    return Slip(name, _nfc(blocks))


def _nfc(blocks: list[Block]) -> tuple[Block, ...]:
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Text):
            out.append(Text(nfc(b.text), b.style, b.bold, b.align))
        elif isinstance(b, Row):
            out.append(Row(nfc(b.left), nfc(b.right), b.style, b.bold))
        elif isinstance(b, Qr):
            out.append(Qr(b.payload, nfc(b.caption)))
        else:
            out.append(b)
    return tuple(out)
