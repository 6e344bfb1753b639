"""USB scanner burst detection: a fast burst ending in Enter is a scan, slow typing is typing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.widgets.helpers import type_keys
from ui.widgets.scanner import ScannerFilter

CCCD = "066090123456||Nguyễn Văn An|01021990|Nam|Buôn Ma Thuột, Đắk Lắk|01022021"


def stepping_clock(step_s: float) -> Callable[[], float]:
    """A clock that moves `step_s` on every reading (one reading per key press)."""
    state = {"t": 0.0}

    def clock() -> float:
        state["t"] += step_s
        return state["t"]

    return clock


@pytest.fixture
def edit(qtbot: QtBot) -> Iterator[QLineEdit]:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    yield field


def make(qtbot: QtBot, **kw: object) -> ScannerFilter:
    scanner = ScannerFilter(**kw)  # type: ignore[arg-type]
    scanner.install()  # each test uninstalls it in `finally`
    return scanner


def test_fast_burst_is_a_scan_and_types_nothing(qtbot: QtBot, edit: QLineEdit) -> None:
    """Key clicks sent back to back (a burst): one `scanned` signal, the field stays empty."""
    scanner = make(qtbot)
    try:
        with qtbot.waitSignal(scanner.scanned) as blocker:
            type_keys(edit, CCCD, enter=True)
        assert blocker.args == [CCCD]
        assert edit.text() == ""
        assert scanner.pending == ""
    finally:
        scanner.uninstall()


def test_slow_typing_reaches_the_field(qtbot: QtBot, edit: QLineEdit) -> None:
    """Keys 200 ms apart are a person: they arrive in the field and no scan is reported."""
    scanner = make(qtbot, clock=stepping_clock(0.2))
    scanned: list[str] = []
    scanner.scanned.connect(scanned.append)
    try:
        type_keys(edit, "Nguyễn Văn An và gia đình")
        qtbot.waitUntil(lambda: edit.text() == "Nguyễn Văn An và gia đình")
        with qtbot.waitSignal(edit.returnPressed):
            QTest.keyClick(edit, Qt.Key.Key_Return)
        assert scanned == []
    finally:
        scanner.uninstall()


def test_short_fast_burst_is_typing(qtbot: QtBot, edit: QLineEdit) -> None:
    """Fewer than `min_chars` keys before Enter go to the field, and Enter still works."""
    scanner = make(qtbot, min_chars=20)
    try:
        type_keys(edit, "0912345678")
        with qtbot.waitSignal(edit.returnPressed):
            QTest.keyClick(edit, Qt.Key.Key_Return)
        assert edit.text() == "0912345678"
    finally:
        scanner.uninstall()


def test_disabled_filter_lets_everything_through(qtbot: QtBot, edit: QLineEdit) -> None:
    """With `enabled` off even a burst is plain typing."""
    scanner = make(qtbot)
    scanner.enabled = False
    try:
        type_keys(edit, CCCD)
        assert edit.text() == CCCD
    finally:
        scanner.uninstall()
