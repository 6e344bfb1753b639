"""The dashboard shows exactly what the store recorded: people, đồng, documents and campaign."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.config import Config
from kiosk.domain.enums import ActivityKind, DocumentKind, PrinterRole, PrintStatus
from kiosk.domain.localtime import UTC
from kiosk.domain.money import format_vnd
from kiosk.services.campaign import record_activity
from kiosk.services.context import KioskContext
from kiosk.services.reports import DayReport
from kiosk.store.db import Database
from kiosk.store.models import Enrollment, PrintJob
from tests.support.paid import NOON_VN, PaidVisit, paid_household
from tests.ui.staff.office import host, screenshot, staff_state
from ui.staff.dashboard import REFRESH_MS, DashboardPage, hour_bars

DAY_BEFORE = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam, the day before


@pytest.fixture
def paid(db: Database, ctx: KioskContext) -> PaidVisit:
    """A household of two on health insurance, the first also on voluntary social insurance."""
    return paid_household(db, ctx, voluntary_income=1_500_000)


def _campaign(db: Database, ctx: KioskContext, staff: uuid.UUID, *kinds: ActivityKind) -> None:
    with db.unit_of_work() as s:
        for kind in kinds:
            record_activity(s, ctx, kind, staff)


def _printed(db: Database, ctx: KioskContext, *kinds: DocumentKind) -> None:
    with db.unit_of_work() as s:
        for kind in kinds:
            s.add(
                PrintJob(
                    kind=kind,
                    printer_role=PrinterRole.RECEIPT,
                    status=PrintStatus.DONE,
                    kiosk_id=ctx.kiosk_id,
                    created_at=NOON_VN,
                    finished_at=NOON_VN,
                )
            )


def _page(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit
) -> DashboardPage:
    state = staff_state(config, db, ctx, paid.cashier, "Lê Thị Thu")
    page = DashboardPage(state)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        host(qtbot, page)
    return page


def test_tiles_and_charts_match_the_recorded_day(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit
) -> None:
    """Three participants (two new health, one voluntary) paid 5.490.540 đ cash in one payment
    at noon; two receipts and a card printed; 2 VssID guides and 1 consultation: every tile
    and every chart row says exactly that, and the total is the sum of the enrollments."""
    _campaign(db, ctx, paid.cashier, ActivityKind.VSSID_INSTALL, ActivityKind.VSSID_INSTALL)
    _campaign(db, ctx, paid.cashier, ActivityKind.CONSULTATION)
    _printed(db, ctx, DocumentKind.RECEIPT, DocumentKind.RECEIPT, DocumentKind.CARD)
    with db.read() as s:
        enrolled = s.scalar(select(func.sum(Enrollment.amount)))
    assert enrolled == 5_490_540
    page = _page(qtbot, config, db, ctx, paid)
    t = page.tiles
    assert t["participants"].text() == "3"
    assert t["new"].text() == "3"
    assert t["renewals"].text() == "0"
    assert t["amount"].text() == "5.490.540 đ" == format_vnd(enrolled)
    assert t["payments"].text() == "1"
    assert t["documents"].text() == "3"
    assert page.notes["documents"].text() == "Biên lai: 2 · Thẻ BHYT: 1"
    assert t["vssid_install"].text() == "2"
    assert t["noncash_pension"].text() == "0"
    assert t["consultation"].text() == "1"
    assert page.scheme_chart.bars() == [("BHYT hộ gia đình", 2), ("BHXH tự nguyện", 1)]
    assert page.method_chart.bars() == [
        ("Tiền mặt", 5_490_540),
        ("Chuyển khoản VietQR", 0),
        ("Thẻ ngân hàng", 0),
    ]
    assert page.method_chart.value_texts()[0] == "5.490.540 đ"
    hours = dict(page.hour_chart.bars())
    assert hours["12 giờ"] == 5_490_540
    assert sum(hours.values()) == 5_490_540
    assert "ngày 25/11/2026" in page.hour_chart.title()
    screenshot(page.window(), "staff-dashboard.png")


def test_data_changed_refreshes_and_toggle_covers_the_whole_event(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit
) -> None:
    """A consultation recorded through the state shows at once; one recorded the day before is
    not in today's tile but is in the whole event's."""
    yesterday = KioskContext(ctx.kiosk_id, ctx.event_id, ctx.receipt_series, lambda: DAY_BEFORE)
    _campaign(db, yesterday, paid.cashier, ActivityKind.CONSULTATION)
    page = _page(qtbot, config, db, ctx, paid)
    assert page.tiles["consultation"].text() == "0"

    def consult(session: Session) -> None:
        record_activity(session, ctx, ActivityKind.CONSULTATION, paid.cashier)

    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.state.write(consult)
    qtbot.waitUntil(lambda: page.tiles["consultation"].text() == "1", timeout=10_000)
    with qtbot.waitSignal(page.refreshed, timeout=10_000) as blocker:
        page.set_whole_event(True)
    report = blocker.args[0]
    assert isinstance(report, DayReport) and report.day is None
    assert page.tiles["consultation"].text() == "2"
    assert page.tiles["amount"].text() == "5.490.540 đ"
    assert "cả sự kiện" in page.scheme_chart.title()


def test_timer_runs_only_while_visible(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit
) -> None:
    """The 15 s refresh timer runs while the page is shown and stops when it is hidden."""
    page = _page(qtbot, config, db, ctx, paid)
    assert page.timer.isActive() and page.timer.interval() == REFRESH_MS == 15_000
    page.hide()
    assert not page.timer.isActive()
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    assert page.timer.isActive()


def test_hour_bars_cover_the_working_day_and_any_late_sale() -> None:
    """07–17 always; a sale at 20 h stretches the chart to 20 h; early empty hours are left out."""
    hourly = [(h, 0) for h in range(24)]
    hourly[20] = (20, 1000)
    bars = hour_bars(hourly)
    assert bars[0] == ("07 giờ", 0)
    assert bars[-1] == ("20 giờ", 1000)
    assert len(bars) == 14
