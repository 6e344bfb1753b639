"""Big number pad (IDs, dates, incomes, PINs) that follows the focused field; backspace repeats."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)
from shiboken6 import isValid

from ui.theme import touch_target_px

translate = QCoreApplication.translate

BACKSPACE = "\b"
CLEAR = "clear"
THOUSANDS = "000"
REPEAT_DELAY_MS = 500  # held this long, backspace starts repeating...
REPEAT_INTERVAL_MS = 90  # ...one character per tick (about 11 a second)


class HoldRepeat(QObject):
    """Acts once when `button` goes down, then again on every tick of `timer` while it stays
    down (after `delay` ms): a held backspace clears a field without 80 taps.

    QTimer-driven (not QAbstractButton's own auto-repeat) so tests drive `delay` and `timer`
    directly instead of waiting.
    """

    def __init__(
        self,
        button: QAbstractButton,
        action: Callable[[], None],
        *,
        delay_ms: int = REPEAT_DELAY_MS,
        interval_ms: int = REPEAT_INTERVAL_MS,
    ) -> None:
        super().__init__(button)
        self._action = action
        self.delay = QTimer(self)
        self.delay.setSingleShot(True)
        self.delay.setInterval(delay_ms)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.delay.timeout.connect(self.timer.start)
        self.timer.timeout.connect(self._action)
        button.pressed.connect(self._down)
        button.released.connect(self.stop)

    def _down(self) -> None:
        self._action()
        self.delay.start()

    def stop(self) -> None:
        self.delay.stop()
        self.timer.stop()

    @property
    def repeating(self) -> bool:
        return self.delay.isActive() or self.timer.isActive()


def _follows(edit: QLineEdit) -> bool:
    """A field the pad may follow: not the text part of a combo box (a name list)."""
    return not isinstance(edit.parentWidget(), QComboBox)


class NumPad(QWidget):
    """3×4 pad of digits, an optional "/" (dates) or "000" (amounts) key, backspace, and an
    optional "Xóa hết" (clear) key; types into `target`.

    With `follow_focus` (the default) the pad types into whichever line edit of its own panel
    (the pad's parent widget and below) has the keyboard focus: on the staff console's first
    start it follows the cursor from "Mã PIN" to "Nhập lại mã PIN". A screen that points the
    pad itself (set_target) passes follow_focus=False.
    """

    keyPressed = Signal(str)
    limitReached = Signal(int)  # a key did not fit: the field's maximum length

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        with_slash: bool = False,
        with_thousands: bool = False,
        with_clear: bool = False,
        follow_focus: bool = True,
    ) -> None:
        super().__init__(parent)
        self.target: QLineEdit | None = None
        self.buttons: dict[str, QPushButton] = {}
        self.follow_focus = follow_focus
        grid = QGridLayout(self)
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        left = "/" if with_slash else THOUSANDS if with_thousands else ""
        rows: list[list[str]] = [list("123"), list("456"), list("789"), [left, "0", BACKSPACE]]
        size = touch_target_px(self.screen()) + 16
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                if key:
                    grid.addWidget(self._key(key, size), r, c)
        if with_clear:
            grid.addWidget(self._key(CLEAR, size), len(rows), 0, 1, 3)
        self.backspace_repeat = HoldRepeat(self.buttons[BACKSPACE], self._backspace)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.retranslate()

    def _key(self, key: str, size: int) -> QPushButton:
        names = {BACKSPACE: "back", CLEAR: "clear", THOUSANDS: "000"}
        button = QPushButton("⌫" if key == BACKSPACE else key)
        button.setProperty("role", "key")
        button.setObjectName(f"numpad_{names.get(key, key)}")
        button.setMinimumSize(size, size)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps focus
        if key != BACKSPACE:  # backspace acts on press and repeats (HoldRepeat)
            button.clicked.connect(lambda _=False, k=key: self.press(k))
        self.buttons[key] = button
        return button

    def set_target(self, target: QLineEdit | None) -> None:
        self.target = target

    def press(self, key: str) -> None:
        """Type `key` into the target field (backspace deletes before the cursor)."""
        t = self.target
        if t is not None and isValid(t):
            if key == BACKSPACE:
                t.backspace()
            elif key == CLEAR:
                t.clear()
            else:
                full = len(t.text()) - len(t.selectedText()) + len(key) > t.maxLength()
                t.insert(key)
                if full:  # QLineEdit kept what fits: say so, never a silent cut
                    self.limitReached.emit(t.maxLength())
        self.keyPressed.emit(key)

    def _backspace(self) -> None:
        self.press(BACKSPACE)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self.follow_focus or not isValid(self) or not isinstance(new, QLineEdit):
            return
        scope = self.parentWidget()
        if scope is not None and scope.isAncestorOf(new) and _follows(new):
            self.target = new

    def retranslate(self) -> None:
        self.buttons[BACKSPACE].setAccessibleName(translate("NumPad", "Xóa lùi"))
        if CLEAR in self.buttons:
            self.buttons[CLEAR].setText(translate("NumPad", "Xóa hết"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
