"""Idle watcher and its countdown overlay, with short injected timeouts (no sleeps)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.idle import IdleOverlay, IdleWatcher


def test_warning_then_timeout(qtbot: QtBot) -> None:
    """A quiet spell first raises the countdown warning, then times out."""
    watcher = IdleWatcher(timeout_ms=300, warning_ms=200, tick_ms=50)
    watcher.start()
    try:
        with qtbot.waitSignal(watcher.warning, timeout=10_000) as first:
            pass
        assert first.args is not None and 0 < first.args[0] <= 1
        assert watcher.warning_shown
        with qtbot.waitSignal(watcher.timedOut, timeout=10_000):
            pass
        assert not watcher.warning_shown
    finally:
        watcher.stop()


def test_poke_resumes_and_restarts(qtbot: QtBot) -> None:
    """During the countdown, poke() (the "Tiếp tục" button) ends the warning: `resumed`."""
    watcher = IdleWatcher(timeout_ms=200, warning_ms=150, tick_ms=50)
    watcher.start()
    try:
        qtbot.waitSignal(watcher.warning, timeout=10_000).wait()
        with qtbot.waitSignal(watcher.resumed, timeout=10_000):
            watcher.poke()
        assert not watcher.warning_shown
    finally:
        watcher.stop()


def test_user_input_counts_as_activity(qtbot: QtBot) -> None:
    """A click anywhere before the warning restarts the quiet time (no warning comes early)."""
    host = QWidget()
    qtbot.addWidget(host)
    watcher = IdleWatcher(timeout_ms=400, warning_ms=100, tick_ms=50)
    watcher.start()
    try:
        warnings: list[int] = []
        watcher.warning.connect(warnings.append)
        qtbot.mouseClick(host, Qt.MouseButton.LeftButton)
        assert watcher.active and warnings == []
        qtbot.waitSignal(watcher.warning, timeout=10_000).wait()
    finally:
        watcher.stop()


def test_stopped_watcher_is_silent(qtbot: QtBot) -> None:
    """A stopped watcher never warns (the welcome screen has nothing to wipe)."""
    watcher = IdleWatcher(timeout_ms=50, warning_ms=40, tick_ms=10)
    watcher.start()
    watcher.stop()
    with qtbot.assertNotEmitted(watcher.warning, wait=150):
        pass


def test_overlay_shows_the_countdown(qtbot: QtBot) -> None:
    """The overlay covers its parent with the question, the seconds and a Continue button."""
    parent = QWidget()
    parent.resize(800, 600)
    qtbot.addWidget(parent)
    parent.show()
    overlay = IdleOverlay(parent)
    overlay.show_countdown(12)
    assert overlay.isVisible()
    assert overlay.geometry() == parent.rect()
    assert overlay.countdown.text() == "12"
    assert overlay.question.text() == "Bạn còn đó không?"
    with qtbot.waitSignal(overlay.continueClicked):
        qtbot.mouseClick(overlay.button, Qt.MouseButton.LeftButton)
