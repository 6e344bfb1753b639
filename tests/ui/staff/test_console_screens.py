"""The console's main screens rendered with data (and saved for the README when asked).

Each screen is checked for the Vietnamese text it must show; with KIOSK_SCREENSHOTS=1 the
pictures in docs/images/staff-*.png are written from the same run.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.domain.enums import Scheme, SupportGroup
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.shifts import open_shift
from kiosk.store.db import Database
from tests.support.console import STAFF_PIN, desk, log_in, wait_all_printed
from tests.support.paid import HOUSEHOLD, fixed_ctx
from ui.staff.console import StaffConsole
from ui.theme import Theme

IMAGES = Path(__file__).resolve().parents[3] / "docs" / "images"


def _shot(console: StaffConsole, name: str) -> None:
    if os.environ.get("KIOSK_SCREENSHOTS") == "1":
        # A page built the moment it is shown (lazily) lays itself out on the next turn of
        # the event loop; grabbing before that caught half-placed widgets.
        QApplication.processEvents()
        IMAGES.mkdir(parents=True, exist_ok=True)
        assert console.grab().save(str(IMAGES / name))


def _queue_two(db: Database) -> None:
    ctx = fixed_ctx()
    first = MemberRequest(
        replace(HOUSEHOLD[0], ethnicity="Kinh"),  # asked on the voluntary insurance screens
        (
            SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),
            SchemeChoice(Scheme.BHXH_VOLUNTARY, 12, income=1_500_000, group=SupportGroup.OTHER),
        ),
    )
    second = MemberRequest(HOUSEHOLD[1], (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),))
    with db.unit_of_work() as s:
        register_visit(s, ctx, [first, second], source="self_service")
    with db.unit_of_work() as s:
        register_visit(s, ctx, [second], source="self_service")  # the same man, alone, again


def test_console_screens(qtbot: QtBot, db: Database, config: Config) -> None:
    """Login, queue, payment, printed documents, search and registration all render their
    Vietnamese text with the figures of this data."""
    ctx = fixed_ctx()
    _queue_two(db)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    Theme().apply()  # as main.py does (fonts, palette, style); the console adds its own
    with desk(qtbot, db, config, ctx) as d:
        _shot(d.console, "staff-login.png")
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        with db.unit_of_work() as s:
            open_shift(s, ctx, d.state.staff_id, 500_000)
        d.console.shift_banner.refresh()  # opened behind its back: the banner reads it again
        qtbot.waitUntil(lambda: d.console.shift_banner.is_open)
        queue_page = d.console.pages["queue"]
        qtbot.waitUntil(lambda: queue_page.table.rowCount() == 2)  # type: ignore[attr-defined]
        assert queue_page.count.text() == "2 lượt đang chờ"  # type: ignore[attr-defined]
        _shot(d.console, "staff-queue.png")
        queue_page.take.click()  # type: ignore[attr-defined]
        visit = d.console.visit
        qtbot.waitUntil(lambda: visit.summary is not None)
        visit.tendered.setText("6.000.000")
        assert visit.total.text() == "Tổng cộng: 5.490.540 đ"
        _shot(d.console, "staff-payment.png")
        visit.pay.click()
        qtbot.waitUntil(lambda: visit.print_box.isVisible())
        visit.print_box.issue.click()
        wait_all_printed(qtbot, visit, 4)
        assert "Biên lai YT-K01-0000001, XH-K01-0000001" in visit.total.text()  # one per scheme
        _shot(d.console, "staff-issuance.png")
        d.console.show_page("search")
        search = d.console.pages["search"]
        search.query.setText("tran van duc")  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: search.table.rowCount() == 1)  # type: ignore[attr-defined]
        _shot(d.console, "staff-search.png")
        search.open_selected()  # type: ignore[attr-defined]
        register = d.console.register
        qtbot.waitUntil(lambda: "Gia hạn BHYT" in register.renewal.text())
        assert "hết hạn" in register.renewal.text()
        register.add_member()
        assert register.total.text().startswith("Tổng cộng: ")
        _shot(d.console, "staff-register.png")
        d.console.show_page("settings")
        assert d.console.pages["settings"].locked.isVisible()  # type: ignore[attr-defined]
    app.setStyleSheet("")
