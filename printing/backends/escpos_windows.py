"""ESC/POS receipt printers installed as Windows print queues (USB), through python-escpos Win32Raw.

On Windows a USB receipt printer is usually installed with its vendor driver (or the "Generic /
Text Only" one) and reached by its queue name; raw ESC/POS bytes go to the spooler with the
RAW data type, so the driver passes them through untouched. The spooler gives no answers back,
so there is no DLE EOT status: the queue's existence is the status (like a device file).

Needs pywin32 on Windows. Importing this module is safe everywhere (python-escpos only tries to
import win32print); on other systems every job fails with printer.offline and a clear reason.
CI runs on Linux, so the real spooler path is only exercised on Windows (the tests use a fake
win32print module to check the bytes and the calls).
"""

from __future__ import annotations

from typing import Any

from escpos.escpos import Escpos
from escpos.printer import Win32Raw
from escpos.printer import win32raw as escpos_win32raw

from printing.backends.base import PrinterStatus, display_name
from printing.backends.escpos_printers import EscposPrinter

_NOT_WINDOWS_VI = "Máy in hàng in Windows chỉ dùng được trên Windows có cài pywin32"
_NOT_WINDOWS_EN = "Windows print queues need Windows with pywin32 installed"


class WindowsEscposPrinter(EscposPrinter):
    """A receipt printer by its Windows queue name ("" = the default printer)."""

    can_read = False  # the spooler does not carry the printer's answers back

    def __init__(
        self, role: str, queue: str = "", timeout_s: float = 5.0, profile: str | None = None
    ) -> None:
        super().__init__(role, queue or "mặc định", timeout_s, profile)
        self.name = display_name(role, queue or "mặc định")
        self.queue = queue

    def device(self) -> Escpos:
        """python-escpos Win32Raw for the queue; RuntimeError (→ offline) without pywin32."""
        if not escpos_win32raw.is_usable():
            raise RuntimeError(f"{_NOT_WINDOWS_VI} / {_NOT_WINDOWS_EN}")
        dev: Escpos = Win32Raw(self.queue, profile=self.profile)
        return dev

    def _status_unread(self) -> PrinterStatus:
        """Online when the queue is installed (the spooler cannot say more)."""
        if not escpos_win32raw.is_usable():
            return PrinterStatus(False, "unknown", _NOT_WINDOWS_VI, _NOT_WINDOWS_EN)
        try:
            names = _queue_names()
        except Exception as exc:  # status() never raises
            # The spooler's own message, in whatever language Windows speaks: kept as it is.
            return PrinterStatus(False, "unknown", str(exc)[:200], str(exc)[:200])
        if self.queue and self.queue not in names:
            return PrinterStatus(
                False,
                "unknown",
                f"Không có hàng in {self.queue}",
                f"Print queue {self.queue} not found",
            )
        return PrinterStatus(True, "unknown", "Sẵn sàng", "Ready")


def _queue_names() -> set[str]:
    """The names of the installed Windows printers (the same call Win32Raw.open checks)."""
    win32print: Any = escpos_win32raw.win32print
    return {p["pPrinterName"] for p in win32print.EnumPrinters(win32print.PRINTER_ENUM_NAME, "", 4)}
