"""ESC/POS to a Windows print queue (python-escpos Win32Raw), checked against a fake win32print.

CI runs on Linux and cannot reach a real Windows spooler: these tests replace pywin32's
win32print with a recorder that behaves like the spooler's calls, and check that the bytes go
to the named queue as one RAW document, and that on a system without pywin32 the backend
imports fine and every job fails as printer.offline with the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from escpos.printer import win32raw

from kiosk.config import PrinterConfig
from printing.backends.base import Payload, PrinterError
from printing.backends.escpos_windows import WindowsEscposPrinter
from printing.backends.factory import make_printer

RECEIPT = b"\x1b@BIEN LAI 000042\n\x1dV\x41\x03"


class FakeSpooler:
    """The win32print calls Win32Raw makes, recorded; `queues` are the installed printers."""

    PRINTER_ENUM_NAME = 8

    def __init__(self, queues: list[str]) -> None:
        self.queues = queues
        self.calls: list[tuple[str, Any]] = []
        self.written: list[bytes] = []

    def GetDefaultPrinter(self) -> str:
        return self.queues[0]

    def EnumPrinters(self, flags: int, name: str, level: int) -> list[dict[str, str]]:
        return [{"pPrinterName": q} for q in self.queues]

    def OpenPrinter(self, name: str) -> str:
        self.calls.append(("open", name))
        return f"handle:{name}"

    def StartDocPrinter(self, handle: str, level: int, info: tuple[str, str, str]) -> int:
        self.calls.append(("doc", info[2]))
        return 1

    def StartPagePrinter(self, handle: str) -> None:
        self.calls.append(("page", handle))

    def WritePrinter(self, handle: str, data: bytes) -> int:
        self.written.append(bytes(data))
        return len(data)

    def EndPagePrinter(self, handle: str) -> None:
        self.calls.append(("end_page", handle))

    def EndDocPrinter(self, handle: str) -> None:
        self.calls.append(("end_doc", handle))

    def ClosePrinter(self, handle: str) -> None:
        self.calls.append(("close", handle))


class _PyWinError(Exception):
    """pywintypes.error stand-in."""


@pytest.fixture
def spooler(monkeypatch: pytest.MonkeyPatch) -> FakeSpooler:
    """pywin32 "installed" with two queues, the receipt printer and a laser."""
    fake = FakeSpooler(["POS-80 Receipt", "HP LaserJet"])
    monkeypatch.setattr(win32raw, "_DEP_WIN32PRINT", True)
    monkeypatch.setattr(win32raw, "win32print", fake, raising=False)
    monkeypatch.setattr(
        win32raw, "pywintypes", type("pywintypes", (), {"error": _PyWinError}), raising=False
    )
    return fake


def test_receipt_goes_to_the_named_queue_as_one_raw_document(spooler: FakeSpooler) -> None:
    """The exact ESC/POS bytes are written once to the named queue, in a RAW document that is
    opened, ended and closed (a spooler job left open would block the queue)."""
    printer = WindowsEscposPrinter("receipt", "POS-80 Receipt")
    state = printer.status()
    assert (state.online, state.detail, state.detail_en) == (True, "Sẵn sàng", "Ready")
    printer.send(Payload("escpos", RECEIPT, "receipt-BL25-000042"))
    assert b"".join(spooler.written) == RECEIPT
    names = [c[0] for c in spooler.calls]
    assert names == ["open", "doc", "page", "end_page", "end_doc", "close"]
    assert spooler.calls[0] == ("open", "POS-80 Receipt") and spooler.calls[1] == ("doc", "RAW")


def test_unknown_queue_is_offline_and_nothing_is_written(spooler: FakeSpooler) -> None:
    """A queue name Windows does not have reads as offline; a job to it is refused."""
    printer = WindowsEscposPrinter("receipt", "Receipt on another laptop")
    state = printer.status()
    assert state.online is False
    assert state.detail == "Không có hàng in Receipt on another laptop"
    assert state.detail_en == "Print queue Receipt on another laptop not found"
    with pytest.raises(PrinterError) as caught:
        printer.send(Payload("escpos", RECEIPT, "receipt-1"))
    assert caught.value.code == "printer.offline"
    assert spooler.written == []


def test_spooler_failure_keeps_its_own_text(
    spooler: FakeSpooler, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spooler that fails to list its printers is offline; its message is the detail in
    both languages (Windows words it in its own language)."""

    def broken(flags: int, name: str, level: int) -> list[dict[str, str]]:
        raise _PyWinError("RPC server is unavailable")

    monkeypatch.setattr(spooler, "EnumPrinters", broken)
    state = WindowsEscposPrinter("receipt", "POS-80 Receipt").status()
    assert state.online is False
    assert state.detail == state.detail_en == "RPC server is unavailable"


def test_pdf_is_not_for_a_receipt_queue(spooler: FakeSpooler) -> None:
    """A PDF sent to the ESC/POS queue is refused as the wrong document (not retried)."""
    with pytest.raises(PrinterError) as caught:
        WindowsEscposPrinter("receipt", "POS-80 Receipt").send(Payload("pdf", b"%PDF", "x"))
    assert caught.value.code == "printer.wrong_page_size"
    assert spooler.written == []


def test_without_pywin32_every_job_is_offline_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On Linux (no pywin32) the backend still imports and builds; status and jobs say offline
    and why, in both languages, instead of crashing the print thread."""
    monkeypatch.setattr(win32raw, "_DEP_WIN32PRINT", False)
    printer = make_printer(
        PrinterConfig("receipt", "escpos-windows", {"queue": "POS-80"}), Path(".")
    )
    assert isinstance(printer, WindowsEscposPrinter)
    state = printer.status()
    assert state.online is False
    assert state.detail == "Máy in hàng in Windows chỉ dùng được trên Windows có cài pywin32"
    assert state.detail_en == "Windows print queues need Windows with pywin32 installed"
    with pytest.raises(PrinterError) as caught:
        printer.send(Payload("escpos", RECEIPT, "receipt-1"))
    assert caught.value.code == "printer.offline"
    assert "pywin32" in caught.value.vi and "pywin32" in caught.value.en
