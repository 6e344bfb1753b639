"""The application shell: QApplication set-up, the main window that hosts one mode, clean stops."""

from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    QSocketNotifier,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from ui.errors import OutOfOrderScreen, install_excepthook

# Qt messages that say nothing to a booth operator: the offscreen platform prints the first for
# every top-level window with a layout (pytest's qt_log_ignore lists it too).
QUIET_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)


class MainWindow(QMainWindow):
    """Hosts the staff console or the self-service wizard; swaps to the calm screen on a bug."""

    def __init__(
        self, title: str, content: QWidget, flags: Qt.WindowType = Qt.WindowType.Window
    ) -> None:
        # Flags given here, before the content: changing them later re-polishes every widget.
        super().__init__(None, flags)
        self.setWindowTitle(title)
        self.stack = QStackedWidget()
        self.content = content
        self.stack.addWidget(content)
        self.out_of_order = OutOfOrderScreen()
        self.stack.addWidget(self.out_of_order)
        self.setCentralWidget(self.stack)
        self.resize(1280, 800)
        self.print_start: Any = None  # ui.shell.PrintStart once printing is wired
        self.broken = False  # a bug put up the calm screen

    def set_content(self, content: QWidget) -> None:
        """Put `content` in place of the present one (the console replaces the login page it
        took over at start-up); the calm screen stays if a bug put it up meanwhile."""
        focus = QApplication.focusWidget()
        # Not "is the content current?": the console has already taken the login page out of
        # this stack, which then made the calm screen current by itself.
        self.stack.insertWidget(0, content)
        if self.content is not content and self.stack.indexOf(self.content) >= 0:
            self.stack.removeWidget(self.content)
        self.content = content
        self.stack.setCurrentWidget(self.out_of_order if self.broken else content)
        if focus is not None and content.isAncestorOf(focus):
            focus.setFocus()  # the PIN being typed keeps the keyboard

    def show_out_of_order(self) -> None:
        self.broken = True
        self.stack.setCurrentWidget(self.out_of_order)


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with the kiosk's name, font and theme."""
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("bhxh-kiosk")
    app.setApplicationDisplayName("Ki-ốt BHXH")
    return app


def wire_excepthook(window: MainWindow) -> None:
    """Bugs anywhere end on the calm screen of this window."""
    show: Callable[[], None] = window.show_out_of_order
    install_excepthook(show)


def quiet_qt_messages(verbose: bool = False) -> Any:
    """Qt's own messages on stderr, minus the known noise unless `verbose`; returns the handler
    it replaced."""

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if not verbose and kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if not verbose and message.startswith(QUIET_QT_MESSAGES):
            return
        print(message, file=sys.stderr)

    return qInstallMessageHandler(handler)


class SignalStop(QObject):
    """Ctrl+C (SIGINT) and SIGTERM end the event loop cleanly.

    Python runs signal handlers only between bytecodes of the main thread, and Qt's event loop
    sits in C++ until an event comes: a handler alone would wait for the next mouse move. The C
    level handler also writes the signal number to a socket (signal.set_wakeup_fd) that a
    QSocketNotifier watches, so the loop wakes at once, Python runs the handler, and the loop
    exits. `exit()` rather than `quit()`: Qt 6's quit() first asks every window to close, and
    the full-screen kiosk window refuses. A second signal while stopping ends the process at
    once; print jobs cut short are re-examined by the start-up recovery.
    """

    def __init__(
        self,
        parent: QObject,
        exit_loop: Callable[[int], None],
        signums: tuple[int, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self.exit_loop = exit_loop  # QApplication.exit in the kiosk
        self.requested: int | None = None
        self.on_stop: list[Callable[[int], None]] = []
        self._read, self._write = socket.socketpair()
        for sock in (self._read, self._write):
            sock.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._write.fileno())
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        wanted = signums or tuple(s for s in (signal.SIGINT, signal.SIGTERM) if s is not None)
        self._old = {s: signal.signal(s, self._on_signal) for s in wanted}
        # A signal that came before the loop started is acted on by the loop's first turn.
        QTimer.singleShot(0, self._act)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if self.requested is not None:
            os._exit(128 + signum)  # asked twice: stop now
        self.requested = signum
        self._act()

    def _drain(self) -> None:
        try:
            while self._read.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        self._act()

    def _act(self) -> None:
        if self.requested is None:
            return
        for callback in self.on_stop:
            callback(self.requested)
        self.on_stop.clear()
        self.exit_loop(0)

    def uninstall(self) -> None:
        """Give the signals back to Python's defaults (after the loop ended)."""
        for signum, old in self._old.items():
            signal.signal(signum, old)
        signal.set_wakeup_fd(self._old_fd)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()
