"""A scanner in USB serial (CDC-ACM / USB-COM) mode: lines of UTF-8 on a port, read on a thread.

Serial mode is how real booths get "Nguyễn" intact: the scanner sends the QR's own bytes and
ends each scan with CR, LF or CR LF. The reader survives the cable being pulled: it closes
the port, waits, and opens the same path (or the newly found scanner) again.

Scanner USB vendor ids used to find the port when none is configured: Newland 1EAB (Newland
FM420 integration guide: "The Newland vendor ID (VID) is 1EAB"); Honeywell/Hand Held Products
0C2E, Zebra/Symbol 05E0 and Datalogic 05F9 are from the public USB id list (UNVERIFIED here).
Otherwise a single CDC-ACM port (/dev/ttyACM*, Windows "USB Serial Device") is taken.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from typing import Any, Protocol

import serial
import serial.tools.list_ports

from kiosk.scan.reader import MAX_BYTES

KNOWN_VIDS = {0x1EAB: "Newland", 0x0C2E: "Honeywell", 0x05E0: "Zebra", 0x05F9: "Datalogic"}


class PortInfo(Protocol):
    device: str
    vid: int | None
    description: str


class Port(Protocol):
    in_waiting: int

    def read(self, size: int = 1) -> bytes: ...
    def close(self) -> None: ...


def find_scanner_port(ports: Iterable[PortInfo] | None = None) -> str | None:
    """The port of a connected scanner: a known vendor first, else the one CDC-ACM port."""
    found = list(serial.tools.list_ports.comports() if ports is None else ports)
    for port in found:
        if port.vid in KNOWN_VIDS:
            return str(port.device)
    cdc = [p for p in found if "ttyACM" in p.device or "USB Serial Device" in (p.description or "")]
    return str(cdc[0].device) if len(cdc) == 1 else None


def open_port(device: str, baudrate: int, timeout: float) -> Port:
    """Open `device` (8N1, no flow control: what scanners use by default)."""
    port: Port = serial.Serial(device, baudrate=baudrate, timeout=timeout)
    return port


class LineSplitter:
    """Bytes in, complete lines out; a line ends at CR, LF or CR LF. Blank lines are dropped,
    and a line longer than the longest scan is cut (read_scan then reports it as too long)."""

    def __init__(self, max_line: int = MAX_BYTES) -> None:
        self.max_line = max_line
        self._buf = bytearray()
        self._after_cr = False

    def feed(self, data: bytes) -> list[bytes]:
        lines: list[bytes] = []
        for byte in data:
            if byte == 0x0A and self._after_cr:
                self._after_cr = False  # the LF of a CR LF
                continue
            self._after_cr = byte == 0x0D
            if byte in (0x0A, 0x0D):
                if self._buf:
                    lines.append(bytes(self._buf))
                self._buf.clear()
            elif len(self._buf) <= self.max_line:
                self._buf.append(byte)
        return lines

    def clear(self) -> None:
        """Drop a half line (the cable was pulled in the middle of a scan)."""
        self._buf.clear()
        self._after_cr = False


def read_available(port: Port) -> bytes:
    """Wait up to the port's timeout for one byte, then take whatever else has arrived."""
    first = port.read(1)
    if not first:
        return b""
    waiting = port.in_waiting
    return first + (port.read(waiting) if waiting else b"")


class SerialScanner:
    """Reads scan lines from a serial port on its own thread and hands each to `on_line`.

    `on_state(state, detail)` reports "connected" (detail: the port), "waiting" (no scanner
    found), "disconnected" / "error" (detail: the reason) and "stopped". Both callbacks run on
    the reader thread: a GUI must pass them on through a queued signal.
    """

    def __init__(
        self,
        device: str,
        baudrate: int,
        on_line: Callable[[bytes], None],
        on_state: Callable[[str, str], None] | None = None,
        *,
        retry_s: float = 1.0,
        poll_s: float = 0.2,
        opener: Callable[[str, int, float], Any] = open_port,
        finder: Callable[[], str | None] = find_scanner_port,
    ) -> None:
        self.device = device
        self.baudrate = baudrate
        self.on_line = on_line
        self.on_state = on_state or (lambda _state, _detail: None)
        self.retry_s = retry_s
        self.poll_s = poll_s
        self._opener = opener
        self._finder = finder
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.opened = 0  # how many times a port was opened (tests count reconnects)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="serial-scanner", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end and wait for it (at most one poll interval plus `timeout`)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            device = self.device or self._finder()
            if not device:
                self.on_state("waiting", "")
                self._stop.wait(self.retry_s)
                continue
            try:
                port = self._opener(device, self.baudrate, self.poll_s)
            except (serial.SerialException, OSError, ValueError) as exc:
                self.on_state("error", str(exc))
                self._stop.wait(self.retry_s)
                continue
            self.opened += 1
            self.on_state("connected", device)
            self._pump(port)
            if not self._stop.is_set():
                self._stop.wait(self.retry_s)
        self.on_state("stopped", "")

    def _pump(self, port: Port) -> None:
        splitter = LineSplitter()
        try:
            while not self._stop.is_set():
                for line in splitter.feed(read_available(port)):
                    self.on_line(line)
        except (serial.SerialException, OSError) as exc:
            self.on_state("disconnected", str(exc))
        finally:
            with contextlib.suppress(serial.SerialException, OSError):  # gone with the cable
                port.close()
