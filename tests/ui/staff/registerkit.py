"""Helpers for the desk registration tests: the page as the console shows it, and its figures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from tests.kiosk.services.payflow import add_staff
from tests.ui.staff.office import host, staff_state
from ui.staff.common import DESK_STYLE, cell
from ui.staff.register_page import RegisterPage

SHOTS = Path("/tmp/kiosk-shots")


def register_page(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> tuple[RegisterPage, QScrollArea]:
    """The page in a scroll area with the desk's style sheet, as the console holds it; the
    records of the empty page are read before it is returned."""
    staff = add_staff(db, "Lê Thị Thu")
    page = RegisterPage(staff_state(config, db, ctx, staff, "Lê Thị Thu"), lambda _v: None)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setStyleSheet(DESK_STYLE)
    scroll.setWidget(page)
    host(qtbot, scroll)
    settle(qtbot, page)
    return page, scroll


def settle(qtbot: QtBot, page: RegisterPage) -> None:
    """Wait until the figures on the page use the records of what is on the page."""
    qtbot.waitUntil(page.records_current, timeout=10_000)


def visit_rows(page: RegisterPage) -> list[tuple[str, str, str]]:
    """The visit's table as staff read it: name, what, amount."""
    return [
        (cell(page.table, r, 0), cell(page.table, r, 1), cell(page.table, r, 2))
        for r in range(page.table.rowCount())
    ]


def fill_person(page: RegisterPage, pid: str, name: str, born: str, male: bool = False) -> None:
    """Type a person's identity number, name, birth date and sex into the form."""
    page.personal_id.setText(pid)
    page.full_name.setText(name)
    page.birth.setText(born)
    page.sex.setCurrentIndex(1 if male else 0)


def shot(widget: QScrollArea, name: str) -> Path:
    """Save what the widget shows under /tmp (looked at by hand, not compared)."""
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    assert widget.grab().save(str(path))
    return path
