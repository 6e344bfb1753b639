"""Card and A4 printers through CUPS: the PDF is piped to `lp`, state read with `lpstat`.

Linux and macOS only. On Windows there is no `lp`: configure the printer in the Windows print
spooler and use the ``pdf-folder`` backend with a hot folder watched by the vendor's print tool
(or print the PDFs from that folder with the vendor utility), because the Windows spooler has no
reliable command-line equivalent of ``lp -o media=...`` for exact card sizes. On Windows this
backend reports ``printer.offline`` with an explanation instead of failing obscurely.

The media option asks CUPS for the exact page size (cards: ``Custom.85.6x53.98mm``) and
``fit-to-page=false`` stops it from scaling, so a card prints at true size. A PDF whose first page
is not the size the job expects is refused (``printer.wrong_page_size``) before anything reaches
the printer: printing it would waste a blank PVC card.
"""

from __future__ import annotations

import io
import os
import subprocess

from printing.backends.base import (
    Payload,
    Printer,
    PrinterError,
    PrinterStatus,
    check_page_size,
    display_name,
    printer_error,
)

PT_TO_MM = 25.4 / 72
_INSTALL_HINT_VI = "Hãy cài gói CUPS: sudo apt-get install cups-client"
_INSTALL_HINT_EN = "install the CUPS client: sudo apt-get install cups-client"


def pdf_page_mm(data: bytes) -> tuple[float, float]:
    """Width and height in millimetres of the first page's MediaBox."""
    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(data)).pages[0]
    box = page.mediabox
    return float(box.width) * PT_TO_MM, float(box.height) * PT_TO_MM


def media_option(page_mm: tuple[float, float]) -> str:
    """The CUPS custom media name for a page size, e.g. "Custom.85.6x53.98mm"."""
    w, h = (f"{v:.2f}".rstrip("0").rstrip(".") for v in page_mm)
    return f"Custom.{w}x{h}mm"


class CupsPrinter(Printer):
    """A CUPS queue; `server` (optional) is the CUPS_SERVER to talk to (host[:port] or socket)."""

    accepts = ("pdf",)

    def __init__(
        self,
        role: str,
        queue: str,
        timeout_s: float = 10.0,
        server: str = "",
        page_mm: tuple[float, float] | None = None,
    ) -> None:
        self.role = role
        self.queue = queue
        self.name = display_name(role, queue)
        self.timeout_s = float(timeout_s)
        self.server = server
        self.page_mm = page_mm  # expected page size when the payload does not say

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.server:
            env["CUPS_SERVER"] = self.server
        # Parse lpstat's English output whatever the kiosk's locale is.
        env["LC_ALL"] = "C"
        env["LANG"] = "C"
        return env

    def _run(self, args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                args,
                input=stdin,
                capture_output=True,
                timeout=self.timeout_s,
                env=self._env(),
                check=False,
            )
        except FileNotFoundError as exc:
            raise printer_error(
                "printer.offline",
                self.name,
                f"{args[0]}: {_INSTALL_HINT_VI} / {_INSTALL_HINT_EN}",
            ) from exc
        except subprocess.TimeoutExpired as exc:
            raise printer_error(
                "printer.timeout", self.name, f"{args[0]} > {self.timeout_s}s"
            ) from exc

    def check_page(self, payload: Payload) -> tuple[float, float] | None:
        """The page size to request; raises printer.wrong_page_size if the PDF does not match."""
        expected = payload.page_mm or self.page_mm
        if expected is None:
            return None
        try:
            actual = pdf_page_mm(payload.data)
        except Exception as exc:  # any parse failure means "not this paper"
            raise printer_error("printer.wrong_page_size", self.name, f"PDF: {exc}") from exc
        check_page_size(self.name, actual, expected)
        return expected

    def send(self, payload: Payload) -> None:
        """Check size and queue state, then pipe the PDF to `lp`."""
        self.check_accepts(payload)
        page = self.check_page(payload)
        state = self.status()
        if not state.online:
            raise printer_error("printer.offline", self.name, state.detail, state.detail_en)
        args = ["lp", "-d", self.queue, "-o", "fit-to-page=false", "-t", payload.name]
        if page is not None:
            args[3:3] = ["-o", f"media={media_option(page)}"]
        done = self._run([*args, "-"], payload.data)
        if done.returncode != 0:
            raise printer_error("printer.offline", self.name, _text(done.stderr))

    def status(self) -> PrinterStatus:
        """`lpstat -p QUEUE`: enabled → online; disabled, unknown queue or no CUPS → offline."""
        try:
            done = self._run(["lpstat", "-p", self.queue])
        except PrinterError as err:  # lpstat missing or too slow: say so in each language
            if err.code == "printer.timeout":
                reason = err.params.get("reason", "")
                return PrinterStatus(
                    False, "unknown", f"Không phản hồi: {reason}", f"Not responding: {reason}"
                )
            return PrinterStatus(
                False,
                "unknown",
                f"Mất kết nối: {_INSTALL_HINT_VI}",
                f"Connection lost: {_INSTALL_HINT_EN}",
            )
        except Exception as exc:  # status() never raises
            return PrinterStatus(False, "unknown", f"Mất kết nối: {exc}", f"Connection lost: {exc}")
        out = _text(done.stdout)
        if done.returncode != 0 or not out:
            return PrinterStatus(
                False,
                "unknown",
                f"Không tìm thấy hàng in {self.queue}",
                f"Print queue {self.queue} not found",
            )
        if " disabled" in out:
            return PrinterStatus(False, "unknown", "Hàng in đang tạm dừng", "Print queue paused")
        return PrinterStatus(True, "unknown", "Sẵn sàng", "Ready")


def _text(raw: bytes) -> str:
    return " ".join(raw.decode("utf-8", "replace").split())[:300]
