"""Fixtures for the self-service wizard: the in-test backend and a shown 1280×800 wizard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.store.db import Database
from tests.ui.selfservice.fakes import CoreRecorder, core_recorder
from tests.ui.widgets.helpers import show_top
from ui.i18n import LanguageManager
from ui.selfservice.wizard import SelfServiceWizard


@pytest.fixture(autouse=True)
def _vietnamese_after(qtbot: QtBot) -> Iterator[None]:
    """A test that switched the wizard to English leaves no translator nor "en" behind for the
    next test (the desk's tests read labels in the language last chosen)."""
    yield
    LanguageManager()  # a new manager removes every installed translator and says "vi"


@pytest.fixture
def recorder(db: Database, config: Config) -> CoreRecorder:
    """The real core on a migrated SQLite database, clock fixed at 2 March 2026."""
    return core_recorder(db, config)


def make_wizard(
    qtbot: QtBot,
    recorder: CoreRecorder,
    *,
    idle_timeout_ms: int = 600_000,
    idle_warning_ms: int = 15_000,
    idle_tick_ms: int = 1000,
) -> SelfServiceWizard:
    wizard = SelfServiceWizard(
        recorder.backend(),
        idle_timeout_ms=idle_timeout_ms,
        idle_warning_ms=idle_warning_ms,
        idle_tick_ms=idle_tick_ms,
        thanks_ms=600_000,
    )
    wizard.resize(1280, 800)
    show_top(qtbot, wizard)
    wizard.activateWindow()
    return wizard


@pytest.fixture
def wizard(qtbot: QtBot, recorder: CoreRecorder) -> Iterator[SelfServiceWizard]:
    """A wizard on its welcome screen, with long timeouts (tests that need idle make their own)."""
    w = make_wizard(qtbot, recorder)
    yield w
    w.idle.stop()


def click(qtbot: QtBot, root: QWidget, name: str) -> None:
    """Click the visible button called `name` inside `root`."""
    button = root.findChild(QPushButton, name)
    assert button is not None, name
    assert button.isVisible() and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def settle(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """Wait for the write running on the wizard's worker thread (register, VietQR, ticket)."""
    qtbot.waitUntil(lambda: not wizard.controller.busy, timeout=10_000)
