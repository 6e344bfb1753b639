"""USB barcode/QR scanner in keyboard mode: a fast burst of keys ending in Enter is one `scanned`."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from shiboken6 import isValid

from kiosk.scan.burst import Action, BurstDetector, BurstProfile, KeyKind, Outcome

_END = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_MODIFIERS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Meta,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Hyper_L,
    Qt.Key.Key_Hyper_R,
    Qt.Key.Key_Mode_switch,
    Qt.Key.Key_Multi_key,  # Compose
}
_DEAD = range(int(Qt.Key.Key_Dead_Grave), int(Qt.Key.Key_Dead_Longsolidusoverlay) + 1)
_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier


def key_kind(event: QKeyEvent) -> KeyKind:
    """What a key press means for burst detection (see kiosk.scan.burst)."""
    if event.isAutoRepeat():
        return KeyKind.OTHER  # a held-down key repeats fast, but it is a person
    key = event.key()
    if key in _END and not event.modifiers() & (_CTRL | _ALT):
        return KeyKind.END
    if key in _MODIFIERS or key in _DEAD:
        return KeyKind.NEUTRAL  # Shift before a capital or "|", AltGr, an accent's dead key
    mods = event.modifiers()
    ctrl, alt = bool(mods & _CTRL), bool(mods & _ALT)
    text = event.text()
    if text and text.isprintable():
        # Windows reports AltGr as Ctrl+Alt; macOS types characters with Option (Alt).
        if ctrl != alt and not (alt and sys.platform == "darwin"):
            return KeyKind.OTHER  # a shortcut (Ctrl+C, Alt+F), not typing
        return KeyKind.TEXT
    if alt and mods & Qt.KeyboardModifier.KeypadModifier and Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return KeyKind.NEUTRAL  # Windows Alt+numpad code: the character comes on Alt release
    return KeyKind.OTHER


@dataclass
class _HeldKey:
    """A key event held back while we wait to see whether it belongs to a scan."""

    target: QObject
    kind: QEvent.Type
    key: int
    modifiers: Qt.KeyboardModifier
    scan_code: int
    virtual_key: int
    native_modifiers: int
    text: str
    count: int

    @classmethod
    def of(cls, target: QObject, event: QKeyEvent) -> _HeldKey:
        return cls(
            target,
            event.type(),
            event.key(),
            event.modifiers(),
            event.nativeScanCode(),
            event.nativeVirtualKey(),
            event.nativeModifiers(),
            event.text(),
            event.count(),
        )

    def event(self) -> QKeyEvent:
        return QKeyEvent(
            self.kind,
            self.key,
            self.modifiers,
            self.scan_code,
            self.virtual_key,
            self.native_modifiers,
            self.text,
            False,
            self.count,
        )


class ScannerFilter(QObject):
    """Application event filter that tells a scanner from a person typing.

    Every key event is held back while it may belong to a burst (kiosk.scan.burst decides);
    a burst that ends like a scanner's is reported by `scanned(text)` and nothing of it
    reaches a widget. Otherwise the held events are delivered unchanged, in order, to where
    they were going (a person sees their key appear up to `max_gap_ms` later).

    Timing comes from the events' own timestamps (the window system's, so a busy GUI thread
    does not squeeze a person's keys together), or from `clock` (seconds) when one is given.
    """

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        min_chars: int = 20,
        max_gap_ms: int = 80,
        max_mean_gap_ms: int = 45,
        no_suffix_ms: int = 250,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.detector = BurstDetector(
            BurstProfile(min_chars, max_gap_ms, max_mean_gap_ms, no_suffix_ms)
        )
        self._clock = clock
        self._held: list[_HeldKey] = []
        self._swallow_release: set[int] = set()
        self._replaying = False
        self.enabled = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)

    @property
    def min_chars(self) -> int:
        return self.detector.profile.min_chars

    @property
    def max_gap_ms(self) -> float:
        return self.detector.profile.max_gap_ms

    def install(self) -> None:
        """Watch every key event of the application."""
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
        return self.detector.text

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or not self.enabled:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyRelease:
            assert isinstance(event, QKeyEvent)
            if self._held:  # keep press and release in their order
                self._held.append(_HeldKey.of(watched, event))
                return True
            if event.key() in self._swallow_release and not event.isAutoRepeat():
                self._swallow_release.discard(event.key())  # the scan's Enter, let go
                return True
            return False
        if kind != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        outcome = self.detector.key(key_kind(event), event.text(), self._now_ms(event))
        return self._apply(outcome, watched, event)

    def _now_ms(self, event: QKeyEvent) -> float:
        if self._clock is not None:
            return self._clock() * 1000.0
        stamp = event.timestamp()
        return float(stamp) if stamp else time.monotonic() * 1000.0

    def _apply(self, outcome: Outcome, watched: QObject | None, event: QKeyEvent | None) -> bool:
        if outcome.flush:
            self._replay()
        if outcome.scan is not None:
            self._held.clear()
            self._timer.stop()
            if event is not None:
                self._swallow_release.add(event.key())
            self.scanned.emit(outcome.scan)
            return True
        if outcome.action == Action.HOLD and watched is not None and event is not None:
            self._held.append(_HeldKey.of(watched, event))
            self._timer.start(int(self.detector.wait_ms()) + 1)
            return True
        if not self.detector.holding:
            self._timer.stop()
        return outcome.action == Action.SWALLOW

    def _expire(self) -> None:
        self._apply(self.detector.expire(), None, None)

    def flush(self) -> None:
        """Deliver the held keys now (it was a person, or the screen is going away)."""
        self._timer.stop()
        self.detector.reset()
        self._replay()

    def _replay(self) -> None:
        held, self._held = self._held, []
        self._replaying = True
        try:
            for k in held:
                if isValid(k.target):
                    QCoreApplication.sendEvent(k.target, k.event())
        finally:
            self._replaying = False
