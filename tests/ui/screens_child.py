"""Child process of test_screens_fill: one kiosk window per fake screen, geometry as JSON.

Run as `python -m tests.ui.screens_child` with QT_QPA_PLATFORM=offscreen:configfile=<json>
listing the screens; prints one JSON object per screen.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QPushButton

from tests.ui.selfservice.fakes import Recorder
from ui.selfservice.window import create_selfservice_window


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def main() -> int:
    app = QApplication(sys.argv[:1])
    out = []
    for screen in app.screens():
        window, wizard = create_selfservice_window(
            Recorder().backend(), title="Ki-ốt", idle_timeout_s=3600, kiosk=True
        )
        # placed on its screen (a real kiosk has just the one), at MainWindow's 1280×800
        window.setScreen(screen)
        window.move(screen.geometry().topLeft())
        window.start()  # type: ignore[attr-defined]
        for _ in range(5):
            app.processEvents()
        # the buttons a 1024×600 tablet lost: every one on the welcome screen must be on screen
        buttons = {}
        for button in wizard.findChildren(QPushButton):
            if button.isVisible():
                top_left = button.mapToGlobal(button.rect().topLeft())
                buttons[button.objectName()] = [
                    top_left.x(),
                    top_left.y(),
                    button.width(),
                    button.height(),
                ]
        out.append(
            {
                "screen": _rect(screen.geometry()),
                "window": _rect(window.geometry()),
                "wizard": [wizard.width(), wizard.height()],
                "portrait": wizard.portrait,
                "font_px": wizard.theme.font_px,
                "buttons": buttons,
            }
        )
        window.unlocked = True  # type: ignore[attr-defined]
        window.close()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
