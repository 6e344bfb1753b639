"""ESC/POS network printer failure modes against the fake TCP printer."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from printing.backends.base import Payload, PrinterError
from printing.backends.escpos_printers import (
    NetworkEscposPrinter,
    SerialEscposPrinter,
    UsbEscposPrinter,
)
from scenario.fake_escpos import FakeEscposPrinter, closed_port

RECEIPT = b"\x1b@BIEN LAI 000042\nTong: 1.263.600 d\n" * 40 + b"\x1dV\x41\x03"
JOB = Payload("escpos", RECEIPT, "receipt-BL25-000042")


@pytest.fixture
def fake() -> Iterator[FakeEscposPrinter]:
    """A running fake printer."""
    with FakeEscposPrinter(drop_after=16) as printer:
        yield printer


def printer_for(fake: FakeEscposPrinter, timeout_s: float = 0.3) -> NetworkEscposPrinter:
    """A network printer pointed at the fake with a short timeout so failures are fast."""
    return NetworkEscposPrinter("receipt", "127.0.0.1", fake.port, timeout_s=timeout_s)


def send_error(printer: NetworkEscposPrinter) -> PrinterError:
    """Send JOB and return the PrinterError it must raise."""
    with pytest.raises(PrinterError) as caught:
        printer.send(JOB)
    return caught.value


def test_normal_send_queries_status_first_and_delivers_the_bytes(fake: FakeEscposPrinter) -> None:
    """The printer is asked DLE EOT 1 and 4 before the job and DLE EOT 1 after it."""
    printer_for(fake).send(JOB)
    assert fake.wait_closed(1)
    assert fake.jobs == [RECEIPT]
    assert fake.queries == [1, 4, 1]


def test_paper_out_sends_no_job_bytes(fake: FakeEscposPrinter) -> None:
    """A printer whose paper sensor reports the end gets nothing and the error says so."""
    fake.mode = "paper_out"
    printer = printer_for(fake)
    err = send_error(printer)
    assert err.code == "printer.paper_out"
    assert err.retryable is True
    assert "hết giấy" in err.vi
    assert fake.wait_closed(1)
    assert fake.received == b""
    state = printer.status()
    assert (state.online, state.paper) == (True, "out")
    assert (state.detail, state.detail_en) == ("Hết giấy", "Out of paper")


def test_connection_dropped_mid_job(fake: FakeEscposPrinter) -> None:
    """The printer closing the link after part of the job is printer.dropped (retryable)."""
    fake.mode = "drop"
    err = send_error(printer_for(fake))
    assert err.code == "printer.dropped"
    assert err.retryable is True
    assert fake.wait_closed(1)
    assert fake.jobs == []
    assert fake.partial and RECEIPT.startswith(fake.partial[0])
    assert len(fake.partial[0]) < len(RECEIPT)


def test_silent_printer_times_out_quickly(fake: FakeEscposPrinter) -> None:
    """A printer that accepts but never answers fails with printer.timeout within ~timeout_s."""
    fake.mode = "silent"
    printer = printer_for(fake, timeout_s=0.3)
    start = time.monotonic()
    err = send_error(printer)
    assert err.code == "printer.timeout"
    assert time.monotonic() - start < 1.5
    state = printer.status()
    assert state.online is False
    assert (state.detail, state.detail_en) == ("Không phản hồi", "Not responding")
    assert fake.received == b""


def test_closed_port_is_offline() -> None:
    """Nothing listening (connection refused) is printer.offline and status offline."""
    printer = NetworkEscposPrinter("receipt", "127.0.0.1", closed_port(), timeout_s=0.3)
    err = send_error(printer)
    assert err.code == "printer.offline"
    assert "Connection refused" in err.en
    state = printer.status()
    assert state.online is False
    assert (state.detail, state.detail_en) == ("Mất kết nối", "Connection lost")
    assert (state.text("vi"), state.text("en")) == ("Mất kết nối", "Connection lost")


@pytest.mark.parametrize("mode", ["paper_out", "drop", "silent"])
def test_resend_after_recovery_delivers_exactly_once(fake: FakeEscposPrinter, mode: str) -> None:
    """After a failure and the printer coming back, one resend prints the job exactly once."""
    fake.mode = mode
    printer = printer_for(fake)
    send_error(printer)
    fake.mode = "normal"
    printer.send(JOB)
    assert fake.wait_closed(2 if mode != "silent" else 1)
    assert fake.jobs == [RECEIPT]


def test_status_reads_the_real_time_answers(fake: FakeEscposPrinter) -> None:
    """status() of a healthy printer is online with paper ok, from DLE EOT 1 and 4."""
    state = printer_for(fake).status()
    assert (state.online, state.paper, state.detail, state.detail_en) == (
        True,
        "ok",
        "Sẵn sàng",
        "Ready",
    )
    assert fake.queries == [1, 4]


def test_usb_printer_absent_is_offline() -> None:
    """A USB printer that is not plugged in (or pyusb missing) is printer.offline, no hang."""
    printer = UsbEscposPrinter("receipt", 0x04B8, 0x0E15, timeout_s=0.3)
    with pytest.raises(PrinterError) as caught:
        printer.send(JOB)
    assert caught.value.code == "printer.offline"
    assert printer.status().online is False


def test_serial_port_absent_is_offline() -> None:
    """A serial port that does not exist (or pyserial missing) is printer.offline."""
    printer = SerialEscposPrinter("receipt", "/dev/ttyKIOSK-none", 9600, timeout_s=0.3)
    with pytest.raises(PrinterError) as caught:
        printer.send(JOB)
    assert caught.value.code == "printer.offline"
    assert printer.status().online is False
