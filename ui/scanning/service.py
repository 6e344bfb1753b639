"""The one scanner service: keyboard bursts and serial lines in, a ScanResult to the shown screen.

Screens that take a scan own a `ScanHook`: while the screen is shown the service delivers
results to it (the most recently shown one wins), and the keyboard filter is installed only
while at least one such screen is on show, so other windows' keys are never held. Serial
lines are read on a thread (kiosk.scan.serial_reader) and come back through a queued signal:
the GUI thread never waits for the port.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from kiosk.errors import KioskError
from kiosk.scan.reader import ScanResult, read_scan
from kiosk.scan.serial_reader import SerialScanner
from kiosk.scan.settings import ScannerSettings
from ui.widgets.scanner import ScannerFilter

ResultHandler = Callable[[ScanResult], object]
ErrorHandler = Callable[[KioskError], object]


class _SerialBridge(QObject):
    """Carries the reader thread's callbacks to the GUI thread (signals queue across threads)."""

    line = Signal(bytes)
    state = Signal(str, str)


class ScanHook(QObject):
    """Makes `widget` a scan target while it is shown; `on_result` gets every ScanResult and
    `on_error` the scans that could not be read at all (empty, far too long).

    `keyboard=False` for a widget that already has its own keyboard filter (the wizard): it then
    gets serial scans only."""

    def __init__(
        self,
        widget: QWidget,
        on_result: ResultHandler,
        on_error: ErrorHandler | None = None,
        *,
        keyboard: bool = True,
        service: ScanService | None = None,
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.on_result = on_result
        self.on_error = on_error
        self.keyboard = keyboard
        self.service = service or ScanService.instance()
        widget.installEventFilter(self)
        if widget.isVisible():
            self.service.attach(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.service.attach(self)
        elif event.type() == QEvent.Type.Hide:
            self.service.detach(self)
        return False

    def showing(self) -> bool:
        return isValid(self) and isValid(self.widget) and self.widget.isVisible()


class ScanService(QObject):
    """Keyboard-mode filter + serial reader, parsing with kiosk.scan.reader, routing to hooks."""

    scanned = Signal(object)  # ScanResult, whether or not a screen took it
    rejected = Signal(object)  # KioskError: nothing could be read
    serial_state = Signal(str, str)  # "connected"/"waiting"/"disconnected"/"error", detail

    _shared: ClassVar[ScanService | None] = None

    def __init__(
        self,
        parent: QObject | None = None,
        settings: ScannerSettings | None = None,
        *,
        keyboard: ScannerFilter | None = None,
        serial_factory: Callable[..., SerialScanner] = SerialScanner,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or ScannerSettings()
        self.keyboard = keyboard or ScannerFilter(self, max_gap_ms=self.settings.max_gap_ms)
        self.keyboard.scanned.connect(self.feed)
        self._serial_factory = serial_factory
        self.serial: SerialScanner | None = None
        self._bridge = _SerialBridge(self)
        self._bridge.line.connect(self.feed)
        self._bridge.state.connect(self.serial_state)
        self._hooks: list[ScanHook] = []
        self._watched: set[int] = set()
        self._installed = False

    @classmethod
    def instance(cls) -> ScanService:
        """The application's service (made on first use, keyboard mode until configured)."""
        if cls._shared is None or not isValid(cls._shared):
            cls._shared = ScanService(QCoreApplication.instance())
        return cls._shared

    # -- configuration ----------------------------------------------------------------------
    def configure(self, settings: ScannerSettings) -> None:
        """Apply the `[scanner]` settings; a serial reader starts at once (a thread)."""
        self.stop_serial()
        self.settings = settings
        self.keyboard.detector.profile = replace(
            self.keyboard.detector.profile, max_gap_ms=float(settings.max_gap_ms)
        )
        if settings.mode == "camera":
            # No QtMultimedia in PySide6-Essentials and zxing-cpp is only a test dependency:
            # camera scanning is not built; the keyboard filter keeps working.
            self.serial_state.emit("unavailable", "camera")
        if settings.mode == "serial":
            self.serial = self._serial_factory(
                settings.device,
                settings.baudrate,
                self._bridge.line.emit,
                self._bridge.state.emit,
            )
            self.serial.start()

    def stop_serial(self) -> None:
        if self.serial is not None:
            self.serial.stop()
            self.serial = None

    # -- hooks -------------------------------------------------------------------------------
    def attach(self, hook: ScanHook) -> None:
        if hook in self._hooks:
            self._hooks.remove(hook)
        self._hooks.append(hook)  # the most recently shown screen takes the scans
        key = id(hook)
        if key not in self._watched:
            self._watched.add(key)
            hook.destroyed.connect(lambda _obj=None: self._forget(key))
        self._update_filter()

    def detach(self, hook: ScanHook) -> None:
        if hook in self._hooks:
            self._hooks.remove(hook)
        self._update_filter()

    def _forget(self, key: int) -> None:
        """A hook's screen was deleted without being hidden first."""
        self._watched.discard(key)
        self._hooks = [h for h in self._hooks if id(h) != key and isValid(h)]
        self._update_filter()

    def _update_filter(self) -> None:
        wanted = any(h.keyboard for h in self._hooks if h.showing())
        if wanted and not self._installed:
            self.keyboard.install()
        elif not wanted and self._installed:
            self.keyboard.uninstall()
        self._installed = wanted

    def target(self) -> ScanHook | None:
        """The hook that takes the next scan: the last shown one still on screen."""
        for hook in reversed(self._hooks):
            if hook.showing():
                return hook
        return None

    # -- scans ------------------------------------------------------------------------------
    def feed(self, data: bytes | str) -> None:
        """One scan from any source: read it and hand it to the screen on show."""
        hook = self.target()
        try:
            result = read_scan(data)
        except KioskError as err:
            self.rejected.emit(err)
            if hook is not None and hook.on_error is not None:
                hook.on_error(err)
            return
        self.scanned.emit(result)
        if hook is not None:
            hook.on_result(result)
