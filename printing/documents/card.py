"""Health insurance documents at ID-1 size: the official card (from VSS's record) and the
kiosk's provisional confirmation, each from its own layout (resources/layouts)."""

from __future__ import annotations

from dataclasses import asdict

from kiosk.domain.inputs import display_upper
from printing.documents.layout import load_layout
from printing.documents.models import CardDocument, ProvisionalDocument
from printing.documents.pdfdoc import new_canvas
from printing.documents.pdfdraw import draw_page

TITLES = {
    "card": "Thẻ BHYT (từ dữ liệu BHXH)",
    "provisional": "Giấy xác nhận đã đóng tiền và đăng ký tham gia BHYT",
}


def card_values(doc: CardDocument | ProvisionalDocument) -> dict[str, object]:
    """The values the layout's placeholders read (name in capitals, as on the card)."""
    values: dict[str, object] = asdict(doc)
    values["full_name"] = display_upper(doc.full_name)
    return values


def layout_name(doc: CardDocument | ProvisionalDocument) -> str:
    """ "provisional" for the kiosk's confirmation, "card" for VSS's card."""
    return "provisional" if isinstance(doc, ProvisionalDocument) else "card"


def render_card_pdf(doc: CardDocument | ProvisionalDocument) -> bytes:
    """A two-page PDF (front, back) at exactly 85.60 × 53.98 mm."""
    name = layout_name(doc)
    layout = load_layout(name)
    values = card_values(doc)
    title = ("MẪU — " if doc.sample else "") + TITLES[name]
    canvas, finish = new_canvas(layout.width_mm, layout.height_mm, title)
    for page in layout.pages:
        draw_page(canvas, page, values, layout.height_mm)
        canvas.showPage()
    return finish()
