"""A VietQR transfer at the desk through the real widgets: the self-service transfer nobody
paid is cancelled (a reason) and the visit paid in cash; the next transfer has a new
reference; confirming one takes a second tap with the amount, the reference and a supervisor."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Config
from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus
from kiosk.payments.vietqr import parse_payload
from kiosk.services.shifts import open_shift
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Payment, Receipt, Staff, Visit
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
from ui.staff.dialogs import TransferConfirmDialog
from ui.staff.visit_page import VisitPage

DUE = "5.490.540 đ"


def purpose(payload: str) -> str:
    return str(parse_payload(payload)["62"]["08"])  # type: ignore[index]


def payment_rows(db: Database) -> list[tuple[str, int, str]]:
    with db.read() as s:
        return sorted(
            (p.method.value, p.amount, p.status.value) for p in s.scalars(select(Payment))
        )


def cancel_waiting(qtbot: QtBot, visit: VisitPage, reason: str) -> None:
    """Tap "cancel", try without a reason (refused), give one, and wait for the reload."""
    visit.cancel_qr.click()
    dialog = visit.transfer.dialog
    assert dialog is not None and dialog.need_reason and not dialog.need_supervisor
    dialog.ok.click()
    assert dialog.error.text() == "Hãy ghi lý do."
    dialog.reason.setText(reason)
    dialog.ok.click()
    qtbot.waitUntil(lambda: "Đã hủy khoản chuyển khoản" in visit.message.text())
    qtbot.waitUntil(lambda: visit.summary is not None and visit.summary.pending_vietqr is None)


def test_cancel_a_self_service_transfer_at_the_desk_and_pay_cash(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """The attendee's unpaid VietQR is shown at once (its QR, 5,490,540 đ, its reference);
    cash is refused while it waits; "cancel" with a reason voids it (audited) and switches to
    cash; 6,000,000 tendered pays it: one receipt per scheme, 509,460 back."""
    visit_id = self_registration(db)
    first = self_service_transfer(db, config, visit_id)
    ctx = fixed_ctx()
    with desk(qtbot, db, config, ctx) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        with db.unit_of_work() as s:
            open_shift(s, ctx, d.state.staff_id, 1_000_000)
        visit = open_first_ticket(qtbot, d)
        assert visit.method.currentData() == PaymentMethod.VIETQR
        assert visit.qr.payload == first
        assert visit.transfer.pending.text() == (
            f"Đang chờ chuyển khoản {DUE} · nội dung “{purpose(first)}”"
        )
        visit.method.setCurrentIndex(visit.method.findData(PaymentMethod.CASH))
        visit.tendered.setText("6.000.000")
        visit.pay.click()
        assert "Hủy chuyển khoản" in visit.error.text()
        assert payment_rows(db) == [("vietqr", 5_490_540, "pending")]
        cancel_waiting(qtbot, visit, "Khách không chuyển được, trả tiền mặt")
        assert visit.error.text() == ""
        assert visit.method.currentData() == PaymentMethod.CASH
        assert visit.qr.payload == "" and visit.transfer.pending.text() == ""
        assert not visit.confirm_qr.isEnabled() and not visit.cancel_qr.isEnabled()
        visit.tendered.setText("6.000.000")
        assert visit.change.text() == "Tiền thối lại: 509.460 đ"
        visit.pay.click()
        qtbot.waitUntil(lambda: "Đã thu tiền" in visit.message.text() or bool(visit.error.text()))
        assert visit.error.text() == ""
        assert visit.message.text() == (
            "Đã thu tiền. Biên lai YT-K01-0000001, XH-K01-0000001. Thối lại 509.460 đ."
        )
    assert payment_rows(db) == [("cash", 5_490_540, "confirmed"), ("vietqr", 5_490_540, "voided")]
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "payment.cancelled")).one()
        assert entry.detail["reason"] == "Khách không chuyển được, trả tiền mặt"
        assert s.scalars(select(Visit.status)).one() == EnrollmentStatus.PAID


def test_after_a_cancel_the_desk_shows_a_new_reference(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """After the cancel, VietQR again gives a QR with a new reference for the same 5,490,540 đ;
    the voided reference is on no widget of the page any more, and tapping again shows the same
    new transfer (one pending payment, not two)."""
    visit_id = self_registration(db)
    first = self_service_transfer(db, config, visit_id)
    with desk(qtbot, db, config, fixed_ctx()) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        visit = open_first_ticket(qtbot, d)
        cancel_waiting(qtbot, visit, "Khách quét nhầm mã")
        visit.method.setCurrentIndex(visit.method.findData(PaymentMethod.VIETQR))
        visit.pay.click()
        qtbot.waitUntil(lambda: visit.qr.payload != "")
        second = visit.qr.payload
        qtbot.waitUntil(lambda: purpose(second) in visit.transfer.pending.text())
        visit.transfer.show_qr.click()  # a second tap: the same transfer again
        d.state.tasks.wait_idle()
        qtbot.waitUntil(lambda: visit.qr.payload == second)
        shown = " ".join([visit.transfer.pending.text(), visit.message.text(), visit.qr.payload])
    assert purpose(second) != purpose(first) and purpose(first) not in shown
    assert parse_payload(second)["54"] == "5490540"
    assert payment_rows(db) == [("vietqr", 5_490_540, "pending"), ("vietqr", 5_490_540, "voided")]


def test_confirming_needs_a_second_tap_the_amount_and_a_supervisor(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """The first tap records nothing: it shows 5,490,540 đ and the QR's reference. The second
    needs the amount seen (blank, "5.490.000" refused under the field) and a supervisor (the
    cashier's own PIN is refused); then the receipts (one per scheme), and since no shift is open, the
    desk says the transfer goes to the next shift."""
    self_registration(db)
    with desk(qtbot, db, config, fixed_ctx()) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        visit = open_first_ticket(qtbot, d)
        visit.method.setCurrentIndex(visit.method.findData(PaymentMethod.VIETQR))
        visit.pay.click()
        qtbot.waitUntil(lambda: visit.confirm_qr.isEnabled())
        reference = purpose(visit.qr.payload)
        visit.confirm_qr.click()
        dialog = visit.transfer.dialog
        assert isinstance(dialog, TransferConfirmDialog) and dialog.isVisible()
        assert (dialog.amount_label.text(), dialog.reference.text()) == (DUE, reference)
        assert dialog.ok.text() == f"Xác nhận đã nhận {DUE}"
        assert payment_rows(db) == [("vietqr", 5_490_540, "pending")]
        dialog.ok.click()
        assert dialog.amount.note.text() == "Hãy gõ số tiền bạn thấy trong tài khoản ngân hàng."
        dialog.amount.setText("5.490.000")
        dialog.ok.click()
        assert dialog.amount.note.text() == (
            f"Số tiền đã thấy 5.490.000 đ khác {DUE} của khoản này: chưa xác nhận."
        )
        qtbot.waitUntil(lambda: dialog.supervisor.count() == 2)
        dialog.amount.setText("5.490.540 đ")
        dialog.supervisor.setCurrentText("Lê Thị Thu")
        dialog.pin.setText(STAFF_PIN)
        dialog.ok.click()
        qtbot.waitUntil(lambda: bool(dialog.error.text()))
        assert dialog.error.text() == "Việc này cần giám sát viên xác nhận."
        assert payment_rows(db) == [("vietqr", 5_490_540, "pending")]
        dialog.supervisor.setCurrentText("Phạm Văn Giám")
        dialog.pin.setText(SUPERVISOR_PIN)
        dialog.ok.click()
        qtbot.waitUntil(lambda: "Biên lai YT-K01-0000001, XH-K01-0000001" in visit.message.text())
        assert visit.message.text() == (
            "Đã thu tiền. Biên lai YT-K01-0000001, XH-K01-0000001. Chưa mở ca: khoản này được tính vào "
            "ca mở tiếp theo."
        )
    assert payment_rows(db) == [("vietqr", 5_490_540, "confirmed")]
    with db.read() as s:
        supervisor = s.scalars(select(Staff.id).where(Staff.name == "Phạm Văn Giám")).one()
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "payment.confirmed")).one()
        assert s.scalars(select(Receipt.number).order_by(Receipt.number)).all() == [1, 2]
        payment = s.scalars(select(Payment)).one()
    assert entry.detail["supervisor_id"] == str(supervisor)
    assert payment.status == PaymentStatus.CONFIRMED and payment.shift_id is None
