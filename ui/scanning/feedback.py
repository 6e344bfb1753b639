"""The clear sign that a scan arrived: a coloured frame around the screen, and a beep if bad."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

FLASH_MS = 700
GOOD, BAD, CHECK = "#1b7f3b", "#c62828", "#b26a00"


class ScanFlash(QWidget):
    """A frame drawn over its parent, green (read), amber (read, check it) or red (not read)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("scanFlash")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.result = ""
        self.count = 0  # how many flashes so far (tests count them)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def show_result(self, result: str) -> None:
        """`result` is "ok", "check" or "bad"; "bad" also sounds the system beep."""
        colour = {"ok": GOOD, "check": CHECK}.get(result, BAD)
        self.result = result
        self.count += 1
        self.setStyleSheet(f"QWidget#scanFlash {{ border: 10px solid {colour}; }}")
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self._timer.start(FLASH_MS)
        if result == "bad":
            QApplication.beep()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
        return False


def flash(widget: QWidget, result: str) -> ScanFlash:
    """Flash `widget` (its one ScanFlash child is made on first use)."""
    found = widget.findChild(ScanFlash, "scanFlash", Qt.FindChildOption.FindDirectChildrenOnly)
    overlay = found if isinstance(found, ScanFlash) else ScanFlash(widget)
    overlay.show_result(result)
    return overlay
