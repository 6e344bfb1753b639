"""Thermal slips as PDF on an 80 mm wide page whose height follows the content."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.documents.models import QueueTicketDocument, ReceiptDocument, ShiftReportDocument
from printing.documents.pdfdoc import new_canvas
from printing.documents.pdfdraw import draw_qr, wrap_words
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
from printing.fonts import fit_text, font_name, text_width

# One drawing step: given the canvas and the y of its top edge (points), draw itself.
Step = tuple[float, Callable[[Canvas, float], None]]


def render_slip_pdf(slip: Slip) -> bytes:
    """Lay the blocks out once to know the page height, then draw them top-down."""
    style = slip_style()["pdf"]
    width = style["width_mm"] * mm
    margin = style["margin_mm"] * mm
    steps = [step for block in slip.blocks for step in _steps(block, style, width, margin)]
    height = sum(h for h, _ in steps) + 2 * margin
    canvas, finish = new_canvas(style["width_mm"], height / mm, slip.title)
    y = height - margin
    for h, draw in steps:
        draw(canvas, y)
        y -= h
    canvas.showPage()
    return finish()


def render_receipt_pdf(doc: ReceiptDocument) -> bytes:
    """The receipt as an 80 mm wide PDF (preview and non-thermal printers)."""
    return render_slip_pdf(receipt_slip(doc))


def render_queue_ticket_pdf(doc: QueueTicketDocument) -> bytes:
    """The queue ticket as an 80 mm wide PDF."""
    return render_slip_pdf(queue_ticket_slip(doc))


def render_shift_report_pdf(doc: ShiftReportDocument) -> bytes:
    """The X/Z shift report as an 80 mm wide PDF."""
    return render_slip_pdf(shift_report_slip(doc))


def _steps(block: object, style: dict[str, float], width: float, margin: float) -> list[Step]:
    inner = width - 2 * margin
    if isinstance(block, Rule):
        return [(3 * mm, lambda c, y: _rule(c, y - 1.5 * mm, margin, width - margin))]
    if isinstance(block, Qr):
        side = style["qr_mm"] * mm
        steps: list[Step] = [
            (side, lambda c, y: draw_qr(c, block.payload, (width - side) / 2, y - side, side))
        ]
        if block.caption:
            steps += _text_steps(
                Text(block.caption, "small", False, "center"), style, width, margin
            )
        return steps
    if isinstance(block, Pair):
        return _pair_steps(block, style, width, margin)
    if isinstance(block, Row):
        size = style[block.style]
        font = font_name(block.bold)
        right_w = text_width(block.right, font, size)
        lines = wrap_words(block.left, font, size, inner - right_w - 3 * mm) or [""]
        line_h = size * style["leading"]
        out: list[Step] = []
        for n, line in enumerate(lines):
            right = block.right if n == 0 else ""
            out.append((line_h, _row_drawer(line, right, font, size, margin, width - margin)))
        return out
    assert isinstance(block, Text)
    return _text_steps(block, style, width, margin)


def _pair_steps(block: Pair, style: dict[str, float], width: float, margin: float) -> list[Step]:
    """Two columns, each half the printable width, each line centred in its column."""
    size = style[block.style]
    font = font_name(block.bold)
    half = (width - 2 * margin) / 2
    left = wrap_words(block.left, font, size, half - 2 * mm) or [""]
    right = wrap_words(block.right, font, size, half - 2 * mm) or [""]
    out: list[Step] = []
    for n in range(max(len(left), len(right))):
        texts = (left[n] if n < len(left) else "", right[n] if n < len(right) else "")
        out.append((size * style["leading"], _pair_drawer(texts, font, size, margin, half)))
    return out


def _pair_drawer(
    texts: tuple[str, str], font: str, size: float, margin: float, half: float
) -> Callable[[Canvas, float], None]:
    def draw(c: Canvas, top: float) -> None:
        c.setFont(font, size)
        for i, text in enumerate(texts):
            if text:
                fitted, fsize = fit_text(text, font, size, half - 2 * mm, size * 0.6)
                c.setFont(font, fsize)
                c.drawCentredString(margin + half * (i + 0.5), top - size, fitted)

    return draw


def _text_steps(block: Text, style: dict[str, float], width: float, margin: float) -> list[Step]:
    size = style[block.style]
    font = font_name(block.bold)
    inner = width - 2 * margin
    lines = wrap_words(block.text, font, size, inner) or [""]
    out: list[Step] = []
    for line in lines:
        text, fitted = fit_text(line, font, size, inner, size * 0.6)
        x = {"left": margin, "center": width / 2, "right": width - margin}[block.align]
        out.append((size * style["leading"], _text_drawer(text, font, fitted, x, block.align)))
    return out


def _text_drawer(
    text: str, font: str, size: float, x: float, align: str
) -> Callable[[Canvas, float], None]:
    def draw(c: Canvas, top: float) -> None:
        c.setFont(font, size)
        baseline = top - size
        if align == "center":
            c.drawCentredString(x, baseline, text)
        elif align == "right":
            c.drawRightString(x, baseline, text)
        else:
            c.drawString(x, baseline, text)

    return draw


def _row_drawer(
    left: str, right: str, font: str, size: float, x0: float, x1: float
) -> Callable[[Canvas, float], None]:
    def draw(c: Canvas, top: float) -> None:
        c.setFont(font, size)
        c.drawString(x0, top - size, left)
        if right:
            c.drawRightString(x1, top - size, right)

    return draw


def _rule(c: Canvas, y: float, x0: float, x1: float) -> None:
    c.setLineWidth(0.5)
    c.setDash(2, 2)
    c.line(x0, y, x1, y)
    c.setDash()
