"""Money typed at the desk, through the real widgets: garbage is refused under its field and
nothing is recorded; messages take reserved space, so nothing moves under a finger."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.config import Config
from kiosk.domain.enums import PaymentMethod
from kiosk.services.shifts import open_shift
from kiosk.store.db import Database
from kiosk.store.models import CashMovement, Payment, Shift
from tests.support.console import STAFF_PIN, desk, log_in, open_first_ticket, self_registration
from tests.support.paid import fixed_ctx
from tests.ui.widgets.helpers import show_top
from ui.staff.common import MoneyField, error_label
from ui.staff.shift_page import ShiftPage
from ui.staff.visit_page import VisitPage

NOT_AN_AMOUNT = "không phải số tiền: chỉ gõ chữ số, ví dụ 2.000.000 hoặc 2tr."


def count(db: Database, table: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(table)) or 0


def geometries(widgets: list[QWidget]) -> list[QRect]:
    """Where each widget is, in the window's coordinates, once pending layouts have run."""
    QApplication.processEvents()
    return [QRect(w.mapTo(w.window(), w.rect().topLeft()), w.size()) for w in widgets]


def test_abc5tr_tendered_is_refused_under_the_field(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """Typing "abc5tr" as the cash handed over: the line under the field says it is not an
    amount (no change figure), "Thu tiền" records nothing; "5tr" reads as 5.000.000 đ, short of
    the 5,490,540 due; "6tr" pays with 509,460 back."""
    self_registration(db)
    ctx = fixed_ctx()
    with desk(qtbot, db, config, ctx) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        with db.unit_of_work() as s:
            open_shift(s, ctx, d.state.staff_id, 0)
        visit = open_first_ticket(qtbot, d)
        qtbot.keyClicks(visit.tendered.edit, "abc5tr")
        assert visit.tendered.note.text() == f"“abc5tr” {NOT_AN_AMOUNT}"
        assert visit.change.text() == ""
        visit.pay.click()
        assert visit.tendered.note.text() == f"“abc5tr” {NOT_AN_AMOUNT}"
        d.state.tasks.wait_idle()
        assert count(db, Payment) == 0 and visit.message.text() == ""
        visit.tendered.setText("5tr")
        assert visit.tendered.note.text() == "= 5.000.000 đ"
        assert visit.change.text() == "Còn thiếu 490.540 đ"
        visit.tendered.setText("6tr")
        visit.pay.click()
        qtbot.waitUntil(lambda: "Đã thu tiền" in visit.message.text() or bool(visit.error.text()))
        assert visit.message.text() == (
            "Đã thu tiền. Biên lai YT-K01-0000001, XH-K01-0000001. Thối lại 509.460 đ."
        )
    with db.read() as s:
        payment = s.scalars(select(Payment)).one()
    assert (payment.amount, payment.tendered, payment.change) == (5_490_540, 6_000_000, 509_460)


def test_split_part_reads_strictly(qtbot: QtBot, db: Database, config: Config) -> None:
    """A split part of "5.00.000" is refused under its field and no part is added; "500k" adds
    a 500,000 part."""
    self_registration(db)
    ctx = fixed_ctx()
    with desk(qtbot, db, config, ctx) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        with db.unit_of_work() as s:
            open_shift(s, ctx, d.state.staff_id, 0)
        visit = open_first_ticket(qtbot, d)
        visit.part_amount.setText("5.00.000")
        visit.add_part()
        assert visit.parts == [] and "nhóm 3 chữ số" in visit.part_amount.note.text()
        visit.part_amount.setText("500k")
        visit.add_part()
        assert [p.amount for p in visit.parts] == [500_000]
        assert visit.parts_label.text() == "Tiền mặt 500.000 đ · còn lại 4.990.540 đ"


def test_hai_trieu_float_and_bad_counts_are_refused(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """On the shift page "hai trieu" as the float opens nothing (once it opened a 0 đ shift);
    "2tr" opens one with 2,000,000; a cash-out of "-5" and a count of "1e6" are refused under
    their fields, recording nothing."""
    with desk(qtbot, db, config, fixed_ctx()) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        d.console.show_page("shift")
        page = d.console.pages["shift"]
        assert isinstance(page, ShiftPage)
        qtbot.waitUntil(page.open_button.isEnabled)
        qtbot.keyClicks(page.float_edit.edit, "hai trieu")
        page.open_button.click()
        assert page.float_edit.note.text() == f"“hai trieu” {NOT_AN_AMOUNT}"
        d.state.tasks.wait_idle()
        assert count(db, Shift) == 0
        page.float_edit.setText("")
        page.open_button.click()
        assert page.float_edit.note.text().startswith("Hãy đếm tiền đầu ca")
        page.float_edit.setText("2tr")
        page.open_button.click()
        qtbot.waitUntil(lambda: page.report is not None)
        assert page.report is not None and page.report.opening_float == 2_000_000
        page.movement.setText("-5")
        page.movement_reason.setText("Nộp về văn phòng")
        page.cash_out.click()
        assert page.movement.note.text() == "Số tiền không được âm (“-5”)."
        page.counted.setText("1e6")
        page.close_button.click()
        assert page.dialog is None and page.counted.note.text() == f"“1e6” {NOT_AN_AMOUNT}"
        page.movement.setText("150.000")
        page.cash_out.click()
        qtbot.waitUntil(lambda: page.message.text() == "Đã rút 150.000 đ khỏi két.")
        qtbot.waitUntil(lambda: page.report is not None and page.report.cash_out == 150_000)
        assert page.report is not None
        assert page.report.line(PaymentMethod.CASH).expected == 1_850_000
    with db.read() as s:
        assert s.scalars(select(CashMovement.amount)).all() == [-150_000]


def test_error_label_keeps_its_size(qtbot: QtBot) -> None:
    """error_label() and a MoneyField's note have a fixed height and a width that does not
    follow their text: a long error appearing and clearing moves neither them nor the button
    below."""
    host = QWidget()
    layout = QVBoxLayout(host)
    field = MoneyField("Khách đưa")
    error = error_label()
    button = QPushButton("Thu tiền")
    for widget in (field.edit, field.note, error, button):
        layout.addWidget(widget)
    layout.addStretch(1)
    host.resize(700, 500)
    show_top(qtbot, host)
    watched = [field.edit, field.note, error, button]
    before = geometries(watched)
    error.setText("Có lỗi ngoài dự kiến; dữ liệu đã lưu vẫn an toàn. " * 4)
    field.setText("5.00.000")
    assert field.note.text().startswith("Không đọc được")
    assert geometries(watched) == before
    error.clear()
    field.clear()
    assert geometries(watched) == before


def test_visit_page_does_not_move_when_messages_come_and_go(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """On the visit page, an error under the tendered field, a page error and then a success
    message leave every button and field where it was (a double tap lands where it aimed);
    the success clears the stale error."""
    self_registration(db)
    ctx = fixed_ctx()
    with desk(qtbot, db, config, ctx) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        visit: VisitPage = open_first_ticket(qtbot, d)
        watched = [
            visit.pay,
            visit.add_part_button,
            visit.method,
            visit.tendered.edit,
            visit.part_amount.edit,
            visit.error,
            visit.message,
        ]
        before = geometries(watched)
        visit.tendered.setText("abc5tr")
        visit.pay.click()
        assert visit.tendered.note.text() != ""
        assert geometries(watched) == before
        visit.tendered.setText("5.490.540")
        visit.pay.click()  # no shift open yet: the service refuses, the page says so
        qtbot.waitUntil(lambda: "Chưa mở ca" in visit.error.text())
        assert geometries(watched) == before
        with db.unit_of_work() as s:
            open_shift(s, ctx, d.state.staff_id, 0)
        visit.pay.click()
        qtbot.waitUntil(lambda: "Đã thu tiền" in visit.message.text())
        assert visit.error.text() == ""
