"""Shows a QR payload as a large, crisp code (made with the `qrcode` library, drawn module by module)."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white around the code: phone cameras need it


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR modules for `payload` (error correction M, quiet zone included)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    return [[bool(cell) for cell in row] for row in code.get_matrix()]


def qr_image(payload: str, size_px: int) -> QImage:
    """A square black-on-white QImage of the code, each module a whole number of pixels."""
    matrix = qr_matrix(payload)
    n = len(matrix)
    scale = max(1, size_px // n)
    side = n * scale
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    _paint_modules(painter, matrix, 0, 0, scale)
    painter.end()
    return image


def _paint_modules(
    painter: QPainter, matrix: list[list[bool]], x0: int, y0: int, scale: int
) -> None:
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, on in enumerate(row):
            if on:
                painter.fillRect(QRect(x0 + x * scale, y0 + y * scale, scale, scale), black)


class QrView(QWidget):
    """A square area that draws the current payload as large as it fits (whole-pixel modules)."""

    def __init__(self, parent: QWidget | None = None, minimum_px: int = 320) -> None:
        super().__init__(parent)
        self._payload = ""
        self._matrix: list[list[bool]] = []
        self.setMinimumSize(minimum_px, minimum_px)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def payload(self) -> str:
        return self._payload

    def set_payload(self, payload: str) -> None:
        self._payload = payload
        self._matrix = qr_matrix(payload) if payload else []
        self.update()

    def clear(self) -> None:
        self.set_payload("")

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        painter.fillRect(self.rect(), QColor("white"))
        if self._matrix:
            n = len(self._matrix)
            scale = max(1, side // n)
            x0 = (self.width() - n * scale) // 2
            y0 = (self.height() - n * scale) // 2
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            _paint_modules(painter, self._matrix, x0, y0, scale)
        else:
            painter.setPen(Qt.GlobalColor.gray)
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
