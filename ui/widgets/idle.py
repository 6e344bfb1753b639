"""Idle timeout: after a quiet spell a countdown overlay asks "Bạn còn đó không?", then everything is wiped."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

translate = QCoreApplication.translate

# Anything a person does counts as activity; timers and repaints do not.
_ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    """Counts quiet time on the whole application while `active`.

    `warning(seconds_left)` is emitted when the last `warning_ms` of `timeout_ms` start and then
    every `tick_ms`; `timedOut` when the time is up; `resumed` when the person comes back.
    """

    warning = Signal(int)
    timedOut = Signal()
    resumed = Signal()

    def __init__(
        self,
        timeout_ms: int,
        warning_ms: int = 15_000,
        tick_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self.warning_ms = min(warning_ms, timeout_ms)
        self.tick_ms = tick_ms
        self._active = False
        self._warning = False
        self._clock = QElapsedTimer()
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._start_warning)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick)

    @property
    def active(self) -> bool:
        return self._active

    @property
    def warning_shown(self) -> bool:
        return self._warning

    def start(self) -> None:
        """Begin watching (the wizard calls this when an attendee leaves the welcome screen)."""
        if not self._active:
            app = QCoreApplication.instance()
            assert app is not None
            app.installEventFilter(self)
            self._active = True
        self.poke()

    def stop(self) -> None:
        if self._active:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        self._active = False
        self._warning = False
        self._quiet.stop()
        self._tick.stop()

    def poke(self) -> None:
        """Activity: start the quiet time again and hide a running countdown."""
        if not self._active:
            return
        was_warning = self._warning
        self._warning = False
        self._tick.stop()
        self._quiet.start(max(0, self.timeout_ms - self.warning_ms))
        if was_warning:
            self.resumed.emit()

    def seconds_left(self) -> int:
        if not self._warning:
            return math.ceil(self.timeout_ms / 1000)
        left = self.warning_ms - self._clock.elapsed()
        return max(0, math.ceil(left / 1000))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While the countdown runs only the overlay's button resumes, so a stray touch on the
        # dimmed screen does not silently keep someone's data on display.
        if event.type() in _ACTIVITY and not self._warning:
            self.poke()
        return False

    def _start_warning(self) -> None:
        self._warning = True
        self._clock.start()
        self._tick.start(self.tick_ms)
        self.warning.emit(self.seconds_left())

    def _on_tick(self) -> None:
        if self._clock.elapsed() >= self.warning_ms:
            self._warning = False
            self._tick.stop()
            self.timedOut.emit()
            return
        self.warning.emit(self.seconds_left())


class IdleOverlay(QFrame):
    """The full-window card with the countdown and a big "Tiếp tục" button.

    Opaque (not dimmed): a passer-by must not read the last person's name, birth date or ID
    number behind it while the countdown runs.
    """

    continueClicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        outer = QVBoxLayout(self)
        card = QFrame(self)
        card.setObjectName("overlayCard")
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.setSpacing(24)
        self.question = QLabel()
        self.question.setProperty("role", "title")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel()
        self.countdown.setProperty("role", "big")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton()
        self.button.setObjectName("idleContinue")
        self.button.clicked.connect(self.continueClicked)
        for w in (self.question, self.countdown, self.explain, self.button):
            layout.addWidget(w)
        self._seconds = 0
        self.retranslate()
        self.hide()

    def show_countdown(self, seconds: int) -> None:
        self._seconds = seconds
        self.countdown.setText(str(seconds))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def retranslate(self) -> None:
        self.question.setText(translate("IdleOverlay", "Bạn còn đó không?"))
        self.explain.setText(
            translate(
                "IdleOverlay",
                "Khi hết giờ, mọi thông tin bạn đã nhập sẽ được xóa để bảo vệ dữ liệu cá nhân.",
            )
        )
        self.button.setText(translate("IdleOverlay", "Tiếp tục"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
