"""Booklet cover fields for pre-printed stock, with calibration offsets and a test page."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain.inputs import display_upper
from printing.documents.layout import Layout, load_layout
from printing.documents.models import BookletCoverDocument
from printing.documents.pdfdoc import new_canvas
from printing.documents.pdfdraw import draw_page
from printing.fonts import font_name


def render_booklet_pdf(
    doc: BookletCoverDocument, offset_x_mm: float = 0.0, offset_y_mm: float = 0.0
) -> bytes:
    """The variable fields only, shifted by this printer's calibration offsets."""
    layout = load_layout("booklet")
    values: dict[str, object] = dict(doc.__dict__)
    values["full_name"] = display_upper(doc.full_name)
    title = ("MẪU — " if doc.sample else "") + "Bìa sổ BHXH"
    canvas, finish = new_canvas(layout.width_mm, layout.height_mm, title)
    draw_page(canvas, layout.page("cover"), values, layout.height_mm, (offset_x_mm, offset_y_mm))
    canvas.showPage()
    return finish()


def render_calibration_pdf(offset_x_mm: float = 0.0, offset_y_mm: float = 0.0) -> bytes:
    """A test page: mm rulers from the page corner, a crosshair at every field's anchor
    (shifted by the offsets, as the fields will be), and the offsets printed in words."""
    layout = load_layout("booklet")
    canvas, finish = new_canvas(layout.width_mm, layout.height_mm, "Trang hiệu chỉnh sổ BHXH")
    _rulers(canvas, layout)
    arm = float(layout.options.get("cross_mm", 3)) * mm
    canvas.setStrokeColor(HexColor("#000000"))
    canvas.setLineWidth(0.3)
    for item in layout.page("cover").items:
        if item.when:  # the sample mark is not a field
            continue
        x = (item.x + offset_x_mm) * mm
        y = (layout.height_mm - item.y - offset_y_mm) * mm
        canvas.line(x - arm, y, x + arm, y)
        canvas.line(x, y - arm, x, y + arm)
        canvas.setFont(font_name(False), 6)
        canvas.drawString(
            x + arm + 1, y + 1, f"{item.text.strip('{}')} ({item.x:g}; {item.y:g} mm)"
        )
    canvas.setFont(font_name(True), 11)
    canvas.drawString(20 * mm, 40 * mm, "MẪU — TRANG HIỆU CHỈNH MÁY IN SỔ BHXH")
    canvas.setFont(font_name(False), 10)
    canvas.drawString(
        20 * mm, 33 * mm, f"Độ lệch X = {offset_x_mm:+.1f} mm; Độ lệch Y = {offset_y_mm:+.1f} mm"
    )
    canvas.setFont(font_name(False), 8)
    canvas.drawString(
        20 * mm, 27 * mm, "Đo khoảng cách từ mép giấy đến vạch 0 của thước; tâm dấu + là vị trí in."
    )
    canvas.showPage()
    return finish()


def _rulers(canvas: Canvas, layout: Layout) -> None:
    """Rulers along the top and left edges, ticks every mm, numbers every 10 mm."""
    length = float(layout.options.get("ruler_mm", 120))
    top = layout.height_mm * mm
    canvas.setLineWidth(0.25)
    canvas.setFont(font_name(False), 5)
    for n in range(int(length) + 1):
        tick = (4 if n % 10 == 0 else 2.5 if n % 5 == 0 else 1.5) * mm
        canvas.line(n * mm, top, n * mm, top - tick)  # along the top edge
        canvas.line(0, top - n * mm, tick, top - n * mm)  # down the left edge
        if n % 10 == 0 and n:
            canvas.drawCentredString(n * mm, top - 6.5 * mm, str(n))
            canvas.drawString(5 * mm, top - n * mm - 1.8, str(n))
