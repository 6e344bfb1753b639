"""Theme: touch target size from the screen's DPI, Vietnamese font, larger text."""

from __future__ import annotations

from unittest.mock import MagicMock

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.theme import MIN_TARGET_PX, Theme, load_fonts, touch_target_px


def screen(dpi: float) -> MagicMock:
    fake = MagicMock()
    fake.physicalDotsPerInch.return_value = dpi
    return fake


def test_ten_millimetres_from_dpi(qtbot: QtBot) -> None:
    """10 mm is 10/25.4 inch: 63 px at 160 DPI, 118 px at 300 DPI; never under 48 px."""
    assert touch_target_px(screen(160.0)) == 63
    assert touch_target_px(screen(300.0)) == 118
    assert touch_target_px(screen(96.0)) == MIN_TARGET_PX
    assert touch_target_px(screen(0.0)) == MIN_TARGET_PX


def test_noto_sans_covers_vietnamese(qtbot: QtBot) -> None:
    """The shipped font is registered and has every Vietnamese letter."""
    family = load_fonts()
    assert family in QFontDatabase.families()
    from PySide6.QtGui import QFont, QFontMetrics

    metrics = QFontMetrics(QFont(family))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "ăâđêôơưẠẶẬỄỆỖỢỰỴỹ")


def test_larger_text_scales_fonts_and_targets(qtbot: QtBot) -> None:
    """The larger-text toggle makes the body font 35 % bigger and buttons follow."""
    widget = QWidget()
    qtbot.addWidget(widget)
    theme = Theme()
    theme.apply(widget)
    widget.ensurePolished()
    normal = widget.font().pixelSize()
    theme.large_text = True
    theme.apply(widget)
    widget.ensurePolished()
    assert normal == 22
    assert widget.font().pixelSize() == 30
    assert theme.target_px() >= MIN_TARGET_PX
    assert f"font-size: {theme.font_px}px" in widget.styleSheet()
