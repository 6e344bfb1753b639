"""The scanner service: routes scans to the screen on show, keyboard filter only while one is,
serial lines read on a thread and delivered on the GUI thread, reconnecting after an unplug."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.errors import KioskError
from kiosk.scan.reader import ScanKind, ScanResult
from kiosk.scan.serial_reader import SerialScanner
from kiosk.scan.settings import ScannerSettings
from tests.kiosk.scan import samples
from tests.kiosk.scan.ptys import FakeScanner
from tests.ui.widgets.test_scanner_keys import scan_keys, scanner_events, send_keys
from ui.scanning.service import ScanHook, ScanService


@pytest.fixture
def service() -> Iterator[ScanService]:
    own = ScanService(
        serial_factory=partial(SerialScanner, retry_s=0.02, poll_s=0.02)
    )  # not the app's shared one
    yield own
    own.stop_serial()
    own.keyboard.uninstall()


def screen(qtbot: QtBot, service: ScanService, got: list[object]) -> QLineEdit:
    page = QLineEdit()
    qtbot.addWidget(page)
    page.hook = ScanHook(page, got.append, got.append, service=service)  # type: ignore[attr-defined]
    return page


def test_last_shown_screen_takes_the_scan(qtbot: QtBot, service: ScanService) -> None:
    """Two screens shown: the later one gets the scan; hidden, the first one gets it; the
    keyboard burst typed nowhere."""
    first_got: list[object] = []
    second_got: list[object] = []
    first, second = screen(qtbot, service, first_got), screen(qtbot, service, second_got)
    first.show()
    second.show()
    scan_keys(second, samples.AN)
    assert [r.kind for r in second_got] == [ScanKind.CCCD] and first_got == []  # type: ignore[attr-defined]
    second.hide()
    scan_keys(first, samples.AN)
    assert len(first_got) == 1 and first.text() == second.text() == ""


def test_no_screen_shown_no_filter(qtbot: QtBot, service: ScanService) -> None:
    """With every scanning screen hidden, a burst typed elsewhere is plain typing."""
    got: list[object] = []
    page = screen(qtbot, service, got)
    page.show()
    page.hide()
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    with qtbot.waitSignal(other.returnPressed):
        send_keys(other, scanner_events("066090123456||Nguyen Van An|01021990"))
    assert other.text() == "066090123456||Nguyen Van An|01021990" and got == []


def test_empty_scan_goes_to_on_error(qtbot: QtBot, service: ScanService) -> None:
    """A scan with nothing in it reaches the screen's error handler as a KioskError."""
    got: list[object] = []
    page = screen(qtbot, service, got)
    page.show()
    service.feed(b"\r\n")
    assert isinstance(got[0], KioskError) and got[0].code == "scan.empty"


def test_serial_scans_arrive_on_the_gui_thread_and_survive_unplug(
    qtbot: QtBot, service: ScanService, tmp_path: Path
) -> None:
    """Serial mode through a pty: the reader runs on its own thread, each result reaches the
    shown screen on the GUI thread; after unplug and replug the next scan arrives too."""
    fake = FakeScanner(tmp_path)
    threads: list[bool] = []
    got: list[ScanResult] = []

    def take(result: ScanResult) -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        got.append(result)

    page = QWidget()
    qtbot.addWidget(page)
    page.hook = ScanHook(page, take, service=service)  # type: ignore[attr-defined]
    page.show()
    try:
        with qtbot.waitSignal(service.serial_state, timeout=10_000) as state:
            service.configure(ScannerSettings(mode="serial", device=str(fake.path)))
        assert state.args[0] == "connected"
        assert service.serial is not None and service.serial.running
        fake.send(samples.AN.encode() + b"\r\n")
        qtbot.waitUntil(lambda: len(got) == 1, timeout=10_000)
        assert got[0].person.full_name == "Nguyễn Văn An"
        with qtbot.waitSignal(
            service.serial_state, check_params_cb=lambda s, _d: s == "disconnected", timeout=10_000
        ):
            fake.unplug()
        with qtbot.waitSignal(
            service.serial_state, check_params_cb=lambda s, _d: s == "connected", timeout=10_000
        ):
            fake.plug()
        fake.send(samples.KHOA_2024.encode() + b"\n")
        qtbot.waitUntil(lambda: len(got) == 2, timeout=10_000)
        assert got[1].person.full_name == "Phạm Minh Khoa" and threads == [True, True]
    finally:
        service.stop_serial()
        fake.close()


def test_camera_mode_says_unavailable_and_keeps_the_keyboard(
    qtbot: QtBot, service: ScanService
) -> None:
    """mode = "camera" is not built (no QtMultimedia): it says so, keyboard scans still work."""
    with qtbot.waitSignal(service.serial_state) as state:
        service.configure(ScannerSettings(mode="camera"))
    assert state.args == ["unavailable", "camera"] and service.serial is None
    got: list[object] = []
    page = screen(qtbot, service, got)
    page.show()
    scan_keys(page, samples.AN)
    assert len(got) == 1 and page.text() == ""
