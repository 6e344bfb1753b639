"""ESC/POS receipt printers over the network (port 9100), USB, serial or a device file.

Sending always goes through python-escpos. Before a job the printer is asked for its state with
the real-time commands DLE EOT 1 (printer status) and DLE EOT 4 (paper roll sensor), so a printer
that is out of paper gets no bytes; after the job DLE EOT 1 is asked again and its answer
confirms the printer is still there (a dropped connection shows up as printer.dropped).
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from typing import Any

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File, Network, Serial, Usb
from escpos.printer import serial as escpos_serial
from escpos.printer import usb as escpos_usb

from printing.backends.base import (
    Payload,
    Printer,
    PrinterError,
    PrinterStatus,
    display_name,
    printer_error,
)

DLE_EOT_PRINTER = b"\x10\x04\x01"
DLE_EOT_PAPER = b"\x10\x04\x04"
_OFFLINE_BIT = 0x08  # DLE EOT 1: printer is offline (cover open, paper feed pressed, error)
_PAPER_END_BITS = 0x60  # DLE EOT 4: paper roll end sensor
_PAPER_NEAR_END_BITS = 0x0C  # DLE EOT 4: paper roll near-end sensor
_DROPPED = (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, EOFError)


class EscposPrinter(Printer):
    """Common logic; subclasses say how to build the python-escpos device."""

    accepts: tuple[str, ...] = ("escpos",)
    can_read = True  # whether the link carries the printer's answers back

    def __init__(self, role: str, target: str, timeout_s: float, profile: str | None) -> None:
        self.role = role
        self.name = display_name(role, target)
        self.timeout_s = float(timeout_s)
        self.profile = profile

    def device(self) -> Escpos:
        """A fresh, not yet opened python-escpos printer object."""
        raise NotImplementedError

    @contextlib.contextmanager
    def _opened(self) -> Iterator[Escpos]:
        try:
            dev = self.device()
            dev.open()
        except DeviceNotFoundError as exc:
            raise printer_error("printer.offline", self.name, _short(exc)) from exc
        except RuntimeError as exc:  # python-escpos: pyusb / pyserial not installed
            raise printer_error("printer.offline", self.name, _short(exc)) from exc
        except TimeoutError as exc:
            raise printer_error("printer.timeout", self.name, _short(exc)) from exc
        except OSError as exc:
            raise printer_error("printer.offline", self.name, _short(exc)) from exc
        try:
            yield dev
        finally:
            with contextlib.suppress(Exception):
                dev.close()

    def _ask(self, dev: Escpos, command: bytes) -> int:
        """Send one DLE EOT query and return the status byte."""
        dev._raw(command)
        answer = dev._read()
        if not answer:
            # An empty read is a closed socket (network) or a read timeout (serial).
            if isinstance(dev, Network):
                raise EOFError("connection closed by printer")
            raise TimeoutError("no answer to DLE EOT")
        return int(answer[-1])

    def _check_ready(self, dev: Escpos) -> tuple[int, int]:
        state = self._ask(dev, DLE_EOT_PRINTER)
        paper = self._ask(dev, DLE_EOT_PAPER)
        if paper & _PAPER_END_BITS:
            raise printer_error("printer.paper_out", self.name)
        if state & _OFFLINE_BIT:
            raise printer_error("printer.cover_open", self.name)
        return state, paper

    def send(self, payload: Payload) -> None:
        """Check the printer, send the bytes raw, then confirm the printer is still there."""
        self.check_accepts(payload)
        started = False
        try:
            with self._opened() as dev:
                if self.can_read:
                    self._check_ready(dev)
                started = True
                dev._raw(payload.data)
                if self.can_read:
                    self._ask(dev, DLE_EOT_PRINTER)
                elif hasattr(dev, "flush"):
                    dev.flush()
        except PrinterError:
            raise
        except Exception as exc:  # every driver failure must become a PrinterError
            raise self._map(exc, started) from exc

    def _map(self, exc: Exception, started: bool) -> PrinterError:
        if (
            isinstance(exc, TimeoutError | socket.timeout)
            or type(exc).__name__ == "USBTimeoutError"
        ):
            return printer_error("printer.timeout", self.name, _short(exc))
        if isinstance(exc, _DROPPED) and started:
            return printer_error("printer.dropped", self.name, _short(exc))
        if isinstance(exc, _DROPPED):
            return printer_error("printer.offline", self.name, _short(exc))
        if isinstance(exc, OSError | AssertionError | DeviceNotFoundError) and not started:
            return printer_error("printer.offline", self.name, _short(exc))
        if started:
            return printer_error("printer.dropped", self.name, _short(exc))
        return printer_error("printer.offline", self.name, _short(exc))

    def status(self) -> PrinterStatus:
        """Ask the printer (DLE EOT 1 and 4); any failure reads as offline."""
        if not self.can_read:
            return self._status_unread()
        try:
            with self._opened() as dev:
                state = self._ask(dev, DLE_EOT_PRINTER)
                paper = self._ask(dev, DLE_EOT_PAPER)
        except PrinterError as err:
            return PrinterStatus(False, "unknown", *_DETAILS.get(err.code, _OTHER))
        except Exception as exc:  # status() never raises
            code = self._map(exc, False).code
            return PrinterStatus(False, "unknown", *_DETAILS.get(code, _OTHER))
        if paper & _PAPER_END_BITS:
            return PrinterStatus(True, "out", *_DETAILS["printer.paper_out"])
        if state & _OFFLINE_BIT:
            return PrinterStatus(False, "unknown", *_DETAILS["printer.cover_open"])
        if paper & _PAPER_NEAR_END_BITS:
            return PrinterStatus(True, "low", "Sắp hết giấy", "Paper low")
        return PrinterStatus(True, "ok", *_READY)

    def _status_unread(self) -> PrinterStatus:
        return PrinterStatus(True, "unknown", *_READY)


class _Network(Network):
    """python-escpos Network whose open() closes the socket when connecting fails.

    (python-escpos 3.1 drops the half-made socket without closing it, leaking a descriptor on
    every retry against an offline printer.)
    """

    def open(self, raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.settimeout(self.timeout)
            sock.connect((self.host, self.port))
        except OSError as exc:
            sock.close()
            self.device = None
            raise DeviceNotFoundError(f"{self.host}:{self.port}: {exc}") from exc
        self.device = sock


class NetworkEscposPrinter(EscposPrinter):
    """A receipt printer on the LAN (raw TCP, usually port 9100)."""

    def __init__(
        self,
        role: str,
        host: str,
        port: int = 9100,
        timeout_s: float = 5.0,
        profile: str | None = None,
    ) -> None:
        super().__init__(role, f"{host}:{port}", timeout_s, profile)
        self.host, self.port = host, int(port)

    def device(self) -> Escpos:
        """python-escpos Network with a short socket timeout (connect, send and read)."""
        dev: Escpos = _Network(self.host, self.port, timeout=self.timeout_s, profile=self.profile)
        return dev


class UsbEscposPrinter(EscposPrinter):
    """A receipt printer on USB (needs pyusb and access to the device)."""

    def __init__(
        self,
        role: str,
        vendor_id: int,
        product_id: int,
        timeout_s: float = 5.0,
        profile: str | None = None,
        in_ep: int = 0x82,
        out_ep: int = 0x01,
    ) -> None:
        super().__init__(role, f"USB {vendor_id:04x}:{product_id:04x}", timeout_s, profile)
        self.vendor_id, self.product_id = vendor_id, product_id
        self.in_ep, self.out_ep = in_ep, out_ep

    def device(self) -> Escpos:
        """python-escpos Usb; pyusb takes its timeout in milliseconds."""
        # Checked first: python-escpos's Usb object without pyusb raises again in __del__.
        if not escpos_usb.is_usable():
            raise RuntimeError("pyusb is not installed (pip install pyusb)")
        dev: Escpos = Usb(
            self.vendor_id,
            self.product_id,
            timeout=int(self.timeout_s * 1000),
            in_ep=self.in_ep,
            out_ep=self.out_ep,
            profile=self.profile,
        )
        return dev


class SerialEscposPrinter(EscposPrinter):
    """A receipt printer on a serial port (needs pyserial)."""

    def __init__(
        self,
        role: str,
        device: str,
        baudrate: int = 9600,
        timeout_s: float = 5.0,
        profile: str | None = None,
    ) -> None:
        super().__init__(role, device, timeout_s, profile)
        self.devfile, self.baudrate = device, int(baudrate)

    def device(self) -> Escpos:
        """python-escpos Serial with read/write timeout."""
        if not escpos_serial.is_usable():
            raise RuntimeError("pyserial is not installed (pip install pyserial)")
        dev: Escpos = Serial(
            self.devfile, baudrate=self.baudrate, timeout=self.timeout_s, profile=self.profile
        )
        return dev


class FileEscposPrinter(EscposPrinter):
    """A printer device file such as /dev/usb/lp0 (write only: no status answers)."""

    can_read = False

    def __init__(
        self, role: str, path: str, timeout_s: float = 5.0, profile: str | None = None
    ) -> None:
        super().__init__(role, path, timeout_s, profile)
        self.path = path

    def device(self) -> Escpos:
        """python-escpos File; the path must already exist (never create files in /dev)."""
        if not os.path.exists(self.path):
            raise DeviceNotFoundError(f"{self.path} does not exist")
        dev: Escpos = File(self.path, profile=self.profile)
        return dev

    def _status_unread(self) -> PrinterStatus:
        if os.path.exists(self.path) and os.access(self.path, os.W_OK):
            return PrinterStatus(True, "unknown", *_READY)
        return PrinterStatus(False, "unknown", *_DETAILS["printer.offline"])


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


# A status detail (Vietnamese, English) per printer error code; anything else is _OTHER.
_DETAILS: dict[str, tuple[str, str]] = {
    "printer.offline": ("Mất kết nối", "Connection lost"),
    "printer.timeout": ("Không phản hồi", "Not responding"),
    "printer.dropped": ("Mất kết nối", "Connection lost"),
    "printer.paper_out": ("Hết giấy", "Out of paper"),
    "printer.cover_open": ("Máy in báo lỗi / mở nắp", "Printer error / cover open"),
}
_OTHER = ("Lỗi máy in", "Printer error")
_READY = ("Sẵn sàng", "Ready")


def parse_id(value: Any) -> int:
    """A USB id from config: an int or a hex string like "0x04b8" / "04b8"."""
    if isinstance(value, int):
        return value
    text = str(value).strip().lower()
    return int(text, 16)
