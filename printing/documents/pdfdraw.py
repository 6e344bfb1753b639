"""Draw layout items on a reportlab canvas: text that fits its box, QR codes, boxes, lines."""

from __future__ import annotations

import logging
import string
from collections.abc import Mapping
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain.text import nfc
from printing.documents.layout import Item, Page
from printing.fonts import ELLIPSIS, fit_text, font_name, greedy_wrap, text_width

log = logging.getLogger(__name__)

Values = Mapping[str, object]
QUIET_MODULES = 4
FIXED_MASK = 2  # the QR standard's quiet zone, drawn inside the item's box


def fill_text(template: str, values: Values, where: str) -> str:
    """Fill "{name}" placeholders; a missing or failing value degrades to blank and is logged."""
    out: list[str] = []
    for literal, field, spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if field is None:
            continue
        if field not in values:  # a layout naming a field no document has: a layout bug
            log.warning("document field %s is unknown at %s; printed blank", field, where)
            continue
        value = values[field]
        if value is None or value == "":  # not given for this person (no income for BHYT only)
            log.debug("document field %s is empty at %s; printed blank", field, where)
            continue
        try:
            out.append(format(value, spec or ""))
        except (TypeError, ValueError):
            log.warning("document field %s could not be formatted at %s", field, where)
    return nfc("".join(out))


def is_shown(item: Item, values: Values) -> bool:
    """Whether an item's `when` condition holds ("name" truthy, "!name" falsy)."""
    if not item.when:
        return True
    negate = item.when.startswith("!")
    shown = bool(values.get(item.when.lstrip("!")))
    return shown != negate


def draw_page(
    canvas: Canvas,
    page: Page,
    values: Values,
    height_mm: float,
    offset_mm: tuple[float, float] = (0.0, 0.0),
) -> None:
    """Draw every item of a layout page; one failing item is logged and skipped, never fatal."""
    for item in page.items:
        if not is_shown(item, values):
            continue
        try:
            draw_item(canvas, item, values, height_mm, offset_mm)
        except Exception:  # a broken field must not stop the rest of the print (pretix-style)
            log.exception("layout item %s failed; left blank", item.key)


def draw_item(
    canvas: Canvas, item: Item, values: Values, height_mm: float, offset_mm: tuple[float, float]
) -> None:
    """Draw one item; y in the layout runs down from the top, reportlab's runs up."""
    x = (item.x + offset_mm[0]) * mm
    top = (height_mm - item.y - offset_mm[1]) * mm
    if item.kind == "rect":
        _rect(canvas, item, x, top)
    elif item.kind == "line":
        canvas.setStrokeColor(HexColor(item.color))
        canvas.setLineWidth(item.stroke or 0.5)
        canvas.line(x, top, x + item.w * mm, top - item.h * mm)
    elif item.kind == "qr":
        payload = fill_text(item.text, values, item.key)
        if payload:
            draw_qr(canvas, payload, x, top - item.w * mm, item.w * mm)
    else:
        text = fill_text(item.text, values, item.key)
        if text:
            draw_text(canvas, item, text, x, top)


def _rect(canvas: Canvas, item: Item, x: float, top: float) -> None:
    if item.fill:
        canvas.setFillColor(HexColor(item.fill))
    if item.stroke:
        canvas.setStrokeColor(HexColor(item.color))
        canvas.setLineWidth(item.stroke)
    canvas.rect(
        x,
        top - item.h * mm,
        item.w * mm,
        item.h * mm,
        stroke=int(item.stroke > 0),
        fill=int(bool(item.fill)),
    )


def draw_text(canvas: Canvas, item: Item, text: str, x: float, baseline: float) -> None:
    """Text shrunk to its box (then ellipsized); several lines when max_lines > 1."""
    font = font_name(item.font == "bold")
    max_w = item.max_width * mm if item.max_width else 10_000.0
    if item.max_lines > 1:
        lines, size = wrap_fit(text, font, item.size, max_w, item.min_size, item.max_lines)
    else:
        line, size = fit_text(text, font, item.size, max_w, item.min_size)
        lines = [line]
    canvas.setFillColor(HexColor(item.color))
    canvas.setFont(font, size)
    for n, line in enumerate(lines):
        y = baseline - n * size * item.leading
        if item.align == "center":
            canvas.drawCentredString(x, y, line)
        elif item.align == "right":
            canvas.drawRightString(x, y, line)
        else:
            canvas.drawString(x, y, line)


def wrap_words(text: str, font: str, size: float, max_w: float) -> list[str]:
    """Greedy word wrap at a given size (a single over-long word stays on its own line)."""
    return greedy_wrap(text, lambda line: text_width(line, font, size), max_w)


def wrap_fit(
    text: str, font: str, size: float, max_w: float, min_size: float, max_lines: int
) -> tuple[list[str], float]:
    """Wrap into at most `max_lines`, shrinking by half points; ellipsize the last line if needed."""
    while True:
        lines = wrap_words(text, font, size, max_w)
        if len(lines) <= max_lines and all(text_width(s, font, size) <= max_w for s in lines):
            return lines, size
        if size - 0.5 < min_size:
            break
        size -= 0.5
    kept = lines[: max_lines - 1]
    rest = " ".join(lines[max_lines - 1 :])
    last, _ = fit_text(rest, font, size, max_w, size)
    if not last.endswith(ELLIPSIS) and len(lines) > max_lines:
        last = fit_text(rest + ELLIPSIS * 40, font, size, max_w, size)[0]
    return [*kept, last], size


@lru_cache(maxsize=64)
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules (no quiet zone) for a payload, error correction M, cached."""
    # A fixed mask skips qrcode's trial of all eight (~20 ms in pure Python); any mask is valid
    # QR (the reader takes it from the format bits), and every QR we print is decoded in tests.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=FIXED_MASK)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code as vector rectangles in a `size`-point square whose lower-left is (x, y)."""
    matrix = qr_matrix(payload)
    n = len(matrix)
    module = size / (n + 2 * QUIET_MODULES)
    canvas.setFillColor(HexColor("#FFFFFF"))
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#000000"))
    path = canvas.beginPath()
    origin_x = x + QUIET_MODULES * module
    origin_top = y + size - QUIET_MODULES * module
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            # One rectangle per dark run keeps the PDF small and the render fast.
            path.rect(
                origin_x + start * module,
                origin_top - (r + 1) * module,
                (c - start) * module,
                module,
            )
    canvas.drawPath(path, stroke=0, fill=1)
