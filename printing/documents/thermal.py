"""Thermal slips as ESC/POS bytes: raster text in the shipped font, or a real Vietnamese code page."""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable
from typing import Any

from escpos.printer import Dummy
from PIL import Image, ImageDraw

from kiosk.errors import KioskError
from printing.documents.models import QueueTicketDocument, ReceiptDocument, ShiftReportDocument
from printing.documents.pdfdraw import qr_matrix
from printing.documents.slip import (
    Pair,
    Qr,
    Row,
    Rule,
    Slip,
    Text,
    queue_ticket_slip,
    receipt_slip,
    shift_report_slip,
    slip_style,
)
from printing.fonts import draw_raster_text, fit_pil, greedy_wrap, raster_width

WIDTHS = (576, 384)  # 80 mm and 58 mm heads at 203 dpi
FRAGMENT_HEIGHT = 960  # python-escpos' default band: printers' raster buffers are limited
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
Draw = Callable[[Image.Image, int], None]


def slip_image(slip: Slip, width_dots: int = 576) -> Image.Image:
    """The whole slip as ONE 1-bit image (0 = black), `width_dots` wide."""
    if width_dots not in WIDTHS:
        raise ValueError(f"width_dots must be one of {WIDTHS}")
    style = slip_style()["raster"]
    scale = width_dots / 576
    steps = [s for b in slip.blocks for s in _raster_steps(b, style, scale, width_dots)]
    margin = round(style["margin"] * scale)
    height = sum(h for h, _ in steps) + 2 * margin
    image = Image.new("1", (width_dots, height), 1)
    y = margin
    for h, step in steps:
        step(image, y)
        y += h
    return image


def render_slip_escpos(
    slip: Slip, width_dots: int = 576, profile: str = "default", text_mode: bool = False
) -> bytes:
    """ESC @, the slip (one raster image by default, or code-page text), feed and full cut."""
    printer = _printer(profile, width_dots)
    printer.hw("INIT")
    if text_mode:
        _text_slip(printer, slip, width_dots)
    else:
        image = slip_image(slip, width_dots)
        # Bands cut here rather than by python-escpos, which would convert the whole image
        # once more before splitting it; the bytes are the same.
        for top in range(0, image.height, FRAGMENT_HEIGHT):
            band = image.crop((0, top, width_dots, min(image.height, top + FRAGMENT_HEIGHT)))
            printer.image(band, fragment_height=FRAGMENT_HEIGHT)
    printer.cut()
    return bytes(printer.output)


def render_receipt_escpos(
    doc: ReceiptDocument, width_dots: int = 576, profile: str = "default", text_mode: bool = False
) -> bytes:
    """The receipt for a thermal printer (see render_slip_escpos)."""
    return render_slip_escpos(receipt_slip(doc), width_dots, profile, text_mode)


def render_queue_ticket_escpos(
    doc: QueueTicketDocument,
    width_dots: int = 576,
    profile: str = "default",
    text_mode: bool = False,
) -> bytes:
    """The queue ticket for a thermal printer."""
    return render_slip_escpos(queue_ticket_slip(doc), width_dots, profile, text_mode)


def render_shift_report_escpos(
    doc: ShiftReportDocument,
    width_dots: int = 576,
    profile: str = "default",
    text_mode: bool = False,
) -> bytes:
    """The X/Z shift report for a thermal printer."""
    return render_slip_escpos(shift_report_slip(doc), width_dots, profile, text_mode)


def vietnamese_code_page(profile: str) -> int | None:
    """The ESC t number of CP1258 in this profile's capabilities, or None if it has none.

    Only CP1258 is used: Python can encode it. TCVN-3 is split over two tables (lower and upper
    case) and has no codec; such printers get raster text.
    """
    return _profile_page(_printer(profile, 576))


def encode_cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed, tone marks as combining bytes."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        tones = "".join(c for c in parts if c in TONE_MARKS)
        try:
            out += base.encode("cp1258") + tones.encode("cp1258")
        except UnicodeEncodeError:
            out += b"?"
    return bytes(out)


def _printer(profile: str, width_dots: int) -> Any:
    try:
        printer = Dummy(profile=profile)
    except Exception:  # python-escpos raises its own NotSupported for unknown names
        raise KioskError(
            "escpos.unknown_profile",
            vi=f"Không có cấu hình máy in “{profile}”.",
            en=f"There is no printer profile “{profile}”.",
            profile=profile,
        ) from None
    # Our own copy of the profile data with the real head width: python-escpos then checks the
    # image width and can centre QR images (and does not print a warning to stdout).
    data = copy.deepcopy(printer.profile.profile_data)
    data["media"] = {**data.get("media", {}), "width": {"pixels": width_dots}}
    printer.profile.profile_data = data
    return printer


def _raster_steps(
    block: object, style: dict[str, float], scale: float, width: int
) -> list[tuple[int, Draw]]:
    margin = round(style["margin"] * scale)
    inner = width - 2 * margin
    if isinstance(block, Rule):
        h = round(16 * scale)
        return [(h, lambda im, y: _dashes(im, y + h // 2, margin, width - margin))]
    if isinstance(block, Qr):
        module = max(2, round(style["qr_module"] * scale))
        qr = _qr_image(block.payload, module)
        out: list[tuple[int, Draw]] = [
            (qr.height, lambda im, y: im.paste(0, ((width - qr.width) // 2, y), qr))
        ]
        if block.caption:
            out += _raster_steps(Text(block.caption, "small", False, "center"), style, scale, width)
        return out
    if isinstance(block, Pair):
        return _pair_raster(block, style, scale, width)
    if isinstance(block, Row):
        px = max(16, round(style[block.style] * scale))
        right_w = raster_width(block.right, px, block.bold) + round(12 * scale)
        lines = _wrap(block.left, px, block.bold, inner - right_w) or [""]
        line_h = round(px * style["leading"])
        rows: list[tuple[int, Draw]] = []
        for n, line in enumerate(lines):
            right = block.right if n == 0 else ""
            rows.append((line_h, _row_draw(line, right, px, block.bold, margin, width - margin)))
        return rows
    assert isinstance(block, Text)
    px = max(16, round(style[block.style] * scale))
    texts: list[tuple[int, Draw]] = []
    for line in _wrap(block.text, px, block.bold, inner) or [""]:
        fitted, size = fit_pil(line, px, inner, round(px * 0.6), block.bold)
        x = {"left": margin, "center": width // 2, "right": width - margin}[block.align]
        step = _text_draw(fitted, size, block.bold, x, block.align)
        texts.append((round(px * style["leading"]), step))
    return texts


def _pair_raster(
    block: Pair, style: dict[str, float], scale: float, width: int
) -> list[tuple[int, Draw]]:
    """Two columns, each half the printable width, each line centred in its column."""
    margin = round(style["margin"] * scale)
    half = (width - 2 * margin) // 2
    px = max(16, round(style[block.style] * scale))
    left = _wrap(block.left, px, block.bold, half - 8) or [""]
    right = _wrap(block.right, px, block.bold, half - 8) or [""]
    rows: list[tuple[int, Draw]] = []
    for n in range(max(len(left), len(right))):
        texts = (left[n] if n < len(left) else "", right[n] if n < len(right) else "")
        rows.append((round(px * style["leading"]), _pair_draw(texts, px, block.bold, margin, half)))
    return rows


def _pair_draw(texts: tuple[str, str], px: int, bold: bool, margin: int, half: int) -> Draw:
    def draw(im: Image.Image, y: int) -> None:
        for i, text in enumerate(texts):
            if text:
                fitted, size = fit_pil(text, px, half - 8, round(px * 0.6), bold)
                draw_raster_text(im, margin + half * i + half // 2, y, fitted, size, bold, "center")

    return draw


def _text_draw(text: str, px: int, bold: bool, x: int, align: str) -> Draw:
    def draw(im: Image.Image, y: int) -> None:
        draw_raster_text(im, x, y, text, px, bold, align)

    return draw


def _row_draw(left: str, right: str, px: int, bold: bool, x0: int, x1: int) -> Draw:
    def draw(im: Image.Image, y: int) -> None:
        draw_raster_text(im, x0, y, left, px, bold)
        if right:
            draw_raster_text(im, x1, y, right, px, bold, "right")

    return draw


def _dashes(im: Image.Image, y: int, x0: int, x1: int) -> None:
    draw = ImageDraw.Draw(im)
    for x in range(x0, x1, 12):
        draw.line((x, y, min(x + 6, x1), y), fill=0, width=2)


def _wrap(text: str, px: int, bold: bool, max_px: int) -> list[str]:
    return greedy_wrap(text, lambda line: raster_width(line, px, bold), max_px)


def _qr_image(payload: str, module: int) -> Image.Image:
    """The QR with its 4-module quiet zone as a 1-bit mask (1 = dark) for ImageDraw.bitmap."""
    matrix = qr_matrix(payload)
    n = len(matrix)
    cells = bytes(255 if dark else 0 for row in matrix for dark in row)
    small = Image.frombytes("L", (n, n), cells)
    full = Image.new("L", (n + 8, n + 8), 0)
    full.paste(small, (4, 4))
    return full.resize(((n + 8) * module, (n + 8) * module), Image.Resampling.NEAREST).convert("1")


# --- code-page text path -------------------------------------------------------------------

_SIZES = {"small": 0x00, "normal": 0x00, "large": 0x01, "title": 0x11}  # GS ! n


def _text_slip(printer: Any, slip: Slip, width_dots: int) -> None:
    """Text in the printer's own font, selecting CP1258 with ESC t n first."""
    page = _profile_page(printer)
    if page is None:
        raise KioskError(
            "escpos.no_vietnamese_codepage",
            vi="Cấu hình máy in này không có bảng mã tiếng Việt; hãy in dạng ảnh.",
            en="This printer profile has no Vietnamese code page; print as an image.",
        )
    columns = width_dots // 12  # font A is 12 dots wide
    printer._raw(b"\x1bt" + bytes((page,)))
    for block in slip.blocks:
        if isinstance(block, Qr):
            printer._raw(b"\x1ba\x01")
            printer.qr(block.payload, native=False, size=4, center=False)
            if block.caption:
                _line(printer, Text(block.caption, "small", False, "center"), columns)
        elif isinstance(block, Rule):
            _line(printer, Text("-" * columns), columns)
        elif isinstance(block, Pair):
            wide = 2 if _SIZES[block.style] & 0x10 else 1
            half = columns // wide // 2
            text = block.left.center(half)[:half] + block.right.center(half)[:half]
            _line(printer, Text(text.rstrip(), block.style, block.bold), columns)
        elif isinstance(block, Row):
            wide = 2 if _SIZES[block.style] & 0x10 else 1
            cols = columns // wide
            space = max(1, cols - len(block.left) - len(block.right))
            text = block.left + " " * space + block.right
            _line(printer, Text(text, block.style, block.bold), columns)
        else:
            assert isinstance(block, Text)
            _line(printer, block, columns)


def _profile_page(printer: Any) -> int | None:
    pages: dict[str, str] = printer.profile.profile_data.get("codePages", {})
    numbers = sorted(int(n) for n, name in pages.items() if name == "CP1258")
    return numbers[0] if numbers else None


def _line(printer: Any, block: Text, columns: int) -> None:
    align = {"left": 0, "center": 1, "right": 2}[block.align]
    printer._raw(
        b"\x1ba"
        + bytes((align,))
        + b"\x1bE"
        + bytes((int(block.bold),))
        + b"\x1d!"
        + bytes((_SIZES[block.style],))
    )
    printer._raw(encode_cp1258(block.text) + b"\n")
