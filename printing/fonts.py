"""Fonts for printed documents: NotoSans registered once with reportlab and PIL, fit-to-box."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.domain.text import nfc
from resources import resource_path

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
_FILES = {REGULAR: "NotoSans-Regular.ttf", BOLD: "NotoSans-Bold.ttf"}
ELLIPSIS = "…"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the shipped NotoSans faces with reportlab (once) and return their names.

    Helvetica has no Vietnamese glyphs, so every PDF text goes through these embedded faces.
    """
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    return REGULAR, BOLD


def font_name(bold: bool) -> str:
    """The registered reportlab font name for a weight."""
    register_fonts()
    return BOLD if bold else REGULAR


@cache
def pil_font(size_px: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """A cached PIL font for raster (thermal printer) text."""
    filename = _FILES[BOLD if bold else REGULAR]
    return ImageFont.truetype(str(resource_path("fonts", filename)), size_px)


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of `text` set in a registered reportlab font."""
    register_fonts()
    return float(pdfmetrics.stringWidth(text, font, size))


def fit_text(
    text: str, font: str, size: float, max_width: float, min_size: float
) -> tuple[str, float]:
    """Shrink `text` to fit `max_width` (points), down to `min_size`; then ellipsize.

    Returns the (possibly shortened) NFC text and the size to draw it at.
    """
    text = nfc(text)
    width = text_width(text, font, size)
    if width <= max_width:
        return text, size
    # Width scales linearly with size, so one division finds the fitting size.
    fitted = size * max_width / width
    if fitted >= min_size:
        return text, max(min_size, int(fitted * 10) / 10)
    cut = text
    while cut and text_width(cut + ELLIPSIS, font, min_size) > max_width:
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS, min_size


def fit_pil(
    text: str, size_px: int, max_px: int, min_px: int, bold: bool = False
) -> tuple[str, int]:
    """The raster equivalent of fit_text: shrink in whole pixels, then ellipsize."""
    text = nfc(text)
    size = size_px
    while size > min_px and raster_width(text, size, bold) > max_px:
        size -= 1
    if raster_width(text, size, bold) <= max_px:
        return text, size
    cut = text
    while cut and raster_width(cut + ELLIPSIS, size, bold) > max_px:
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS, size


@cache
def glyph(char: str, size_px: int, bold: bool) -> tuple[Image.Image | None, int, int, float]:
    """One glyph as a 1-bit ink mask with its offset from the pen on the baseline, and its advance.

    FreeType rendering costs ~30 µs a glyph; receipts reuse few glyphs, so caching them keeps a
    whole receipt image well under the 30 ms target.
    """
    font = pil_font(size_px, bold)
    advance = float(font.getlength(char))
    left, top, right, bottom = (int(v) for v in font.getbbox(char, anchor="ls"))
    if right <= left or bottom <= top:
        return None, 0, 0, advance
    mask = Image.new("1", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), char, font=font, fill=1, anchor="ls")
    return mask, left, top, advance


def raster_width(text: str, size_px: int, bold: bool = False) -> int:
    """Width in dots of `text` drawn by draw_raster_text (sum of glyph advances)."""
    return round(sum(glyph(c, size_px, bold)[3] for c in text))


def draw_raster_text(
    image: Image.Image, x: int, top: int, text: str, size_px: int, bold: bool, align: str = "left"
) -> None:
    """Draw black text on a 1-bit image; `top` is the font's ascender line, `x` per `align`."""
    if align != "left":
        width = raster_width(text, size_px, bold)
        x -= width // 2 if align == "center" else width
    baseline = top + pil_font(size_px, bold).getmetrics()[0]
    pen = float(x)
    for char in text:
        mask, left, up, advance = glyph(char, size_px, bold)
        if mask is not None:
            image.paste(0, (round(pen) + left, baseline + up), mask)
        pen += advance


def greedy_wrap(text: str, width: Callable[[str], float], max_width: float) -> list[str]:
    """Word wrap measuring with `width` (a single over-long word stays on its own line)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and width(trial) > max_width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines
