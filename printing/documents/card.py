"""Health insurance card (ID-1, front and back): official or clearly marked provisional."""

from __future__ import annotations

from dataclasses import asdict

from kiosk.domain.inputs import display_upper
from printing.documents.layout import load_layout
from printing.documents.models import CardDocument
from printing.documents.pdfdoc import new_canvas
from printing.documents.pdfdraw import draw_page


def card_values(doc: CardDocument) -> dict[str, object]:
    """The values the card layout's placeholders read (name in capitals, as on the card)."""
    values: dict[str, object] = asdict(doc)
    values["full_name"] = display_upper(doc.full_name)
    return values


def render_card_pdf(doc: CardDocument) -> bytes:
    """A two-page PDF (front, back) at exactly 85.60 × 53.98 mm."""
    layout = load_layout("card")
    values = card_values(doc)
    title = "Thẻ BHYT tạm thời" if doc.provisional else "Thẻ BHYT"
    canvas, finish = new_canvas(layout.width_mm, layout.height_mm, title)
    for page in layout.pages:
        draw_page(canvas, page, values, layout.height_mm)
        canvas.showPage()
    return finish()
