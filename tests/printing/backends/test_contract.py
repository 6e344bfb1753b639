"""One contract every printer backend must honour, run against each backend."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from pypdf import PdfReader

from kiosk.config import PRINTER_BACKENDS, PrinterConfig
from printing.backends import escpos_printers
from printing.backends.base import PRINTER_ERROR_CODES, Payload, Printer, PrinterError
from printing.backends.cups import CupsPrinter
from printing.backends.escpos_printers import (
    FileEscposPrinter,
    NetworkEscposPrinter,
    SerialEscposPrinter,
    UsbEscposPrinter,
)
from printing.backends.factory import make_printer
from printing.backends.pdf_folder import PdfFolderPrinter
from printing.documents.card import render_card_pdf
from printing.documents.sample import sample_card
from scenario.fake_escpos import NORMAL_ANSWERS, FakeEscposPrinter, closed_port
from tests.support.cups import CupsServer, private_cups

# A receipt: init, bold on, Vietnamese text in the printer's code page, feed and cut. It contains
# no DLE EOT sequence, which a real printer would treat as a status query.
RECEIPT = b"\x1b@\x1bE\x01BIEN LAI 000042\x1bE\x00\nTong: 1.263.600 d\n\x1dV\x41\x03"
VIETNAMESE_LETTERS = set("ảáàạãăắằẳẵặâấầẩẫậđéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ")


@dataclass
class Rig:
    """A backend under test: a working printer, a dead one, and a way to read what came out."""

    up: Printer
    down: Printer
    payload: Payload
    delivered: Callable[[], list[bytes]]
    timeout_s: float = 1.0


def same_bytes(sent: bytes, out: bytes) -> bool:
    """Raw transports must deliver the payload byte for byte."""
    return sent == out


class PrinterContract:
    """Shared tests; each subclass provides the `rig` fixture for one backend."""

    def same(self, sent: bytes, out: bytes) -> bool:
        """Whether `out` is the document `sent` (exact bytes unless a backend converts)."""
        return same_bytes(sent, out)

    def test_send_delivers_the_payload_exactly_once(self, rig: Rig) -> None:
        """A job the printer accepts comes out once, unchanged."""
        assert rig.payload.kind in rig.up.accepts
        rig.up.send(rig.payload)
        outputs = rig.delivered()
        assert len(outputs) == 1
        assert self.same(rig.payload.data, outputs[0])

    def test_status_is_online_when_up(self, rig: Rig) -> None:
        """A reachable printer reports online with a Vietnamese detail text."""
        state = rig.up.status()
        assert state.online is True
        assert state.paper in ("ok", "low", "unknown")
        assert state.detail

    def test_down_printer_raises_a_coded_vietnamese_error(self, rig: Rig) -> None:
        """Sending to a dead printer raises PrinterError with a known code and both languages."""
        with pytest.raises(PrinterError) as caught:
            rig.down.send(rig.payload)
        err = caught.value
        assert err.code in PRINTER_ERROR_CODES
        assert err.retryable is True
        assert VIETNAMESE_LETTERS & set(err.vi.lower())
        assert rig.down.name in err.vi and rig.down.name in err.en
        assert rig.delivered() == []

    def test_down_printer_status_is_offline_and_does_not_raise(self, rig: Rig) -> None:
        """status() of a dead printer returns online=False instead of raising."""
        state = rig.down.status()
        assert state.online is False
        assert state.detail

    def test_status_detail_in_both_languages(self, rig: Rig) -> None:
        """Up or down, the status carries an English detail with no Vietnamese letters, and
        text(lang) picks it for "en" and the Vietnamese one for "vi"."""
        for state in (rig.up.status(), rig.down.status()):
            assert state.detail_en and not VIETNAMESE_LETTERS & set(state.detail_en.lower())
            assert (state.text("en"), state.text("vi")) == (state.detail_en, state.detail)

    def test_never_hangs(self, rig: Rig) -> None:
        """A dead printer fails within its timeout (plus process start-up slack)."""
        start = time.monotonic()
        with pytest.raises(PrinterError):
            rig.down.send(rig.payload)
        rig.down.status()
        assert time.monotonic() - start < 2 * rig.timeout_s + 3.0

    def test_refuses_a_kind_it_cannot_print(self, rig: Rig) -> None:
        """A payload kind outside `accepts` is refused (not retryable) and nothing comes out."""
        other = [k for k in ("escpos", "pdf") if k not in rig.up.accepts]
        if not other:
            assert set(rig.up.accepts) == {"escpos", "pdf"}
            return
        with pytest.raises(PrinterError) as caught:
            rig.up.send(Payload(other[0], b"x", "wrong-kind"))
        assert caught.value.retryable is False
        assert rig.delivered() == []


class TestPdfFolder(PrinterContract):
    """pdf-folder: files land under <output>/<role>/."""

    @pytest.fixture
    def rig(self, tmp_path: Path) -> Rig:
        """A folder printer, and one whose output folder is blocked by a plain file."""
        blocker = tmp_path / "blocked"
        blocker.write_text("not a folder")
        folder = tmp_path / "out" / "card"

        def delivered() -> list[bytes]:
            files = sorted(folder.glob("*.pdf")) if folder.exists() else []
            return [f.read_bytes() for f in files]

        return Rig(
            up=PdfFolderPrinter("card", tmp_path / "out"),
            down=PdfFolderPrinter("card", blocker),
            payload=Payload("pdf", render_card_pdf(sample_card()), "card-0001", (85.6, 53.98)),
            delivered=delivered,
        )

    def test_never_overwrites_and_files_are_private(self, rig: Rig, tmp_path: Path) -> None:
        """The same name twice gives name.pdf and name-2.pdf, mode 0600; ESC/POS goes to .bin."""
        rig.up.send(rig.payload)
        rig.up.send(rig.payload)
        rig.up.send(Payload("escpos", RECEIPT, "card-0001"))
        folder = tmp_path / "out" / "card"
        assert sorted(p.name for p in folder.iterdir()) == [
            "card-0001-2.pdf",
            "card-0001.bin",
            "card-0001.pdf",
        ]
        assert (folder / "card-0001.bin").read_bytes() == RECEIPT
        assert {p.stat().st_mode & 0o777 for p in folder.iterdir()} == {0o600}

    def test_status_details(self, rig: Rig) -> None:
        """A writable folder saves PDFs; one blocked by a file cannot be written; both texts."""
        up, down = rig.up.status(), rig.down.status()
        assert (up.online, up.paper, up.detail, up.detail_en) == (
            True,
            "ok",
            "Lưu tệp PDF vào thư mục",
            "Saving PDF files to the folder",
        )
        assert (down.online, down.detail, down.detail_en) == (
            False,
            "Không ghi được thư mục",
            "Cannot write to the folder",
        )


class TestEscposNetwork(PrinterContract):
    """escpos-network against the fake TCP printer; down is a closed port."""

    @pytest.fixture
    def rig(self) -> Iterator[Rig]:
        """A network printer pointing at a running fake, and one pointing at nothing."""
        with FakeEscposPrinter() as fake:
            up = NetworkEscposPrinter("receipt", "127.0.0.1", fake.port, timeout_s=1.0)

            def delivered() -> list[bytes]:
                assert fake.wait_closed(fake.connections)
                return list(fake.jobs)

            down = NetworkEscposPrinter("receipt", "127.0.0.1", closed_port(), timeout_s=1.0)
            yield Rig(up, down, Payload("escpos", RECEIPT, "receipt-BL25-000042"), delivered)


class TestEscposFile(PrinterContract):
    """escpos-file: a device file (here a temp file standing in for /dev/usb/lp0)."""

    @pytest.fixture
    def rig(self, tmp_path: Path) -> Rig:
        """A printer on an existing file, and one on a device path that does not exist."""
        device = tmp_path / "lp0"
        device.write_bytes(b"")

        def delivered() -> list[bytes]:
            data = device.read_bytes()
            return [data] if data else []

        return Rig(
            up=FileEscposPrinter("receipt", str(device)),
            down=FileEscposPrinter("receipt", str(tmp_path / "usb" / "lp9")),
            payload=Payload("escpos", RECEIPT, "receipt-BL25-000042"),
            delivered=delivered,
        )

    def test_status_details(self, rig: Rig) -> None:
        """An existing device file is ready, a missing one lost, in Vietnamese and English."""
        up, down = rig.up.status(), rig.down.status()
        assert (up.online, up.detail, up.detail_en) == (True, "Sẵn sàng", "Ready")
        assert (down.online, down.detail, down.detail_en) == (
            False,
            "Mất kết nối",
            "Connection lost",
        )


class _FakeLink(Escpos):
    """Stands in for python-escpos Usb/Serial: answers DLE EOT, records bytes, or is absent."""

    present: ClassVar[set[str]] = set()
    written: ClassVar[list[bytes]] = []

    def __init__(self, key: str, **_: Any) -> None:
        Escpos.__init__(self)
        self.key = key
        self._device: Any = False
        self._buf = io.BytesIO()
        self._answers: list[int] = []

    def open(self, raise_not_found: bool = True) -> None:
        if self.key not in self.present:
            raise DeviceNotFoundError(f"{self.key} not found")
        self._device = True

    def _raw(self, msg: bytes) -> None:
        if msg.startswith(b"\x10\x04") and len(msg) == 3:
            self._answers.append(NORMAL_ANSWERS[msg[2]])
        else:
            self._buf.write(msg)

    def _read(self) -> bytes:
        return bytes([self._answers.pop(0)])

    def close(self) -> None:
        if self._device and self._buf.getvalue():
            _FakeLink.written.append(self._buf.getvalue())
        self._device = False


def _fake_link_rig(monkeypatch: pytest.MonkeyPatch, up: Printer, down: Printer) -> Rig:
    # The driver libraries (pyusb, pyserial) are optional; the fake link needs neither.
    usable = SimpleNamespace(is_usable=lambda: True)
    monkeypatch.setattr(escpos_printers, "escpos_usb", usable)
    monkeypatch.setattr(escpos_printers, "escpos_serial", usable)
    _FakeLink.present = {"present"}
    _FakeLink.written = []
    return Rig(up, down, Payload("escpos", RECEIPT, "r-1"), lambda: list(_FakeLink.written))


class TestEscposUsb(PrinterContract):
    """escpos-usb with python-escpos's Usb replaced by a fake link (no USB in CI)."""

    @pytest.fixture
    def rig(self, monkeypatch: pytest.MonkeyPatch) -> Rig:
        """A present USB printer (vendor 0x04b8) and an absent one (0x0000)."""

        def fake_usb(vendor: int, product: int, **kw: Any) -> _FakeLink:
            return _FakeLink("present" if vendor == 0x04B8 else "absent", **kw)

        monkeypatch.setattr(escpos_printers, "Usb", fake_usb)
        up = UsbEscposPrinter("receipt", 0x04B8, 0x0202, timeout_s=1.0)
        down = UsbEscposPrinter("receipt", 0x0000, 0x0001, timeout_s=1.0)
        return _fake_link_rig(monkeypatch, up, down)


class TestEscposSerial(PrinterContract):
    """escpos-serial with python-escpos's Serial replaced by a fake link."""

    @pytest.fixture
    def rig(self, monkeypatch: pytest.MonkeyPatch) -> Rig:
        """A printer on /dev/ttyFAKE0 that answers, and one on a port that does not exist."""

        def fake_serial(devfile: str, **kw: Any) -> _FakeLink:
            return _FakeLink("present" if devfile == "/dev/ttyFAKE0" else devfile, **kw)

        monkeypatch.setattr(escpos_printers, "Serial", fake_serial)
        up = SerialEscposPrinter("receipt", "/dev/ttyFAKE0", 19200, timeout_s=1.0)
        down = SerialEscposPrinter("receipt", "/dev/ttyNONE9", 19200, timeout_s=1.0)
        return _fake_link_rig(monkeypatch, up, down)


@pytest.fixture(scope="module")
def cups_server() -> Iterator[CupsServer]:
    """A private cupsd for this module."""
    with private_cups() as server:
        yield server


@pytest.mark.cups
class TestCups(PrinterContract):
    """cups through a real private cupsd whose queue writes the PDF it would print to a file."""

    def same(self, sent: bytes, out: bytes) -> bool:
        """CUPS rewrites the PDF (pdftopdf): same page count, same page size, same text."""
        a, b = PdfReader(io.BytesIO(sent)), PdfReader(io.BytesIO(out))
        if len(a.pages) != len(b.pages):
            return False
        for pa, pb in zip(a.pages, b.pages, strict=True):
            size_a = (float(pa.mediabox.width), float(pa.mediabox.height))
            size_b = (float(pb.mediabox.width), float(pb.mediabox.height))
            if any(abs(x - y) > 1.5 for x, y in zip(size_a, size_b, strict=True)):
                return False
            if pa.extract_text().split() != pb.extract_text().split():
                return False
        return True

    @pytest.fixture
    def rig(self, cups_server: CupsServer) -> Rig:
        """The private queue, and a queue name CUPS does not know."""
        cups_server.reset_output()

        def delivered() -> list[bytes]:
            cups_server.wait_idle()
            data = cups_server.output.read_bytes()
            return [data] if data else []

        return Rig(
            up=CupsPrinter("card", cups_server.queue, timeout_s=10, server=cups_server.server),
            down=CupsPrinter("card", "no-such-queue", timeout_s=10, server=cups_server.server),
            payload=Payload("pdf", render_card_pdf(sample_card()), "card-0001", (85.6, 53.98)),
            delivered=delivered,
            timeout_s=10,
        )


@pytest.mark.parametrize(
    ("backend", "options", "cls"),
    [
        ("pdf-folder", {}, PdfFolderPrinter),
        (
            "escpos-network",
            {"host": "10.0.0.5", "port": 9100, "timeout_s": 2},
            NetworkEscposPrinter,
        ),
        ("escpos-usb", {"vendor_id": "0x04b8", "product_id": 0x0202}, UsbEscposPrinter),
        ("escpos-serial", {"device": "/dev/ttyUSB0", "baudrate": 19200}, SerialEscposPrinter),
        ("escpos-file", {"path": "/dev/usb/lp0"}, FileEscposPrinter),
        ("cups", {"queue": "kiosk-card", "page_mm": [85.6, 53.98]}, CupsPrinter),
    ],
)
def test_factory_builds_every_configured_backend(
    backend: str, options: dict[str, Any], cls: type[Printer], tmp_path: Path
) -> None:
    """make_printer maps each backend name in kiosk.config to its class with its options."""
    printer = make_printer(PrinterConfig("receipt", backend, options), tmp_path)
    assert type(printer) is cls
    assert printer.name.startswith("biên lai")


def test_factory_covers_the_config_backends_and_names_missing_options(tmp_path: Path) -> None:
    """Every backend kiosk.config accepts is buildable; a missing host is named in the error."""
    assert set(PRINTER_BACKENDS) == {
        "pdf-folder",
        "escpos-network",
        "escpos-usb",
        "escpos-serial",
        "escpos-file",
        "cups",
        "qt-print",
        "escpos-windows",
    }
    with pytest.raises(ValueError, match=r"printers\.receipt\.host"):
        make_printer(PrinterConfig("receipt", "escpos-network", {}), tmp_path)
    usb = make_printer(
        PrinterConfig("receipt", "escpos-usb", {"vendor_id": "04b8", "product_id": "0e15"}),
        tmp_path,
    )
    assert isinstance(usb, UsbEscposPrinter)
    assert (usb.vendor_id, usb.product_id) == (0x04B8, 0x0E15)
