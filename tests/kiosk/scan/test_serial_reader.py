"""Serial-mode scanning through a pseudo-terminal: UTF-8 lines, unplug and replug, garbage."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk.scan.reader import ScanKind, read_scan
from kiosk.scan.serial_reader import LineSplitter, SerialScanner, find_scanner_port
from tests.kiosk.scan import samples
from tests.kiosk.scan.ptys import FakeScanner, wait_for


def test_line_ends_cr_lf_and_crlf_even_split_across_reads() -> None:
    """CR, LF and CR LF each end one line, also when CR and LF arrive in different reads;
    blank lines are dropped and a flood is cut just past the longest scan."""
    s = LineSplitter(max_line=10)
    assert s.feed(b"ab\rcd\nef\r") == [b"ab", b"cd", b"ef"]
    assert s.feed(b"\ngh\r\n\r\n") == [b"gh"]
    assert s.feed(b"x" * 50 + b"\n") == [b"x" * 11]


def test_find_port_known_vendor_then_single_cdc() -> None:
    """A Newland (VID 1EAB) port wins; otherwise the only ttyACM port; two unknown: none."""
    mouse = SimpleNamespace(device="/dev/ttyUSB0", vid=0x1A86, description="CH340")
    acm = SimpleNamespace(device="/dev/ttyACM3", vid=0x1234, description="CDC")
    newland = SimpleNamespace(device="/dev/ttyACM7", vid=0x1EAB, description="NLS")
    assert find_scanner_port([mouse, acm, newland]) == "/dev/ttyACM7"
    assert find_scanner_port([mouse, acm]) == "/dev/ttyACM3"
    assert (
        find_scanner_port([acm, SimpleNamespace(**{**vars(acm), "device": "/dev/ttyACM4"})]) is None
    )


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeScanner]:
    scanner = FakeScanner(tmp_path)
    yield scanner
    scanner.close()


def test_reads_utf8_survives_unplug_and_ignores_garbage(fake: FakeScanner) -> None:
    """Two scans (one split inside "ễ"), then the cable is pulled and plugged back in under
    the same name: the reader reconnects by itself and the next scan arrives; garbage lines
    arrive as lines and read as unknown, never stopping the reader."""
    lines: queue.Queue[bytes] = queue.Queue()
    states: queue.Queue[str] = queue.Queue()
    reader = SerialScanner(
        str(fake.path), 9600, lines.put, lambda s, _d: states.put(s), retry_s=0.02, poll_s=0.02
    )
    reader.start()
    try:
        wait_for(states, "connected")
        an = samples.AN.encode()
        cut = an.index("ễ".encode()) + 1
        fake.send(an[:cut])
        fake.send(an[cut:] + b"\r\n" + samples.HUYEN_OLD9.encode() + b"\r")
        assert lines.get(timeout=10) == an
        assert lines.get(timeout=10) == samples.HUYEN_OLD9.encode()
        fake.unplug()
        assert "disconnected" in wait_for(states, "disconnected")
        fake.plug()
        wait_for(states, "connected")
        fake.send(b"\x00\xff\xfegarbage\n" + samples.KHOA_2024.encode() + b"\n")
        garbage = lines.get(timeout=10)
        assert read_scan(garbage).kind == ScanKind.UNKNOWN
        assert read_scan(lines.get(timeout=10)).person.full_name == "Phạm Minh Khoa"
        assert reader.opened == 2
    finally:
        reader.stop()
    assert not reader.running
    assert wait_for(states, "stopped")[-1] == "stopped"


def test_waits_for_a_scanner_to_appear(tmp_path: Path) -> None:
    """No device configured and none found: "waiting"; once the finder sees one, connected."""
    fake_path: list[str] = []
    states: queue.Queue[str] = queue.Queue()
    reader = SerialScanner(
        "",
        9600,
        lambda _line: None,
        lambda s, _d: states.put(s),
        retry_s=0.02,
        poll_s=0.02,
        finder=lambda: fake_path[0] if fake_path else None,
    )
    reader.start()
    scanner = None
    try:
        wait_for(states, "waiting")
        scanner = FakeScanner(tmp_path)
        fake_path.append(str(scanner.path))
        wait_for(states, "connected")
    finally:
        reader.stop()
        if scanner is not None:
            scanner.close()
