"""Helpers for the office pages' tests: a logged-in StaffState and a themed 1280×800 host."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.domain.enums import Role
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from tests.ui.widgets.helpers import show_top
from ui.staff.state import StaffState
from ui.theme import Theme

IMAGES = Path(__file__).resolve().parents[3] / "docs" / "images"
_live: list[StaffState] = []
_windows: list[QWidget] = []  # pytest-qt holds shown widgets weakly: keep hosts alive per test


@dataclass(frozen=True)
class Member:
    """What the console keeps of a logged-in staff member."""

    staff_id: uuid.UUID
    name: str
    role: Role = Role.STAFF


def staff_state(
    config: Config, db: Database, ctx: KioskContext, staff_id: uuid.UUID, name: str
) -> StaffState:
    """The console's shared state with `name` logged in."""
    state = StaffState(config, db, ctx)
    state.set_staff(Member(staff_id, name))
    _live.append(state)
    return state


def drain() -> None:
    """Wait for every worker task of the states made here (before the database is closed)."""
    while _live:
        assert _live.pop().tasks.wait_idle()
    _windows.clear()


def host(qtbot: QtBot, page: QWidget) -> QWidget:
    """Show `page` inside a 1280×800 window styled like the console (theme on the parent, so
    the page keeps its own stylesheet)."""
    window = QWidget()
    Theme().apply(window)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(page)
    window.resize(1280, 800)
    _windows.append(window)
    show_top(qtbot, window)
    return window


def screenshot(window: QWidget, name: str) -> None:
    """Save the page as docs/images/`name` when KIOSK_SCREENSHOTS=1 (the docs' pictures)."""
    if os.environ.get("KIOSK_SCREENSHOTS") == "1":
        QApplication.processEvents()  # let the layouts settle after the last text change
        IMAGES.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(IMAGES / name))
