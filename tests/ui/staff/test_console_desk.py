"""The desk console through its real widgets: login, queue take-over, cash, printing, reprints."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Config
from kiosk.domain.enums import (
    DocumentKind,
    EnrollmentStatus,
    PaymentMethod,
    PrinterRole,
    PrintStatus,
    Scheme,
    SupportGroup,
)
from kiosk.payments.vietqr import parse_payload
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.shifts import open_shift
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Payment, PrintJob, Receipt, Staff, Visit
from tests.conftest import TEST_ACCOUNT
from tests.support.console import STAFF_PIN, SUPERVISOR_PIN, Desk, desk, log_in, wait_all_printed
from tests.support.paid import HOUSEHOLD, fixed_ctx
from ui.staff.visit_page import VisitPage


def _self_registration(db: Database) -> None:
    """Two people registered on the touchscreen: BHYT 12 months for both, BHXH for the first."""
    ctx = fixed_ctx()
    members = [
        MemberRequest(
            HOUSEHOLD[0],
            (
                SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),
                SchemeChoice(Scheme.BHXH_VOLUNTARY, 12, income=1_500_000, group=SupportGroup.OTHER),
            ),
        ),
        MemberRequest(HOUSEHOLD[1], (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),)),
    ]
    with db.unit_of_work() as s:
        register_visit(s, ctx, members, source="self_service")


def _take_first_ticket(qtbot: QtBot, d: Desk, opening_float: int) -> VisitPage:
    """Open the shift, wait for the one self-registration in the queue and take it over."""
    with d.state.db.unit_of_work() as s:
        open_shift(s, d.state.ctx, d.state.staff_id, opening_float)
    queue_page = d.console.pages["queue"]
    qtbot.waitUntil(lambda: queue_page.table.rowCount() == 1)  # type: ignore[attr-defined]
    queue_page.take.click()  # type: ignore[attr-defined]
    visit = d.console.visit
    qtbot.waitUntil(lambda: visit.summary is not None)
    return visit


def test_login_and_lockout(qtbot: QtBot, db: Database, config: Config) -> None:
    """A right PIN opens the desk; five wrong ones lock the name, even for the right PIN."""
    with desk(qtbot, db, config, fixed_ctx()) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        assert d.console.stack.currentWidget() is d.console.desk
        assert d.console.who.text() == "Lê Thị Thu (nhân viên)"
        d.console.logout_button.click()
        assert d.console.stack.currentWidget() is d.console.login
        for _attempt in range(5):
            d.console.login.error.clear()
            log_in(qtbot, d.console, "Lê Thị Thu", "0000")
            assert d.state.staff is None
        assert "khóa" in d.console.login.error.text()
        d.console.login.error.clear()
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        assert d.state.staff is None
        assert "khóa" in d.console.login.error.text()
    with db.read() as s:
        staff = s.scalars(select(Staff).where(Staff.name == "Lê Thị Thu")).one()
        assert staff.locked_until is not None
        failures = s.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "staff.login_failed")
        ).all()
    assert len(failures) >= 5


def test_take_over_pay_cash_and_print_all_three(qtbot: QtBot, db: Database, config: Config) -> None:
    """From the queue to paid and printed: BHYT 2,322,540 for two + BHXH 264,000 × 12 =
    3,168,000 (22% of 1,500,000 less the 20% state support) = 5,490,540, paid in cash with
    6,000,000 tendered (509,460 back); one receipt per scheme and two payment confirmations
    come out (the booklet cover only on request)."""
    ctx = fixed_ctx()
    _self_registration(db)
    with desk(qtbot, db, config, ctx) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        staff_id = d.state.staff_id
        with db.unit_of_work() as s:
            open_shift(s, ctx, staff_id, 500_000)
        queue_page = d.console.pages["queue"]
        qtbot.waitUntil(lambda: queue_page.table.rowCount() == 1)  # type: ignore[attr-defined]
        assert queue_page.table.item(0, 1).text() == "Nguyễn Thị Huyền"  # type: ignore[attr-defined]
        queue_page.take.click()  # type: ignore[attr-defined]
        visit: VisitPage = d.console.visit
        qtbot.waitUntil(lambda: visit.summary is not None)
        assert d.console.current_page() == "visit"
        total = visit.summary.total  # type: ignore[union-attr]
        assert total == 2_322_540 + 3_168_000 == 5_490_540
        visit.tendered.setText("6.000.000")
        assert visit.change.text() == "Tiền thối lại: 509.460 đ"
        visit.pay.click()
        qtbot.waitUntil(lambda: "Đã thu tiền" in visit.message.text() or bool(visit.error.text()))
        assert visit.error.text() == ""
        assert "509.460 đ" in visit.message.text()
        qtbot.waitUntil(lambda: visit.print_box.isVisible())
        visit.print_box.issue.click()
        wait_all_printed(qtbot, visit, 4)
        assert [visit.print_box.job_status_text(r) for r in range(4)] == ["Đã in"] * 4
    receipts = d.printers[PrinterRole.RECEIPT].payloads
    cards = d.printers[PrinterRole.CARD].payloads
    booklets = d.printers[PrinterRole.BOOKLET].payloads
    assert (len(receipts), len(cards), len(booklets)) == (2, 2, 0)
    assert receipts[0].kind == "escpos"
    names = sorted("HUYỀN" in PdfReader(io.BytesIO(c.data)).pages[0].extract_text() for c in cards)
    assert names == [False, True]
    with db.read() as s:
        visit_row = s.scalars(select(Visit)).one()
        assert visit_row.status == EnrollmentStatus.PAID
        paid = s.scalars(select(Receipt).order_by(Receipt.number)).all()
        assert [r.total for r in paid] == [2_322_540, 3_168_000]
        assert sum(r.total for r in paid) == total and {r.staff_id for r in paid} == {staff_id}


def test_card_reprint_is_refused_to_staff_and_allowed_to_a_supervisor(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """A card reprint asks for a reason and a supervisor: the staff member's own PIN is
    refused with a clear message, the supervisor's queues one reprint that prints once."""
    ctx = fixed_ctx()
    _self_registration(db)
    with desk(qtbot, db, config, ctx) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        visit = _take_first_ticket(qtbot, d, 0)
        visit.pay.click()  # exact cash
        qtbot.waitUntil(lambda: visit.print_box.isVisible())
        visit.print_box.issue.click()
        wait_all_printed(qtbot, visit, 4)
        visit.print_box.select_job(DocumentKind.CARD)
        visit.print_box.reprint.click()
        dialog = visit.print_box.dialog
        assert dialog is not None and dialog.need_supervisor and dialog.need_reason
        dialog.reason.setText("Thẻ in bị nhòe")
        qtbot.waitUntil(lambda: dialog.supervisor.count() == 2)
        dialog.supervisor.setCurrentText("Lê Thị Thu")
        dialog.pin.setText(STAFF_PIN)
        dialog.submit()
        qtbot.waitUntil(lambda: bool(dialog.error.text()))
        assert dialog.error.text() == "Việc này cần giám sát viên xác nhận."
        dialog.supervisor.setCurrentText("Phạm Văn Giám")
        dialog.pin.setText(SUPERVISOR_PIN)
        dialog.submit()
        wait_all_printed(qtbot, visit, 5)
        assert visit.print_box.job_table.item(4, 0).text() == "Thẻ BHYT (in lại)"
        assert (
            visit.print_box.job_table.item(4, 1).text()
            == visit.print_box.job_table.item(1, 1).text()
            != ""
        )
    assert len(d.printers[PrinterRole.CARD].payloads) == 3
    with db.read() as s:
        reprint = s.scalars(select(PrintJob).where(PrintJob.is_reprint.is_(True))).one()
        supervisor = s.scalars(select(Staff.id).where(Staff.name == "Phạm Văn Giám")).one()
    assert (reprint.reprint_reason, reprint.authorized_by) == ("Thẻ in bị nhòe", supervisor)


def test_search_folds_accents(qtbot: QtBot, db: Database, config: Config) -> None:
    """ "nguyen thi huyen" finds Nguyễn Thị Huyền; "duc" finds Trần Văn Đức, typed in the box."""
    _self_registration(db)
    with desk(qtbot, db, config, fixed_ctx()) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        d.console.show_page("search")
        page = d.console.pages["search"]
        qtbot.keyClicks(page.query, "nguyen thi huyen")  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: page.table.rowCount() == 1)  # type: ignore[attr-defined]
        assert page.table.item(0, 0).text() == "Nguyễn Thị Huyền"  # type: ignore[attr-defined]
        assert page.table.item(0, 2).text() == "066185012345"  # type: ignore[attr-defined]
        page.query.setText("duc")  # type: ignore[attr-defined]
        qtbot.waitUntil(
            lambda: (
                page.table.rowCount() == 1  # type: ignore[attr-defined]
                and page.table.item(0, 0).text() == "Trần Văn Đức"
            )
        )  # type: ignore[attr-defined]
        page.open_selected()  # type: ignore[attr-defined]
        assert d.console.current_page() == "register"
        qtbot.waitUntil(lambda: d.console.register.full_name.text() == "Trần Văn Đức")


def test_assisted_registration_warns_of_duplicate_and_registers(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """Typing a stored identity number warns; a new person is quoted 1,366,200 for BHYT
    12 months and registering opens the payment page."""
    _self_registration(db)
    with desk(qtbot, db, config, fixed_ctx()) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        d.console.show_page("register")
        page = d.console.register
        page.personal_id.setText("066185012345")
        page.check_duplicates()
        qtbot.waitUntil(lambda: "Đã có người này" in page.warning.text())
        assert "Nguyễn Thị Huyền" in page.warning.text()
        page.personal_id.setText("066090001234")
        page.full_name.setText("hoàng văn thái")
        page.birth.setText("05/06/1990")
        page.sex.setCurrentIndex(1)
        page.add_member()
        assert page.error.text() == ""
        assert page.total.text() == "Tổng cộng: 1.366.200 đ"
        page.submit_button.click()
        qtbot.waitUntil(
            lambda: d.console.current_page() == "visit" and d.console.visit.summary is not None
        )
        assert d.console.visit.summary.head == "Hoàng Văn Thái"  # type: ignore[union-attr]
        page.birth.setText("31/02/1990")
        page.full_name.setText("Lò Thị Xa")
        page.add_member()
        assert "ngày" in page.error.text().lower()
    with db.read() as s:
        assert s.scalars(select(Visit).where(Visit.source == "staff")).one().total == 1_366_200


def test_z_close_needs_a_supervisor(
    qtbot: QtBot, db: Database, config: Config, tmp_path: Path
) -> None:
    """Opening a shift with 500,000 and closing it with 480,000 counted: −20,000 short, after
    the supervisor's PIN; the Z report goes to the receipt printer; a copy of the database
    holding the closed shift is made off the GUI thread and the screen says so."""
    with desk(qtbot, db, config, fixed_ctx()) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        d.console.show_page("shift")
        page = d.console.pages["shift"]
        qtbot.waitUntil(lambda: page.open_button.isEnabled())  # type: ignore[attr-defined]
        page.float_edit.setText("500.000")  # type: ignore[attr-defined]
        page.open_button.click()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: page.report is not None)  # type: ignore[attr-defined]
        assert page.close_button.isEnabled()  # type: ignore[attr-defined]
        page.counted.setText("480000")  # type: ignore[attr-defined]
        page.close_button.click()  # type: ignore[attr-defined]
        dialog = page.dialog  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: dialog.supervisor.count() == 2)
        dialog.supervisor.setCurrentText("Phạm Văn Giám")
        dialog.pin.setText(SUPERVISOR_PIN)
        dialog.submit()
        qtbot.waitUntil(lambda: "Đã chốt ca" in page.message.text())  # type: ignore[attr-defined]
        assert "-20.000 đ" in page.message.text()  # type: ignore[attr-defined]

        def printed() -> bool:
            with db.read() as s:
                job = s.scalars(select(PrintJob)).first()
                assert job is None or job.last_error is None, job.last_error
                return job is not None and job.status == PrintStatus.DONE

        qtbot.waitUntil(printed)
        assert len(d.printers[PrinterRole.RECEIPT].payloads) == 1
        qtbot.waitUntil(
            lambda: "Đã sao lưu dữ liệu." in page.message.text(),  # type: ignore[attr-defined]
            timeout=30_000,  # the copy runs on a worker thread; CI shares two busy cores
        )
    with db.read() as s:
        job = s.scalars(select(PrintJob)).one()
    assert job.kind == DocumentKind.SHIFT_REPORT and job.status == PrintStatus.DONE
    (copy,) = (tmp_path / "backups").glob("kiosk-*-z-close.sqlite3")
    with closing(sqlite3.connect(copy)) as backup:
        rows = backup.execute("SELECT status, closed_at IS NOT NULL FROM shifts").fetchall()
    assert rows == [("closed", 1)]


def test_void_needs_a_supervisor_and_keeps_the_number(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """Voiding a paid receipt asks for a reason and a supervisor; afterwards the visit is
    cancelled, both receipts of the payment (one per scheme) keep their numbers and are void,
    and the cash is reversed."""
    ctx = fixed_ctx()
    _self_registration(db)
    with desk(qtbot, db, config, ctx) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        visit = _take_first_ticket(qtbot, d, 10_000_000)
        visit.pay.click()
        qtbot.waitUntil(lambda: visit.print_box.void.isEnabled())
        visit.print_box.void.click()
        dialog = visit.print_box.dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.supervisor.count() == 2)
        dialog.reason.setText("Khách đổi ý, nhận lại tiền")
        dialog.supervisor.setCurrentText("Phạm Văn Giám")
        dialog.pin.setText(SUPERVISOR_PIN)
        dialog.submit()
        qtbot.waitUntil(
            lambda: (
                "Đã hủy biên lai YT-K01-0000001, XH-K01-0000001" in visit.print_box.message.text()
            )
        )
        qtbot.waitUntil(
            lambda: visit.summary is not None and visit.summary.status == EnrollmentStatus.CANCELLED
        )
    with db.read() as s:
        voided = s.scalars(select(Receipt).order_by(Receipt.number)).all()
    assert [r.number for r in voided] == [1, 2] and all(r.voided_at for r in voided)
    assert {r.void_reason for r in voided} == {"Khách đổi ý, nhận lại tiền"}


def test_vietqr_at_the_desk_then_confirmed(qtbot: QtBot, db: Database, config: Config) -> None:
    """VietQR shows a NAPAS payload for 5,490,540 đ to the configured account with the
    transfer reference; "money received" then the amount seen (a supervisor is at the desk)
    makes the visit paid with one receipt per scheme (YT-K01-0000001, XH-K01-0000001)."""
    ctx = fixed_ctx()
    _self_registration(db)
    with desk(qtbot, db, config, ctx) as d:
        log_in(qtbot, d.console, "Phạm Văn Giám", SUPERVISOR_PIN)
        queue_page = d.console.pages["queue"]
        qtbot.waitUntil(lambda: queue_page.table.rowCount() == 1)  # type: ignore[attr-defined]
        queue_page.take.click()  # type: ignore[attr-defined]
        visit = d.console.visit
        qtbot.waitUntil(lambda: visit.summary is not None)
        visit.method.setCurrentIndex(visit.method.findData(PaymentMethod.VIETQR))
        visit.pay.click()
        qtbot.waitUntil(lambda: visit.qr.payload != "")
        fields = parse_payload(visit.qr.payload)
        account = fields["38"]["01"]  # type: ignore[index]
        assert (account["00"], account["01"], fields["54"]) == (
            "970405",
            TEST_ACCOUNT,
            "5490540",
        )
        assert str(fields["62"]["08"]).startswith("BHXH")  # type: ignore[index]
        qtbot.waitUntil(lambda: visit.confirm_qr.isEnabled())
        visit.confirm_qr.click()
        dialog = visit.transfer.dialog
        assert dialog is not None and not dialog.need_supervisor
        dialog.amount.setText("5.490.540")  # type: ignore[attr-defined]
        dialog.ok.click()
        qtbot.waitUntil(lambda: "Biên lai YT-K01-0000001, XH-K01-0000001" in visit.message.text())


def test_split_payment_cash_then_card(qtbot: QtBot, db: Database, config: Config) -> None:
    """2,000,000 in cash (2,000,000 handed over) and the remaining 3,490,540 on the card
    terminal: two payments, one receipt per scheme totalling 5,490,540; a part as large as the
    total is refused with the amount allowed."""
    ctx = fixed_ctx()
    _self_registration(db)
    with desk(qtbot, db, config, ctx) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        visit = _take_first_ticket(qtbot, d, 0)
        visit.part_amount.setText("5.490.540")
        visit.add_part()
        assert (
            visit.part_amount.note.text()
            == "Số tiền phần này phải lớn hơn 0 và nhỏ hơn 5.490.540 đ."
        )
        visit.part_amount.setText("2.000.000")
        visit.tendered.setText("2.000.000")
        visit.add_part()
        assert visit.parts_label.text() == "Tiền mặt 2.000.000 đ · còn lại 3.490.540 đ"
        visit.method.setCurrentIndex(visit.method.findData(PaymentMethod.CARD))
        visit.card_code.setText("A1B2C3")
        visit.pay.click()
        qtbot.waitUntil(lambda: "Đã thu tiền" in visit.message.text() or bool(visit.error.text()))
        assert visit.error.text() == ""
    with db.read() as s:
        payments = sorted(
            (p.method, p.amount) for p in s.scalars(select(Payment).where(Payment.amount > 0))
        )
        totals = [r.total for r in s.scalars(select(Receipt).order_by(Receipt.number))]
    assert payments == [(PaymentMethod.CARD, 3_490_540), (PaymentMethod.CASH, 2_000_000)]
    assert totals == [2_322_540, 3_168_000] and sum(totals) == 5_490_540
