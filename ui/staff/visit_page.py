"""One visit at the desk: its lines, taking the payment, then printing its documents."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod
from kiosk.domain.numbers import ticket_number
from kiosk.errors import KioskError
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.person_facts import Unasked, unasked_ethnicity
from kiosk.services.visits import VisitSummary, visit_summary
from printing.issue import JobRow, visit_jobs
from ui.i18n import label_text
from ui.staff.common import (
    MoneyField,
    error_label,
    error_text,
    fill_table,
    heading,
    make_table,
    message_label,
    money,
    reserved_label,
)
from ui.staff.dialogs import TransferPanel
from ui.staff.ethnicity_panel import EthnicityPanel
from ui.staff.issuance_panel import DeskPrinting, IssuancePanel
from ui.staff.state import StaffState

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

translate = QCoreApplication.translate


class VisitPage(QWidget):
    """Pay (cash, VietQR, card terminal) and print; every action runs off the GUI thread.

    A VietQR transfer waiting for its money (the desk's or the self-service screen's) is shown
    at once with its amount and reference (TransferPanel): staff confirm it in two steps or
    cancel it with a reason and take another method. Money fields are read strictly
    (MoneyField): a text that is not an amount is refused under its field, nothing recorded.
    """

    def __init__(
        self, state: StaffState, printing: DeskPrinting, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.printing = printing
        self.summary: VisitSummary | None = None
        self.parts: list[PaymentRequest] = []  # a split payment's parts added so far
        self.attempt = uuid.uuid4().hex
        self._fresh = False  # the next summary shown is a newly opened visit
        layout = QVBoxLayout(self)
        self.title = heading(
            translate("Staff", "Chọn một lượt trong Hàng chờ hoặc đăng ký tại quầy.")
        )
        layout.addWidget(self.title)
        self.lines = make_table(
            [
                translate("Staff", "Họ và tên"),
                translate("Staff", "Loại hình"),
                translate("Staff", "Số tháng"),
                translate("Staff", "Số tiền"),
            ]
        )
        self.lines.setMinimumHeight(170)
        layout.addWidget(self.lines, 2)
        self.total = QLabel("")
        self.total.setObjectName("total")
        self.total.setStyleSheet("font-size: 24px; font-weight: 700;")
        layout.addWidget(self.total)
        self.ethnicity = EthnicityPanel(state)  # members nobody asked: the dossier needs it
        layout.addWidget(self.ethnicity)
        self.pay_box = self._payment_box()
        layout.addWidget(self.pay_box, 0)
        self.print_box = IssuancePanel(state, printing)
        layout.addWidget(self.print_box, 3)
        self.pay_box.setVisible(False)  # until a visit is shown
        self.print_box.setVisible(False)
        self.message = message_label()
        self.message.setObjectName("message")
        layout.addWidget(self.message)
        self.error = error_label()
        layout.addWidget(self.error)
        state.data_changed.connect(self.reload)

    # Loading -------------------------------------------------------------------------------

    def load(self, visit_id: uuid.UUID) -> None:
        """Show `visit_id` (a new attempt key: a new visit is a new payment)."""
        self.attempt = uuid.uuid4().hex
        self.summary = None
        self._fresh = True
        self.message.clear()
        self.error.clear()
        self.transfer.new_visit(visit_id)
        for field in (self.tendered, self.part_amount, self.card_code):
            field.clear()
        self.parts = []
        self._show_parts()
        self._fetch(visit_id)

    def reload(self) -> None:
        if self.summary is not None:
            self._fetch(self.summary.visit_id)

    def _fetch(self, visit_id: uuid.UUID) -> None:
        self.state.read_latest("visit", lambda s: _load(s, visit_id), self._show)

    def _show(self, loaded: tuple[VisitSummary, list[JobRow], list[Unasked]]) -> None:
        summary, jobs, unasked = loaded
        self.summary = summary
        number = f"{ticket_number(summary.queue_number)} — " if summary.queue_number else ""
        self.title.setText(f"{number}{summary.head} · {label_text(summary.status)}")
        fill_table(
            self.lines,
            [(ln.person, ln.scheme_label, str(ln.months), ln.amount) for ln in summary.lines],
        )
        receipt = f" · Biên lai {summary.receipt_number}" if summary.receipt_number else ""
        self.total.setText(
            translate("Staff", "Tổng cộng: {m}").format(m=money(summary.total)) + receipt
        )
        paid = summary.status == EnrollmentStatus.PAID
        self.pay_box.setVisible(not paid and summary.status != EnrollmentStatus.CANCELLED)
        self.print_box.setVisible(paid)
        pending = summary.pending_vietqr
        self.transfer.show_waiting(pending)
        if pending and self._fresh:  # opened with a transfer waiting: show it at once
            self.method.setCurrentIndex(self.method.findData(PaymentMethod.VIETQR))
        self._fresh = False
        self.print_box.show_jobs(summary, jobs)
        self.ethnicity.show_people(unasked)
        self._update_change()

    # Payment -------------------------------------------------------------------------------

    def _payment_box(self) -> QGroupBox:
        box = QGroupBox(translate("Staff", "Thanh toán"))
        layout = QVBoxLayout(box)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for method in (PaymentMethod.CASH, PaymentMethod.VIETQR, PaymentMethod.CARD):
            self.method.addItem(label_text(method), method)
        layout.addWidget(self.method)
        self.method_pages = QStackedWidget()
        cash = QWidget()
        cash_box = QVBoxLayout(cash)
        cash_row = QHBoxLayout()
        self.tendered = MoneyField(translate("Staff", "Khách đưa (đồng)"), name="tendered")
        self.tendered.textChanged.connect(self._update_change)
        self.tendered.edit.setMaximumWidth(360)
        self.change = reserved_label("font-size: 20px; font-weight: 700;", lines=1)
        self.change.setObjectName("change")
        cash_row.addWidget(self.tendered.edit)
        cash_row.addWidget(self.change, 1)
        cash_box.addLayout(cash_row)
        cash_box.addWidget(self.tendered.note)
        self.method_pages.addWidget(cash)
        self.transfer = TransferPanel(
            self.state, self._transfer_paid, self._transfer_cancelled, self._failed, self._clear
        )
        self.qr = self.transfer.qr
        self.confirm_qr, self.cancel_qr = self.transfer.confirm_qr, self.transfer.cancel_qr
        self.method_pages.addWidget(self.transfer)
        card = QWidget()
        card_row = QHBoxLayout(card)
        self.card_code = QLineEdit()
        self.card_code.setPlaceholderText(translate("Staff", "Mã chuẩn chi trên hóa đơn máy POS"))
        card_row.addWidget(self.card_code)
        self.method_pages.addWidget(card)
        self.method.currentIndexChanged.connect(self._show_method)
        self._show_method(0)
        layout.addWidget(self.method_pages)
        split = QHBoxLayout()
        self.part_amount = MoneyField(
            translate("Staff", "Trả một phần bằng cách này: số tiền (đồng)"), name="part_amount"
        )
        self.part_amount.edit.setMaximumWidth(420)
        self.part_amount.textChanged.connect(self._update_change)
        self.add_part_button = QPushButton(translate("Staff", "Thêm phần, trả tiếp cách khác"))
        self.add_part_button.setProperty("role", "secondary")
        self.add_part_button.clicked.connect(self.add_part)
        split.addWidget(self.part_amount.edit)
        split.addWidget(self.add_part_button)
        layout.addLayout(split)
        layout.addWidget(self.part_amount.note)
        self.parts_label = reserved_label("", lines=1)
        self.parts_label.setObjectName("parts")
        layout.addWidget(self.parts_label)
        self.pay = QPushButton(translate("Staff", "Thu tiền"))
        self.pay.setObjectName("pay")
        self.pay.clicked.connect(self.take_payment)
        layout.addWidget(self.pay)
        return box

    def _show_method(self, index: int) -> None:
        """Only the chosen method's fields take room (the QR view is tall, the cash row not)."""
        self.method_pages.setCurrentIndex(index)
        for i in range(self.method_pages.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page = self.method_pages.widget(i)
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.method_pages.adjustSize()

    def _chosen(self) -> PaymentMethod:
        return PaymentMethod(self.method.currentData())

    def remaining(self) -> int:
        """What is still to pay after the parts already added (a split payment)."""
        total = self.summary.total if self.summary else 0
        return total - sum(p.amount for p in self.parts)

    def _update_change(self) -> None:
        if self.summary is None:
            return
        due, tendered = self.part_amount.peek() or self.remaining(), self.tendered.peek()
        if tendered is None:
            self.change.setText("")
        elif tendered < due:
            short = money(due - tendered)
            self.change.setText(translate("Staff", "Còn thiếu {m}").format(m=short))
        else:
            back = money(tendered - due)
            self.change.setText(translate("Staff", "Tiền thối lại: {m}").format(m=back))

    def _part(self, amount: int) -> PaymentRequest:
        """This method's part; a tendered text that is not an amount raises (shown under it)."""
        if self._chosen() == PaymentMethod.CASH:
            return PaymentRequest(PaymentMethod.CASH, amount, tendered=self.tendered.read())
        return PaymentRequest(
            PaymentMethod.CARD, amount, card_auth_code=self.card_code.text().strip()
        )

    def add_part(self) -> None:
        """Part of the money by this method (cash or card); the rest by another."""
        self.error.clear()
        if self._chosen() == PaymentMethod.VIETQR:
            self._fail(
                translate("Staff", "VietQR chỉ dùng để trả toàn bộ; hãy tách bằng tiền mặt và thẻ.")
            )
            return
        try:
            amount = self.part_amount.read()
            if amount is None or not 0 < amount < self.remaining():
                self.part_amount.show_error(
                    translate("Staff", "Số tiền phần này phải lớn hơn 0 và nhỏ hơn {m}.").format(
                        m=money(self.remaining())
                    )
                )
                return
            part = self._part(amount)
        except KioskError:
            return  # the field says why
        self.parts.append(part)
        for field in (self.part_amount, self.tendered, self.card_code):
            field.clear()
        self._show_parts()

    def _show_parts(self) -> None:
        done = " + ".join(f"{label_text(p.method)} {money(p.amount)}" for p in self.parts)
        self.parts_label.setText(
            translate("Staff", "{done} · còn lại {m}").format(done=done, m=money(self.remaining()))
            if self.parts
            else ""
        )

    def take_payment(self) -> None:
        summary = self.summary
        if summary is None:
            return
        if self._chosen() == PaymentMethod.VIETQR:
            if self.parts:
                self._fail(translate("Staff", "Phần còn lại hãy trả bằng tiền mặt hoặc thẻ."))
            else:
                self.start_qr()
            return
        pending = summary.pending_vietqr
        if pending is not None:
            self._fail(
                translate(
                    "Staff",
                    "Lượt này đang chờ chuyển khoản {m}: bấm “Hủy chuyển khoản” (VietQR) nếu "
                    "khách trả cách khác.",
                ).format(m=money(pending.amount))
            )
            return
        try:
            parts = [*self.parts, self._part(self.remaining())]
        except KioskError:
            return  # the field says why; nothing is recorded
        key = f"desk:{self.attempt}:{len(parts)}"  # one attempt per visit shown
        staff = self.state.staff_id
        self._busy(True)
        self.state.write(
            lambda s: checkout(s, self.state.ctx, summary.visit_id, parts, key, staff),
            lambda result: self._paid(result.receipt_number, result.change),
            self._failed,
        )

    def start_qr(self) -> None:
        self.transfer.start_qr()

    def _transfer_paid(self, receipt_number: str | None, outside_shift: bool) -> None:
        self._paid(receipt_number, 0)
        if outside_shift:
            self.message.setText(
                self.message.text()
                + " "
                + translate("Staff", "Chưa mở ca: khoản này được tính vào ca mở tiếp theo.")
            )

    def _transfer_cancelled(self, reference: str) -> None:
        self.error.clear()
        self.method.setCurrentIndex(self.method.findData(PaymentMethod.CASH))
        self.message.setText(
            translate("Staff", "Đã hủy khoản chuyển khoản “{ref}”. Chọn cách trả khác.").format(
                ref=reference
            )
        )

    def _paid(self, receipt_number: str | None, change: int) -> None:
        self._busy(False)
        text = translate("Staff", "Đã thu tiền. Biên lai {n}.").format(n=receipt_number or "")
        if change:
            text += " " + translate("Staff", "Thối lại {m}.").format(m=money(change))
        self.message.setText(text)
        self.error.clear()

    def _busy(self, busy: bool) -> None:
        self.pay.setEnabled(not busy)
        self.transfer.busy(busy)

    def _clear(self) -> None:
        self.message.clear()
        self.error.clear()

    def _fail(self, text: str) -> None:
        self.message.clear()
        self.error.setText(text)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self._fail(error_text(error))


def _load(
    session: Session, visit_id: uuid.UUID
) -> tuple[VisitSummary, list[JobRow], list[Unasked]]:
    """What the page shows, read in one transaction on a worker."""
    summary = visit_summary(session, visit_id)
    unasked = unasked_ethnicity(session, [line.person_id for line in summary.lines])
    return summary, visit_jobs(session, visit_id), unasked
