"""An in-memory printer (demo, benchmark, tests): records payloads, fails on demand, can be slow."""

from __future__ import annotations

import threading
import time

from printing.backends.base import Payload, Printer, PrinterStatus, printer_error


class MemoryPrinter(Printer):
    """Keeps every payload it was sent; `fail_with` makes the next sends raise that code."""

    def __init__(
        self, name: str = "bộ nhớ", accepts: tuple[str, ...] = ("pdf", "escpos"), delay_s: float = 0
    ) -> None:
        self.name = name
        self.accepts = accepts
        self.delay_s = delay_s
        self.fail_with: str | None = None
        self.payloads: list[Payload] = []
        self._lock = threading.Lock()

    def send(self, payload: Payload) -> None:
        """Record the payload after `delay_s`, or raise the configured printer error."""
        self.check_accepts(payload)
        if self.delay_s:
            time.sleep(self.delay_s)  # a slow printer: this runs on the print thread
        if self.fail_with is not None:
            raise printer_error(self.fail_with, self.name)
        with self._lock:
            self.payloads.append(payload)

    def status(self) -> PrinterStatus:
        """Offline while failing with printer.offline; paper out while failing with that."""
        if self.fail_with == "printer.offline":
            return PrinterStatus(False, "unknown", "Mất kết nối", "Connection lost")
        if self.fail_with == "printer.paper_out":
            return PrinterStatus(True, "out", "Hết giấy", "Out of paper")
        return PrinterStatus(True, "ok", "Sẵn sàng", "Ready")
