"""Kiosk window under a window manager and its exit PIN through the login service."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.domain.enums import Role
from kiosk.services.staff_auth import create_staff
from kiosk.store.db import Database
from tests.support.factories import kiosk_context
from ui.kiosk_mode import KioskWindow, exit_pin_checker

CTX = kiosk_context()
THREADS: list[str] = []


@pytest.fixture
def window(qtbot: QtBot, db: Database) -> Iterator[KioskWindow]:
    """A started kiosk window whose exit PIN is checked by the login service (Thu 2468,
    supervisor Giám 97531), recording the thread each check runs on."""
    with db.unit_of_work() as s:
        giam = create_staff(s, CTX, "Phạm Văn Giám", Role.SUPERVISOR, "97531").id
        create_staff(s, CTX, "Lê Thị Thu", Role.STAFF, "2468", by=giam)
    check = exit_pin_checker(db, CTX)

    def recording(pin: str) -> bool:
        THREADS.append(threading.current_thread().name)
        return check(pin)

    THREADS.clear()
    win = KioskWindow("Ki-ốt", QLabel("nội dung"), recording, hold_ms=50)
    qtbot.addWidget(win)
    win.start()
    qtbot.waitExposed(win)
    yield win
    win.unlocked = True
    win.close()


def submit(qtbot: QtBot, window: KioskWindow, pin: str) -> str:
    """Hold the corner, type `pin` on the pad, press OK, wait for the check; the message."""
    if not window.pin_panel.isVisible():
        qtbot.mousePress(window.staff_corner, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(window.pin_panel.isVisible, timeout=5000)
        qtbot.mouseRelease(window.staff_corner, Qt.MouseButton.LeftButton)
    for digit in pin:
        qtbot.mouseClick(window.pin_panel.pad.buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.pin_panel.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.checking, timeout=20_000)
    return window.pin_panel.message.text()


def test_minimised_window_comes_back_full_screen_on_top(qtbot: QtBot, window: KioskWindow) -> None:
    """Alt+Space → Minimise (what a window manager does) is undone: full screen again."""
    window.showMinimized()
    qtbot.waitUntil(
        lambda: window.isFullScreen() and not window.windowState() & Qt.WindowState.WindowMinimized,
        timeout=5000,
    )
    assert window.raised_count >= 1 and not window.unlocked


def test_losing_the_screen_to_another_window_raises_it_again(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """When the application stops being the active one, the window takes the screen back."""
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    before = window.raised_count
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    qtbot.waitUntil(lambda: window.raised_count == before + 1, timeout=5000)


def test_exit_pin_lockout_on_screen(qtbot: QtBot, window: KioskWindow) -> None:
    """Wrong PINs count down on the panel; the fifth locks the exit, so even the supervisor's
    right PIN then says locked and the window stays; every check ran off the GUI thread."""
    assert "Còn 4 lần thử" in submit(qtbot, window, "1111")
    for _ in range(3):
        submit(qtbot, window, "1111")
    assert "tạm khóa" in submit(qtbot, window, "1111")
    assert "tạm khóa" in submit(qtbot, window, "97531")
    assert window.isVisible() and window.isFullScreen() and not window.unlocked
    assert window.pin_panel.pin.text() == "" and window.pin_panel.ok.isEnabled()
    assert len(THREADS) == 6 and threading.main_thread().name not in THREADS


def test_staff_pin_opens_the_exit(qtbot: QtBot, window: KioskWindow) -> None:
    """A staff PIN, checked by the service on a worker thread, unlocks and closes."""
    with qtbot.waitSignal(window.exitGranted, timeout=20_000):
        submit(qtbot, window, "2468")
    assert window.unlocked and not window.isVisible()


def test_kiosk_session_scripts_run_cage_alone_and_restart() -> None:
    """The shipped session: shell scripts parse, cage runs the kiosk with no decorations and
    no virtual-terminal switching (-s absent), the unit restarts it and replaces the getty,
    the installer masks Ctrl+Alt+Del."""
    folder = Path(__file__).resolve().parents[2] / "scripts" / "kiosk-session"
    for script in ("start-kiosk.sh", "install.sh"):
        assert subprocess.run(["sh", "-n", str(folder / script)], check=False).returncode == 0
        assert os.access(folder / script, os.X_OK)
    start = (folder / "start-kiosk.sh").read_text(encoding="utf-8")
    command = next(line for line in start.splitlines() if line.startswith("exec cage"))
    assert command.split()[:4] == ["exec", "cage", "-d", "--"] and " -s" not in command
    assert "main.py --kiosk --mode selfservice" in command
    install = (folder / "install.sh").read_text(encoding="utf-8").splitlines()
    # run as root under `set -eu`, not commented out: Ctrl+Alt+Del cannot reboot the kiosk
    # (the script writes /etc, so CI reads it rather than running it)
    assert "set -eu" in install and "systemctl mask ctrl-alt-del.target" in install
    unit = (folder / "kiosk-session.service").read_text(encoding="utf-8")
    assert "Restart=always" in unit and "Conflicts=getty@tty1.service" in unit
    assert "User=kiosk" in unit and "ExecStart=/opt/bhxh-kiosk/scripts/kiosk-session/start" in unit
