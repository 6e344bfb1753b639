"""Big numeric pad for identity numbers, phone numbers, dates (dd/mm/yyyy) and PINs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from ui.theme import touch_target_px

translate = QCoreApplication.translate

BACKSPACE = "\b"


class NumPad(QWidget):
    """3×4 pad of digits, an optional "/" key for dates, backspace; types into `target`."""

    keyPressed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, with_slash: bool = False) -> None:
        super().__init__(parent)
        self.target: QLineEdit | None = None
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setSpacing(8)
        rows = ["123", "456", "789", ("/" if with_slash else "") + "0" + BACKSPACE]
        for r, row in enumerate(rows):
            offset = 0 if len(row) == 3 else 1
            for c, key in enumerate(row):
                button = QPushButton("⌫" if key == BACKSPACE else key)
                button.setProperty("role", "key")
                button.setObjectName(f"numpad_{'back' if key == BACKSPACE else key}")
                size = touch_target_px() + 16
                button.setMinimumSize(size, size)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps focus
                button.clicked.connect(lambda _=False, k=key: self.press(k))
                grid.addWidget(button, r, c + offset)
                self.buttons[key] = button
        self.retranslate()

    def set_target(self, target: QLineEdit | None) -> None:
        self.target = target

    def press(self, key: str) -> None:
        """Type `key` into the target field (backspace deletes before the cursor)."""
        if self.target is not None:
            if key == BACKSPACE:
                self.target.backspace()
            else:
                self.target.insert(key)
        self.keyPressed.emit(key)

    def retranslate(self) -> None:
        self.buttons[BACKSPACE].setAccessibleName(translate("NumPad", "Xóa lùi"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
