"""Kiosk mode: attendees cannot close or leave full screen; staff leave with the corner and a PIN."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ui.kiosk_mode import KioskWindow

PIN = "2468"


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[KioskWindow]:
    """A started kiosk window with a short hold and a known PIN."""
    win = KioskWindow("Ki-ốt", QLabel("nội dung"), lambda pin: pin == PIN, hold_ms=100)
    qtbot.addWidget(win)
    win.start()
    qtbot.waitExposed(win)
    yield win
    win.unlocked = True  # let the fixture teardown close it
    win.close()


def still_locked(win: KioskWindow) -> bool:
    return win.isVisible() and win.isFullScreen() and not win.unlocked


def test_full_screen_frameless_on_top(window: KioskWindow) -> None:
    """The window is full screen with no frame and stays on top."""
    flags = window.windowFlags()
    assert window.isFullScreen()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint


def test_close_is_refused(qtbot: QtBot, window: KioskWindow) -> None:
    """close() does nothing while locked."""
    assert window.close() is False
    assert still_locked(window)


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    ],
)
def test_escape_keys_are_swallowed(
    qtbot: QtBot, window: KioskWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    """Alt+F4, Escape, Ctrl+Q, Ctrl+W, F11, Alt+Tab reach no shortcut and leave the window as is."""
    fired: list[str] = []
    for seq in ("Alt+F4", "Esc", "Ctrl+Q", "Ctrl+W", "F11", "Alt+Tab"):
        shortcut = QShortcut(QKeySequence(seq), window)
        shortcut.activated.connect(lambda s=seq: fired.append(s))
        shortcut.activated.connect(window.close)
    qtbot.keyClick(window, key, modifiers)
    assert fired == []
    assert still_locked(window)


def test_leaving_full_screen_is_undone(qtbot: QtBot, window: KioskWindow) -> None:
    """showNormal() from anywhere brings the window straight back to full screen."""
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen)
    assert still_locked(window)


def test_short_tap_on_corner_does_nothing(qtbot: QtBot, window: KioskWindow) -> None:
    """A quick tap on the corner is not the staff gesture."""
    qtbot.mouseClick(window.staff_corner, Qt.MouseButton.LeftButton)
    assert not window.pin_panel.isVisible()


def open_pin(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mousePress(window.staff_corner, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.pin_panel.isVisible)
    qtbot.mouseRelease(window.staff_corner, Qt.MouseButton.LeftButton)


def type_pin(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(window.pin_panel.pad.buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.pin_panel.ok, Qt.MouseButton.LeftButton)


def test_wrong_pin_keeps_the_window(qtbot: QtBot, window: KioskWindow) -> None:
    """Holding the corner asks for the PIN; a wrong PIN says so and the window stays."""
    open_pin(qtbot, window)
    type_pin(qtbot, window, "1111")
    # The PIN is checked off the GUI thread: wait for the answer (bounded).
    qtbot.waitUntil(lambda: window.pin_panel.message.text() == "Mã PIN không đúng.", timeout=10_000)
    assert still_locked(window)
    assert window.pin_panel.pin.text() == ""
    qtbot.mouseClick(window.pin_panel.cancel, Qt.MouseButton.LeftButton)
    assert not window.pin_panel.isVisible()


def test_right_pin_closes(qtbot: QtBot, window: KioskWindow) -> None:
    """The right PIN unlocks and closes the window (exitGranted tells main.py)."""
    open_pin(qtbot, window)
    with qtbot.waitSignal(window.exitGranted):
        type_pin(qtbot, window, PIN)
    assert window.unlocked
    assert not window.isVisible()
