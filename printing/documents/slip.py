"""Thermal slips as a list of blocks (receipt, queue ticket, shift report), shared by PDF and ESC/POS."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kiosk import toml_read
from kiosk.domain.money import format_vnd
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


@dataclass(frozen=True)
class Pair:
    """Two centred columns side by side (the payer's and the collector's signature blocks)."""

    left: str
    right: str
    style: str = "normal"
    bold: bool = False


Block = Text | Row | Rule | Qr | Pair
SAMPLE = "MẪU — KHÔNG CÓ GIÁ TRỊ"  # on every sample and test print
ISSUER = "tổ chức được BHXH uỷ quyền thu"
# Circular 107/2017/TT-BTC (10/10/2017), administrative-unit accounting forms: C45-BB
# "Biên lai thu tiền", the form collection agents give the payer (RULES.md, Receipts).
FORM = "Mẫu số C45-BB"
FORM_SOURCE = "(Ban hành kèm theo Thông tư số 107/2017/TT-BTC ngày 10/10/2017 của Bộ Tài chính)"


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
    """The receipt in form C45-BB: the form's name, the agent as issuer, the title, series
    symbol and number, date, payer (name, SI number, address), the content per person and
    period, the amount in figures and in words, signature blocks, verification code and QR.

    The same blocks make the PDF and the thermal print, so both carry the same lines and QR."""
    blocks: list[Block] = []
    marks: list[Block] = []
    if doc.void:
        marks.append(Text("*** ĐÃ HỦY / VOID ***", "title", True, "center"))
    if doc.sample:
        marks.append(Text(SAMPLE, "large", True, "center"))
    blocks += marks
    blocks += [
        Text(FORM, "small", True, "right"),
        Text(FORM_SOURCE, "small", False, "center"),
        Text(doc.agent_name or "(Chưa khai báo đại lý thu)", "normal", True, "center"),
        Text(ISSUER, "small", False, "center"),
    ]
    if doc.agent_code:
        blocks.append(Text(f"Mã đại lý: {doc.agent_code}", "small", False, "center"))
    when = doc.issued_at
    blocks += [
        Rule(),
        Text("BIÊN LAI THU TIỀN", "title", True, "center"),
        Pair(f"Ký hiệu: {doc.symbol}", f"Số: {doc.number}", bold=True),
        Text(
            f"Ngày {when.day:02d} tháng {when.month:02d} năm {when.year} ({when:%H:%M})",
            "small",
            False,
            "center",
        ),
        Rule(),
        Text(f"Họ và tên người nộp tiền: {doc.payer_name}", "normal", True),
        Text(f"Mã số BHXH: {doc.payer_si_number or '—'}"),
        Text(f"Địa chỉ: {doc.payer_address or '—'}"),
        Rule(),
        Text("Nội dung thu:", "normal", True),
    ]
    for line in doc.lines:
        blocks.append(Row(line.person, format_vnd(line.amount), "normal", True))
        blocks.append(Text(line.description, "small"))
    blocks += [
        Rule(),
        Row("Số tiền:", format_vnd(doc.total), "large", True),
        Text(f"Bằng chữ: {doc.total_words}", "normal", False),
    ]
    if doc.payment_methods:
        blocks.append(Text(f"Hình thức thanh toán: {doc.payment_methods}", "small"))
    blocks += [
        Rule(),
        Pair("Người nộp tiền", "Người thu tiền", bold=True),
        Pair("(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)", "small"),
        Text(""),
        Text(""),
        Pair(doc.payer_name, doc.collector, "small"),
        Rule(),
        Text(f"Mã tra cứu biên lai: {doc.verify_code}", "normal", True, "center"),
    ]
    if doc.qr_payload:
        blocks.append(Qr(doc.qr_payload, f"Biên lai {doc.label}"))
    blocks.append(
        Text(
            "Tra cứu quá trình đóng trên ứng dụng VssID - BHXH số hoặc VNeID.",
            "small",
            False,
            "center",
        )
    )
    if doc.place:
        blocks.append(Text(f"Nơi thu: {doc.place}", "small", False, "center"))
    blocks += marks
    return Slip(f"Biên lai {doc.label}", _nfc(blocks))


def queue_ticket_slip(doc: QueueTicketDocument) -> Slip:
    """The self-registration ticket: big queue number, name, amount, VietQR."""
    blocks: list[Block] = [Text(SAMPLE, "large", True, "center")] if doc.sample else []
    blocks += [
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
    blocks: list[Block] = [Text(SAMPLE, "large", True, "center")] if doc.sample else []
    blocks.append(Text(name, "large", True, "center"))
    if doc.subtitle:
        blocks.append(Text(doc.subtitle, "small", False, "center"))
    blocks.append(Rule())
    blocks += [Row(label, format_vnd(amount)) for label, amount in doc.rows]
    blocks += [Text(note, "small") for note in doc.notes]
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
        elif isinstance(b, Pair):
            out.append(Pair(nfc(b.left), nfc(b.right), b.style, b.bold))
        else:
            out.append(b)
    return tuple(out)
