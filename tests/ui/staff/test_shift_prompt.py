"""The shift at the desk through the real widgets: said at login, opened in one tap, and a
VietQR confirmed while none was open shows up in the next shift's X and Z reports."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Config
from kiosk.domain.enums import PaymentMethod, PrinterRole, PrintStatus
from kiosk.services.shifts import shift_report
from kiosk.store.db import Database
from kiosk.store.models import PrintJob, Shift
from tests.support.console import (
    STAFF_PIN,
    SUPERVISOR_PIN,
    desk,
    log_in,
    open_first_ticket,
    self_registration,
    self_service_transfer,
)
from tests.support.paid import fixed_ctx
from tests.ui.staff.test_money_fields import NOT_AN_AMOUNT
from ui.staff.common import cell
from ui.staff.dashboard import DashboardPage
from ui.staff.shift_page import ShiftPage

NEEDED = "Chưa mở ca: cần mở ca trước khi thu tiền mặt hoặc thẻ."


def where(widget: QWidget) -> QRect:
    QApplication.processEvents()
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


def test_login_says_a_shift_is_needed_and_opens_it_in_one_tap(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """Right after login the desk says a shift is needed, with the float field: "hai trieu" is
    refused under it (no shift); "500.000" and one tap open the shift with 500,000; the banner
    then says so, and neither it nor the pages below moved."""
    self_registration(db)
    with desk(qtbot, db, config, fixed_ctx()) as d:
        banner = d.console.shift_banner
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        qtbot.waitUntil(lambda: banner.is_open is not None)
        assert banner.is_open is False and banner.text.text() == NEEDED
        assert banner.float_edit.edit.isVisible() and banner.open_button.isVisible()
        visit = open_first_ticket(qtbot, d)  # the prompt stays in sight on the visit page
        assert banner.isVisible() and banner.text.text() == NEEDED
        before = (where(banner), where(d.console.pages_stack), where(visit.pay))
        qtbot.keyClicks(banner.float_edit.edit, "hai trieu")
        banner.open_button.click()
        assert banner.float_edit.note.text() == f"“hai trieu” {NOT_AN_AMOUNT}"
        d.state.tasks.wait_idle()
        with db.read() as s:
            assert s.scalars(select(Shift)).first() is None
        banner.float_edit.setText("500.000")
        banner.open_button.click()
        qtbot.waitUntil(lambda: banner.is_open is True)
        assert banner.text.text() == "Ca đang mở: Lê Thị Thu, tiền đầu ca 500.000 đ."
        assert not banner.open_button.isVisible()
        assert (where(banner), where(d.console.pages_stack), where(visit.pay)) == before
    with db.read() as s:
        assert s.scalars(select(Shift.opening_float)).one() == 500_000


def test_a_transfer_confirmed_with_no_shift_open_is_in_the_next_x_and_z(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """A supervisor confirms the self-service transfer of 5,490,540 before any shift: the
    banner and the dashboard show it outside any shift; opening the shift with 0 puts it in the
    X report (VietQR expected 5,490,540; "outside" line), and the Z close keeps it."""
    visit_id = self_registration(db)
    self_service_transfer(db, config, visit_id)
    outside = "Ngoài ca: 1 chuyển khoản xác nhận khi chưa mở ca, 5.490.540 đ"
    with desk(qtbot, db, config, fixed_ctx()) as d:
        banner = d.console.shift_banner
        log_in(qtbot, d.console, "Phạm Văn Giám", SUPERVISOR_PIN)
        visit = open_first_ticket(qtbot, d)
        visit.confirm_qr.click()
        dialog = visit.transfer.dialog
        assert dialog is not None
        dialog.amount.setText("5490540")  # type: ignore[attr-defined]
        dialog.ok.click()
        qtbot.waitUntil(lambda: "Biên lai YT-K01-0000001, XH-K01-0000001" in visit.message.text())
        qtbot.waitUntil(lambda: banner.note.text() != "")
        assert banner.note.text() == f"{outside} — tính vào ca mở tiếp theo."
        d.console.show_page("dashboard")
        dashboard = d.console.pages["dashboard"]
        assert isinstance(dashboard, DashboardPage)
        with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
            dashboard.refresh()
        assert dashboard.outside.text() == f"{outside} — tính vào ca mở tiếp theo."
        banner.float_edit.setText("0")
        banner.open_button.click()
        qtbot.waitUntil(lambda: banner.is_open is True)
        assert banner.note.text() == f"{outside}."
        d.console.show_page("shift")
        page = d.console.pages["shift"]
        assert isinstance(page, ShiftPage)
        qtbot.waitUntil(lambda: page.report is not None and page.table.rowCount() == 3)
        row = [cell(page.table, 1, c) for c in range(5)]
        assert row == ["Chuyển khoản VietQR", "1", "5.490.540 đ", "0 đ", "5.490.540 đ"]
        assert page.outside.text() == f"{outside}."
        page.counted.setText("0")
        page.close_button.click()
        close = page.dialog
        assert close is not None
        qtbot.waitUntil(lambda: close.supervisor.count() == 2)
        close.supervisor.setCurrentText("Phạm Văn Giám")
        close.pin.setText(SUPERVISOR_PIN)
        close.ok.click()
        qtbot.waitUntil(lambda: "Đã chốt ca" in page.message.text())

        def printed() -> bool:
            with db.read() as s:
                job = s.scalars(select(PrintJob).where(PrintJob.kind == "shift_report")).first()
                return job is not None and job.status == PrintStatus.DONE

        qtbot.waitUntil(printed, timeout=20_000)
    assert len(d.printers[PrinterRole.RECEIPT].payloads) >= 1
    with db.read() as s:
        shift_id = s.scalars(select(Shift.id)).one()
        z = shift_report(s, shift_id)
    assert z.kind == "Z" and (z.outside_count, z.outside_amount) == (1, 5_490_540)
    assert z.line(PaymentMethod.VIETQR).expected == 5_490_540
