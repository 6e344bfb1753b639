"""Test helpers for showing widgets offscreen without platform warnings."""

from __future__ import annotations

import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLayout, QWidget
from pytestqt.qtbot import QtBot


def show_top(qtbot: QtBot, widget: QWidget) -> QWidget:
    """Show `widget` as a window in the offscreen platform.

    A window whose layout sets its minimum size makes the offscreen plugin warn "This plugin
    does not support propagateSizeHints()", which qt_log_level_fail turns into a failure; in
    production these widgets are children, where the constraint plays no part.
    """
    qtbot.addWidget(widget)
    layout = widget.layout()
    if layout is not None:
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def key_for(ch: str) -> Qt.Key:
    """The Qt key code a keyboard would send for `ch` (letters outside ASCII have none)."""
    if ch.isascii() and ch.isprintable():
        return Qt.Key(ord(ch.upper()))
    return Qt.Key.Key_unknown


def type_keys(widget: QWidget, text: str, *, enter: bool = False) -> None:
    """Send one key click per character back to back, as a USB scanner in keyboard mode does.

    QTest.keyClicks asserts on characters outside ASCII ("ễ"), so each click is sent with its
    text; nothing runs the event loop in between, so the gaps are well under a millisecond.
    """
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, key_for(ch), ch, Qt.KeyboardModifier.NoModifier
        )
    if enter:
        QTest.keyClick(widget, Qt.Key.Key_Return)


def decode_qr(image: QImage) -> list[str]:
    """Every QR text a reader finds in `image` (zxing-cpp on the grey pixels)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(gray.constBits())
    size = (gray.width(), gray.height())
    pil = Image.frombuffer("L", size, data, "raw", "L", gray.bytesPerLine(), 1)
    return [result.text for result in zxingcpp.read_barcodes(pil)]
