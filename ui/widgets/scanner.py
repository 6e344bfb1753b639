"""USB barcode/QR scanner detector: a fast burst of keys ending in Enter becomes one `scanned` signal."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from shiboken6 import isValid

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class _HeldKey:
    """A key press held back while we wait to see whether it belongs to a scan."""

    target: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScannerFilter(QObject):
    """Application event filter that tells a scanner from a person typing.

    A scanner in keyboard mode "types" the whole code in a few milliseconds per key and ends
    with Enter. Printable key presses are held back while they arrive faster than `max_gap_ms`;
    if the burst ends in Enter with at least `min_chars` characters, `scanned(text)` is emitted
    and nothing reaches the focused field. Otherwise the held keys are delivered unchanged
    (a person sees their key appear `max_gap_ms` later, which is not noticeable).
    """

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        min_chars: int = 20,
        max_gap_ms: int = 50,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.min_chars = min_chars
        self.max_gap_ms = max_gap_ms
        self._clock = clock
        self._held: list[_HeldKey] = []
        self._last = 0.0
        self._replaying = False
        self.enabled = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    def install(self) -> None:
        """Watch every key press of the application."""
        app = QCoreApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.flush()

    @property
    def pending(self) -> str:
        """The characters held back right now (for tests and diagnostics)."""
        return "".join(k.text for k in self._held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        now = self._clock()
        gap_ms = (now - self._last) * 1000.0
        self._last = now
        if self._held and gap_ms > self.max_gap_ms:
            self.flush()  # too slow to be the same burst: a person typed the earlier keys
        if event.key() in _ENTER:
            if len(self._held) >= self.min_chars:
                text = self.pending
                self._held.clear()
                self._timer.stop()
                self.scanned.emit(text)
                return True
            self.flush()
            return False
        text = event.text()
        if (
            not text
            or not text.isprintable()
            or event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self.flush()
            return False
        self._held.append(_HeldKey(watched, event.key(), event.modifiers(), text))
        self._timer.start(self.max_gap_ms)
        return True

    def flush(self) -> None:
        """Deliver the held keys to where they were going (it was a person, not a scanner)."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for k in held:
                if not isValid(k.target):
                    continue
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QCoreApplication.sendEvent(
                        k.target, QKeyEvent(kind, k.key, k.modifiers, k.text)
                    )
        finally:
            self._replaying = False
