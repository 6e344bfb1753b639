"""Builds the window for the configured mode from the core services (used by main.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.config import Config
from kiosk.store.db import Database
from ui.app import MainWindow, create_application, wire_excepthook


def build_window(
    config: Config, db: Database, *, mode: str, kiosk_mode: bool
) -> tuple[QApplication, MainWindow]:
    """Create the application and the main window for `mode` ("staff" or "selfservice")."""
    app = create_application([])
    label = QLabel(f"{config.event.name}\n{config.kiosk.name} ({mode})")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window = MainWindow(f"Ki-ốt BHXH — {config.kiosk.name}", label)
    wire_excepthook(window)
    if kiosk_mode:
        window.showFullScreen()
    else:
        window.show()
    return app, window
