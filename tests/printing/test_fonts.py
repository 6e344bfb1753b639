"""Tests for font registration and fit-to-box text."""

from __future__ import annotations

from printing.fonts import BOLD, fit_pil, fit_text, register_fonts, text_width


def test_registered_once() -> None:
    """Registration is cached: the same names come back without registering again."""
    assert register_fonts() is register_fonts()
    assert register_fonts() == ("NotoSans", "NotoSans-Bold")


def test_fit_text_shrinks_then_ellipsizes() -> None:
    """A name that is a bit too wide shrinks; one far too wide is cut with an ellipsis at min size."""
    name = "NGUYỄN THỊ HUYỀN TRANG"
    width = text_width(name, BOLD, 10)
    text, size = fit_text(name, BOLD, 10, width * 0.8, 6)
    assert text == name and 6 <= size < 10 and text_width(text, BOLD, size) <= width * 0.8
    text, size = fit_text(name, BOLD, 10, width * 0.3, 6)
    assert size == 6 and text.endswith("…") and text_width(text, BOLD, 6) <= width * 0.3


def test_fit_pil_ellipsizes() -> None:
    """Raster text is cut with an ellipsis when even the minimum size does not fit."""
    text, size = fit_pil("Công Tằng Tôn Nữ Hoàng Thị Thanh Phương", 24, 200, 18)
    assert size == 18 and text.endswith("…")
