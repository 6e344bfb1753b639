"""One visit at the desk: its lines, taking the payment, then printing its documents."""

from __future__ import annotations

import uuid

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
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.vietqr_confirm import confirm_vietqr
from kiosk.services.visits import VisitSummary, start_vietqr, visit_summary
from printing.issue import JobRow, visit_jobs
from ui.i18n import label_text
from ui.staff.common import (
    amount_of,
    error_label,
    error_text,
    fill_table,
    heading,
    make_table,
    money,
    money_edit,
)
from ui.staff.issuance_panel import DeskPrinting, IssuancePanel
from ui.staff.state import StaffState
from ui.widgets.qr_view import QrView

translate = QCoreApplication.translate

VISIT_STATUS = {
    EnrollmentStatus.DRAFT: "Chờ kiểm tra giấy tờ",
    EnrollmentStatus.QUOTED: "Chờ thanh toán",
    EnrollmentStatus.PAID: "Đã thanh toán",
    EnrollmentStatus.CANCELLED: "Đã hủy",
    EnrollmentStatus.NOT_ELIGIBLE: "Thuộc diện ngân sách đóng",
}


class VisitPage(QWidget):
    """Pay (cash, VietQR, card terminal) and print; every action runs off the GUI thread."""

    def __init__(
        self, state: StaffState, printing: DeskPrinting, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.printing = printing
        self.summary: VisitSummary | None = None
        self.parts: list[PaymentRequest] = []  # a split payment's parts added so far
        self.attempt = uuid.uuid4().hex
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
        self.pay_box = self._payment_box()
        layout.addWidget(self.pay_box, 0)
        self.print_box = IssuancePanel(state, printing)
        layout.addWidget(self.print_box, 3)
        self.pay_box.setVisible(False)  # until a visit is shown
        self.print_box.setVisible(False)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.error = error_label()
        layout.addWidget(self.error)
        state.data_changed.connect(self.reload)

    # Loading -------------------------------------------------------------------------------

    def load(self, visit_id: uuid.UUID) -> None:
        """Show `visit_id` (a new attempt key: a new visit is a new payment)."""
        self.attempt = uuid.uuid4().hex
        self.summary = None
        self.message.clear()
        self.error.clear()
        self.qr.set_payload("")
        self.tendered.clear()
        self.card_code.clear()
        self.part_amount.clear()
        self.parts = []
        self._show_parts()
        self._fetch(visit_id)

    def reload(self) -> None:
        if self.summary is not None:
            self._fetch(self.summary.visit_id)

    def _fetch(self, visit_id: uuid.UUID) -> None:
        self.state.read_latest(
            "visit", lambda s: (visit_summary(s, visit_id), visit_jobs(s, visit_id)), self._show
        )

    def _show(self, loaded: tuple[VisitSummary, list[JobRow]]) -> None:
        summary, jobs = loaded
        self.summary = summary
        number = f"{ticket_number(summary.queue_number)} — " if summary.queue_number else ""
        status = translate("Staff", VISIT_STATUS[summary.status])
        self.title.setText(f"{number}{summary.head} · {status}")
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
        self.confirm_qr.setEnabled(pending is not None)
        self.print_box.show_jobs(summary, jobs)
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
        cash_row = QHBoxLayout(cash)
        self.tendered = money_edit(translate("Staff", "Khách đưa (đồng)"))
        self.tendered.setObjectName("tendered")
        self.tendered.textChanged.connect(self._update_change)
        self.tendered.setMaximumWidth(360)
        self.change = QLabel("")
        self.change.setObjectName("change")
        self.change.setStyleSheet("font-size: 20px; font-weight: 700;")
        cash_row.addWidget(self.tendered)
        cash_row.addWidget(self.change, 1)
        self.method_pages.addWidget(cash)
        qr = QWidget()
        qr_row = QHBoxLayout(qr)
        self.qr = QrView(minimum_px=200)
        qr_row.addWidget(self.qr)
        qr_buttons = QVBoxLayout()
        self.show_qr = QPushButton(translate("Staff", "Hiện mã VietQR"))
        self.show_qr.clicked.connect(self.start_qr)
        self.confirm_qr = QPushButton(translate("Staff", "Đã nhận được tiền chuyển khoản"))
        self.confirm_qr.setObjectName("confirm_qr")
        self.confirm_qr.clicked.connect(self.confirm_transfer)
        qr_buttons.addWidget(self.show_qr)
        qr_buttons.addWidget(self.confirm_qr)
        qr_row.addLayout(qr_buttons)
        self.method_pages.addWidget(qr)
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
        self.part_amount = money_edit(
            translate("Staff", "Trả một phần bằng cách này: số tiền (đồng)")
        )
        self.part_amount.setObjectName("part_amount")
        self.part_amount.setMaximumWidth(420)
        self.part_amount.textChanged.connect(self._update_change)
        self.add_part_button = QPushButton(translate("Staff", "Thêm phần, trả tiếp cách khác"))
        self.add_part_button.setProperty("role", "secondary")
        self.add_part_button.clicked.connect(self.add_part)
        split.addWidget(self.part_amount)
        split.addWidget(self.add_part_button)
        layout.addLayout(split)
        self.parts_label = QLabel("")
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

    def _tendered(self) -> int | None:
        return amount_of(self.tendered.text())

    def remaining(self) -> int:
        """What is still to pay after the parts already added (a split payment)."""
        total = self.summary.total if self.summary else 0
        return total - sum(p.amount for p in self.parts)

    def _due_now(self) -> int:
        return amount_of(self.part_amount.text()) or self.remaining()

    def _update_change(self) -> None:
        if self.summary is None:
            return
        due, tendered = self._due_now(), self._tendered()
        if tendered is None:
            self.change.setText("")
        elif tendered < due:
            short = money(due - tendered)
            self.change.setText(translate("Staff", "Còn thiếu {m}").format(m=short))
        else:
            back = money(tendered - due)
            self.change.setText(translate("Staff", "Tiền thối lại: {m}").format(m=back))

    def _part(self, amount: int) -> PaymentRequest:
        method = PaymentMethod(self.method.currentData())
        if method == PaymentMethod.CASH:
            return PaymentRequest(PaymentMethod.CASH, amount, tendered=self._tendered())
        return PaymentRequest(
            PaymentMethod.CARD, amount, card_auth_code=self.card_code.text().strip()
        )

    def add_part(self) -> None:
        """Part of the money by this method (cash or card); the rest by another."""
        self.error.clear()
        amount = amount_of(self.part_amount.text())
        if PaymentMethod(self.method.currentData()) == PaymentMethod.VIETQR:
            self.error.setText(
                translate("Staff", "VietQR chỉ dùng để trả toàn bộ; hãy tách bằng tiền mặt và thẻ.")
            )
            return
        if amount is None or not 0 < amount < self.remaining():
            self.error.setText(
                translate("Staff", "Số tiền phần này phải lớn hơn 0 và nhỏ hơn {m}.").format(
                    m=money(self.remaining())
                )
            )
            return
        self.parts.append(self._part(amount))
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
        if PaymentMethod(self.method.currentData()) == PaymentMethod.VIETQR:
            if self.parts:
                self.error.setText(
                    translate("Staff", "Phần còn lại hãy trả bằng tiền mặt hoặc thẻ.")
                )
            else:
                self.start_qr()
            return
        parts = [*self.parts, self._part(self.remaining())]
        key = f"desk:{self.attempt}:{len(parts)}"  # one attempt per visit shown
        staff = self.state.staff_id
        self._busy(True)
        self.state.write(
            lambda s: checkout(s, self.state.ctx, summary.visit_id, parts, key, staff),
            lambda result: self._paid(result.receipt_number, result.change),
            self._failed,
        )

    def start_qr(self) -> None:
        summary = self.summary
        if summary is None:
            return
        bank, ctx, staff = self.state.config.bank, self.state.ctx, self.state.staff_id
        key = f"desk-vietqr:{summary.visit_id}"
        self.state.write(
            lambda s: start_vietqr(s, ctx, bank, summary.visit_id, key, staff),
            self.qr.set_payload,
            self._failed,
        )

    def confirm_transfer(self) -> None:
        pending = self.summary.pending_vietqr if self.summary else None
        if pending is None:
            return
        staff = self.state.staff_id
        self._busy(True)
        self.state.write(
            lambda s: confirm_vietqr(s, self.state.ctx, pending.payment_id, staff),
            lambda result: self._paid(result.receipt_number, 0),
            self._failed,
        )

    def _paid(self, receipt_number: str | None, change: int) -> None:
        self._busy(False)
        text = translate("Staff", "Đã thu tiền. Biên lai {n}.").format(n=receipt_number or "")
        if change:
            text += " " + translate("Staff", "Thối lại {m}.").format(m=money(change))
        self.message.setText(text)
        self.error.clear()

    # Printing ------------------------------------------------------------------------------

    # ---------------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.pay.setEnabled(not busy)
        self.confirm_qr.setEnabled(not busy and bool(self.summary and self.summary.pending_vietqr))

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.error.setText(error_text(error))
