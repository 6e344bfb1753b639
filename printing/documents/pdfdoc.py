"""A reportlab canvas writing to memory, with the shipped fonts registered and fixed metadata."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import REGULAR, register_fonts


def new_canvas(width_mm: float, height_mm: float, title: str) -> tuple[Canvas, Callable[[], bytes]]:
    """A canvas of the given page size and a function that finishes it and returns the PDF."""
    register_fonts()
    buffer = BytesIO()
    # invariant=1 drops the timestamp and random ID: the same document gives the same bytes.
    # The initial font would otherwise be Helvetica, listed in every page's resources.
    canvas = Canvas(
        buffer,
        pagesize=(width_mm * mm, height_mm * mm),
        invariant=1,
        initialFontName=REGULAR,
        initialFontSize=8,
    )
    canvas.setTitle(title)
    canvas.setCreator("bhxh-event-kiosk")

    def finish() -> bytes:
        canvas.save()
        return buffer.getvalue()

    return canvas, finish
