"""Printing through the operating system's print system (Qt Print Support), here a real CUPS."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kiosk.config import PrinterConfig
from printing.backends import qt_print
from printing.backends.base import Payload, PrinterError
from printing.backends.factory import make_printer
from printing.backends.qt_print import QtPrintPrinter, pdf_page_sizes, render_band
from printing.documents.card import render_card_pdf
from printing.documents.sample import sample_card
from tests.support.cups import CupsServer, private_cups

CARD_MM = (85.6, 53.98)
ROOT = Path(__file__).resolve().parents[3]
PT_TO_MM = 25.4 / 72


@pytest.fixture(scope="module")
def cups_server() -> Iterator[CupsServer]:
    """A private cupsd for this module (Qt reaches it through libcups and CUPS_SERVER)."""
    with private_cups() as server:
        yield server


@pytest.fixture
def card_printer(
    cups_server: CupsServer, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> QtPrintPrinter:
    """The card printer as Qt sees the private CUPS queue, its output file emptied (the kiosk's
    application exists, as in the real app)."""
    monkeypatch.setenv("CUPS_SERVER", cups_server.server)
    cups_server.reset_output()
    return QtPrintPrinter("card", cups_server.queue)


def qr_texts(image: Image.Image) -> list[str]:
    """Every QR code zxing finds in `image`."""
    return sorted(r.text for r in zxingcpp.read_barcodes(image))


def page_images(pdf: bytes, dpi: int = 300) -> list[Image.Image]:
    """Each page of `pdf` rasterised by PDFium (an independent look at what came out)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil() for i in range(len(doc))]
    finally:
        doc.close()


def a4_pdf() -> bytes:
    """A one-page A4 PDF: not a card."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.drawString(72, 720, "To khai")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def bars_pdf(width_pt: float, height_pt: float) -> bytes:
    """A page with a black bar across it every 36 points (to see bands line up)."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(width_pt, height_pt))
    y = 0.0
    while y < height_pt:
        canvas.rect(0, y, width_pt, 12, stroke=0, fill=1)
        y += 36
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


@pytest.mark.cups
def test_card_prints_through_cups_at_true_size(
    cups_server: CupsServer, card_printer: QtPrintPrinter
) -> None:
    """The two-page card goes through Qt and CUPS: both pages come out 85.6 × 53.98 mm (read back
    from the PDF the queue produced), the job carries the document's name, and the card's QR
    decodes from the printed raster to the same text as from the rendered PDF."""
    pdf = render_card_pdf(sample_card())
    card_printer.send(Payload("pdf", pdf, "card-BL25-000042", CARD_MM))
    cups_server.wait_idle()
    printed = cups_server.output.read_bytes()
    reader = PdfReader(io.BytesIO(printed))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert abs(float(page.mediabox.width) * PT_TO_MM - CARD_MM[0]) <= 0.5
        assert abs(float(page.mediabox.height) * PT_TO_MM - CARD_MM[1]) <= 0.5
    assert "card-BL25-000042" in (cups_server.root / "log" / "page_log").read_text()
    expected = [qr_texts(img) for img in page_images(pdf)]
    assert any(expected), "the sample card has a QR code"
    assert [qr_texts(img) for img in page_images(printed)] == expected


@pytest.mark.cups
def test_printer_status_follows_the_queue(
    cups_server: CupsServer, card_printer: QtPrintPrinter
) -> None:
    """An installed queue is online; a name the system does not know is offline and a job to it
    is refused as printer.offline before anything is spooled."""
    ready = card_printer.status()
    assert (ready.online, ready.detail, ready.detail_en) == (True, "Sẵn sàng", "Ready")
    ghost = QtPrintPrinter("card", "no-such-queue")
    state = ghost.status()
    assert (state.online, state.detail, state.detail_en) == (
        False,
        "Không tìm thấy máy in no-such-queue",
        "Printer no-such-queue not found",
    )
    with pytest.raises(PrinterError) as caught:
        ghost.send(Payload("pdf", render_card_pdf(sample_card()), "card-1", CARD_MM))
    assert caught.value.code == "printer.offline"
    assert caught.value.en.endswith("(Detail: Printer no-such-queue not found)")
    assert caught.value.vi.endswith("(Chi tiết: Không tìm thấy máy in no-such-queue)")
    assert cups_server.output.read_bytes() == b""


@pytest.mark.cups
def test_command_line_printing_without_a_qt_application(
    cups_server: CupsServer, tmp_path: Path
) -> None:
    """`kiosk printers test` runs without a Qt application, and QPrinter aborts the process
    without one: the backend makes a windowless one, and the card still comes out at size."""
    cups_server.reset_output()
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(render_card_pdf(sample_card()))
    code = (
        "import sys; from pathlib import Path\n"
        "from printing.backends.base import Payload\n"
        "from printing.backends.qt_print import QtPrintPrinter\n"
        f"data = Path({str(pdf)!r}).read_bytes()\n"
        f"QtPrintPrinter('card', {cups_server.queue!r}).send("
        "Payload('pdf', data, 'card-cli', (85.6, 53.98)))\n"
        "print('sent')\n"
    )
    env = {**os.environ, "CUPS_SERVER": cups_server.server, "QT_QPA_PLATFORM": ""}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "sent", done.stderr
    cups_server.wait_idle()
    pages = PdfReader(io.BytesIO(cups_server.output.read_bytes())).pages
    assert len(pages) == 2
    assert abs(float(pages[0].mediabox.width) * PT_TO_MM - CARD_MM[0]) <= 0.5


def test_print_system_failure_is_offline_with_its_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the print system itself fails, status is offline and its message follows the
    words of each language."""

    def broken(self: QtPrintPrinter) -> None:
        raise RuntimeError("libcups: no scheduler")

    monkeypatch.setattr(QtPrintPrinter, "_info", broken)
    state = QtPrintPrinter("card", "Evolis").status()
    assert (state.online, state.detail, state.detail_en) == (
        False,
        "Lỗi hệ thống in: libcups: no scheduler",
        "Print system error: libcups: no scheduler",
    )


def test_printer_in_error_is_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """A printer the system reports in its error state is offline, said in both languages."""
    from PySide6.QtPrintSupport import QPrinter

    class Jammed:
        def state(self) -> QPrinter.PrinterState:
            return QPrinter.PrinterState.Error

    monkeypatch.setattr(QtPrintPrinter, "_info", lambda self: Jammed())
    state = QtPrintPrinter("card", "Evolis").status()
    assert (state.online, state.detail, state.detail_en) == (
        False,
        "Máy in báo lỗi hoặc đang tạm dừng",
        "Printer error or paused",
    )


def test_wrong_page_size_is_refused_before_the_driver(qapp: QApplication) -> None:
    """An A4 page sent as a card is refused (not retryable) without asking any printer."""
    printer = QtPrintPrinter("card", "no-such-queue")
    with pytest.raises(PrinterError) as caught:
        printer.send(Payload("pdf", a4_pdf(), "card-wrong", CARD_MM))
    assert caught.value.code == "printer.wrong_page_size"
    assert caught.value.retryable is False
    assert "210.00×297.00 mm" in caught.value.vi


def test_garbage_is_not_a_card(qapp: QApplication) -> None:
    """Bytes that are not a PDF are the wrong document, not a printer fault."""
    with pytest.raises(PrinterError) as caught:
        QtPrintPrinter("card").send(Payload("pdf", b"not a pdf", "card-1", CARD_MM))
    assert caught.value.code == "printer.wrong_page_size"


def test_page_sizes_are_read_in_points() -> None:
    """PDFium reads the card's pages as 85.6 × 53.98 mm, the size the printer is asked for."""
    sizes = pdf_page_sizes(render_card_pdf(sample_card()))
    assert len(sizes) == 2
    for size in sizes:
        assert abs(size.mm[0] - 85.6) < 0.05 and abs(size.mm[1] - 53.98) < 0.05


def test_bands_add_up_to_the_whole_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering a page in bands of 50 rows gives the same pixels as one piece: no seam, no
    shifted rows (big pages are rasterised in bands to bound memory)."""
    pdf = bars_pdf(200, 300)
    scale = 150 / 72
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        rows = round(300 * scale)
        whole = render_band(page, scale, 0, rows)
        assert (whole.width(), whole.height()) == (round(200 * scale), rows)
        # The page is upright: the first bar (PDF y 0-12 pt) is at the bottom of the image.
        assert whole.pixelColor(10, rows - 2).black() == 255
        assert whole.pixelColor(10, rows - 1 - round(20 * scale)).black() == 0
        for top in range(0, rows, 50):
            band = render_band(page, scale, top, min(rows, top + 50))
            assert band.height() == min(rows, top + 50) - top
            expected = whole.copy(0, top, whole.width(), band.height())
            assert band == expected, f"band at row {top} differs"
    finally:
        doc.close()


def test_factory_builds_the_qt_backend_without_loading_qt() -> None:
    """`backend = "qt-print"` builds this printer with its queue and page size; the module
    itself loads no Qt until a job prints (start-up stays light)."""
    cfg = PrinterConfig("card", "qt-print", {"queue": "Evolis_Primacy", "page_mm": [85.6, 53.98]})
    printer = make_printer(cfg, output_dir=Path("."))
    assert isinstance(printer, QtPrintPrinter)
    assert printer.queue == "Evolis_Primacy" and printer.page_mm == CARD_MM
    assert "PySide6" not in qt_print.__dict__


def test_raster_resolution_is_the_drivers_capped_at_max_dpi(qapp: QApplication) -> None:
    """A 1200 dpi driver is painted at the configured max_dpi (300 here; 600 by default), a
    300 dpi one at its own 300, and never below 72; `max_dpi` comes from the configuration."""
    from PySide6.QtPrintSupport import QPrinter

    capped = make_printer(
        PrinterConfig("card", "qt-print", {"queue": "Evolis", "max_dpi": 300}), Path(".")
    )
    assert isinstance(capped, QtPrintPrinter) and capped.max_dpi == 300
    default = QtPrintPrinter("card", "Evolis")
    drivers = []
    for dpi in (1200, 300, 50):
        driver = QPrinter()
        driver.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # no real queue needed
        driver.setResolution(dpi)
        assert driver.resolution() == dpi
        drivers.append(driver)
    fine, coarse, tiny = drivers
    assert [capped.raster_dpi(p) for p in (fine, coarse, tiny)] == [300, 300, 72]
    assert [default.raster_dpi(p) for p in (fine, coarse)] == [600, 300]
