"""The one excepthook: log the bug, show a calm out-of-order screen, never a traceback."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

log = logging.getLogger("kiosk.crash")

OUT_OF_ORDER_VI = "Ki-ốt tạm ngừng phục vụ.\nXin mời quý khách đến bàn nhân viên."
OUT_OF_ORDER_EN = "This kiosk is temporarily out of order.\nPlease ask the staff at the desk."


class OutOfOrderScreen(QWidget):
    """A calm full-window message shown after an unexpected error."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outOfOrder")
        layout = QVBoxLayout(self)
        self.label = QLabel(f"{OUT_OF_ORDER_VI}\n\n{OUT_OF_ORDER_EN}")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("font-size: 28px; color: #0b3d91;")
        layout.addWidget(self.label)


def install_excepthook(show_screen: Callable[[], None]) -> None:
    """Route uncaught exceptions (GUI thread and Qt slots) to the log and the calm screen."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        try:
            show_screen()
        except Exception:  # the screen itself failed: the log already has the cause
            log.exception("could not show the out-of-order screen")

    sys.excepthook = hook
