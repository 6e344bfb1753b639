"""The QR view draws a code that a reader decodes back to the same payload."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from tests.ui.widgets.helpers import decode_qr
from ui.widgets.qr_view import QrView, qr_image

DYNAMIC = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
    "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E"
)


def decode(image: QImage) -> list[str]:
    return decode_qr(image)


def test_widget_shows_a_decodable_vietqr(qtbot: QtBot) -> None:
    """The on-screen code of the NAPAS dynamic test vector decodes to exactly that string."""
    view = QrView(minimum_px=360)
    qtbot.addWidget(view)
    view.resize(400, 400)
    view.set_payload(DYNAMIC)
    assert decode(view.grab().toImage()) == [DYNAMIC]


def test_image_has_whole_pixel_modules_and_unicode(qtbot: QtBot) -> None:
    """qr_image fits the size with whole-pixel modules and keeps UTF-8 text intact."""
    text = "Nguyễn Thị Huyền|066315111222"
    image = qr_image(text, 300)
    assert image.width() == image.height() <= 300
    assert decode(image) == [text]


def test_clear_draws_nothing(qtbot: QtBot) -> None:
    """After clear() no code is shown (nothing of the last attendee stays on screen)."""
    view = QrView()
    qtbot.addWidget(view)
    view.set_payload(DYNAMIC)
    view.clear()
    assert view.payload == ""
    assert decode(view.grab().toImage()) == []
