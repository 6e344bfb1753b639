"""Helpers for tests that parse rendered PDFs: text, page sizes, fonts and decoded QR codes."""

from __future__ import annotations

import io
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader(pdf).pages]


def page_texts(pdf: bytes) -> list[str]:
    """The extracted text of every page, NFC."""
    return [unicodedata.normalize("NFC", p.extract_text()) for p in reader(pdf).pages]


def font_report(pdf: bytes) -> tuple[set[str], bool]:
    """Base font names used on all pages, and whether every one embeds a TrueType file."""
    names: set[str] = set()
    all_embedded = True
    for page in reader(pdf).pages:
        fonts = page["/Resources"].get_object().get("/Font")
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            descriptors: list[DictionaryObject] = []
            if "/FontDescriptor" in font:
                descriptors.append(font["/FontDescriptor"].get_object())
            for desc in font.get("/DescendantFonts", []):
                descriptors.append(desc.get_object()["/FontDescriptor"].get_object())
            if not descriptors or not all("/FontFile2" in d for d in descriptors):
                all_embedded = False
    return names, all_embedded


def rasterise(pdf: bytes, dpi: int = 300) -> list[Image.Image]:
    """Every page as an image, rendered by poppler's pdftoppm."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(src), str(Path(tmp) / "page")],
            check=True,
            timeout=60,
        )
        return [Image.open(p).copy() for p in sorted(Path(tmp).glob("page*.png"))]


def decode_qr(image: Image.Image) -> list[str]:
    """The text of every QR code zxing-cpp finds in the image."""
    return [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


def escpos_raster_image(stream: bytes) -> Image.Image:
    """The picture an ESC/POS raster stream prints: its GS v 0 bands stacked (black = 1 bits),
    as a greyscale image a QR decoder reads."""
    bands: list[Image.Image] = []
    pos = stream.find(b"\x1dv0")
    while pos != -1:
        xbytes = stream[pos + 4] | stream[pos + 5] << 8
        height = stream[pos + 6] | stream[pos + 7] << 8
        data = stream[pos + 8 : pos + 8 + xbytes * height]
        band = Image.frombytes("1", (xbytes * 8, height), data)
        bands.append(band.point(lambda v: 0 if v else 255, "L"))
        pos = stream.find(b"\x1dv0", pos + 8 + xbytes * height)
    image = Image.new("L", (bands[0].width, sum(b.height for b in bands)), 255)
    top = 0
    for band in bands:
        image.paste(band, (0, top))
        top += band.height
    return image
