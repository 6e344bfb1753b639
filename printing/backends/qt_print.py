"""Card, booklet and A4 printers through the operating system's own print system (Qt Print Support).

Qt's QPrinter talks to the Windows spooler, macOS and CUPS alike, so a card printer whose vendor
driver is installed prints from the kiosk on any of them. A PDF cannot be handed to a driver
as-is everywhere, so each page is rasterised with PDFium (pypdfium2) at the driver's resolution
(capped at MAX_RASTER_DPI: a 1200 dpi A4 page would need half a gigabyte) in bands, and painted
edge to edge on a page of exactly the document's size (``QPageSize.ExactMatch``, no margins, no
scaling). A PDF of the wrong size is refused before the driver sees it, as the CUPS backend does:
a wrongly sized job wastes a blank PVC card.

Qt loads lazily here: importing this module costs nothing until a job is printed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from printing.backends.base import (
    Payload,
    Printer,
    PrinterStatus,
    check_page_size,
    display_name,
    printer_error,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPrintSupport import QPrinter

PT_PER_MM = 72 / 25.4
MAX_RASTER_DPI = 600
BAND_ROWS = 2048  # raster rows per band: memory stays ~ width × 2048 × 4 bytes at any size
# PDFium is not thread-safe; the kiosk has one print thread per printer.
_APP: list[Any] = []  # the windowless application made for command-line printing, kept alive
_PDFIUM_LOCK = threading.RLock()  # held for a whole job; render_band re-enters


@dataclass(frozen=True)
class PdfPageSize:
    width_pt: float
    height_pt: float

    @property
    def mm(self) -> tuple[float, float]:
        return self.width_pt / PT_PER_MM, self.height_pt / PT_PER_MM


@contextmanager
def _open_pdf(data: bytes) -> Iterator[Any]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            yield pdf
        finally:
            pdf.close()


def pdf_page_sizes(data: bytes) -> list[PdfPageSize]:
    """Every page's size in points (as PDFium reads it: the page box, rotation applied)."""
    with _open_pdf(data) as pdf:
        return [PdfPageSize(*pdf.get_page_size(i)) for i in range(len(pdf))]


class QtPrintPrinter(Printer):
    """A printer installed in the operating system, by the name its print dialog shows.

    `queue` "" means the system's default printer. `page_mm` is the paper the job expects when
    the payload does not say; `max_dpi` caps the raster resolution.
    """

    accepts = ("pdf",)

    def __init__(
        self,
        role: str,
        queue: str = "",
        page_mm: tuple[float, float] | None = None,
        max_dpi: int = MAX_RASTER_DPI,
    ) -> None:
        self.role = role
        self.queue = queue
        self.name = display_name(role, queue or "mặc định")
        self.page_mm = page_mm
        self.max_dpi = int(max_dpi)

    # --- status ---------------------------------------------------------------------------
    def _info(self) -> Any:
        from PySide6.QtPrintSupport import QPrinterInfo

        info = QPrinterInfo.printerInfo(self.queue) if self.queue else QPrinterInfo.defaultPrinter()
        return None if info.isNull() else info

    def status(self) -> PrinterStatus:
        """Known to the system and not in an error state → online; never raises."""
        try:
            from PySide6.QtPrintSupport import QPrinter

            info = self._info()
            if info is None:
                target = self.queue or "mặc định"
                target_en = f"Printer {self.queue}" if self.queue else "The default printer"
                return PrinterStatus(
                    False, "unknown", f"Không tìm thấy máy in {target}", f"{target_en} not found"
                )
            if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
                return PrinterStatus(
                    False,
                    "unknown",
                    "Máy in báo lỗi hoặc đang tạm dừng",
                    "Printer error or paused",
                )
        except Exception as exc:  # status() never raises
            return PrinterStatus(
                False,
                "unknown",
                f"Lỗi hệ thống in: {exc}"[:200],
                f"Print system error: {exc}"[:200],
            )
        return PrinterStatus(True, "unknown", "Sẵn sàng", "Ready")

    # --- printing -------------------------------------------------------------------------
    def check_pages(self, payload: Payload) -> list[PdfPageSize]:
        """The pages' sizes; raises printer.wrong_page_size if the PDF is not the expected paper."""
        try:
            sizes = pdf_page_sizes(payload.data)
        except Exception as exc:  # any parse failure means "not this paper"
            raise printer_error("printer.wrong_page_size", self.name, f"PDF: {exc}") from exc
        if not sizes:
            raise printer_error("printer.wrong_page_size", self.name, "PDF: 0 pages")
        expected = payload.page_mm or self.page_mm
        if expected is not None:
            for size in sizes:
                check_page_size(self.name, size.mm, expected)
        return sizes

    def send(self, payload: Payload) -> None:
        """Check the size and the printer, then paint every page at the driver's resolution."""
        self.check_accepts(payload)
        sizes = self.check_pages(payload)
        state = self.status()
        if not state.online:
            raise printer_error("printer.offline", self.name, state.detail, state.detail_en)
        from PySide6.QtGui import QPainter
        from PySide6.QtPrintSupport import QPrinter

        self._ensure_application()
        printer = QPrinter(self._info(), QPrinter.PrinterMode.HighResolution)
        printer.setDocName(payload.name)
        printer.setFullPage(True)  # the page is the paper: no driver margins added
        printer.setCopyCount(1)
        self._set_page(printer, sizes[0])
        painter = QPainter()
        if not painter.begin(printer):
            raise printer_error("printer.offline", self.name, "QPainter.begin")
        try:
            with _open_pdf(payload.data) as pdf:
                for index, size in enumerate(sizes):
                    if index:
                        self._set_page(printer, size)
                        if not printer.newPage():
                            raise printer_error("printer.dropped", self.name, "newPage")
                    self._paint_page(painter, printer, pdf[index], size)
        except BaseException:
            printer.abort()  # half a card must not reach the spooler
            painter.end()
            raise
        if not painter.end():  # the spooler refused the finished job
            raise printer_error("printer.dropped", self.name, "QPainter.end")

    def _ensure_application(self) -> None:
        """QPrinter aborts the process without a Qt application: the kiosk has one; a command
        line run (`kiosk printers test`) gets a windowless one, on its main thread only."""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtGui import QGuiApplication

        if QCoreApplication.instance() is not None:
            return
        if threading.current_thread() is not threading.main_thread():
            raise printer_error("printer.offline", self.name, "no Qt application")
        _APP.append(QGuiApplication(["kiosk", "-platform", "offscreen"]))

    def _set_page(self, printer: QPrinter, size: PdfPageSize) -> None:
        from PySide6.QtCore import QMarginsF, QSizeF
        from PySide6.QtGui import QPageLayout, QPageSize

        w_mm, h_mm = size.mm
        page = QPageSize(
            QSizeF(w_mm, h_mm),
            QPageSize.Unit.Millimeter,
            f"{w_mm:.2f}x{h_mm:.2f}mm",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
        layout = QPageLayout(
            page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point
        )
        if not printer.setPageLayout(layout):
            raise printer_error(
                "printer.wrong_page_size", self.name, f"{w_mm:.2f}×{h_mm:.2f} mm (driver)"
            )

    def raster_dpi(self, printer: QPrinter) -> int:
        """The driver's resolution, at most `max_dpi`."""
        return max(72, min(int(printer.resolution()), self.max_dpi))

    def _paint_page(
        self, painter: QPainter, printer: QPrinter, page: Any, size: PdfPageSize
    ) -> None:
        """Paint one PDF page onto the whole device page, band by band."""
        from PySide6.QtCore import QRectF

        target = painter.viewport()  # the full page in device pixels (full-page mode)
        dpi = self.raster_dpi(printer)
        scale = dpi / 72
        rows = round(size.height_pt * scale)
        sx = target.width() / (size.width_pt * scale)
        sy = target.height() / rows
        for top in range(0, rows, BAND_ROWS):
            bottom = min(rows, top + BAND_ROWS)
            image = render_band(page, scale, top, bottom)
            painter.drawImage(QRectF(0, top * sy, image.width() * sx, image.height() * sy), image)


def render_band(page: Any, scale: float, top: int, bottom: int) -> QImage:
    """Raster rows `top`..`bottom` of `page` at `scale` pixels per point as an RGB32 QImage.

    The band is drawn into a bitmap of exactly its rows with a shifted transformation (not a
    crop, whose own rounding could leave a seam or a doubled row between bands).
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
    from PySide6.QtGui import QImage

    width = round(page.get_width() * scale)
    rows = bottom - top
    with _PDFIUM_LOCK:
        bitmap = pdfium.PdfBitmap.new_native(width, rows, pdfium_c.FPDFBitmap_BGRx)
        try:
            bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, rows)
            matrix = pdfium_c.FS_MATRIX(scale, 0, 0, scale, 0, -top)
            clip = pdfium_c.FS_RECTF(0, 0, width, rows)
            flags = pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_PRINTING
            pdfium_c.FPDF_RenderPageBitmapWithMatrix(bitmap, page, matrix, clip, flags)
            # BGRx little-endian is Qt's RGB32; copy() lets the PDFium buffer go.
            view = QImage(
                bytes(bitmap.buffer), width, rows, bitmap.stride, QImage.Format.Format_RGB32
            )
            return view.copy()
        finally:
            bitmap.close()
