"""The application shell: a bug anywhere ends on the calm screen and in the log, not a traceback."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.logs import setup_logging
from ui.app import MainWindow, wire_excepthook
from ui.errors import OUT_OF_ORDER_EN, OUT_OF_ORDER_VI


@pytest.fixture
def restore_hook() -> Iterator[None]:
    saved = sys.excepthook
    yield
    sys.excepthook = saved
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(handler)
        handler.close()


def test_unexpected_error_shows_calm_screen_and_is_logged_masked(
    qtbot: QtBot, tmp_path: Path, restore_hook: None
) -> None:
    """An exception reaching the hook switches to the out-of-order screen (both languages) and
    writes the traceback to the log with the identity number masked."""
    log_file = setup_logging(tmp_path / "logs")
    window = MainWindow("test", QLabel("content"))
    qtbot.addWidget(window)
    wire_excepthook(window)
    try:
        raise RuntimeError("bug while handling 066185000123")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert window.stack.currentWidget() is window.out_of_order
    text = window.out_of_order.label.text()
    assert OUT_OF_ORDER_VI in text and OUT_OF_ORDER_EN in text and "Traceback" not in text
    logged = log_file.read_text(encoding="utf-8")
    assert (
        "RuntimeError: bug while handling 06********23" in logged and "066185000123" not in logged
    )
