"""The application shell: a bug anywhere ends on the calm screen and in the log, not a traceback."""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.logs import setup_logging
from ui.app import MainWindow, SignalStop, quiet_qt_messages, wire_excepthook
from ui.errors import OUT_OF_ORDER_EN, OUT_OF_ORDER_VI


@pytest.fixture
def restore_hook() -> Iterator[None]:
    saved = sys.excepthook
    yield
    sys.excepthook = saved
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(handler)
        handler.close()


def test_unexpected_error_shows_calm_screen_and_is_logged_masked(
    qtbot: QtBot, tmp_path: Path, restore_hook: None
) -> None:
    """An exception reaching the hook switches to the out-of-order screen (both languages) and
    writes the traceback to the log with the identity number masked."""
    log_file = setup_logging(tmp_path / "logs")
    window = MainWindow("test", QLabel("content"))
    qtbot.addWidget(window)
    wire_excepthook(window)
    try:
        raise RuntimeError("bug while handling 066185000123")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert window.stack.currentWidget() is window.out_of_order
    text = window.out_of_order.label.text()
    assert OUT_OF_ORDER_VI in text and OUT_OF_ORDER_EN in text and "Traceback" not in text
    logged = log_file.read_text(encoding="utf-8")
    assert (
        "RuntimeError: bug while handling 06********23" in logged and "066185000123" not in logged
    )


def test_signal_wakes_the_idle_event_loop_and_stops_once(qtbot: QtBot) -> None:
    """SIGINT sent while Qt's loop sits idle (no other event) reaches the stop at once through
    the wake-up socket; the stop callbacks run once; uninstall gives the signal back."""
    parent = QObject()
    exits: list[int] = []
    heard: list[int] = []
    stopper = SignalStop(parent, exits.append, (signal.SIGINT,))
    stopper.on_stop.append(heard.append)
    try:
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: exits == [0], timeout=5000)
        assert heard == [signal.SIGINT] and stopper.requested == signal.SIGINT
    finally:
        stopper.uninstall()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_quiet_qt_messages_drop_only_the_known_noise(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """The offscreen size-hint line and debug chatter are dropped; real warnings still show."""
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    previous = quiet_qt_messages(verbose=False)
    try:
        qWarning("This plugin does not support propagateSizeHints()")
        qWarning("QPainter::begin: Paint device returned engine == 0")
    finally:
        qInstallMessageHandler(previous)
    err = capfd.readouterr().err
    assert "propagateSizeHints" not in err
    assert "QPainter::begin: Paint device returned engine == 0" in err
