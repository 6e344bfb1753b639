"""On-screen Vietnamese keyboard: Telex, digits, address punctuation, accents, clear, held backspace."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.theme import touch_target_px
from ui.widgets import telex
from ui.widgets.numpad import HoldRepeat

translate = QCoreApplication.translate

ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
DIGITS = "1234567890"
# What addresses need ("Thôn 1, xã A", "Số 12/3 ngõ 5", "Tổ 4 - P. Tân Lập"), by key name.
PUNCTUATION = {",": "comma", ".": "period", "/": "slash", "-": "hyphen"}
LONG_PRESS_MS = 500
# What a long press on a key offers: every tone of every vowel it can become.
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_FAMILIES = {"a": "aăâ", "e": "eê", "i": "i", "o": "oôơ", "u": "uư", "y": "y", "d": "dđ"}


def accent_variants(letter: str) -> list[str]:
    """Every accented form a long press on `letter` offers (a → a à á ả ã ạ ă ằ ... ậ)."""
    import unicodedata

    family = _FAMILIES.get(letter.lower(), "")
    out: list[str] = []
    for base in family:
        tones = ("",) if base in "dđ" else _TONES
        for tone in tones:
            out.append(unicodedata.normalize("NFC", base + tone))
    return [v.upper() for v in out] if letter.isupper() else out


class AccentPopup(QFrame):
    """A panel over the keyboard with the accented forms of one letter."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("accentPopup")
        self.setStyleSheet("QFrame#accentPopup { background: #ffffff; border: 4px solid #0b3d91; }")
        self.setAutoFillBackground(True)
        self._grid = QGridLayout(self)
        self._grid.setSpacing(6)
        self.buttons: list[QPushButton] = []
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("accentClose")
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def open_for(self, letter: str) -> None:
        for b in self.buttons:
            b.deleteLater()
        self.buttons = []
        self._grid.removeWidget(self.close_button)
        size = touch_target_px() + 8
        for i, variant in enumerate(accent_variants(letter)):
            b = QPushButton(variant)
            b.setProperty("role", "key")
            b.setObjectName(f"accent_{variant}")
            b.setMinimumSize(size, size)
            b.clicked.connect(lambda _=False, v=variant: self._choose(v))
            self._grid.addWidget(b, i // 6, i % 6)
            self.buttons.append(b)
        self._grid.addWidget(self.close_button, 0, 6)
        self.close_button.setMinimumSize(size, size)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def _choose(self, variant: str) -> None:
        self.hide()
        self.chosen.emit(variant)


class OnScreenKeyboard(QWidget):
    """QWERTY letters with Shift, space, backspace and a Telex switch; types into `target`."""

    keyPressed = Signal(str)
    limitReached = Signal(int)  # a key did not fit: the field's maximum length

    def __init__(self, parent: QWidget | None = None, *, hold_ms: int = LONG_PRESS_MS) -> None:
        super().__init__(parent)
        self.target: QLineEdit | None = None
        self.telex_on = True
        self.shift_on = False
        self.auto_capitalize = True  # names and addresses: each word starts with a capital
        self.keys: dict[str, QPushButton] = {}
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(hold_ms)
        self._hold.timeout.connect(self._long_press)
        self._held_letter = ""
        self._swallow_click = False
        size = touch_target_px(self.screen())
        outer = QVBoxLayout(self)
        outer.setSpacing(6)
        outer.setContentsMargins(0, 0, 0, 0)
        digits = QHBoxLayout()
        digits.setSpacing(6)
        for digit in DIGITS:
            button = self._make(digit, digit, size)
            button.clicked.connect(lambda _=False, k=digit: self.type_key(k))
            digits.addWidget(button)
        outer.addLayout(digits)
        for r, row in enumerate(ROWS):
            line = QHBoxLayout()
            line.setSpacing(6)
            if r == 2:
                self.shift = self._make("shift", "⇧", size, checkable=True)
                self.shift.toggled.connect(self._set_shift)
                line.addWidget(self.shift)
            for letter in row:
                button = self._make(letter, letter, size)
                button.pressed.connect(lambda k=letter: self._pressed(k))
                button.clicked.connect(lambda _=False, k=letter: self._clicked(k))
                line.addWidget(button)
            if r == 2:
                self.backspace = self._make("backspace", "⌫", size)
                # acts on press and again every tick while held (not on click)
                self.backspace_repeat = HoldRepeat(self.backspace, self.press_backspace)
                line.addWidget(self.backspace)
            outer.addLayout(line)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        self.telex_button = self._make("telex", "Telex", size, checkable=True)
        self.telex_button.setChecked(True)
        self.telex_button.toggled.connect(self._set_telex)
        bottom.addWidget(self.telex_button)
        for char, name in PUNCTUATION.items():
            button = self._make(name, char, size)
            button.clicked.connect(lambda _=False, k=char: self.type_key(k))
            bottom.addWidget(button)
            if char == ".":
                self.space = self._make("space", "", size)
                self.space.clicked.connect(lambda: self.type_key(" "))
                bottom.addWidget(self.space, 1)
        self.hyphen = self.keys["hyphen"]
        self.clear_button = self._make("clear", "", size)
        self.clear_button.clicked.connect(self.clear_field)
        bottom.addWidget(self.clear_button)
        outer.addLayout(bottom)
        self.popup = AccentPopup(self)
        self.popup.chosen.connect(self._insert_literal)
        self.retranslate()

    def _make(self, name: str, label: str, size: int, *, checkable: bool = False) -> QPushButton:
        button = QPushButton(label)
        button.setObjectName(f"key_{name}")
        button.setProperty("role", "toggle" if checkable else "key")
        button.setCheckable(checkable)
        button.setMinimumSize(size, size)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps focus and its cursor
        self.keys[name] = button
        return button

    def set_key_size(self, px: int) -> None:
        """Every key at least `px` square (the screen's 10 mm or more; the host decides)."""
        for button in self.keys.values():
            button.setMinimumSize(px, px)
        self.space.setMinimumWidth(px * 2)

    def key_button(self, letter: str) -> QPushButton:
        """The button of `letter` (lower case), a digit, a punctuation mark, or a named key
        ("space", "shift", "clear", ...)."""
        return self.keys[PUNCTUATION.get(letter, letter)]

    def set_target(self, target: QLineEdit | None) -> None:
        self.target = target
        self._auto_shift()

    def clear_state(self) -> None:
        self.popup.hide()
        self._hold.stop()
        self.shift.setChecked(False)
        self._auto_shift()

    # -- typing -------------------------------------------------------------------------------
    def type_key(self, key: str) -> None:
        """Type one key into the target, composing Vietnamese letters with Telex when on."""
        t = self.target
        if t is not None:
            before, after = t.text()[: t.cursorPosition()], t.text()[t.cursorPosition() :]
            new_before = telex.type_key(before, key) if self.telex_on else before + key
            if t.maxLength() and len(new_before + after) > t.maxLength():
                self.limitReached.emit(t.maxLength())  # said on screen, never a silent cut
                return
            t.setText(new_before + after)
            t.setCursorPosition(len(new_before))
        self.keyPressed.emit(key)
        self._auto_shift()

    def press_backspace(self) -> None:
        if self.target is not None:
            self.target.backspace()
        self.keyPressed.emit("\b")
        self._auto_shift()

    def clear_field(self) -> None:
        """Empty the field in one tap (it took 80 backspaces)."""
        if self.target is not None:
            self.target.clear()
        self.keyPressed.emit("clear")
        self._auto_shift()

    def _insert_literal(self, text: str) -> None:
        if self.target is not None:
            self.target.insert(text)
        self.keyPressed.emit(text)
        self._auto_shift()

    def _letter(self, key: str) -> str:
        return key.upper() if self.shift_on else key

    def _pressed(self, key: str) -> None:
        self._swallow_click = False
        if key in _FAMILIES:
            self._held_letter = self._letter(key)
            self._hold.start()

    def _clicked(self, key: str) -> None:
        self._hold.stop()
        if self._swallow_click:  # the long press already opened the accent panel
            self._swallow_click = False
            return
        letter = self._letter(key)
        self.type_key(letter)

    def _long_press(self) -> None:
        self._swallow_click = True
        self.popup.open_for(self._held_letter)

    def _set_shift(self, on: bool) -> None:
        self.shift_on = on
        for letter in "".join(ROWS):
            self.keys[letter].setText(letter.upper() if on else letter)

    def _auto_shift(self) -> None:
        """Shift on at the start of each word (names), off inside a word."""
        if not self.auto_capitalize:
            if self.shift_on:
                self.shift.setChecked(False)
            return
        text = self.target.text()[: self.target.cursorPosition()] if self.target else ""
        want = not text or text[-1] in " -"
        if want != self.shift_on:
            self.shift.setChecked(want)

    def _set_telex(self, on: bool) -> None:
        self.telex_on = on

    # -- language -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.space.setText(translate("OnScreenKeyboard", "Dấu cách"))
        self.clear_button.setText(translate("OnScreenKeyboard", "Xóa hết"))
        self.backspace.setAccessibleName(translate("OnScreenKeyboard", "Xóa lùi"))
        self.telex_button.setToolTip(
            translate("OnScreenKeyboard", "Gõ tiếng Việt kiểu Telex: aa → â, dd → đ, s → dấu sắc")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
