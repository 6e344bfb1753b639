"""The kiosk window covers its whole screen at any size and orientation (no window manager)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def screen_rect(window: QWidget) -> QRect:
    """The whole area of the screen `window` is on (the primary one before it is shown)."""
    handle = window.windowHandle()  # once shown, the native window knows its screen best
    screen = (handle.screen() if handle is not None else None) or window.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.geometry() if screen is not None else QRect(window.geometry())


class ScreenFiller(QObject):
    """Keeps `window` covering its whole screen, at any size and orientation.

    showFullScreen() only asks a window manager, and a kiosk session has none (an X server with
    this window alone): the window stayed 1280×800 on a 1920×1080 screen and was cut off on a
    1024×600 one. So the geometry is set as well, again when the screen is rotated or changes
    resolution (QScreen.geometryChanged) or the window moves to another screen, and whenever
    something resizes the window while it is locked.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._screen: object = None
        self._handle: object = None
        window.installEventFilter(self)
        self._watch_screen()

    def _watch_screen(self) -> None:
        handle = self._window.windowHandle()  # made when the window is first shown
        if handle is not None and handle is not self._handle:
            self._handle = handle
            handle.screenChanged.connect(lambda _screen: self.fit())
        screen = self._window.screen()
        if screen is not None and screen is not self._screen:
            self._screen = screen
            screen.geometryChanged.connect(lambda _rect: self.fit())

    def fit(self) -> None:
        """Set the window's geometry to its screen's (nothing to do when it already is)."""
        window = self._window
        if _unlocked(window):
            return
        self._watch_screen()
        target = screen_rect(window)
        if window.geometry() != target:
            window.setMinimumSize(0, 0)  # a content minimum must not keep it from a small screen
            window.setGeometry(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self._window
        if (
            event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show)
            and not _unlocked(window)
            and window.geometry() != screen_rect(window)
        ):
            QTimer.singleShot(0, self.fit)  # after the event: the resize in progress ends first
        return False


def _unlocked(window: QWidget) -> bool:
    """Staff opened the exit (KioskWindow.unlocked): the window may be left alone."""
    return bool(getattr(window, "unlocked", False))
