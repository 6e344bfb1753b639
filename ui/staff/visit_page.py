"""One visit at the desk: its lines, taking the payment, then printing its documents."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kiosk.domain.enums import DocumentKind, EnrollmentStatus, PaymentMethod, PrintStatus
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.receipts import void_receipt
from kiosk.services.vietqr_confirm import confirm_vietqr
from kiosk.services.visits import VisitSummary, start_vietqr, visit_summary
from printing import queue
from printing.issue import JobRow, visit_jobs
from ui.staff.common import cell, error_label, error_text, fill_table, heading, make_table, money
from ui.staff.dialogs import ConfirmDialog
from ui.staff.state import StaffState
from ui.widgets.qr_view import QrView

translate = QCoreApplication.translate

KIND_LABELS = {
    DocumentKind.RECEIPT: "Biên lai",
    DocumentKind.CARD: "Thẻ BHYT",
    DocumentKind.BOOKLET: "Bìa sổ BHXH",
    DocumentKind.DECLARATION: "Tờ khai TK1-TS",
}
STATUS_LABELS = {
    PrintStatus.QUEUED: "Chờ in",
    PrintStatus.PRINTING: "Đang in",
    PrintStatus.DONE: "Đã in",
    PrintStatus.FAILED: "Lỗi",
    PrintStatus.CANCELLED: "Đã hủy",
    PrintStatus.REVIEW: "Cần kiểm tra",
}
VISIT_STATUS = {
    EnrollmentStatus.DRAFT: "Chờ kiểm tra giấy tờ",
    EnrollmentStatus.QUOTED: "Chờ thanh toán",
    EnrollmentStatus.PAID: "Đã thanh toán",
    EnrollmentStatus.CANCELLED: "Đã hủy",
    EnrollmentStatus.NOT_ELIGIBLE: "Thuộc diện ngân sách đóng",
}


@dataclass(frozen=True)
class DeskPrinting:
    """How the desk issues documents: `issue(session, visit_id, staff_id)` queues them and
    `wake()` tells the printers to look now."""

    issue: Callable[[Session, uuid.UUID, uuid.UUID | None], list[uuid.UUID]]
    wake: Callable[[], None]


class VisitPage(QWidget):
    """Pay (cash, VietQR, card terminal) and print; every action runs off the GUI thread."""

    def __init__(
        self, state: StaffState, printing: DeskPrinting, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.printing = printing
        self.summary: VisitSummary | None = None
        self.jobs: list[JobRow] = []
        self.attempt = uuid.uuid4().hex
        self.dialog: ConfirmDialog | None = None
        layout = QVBoxLayout(self)
        self.title = heading("")
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
        self.print_box = self._print_box()
        layout.addWidget(self.print_box, 3)
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
        self._fetch(visit_id)

    def reload(self) -> None:
        if self.summary is not None:
            self._fetch(self.summary.visit_id)

    def _fetch(self, visit_id: uuid.UUID) -> None:
        self.state.read(lambda s: (visit_summary(s, visit_id), visit_jobs(s, visit_id)), self._show)

    def _show(self, loaded: tuple[VisitSummary, list[JobRow]]) -> None:
        summary, jobs = loaded
        self.summary, self.jobs = summary, jobs
        number = f"#{summary.queue_number:03d} — " if summary.queue_number else ""
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
        self.void.setEnabled(paid and summary.receipt_id is not None)
        pending = summary.pending_vietqr
        self.confirm_qr.setEnabled(pending is not None)
        fill_table(
            self.job_table,
            [
                (
                    translate("Staff", KIND_LABELS.get(j.kind, j.kind.value))
                    + (translate("Staff", " (in lại)") if j.is_reprint else ""),
                    j.label,
                    translate("Staff", STATUS_LABELS[j.status]),
                    j.error,
                )
                for j in jobs
            ],
        )
        review = any(j.status == PrintStatus.REVIEW for j in jobs)
        self.came_out.setVisible(review)  # only after a crash interrupted a card or booklet
        self.not_out.setVisible(review)
        self._update_change()

    # Payment -------------------------------------------------------------------------------

    def _payment_box(self) -> QGroupBox:
        box = QGroupBox(translate("Staff", "Thanh toán"))
        layout = QVBoxLayout(box)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for method, label in (
            (PaymentMethod.CASH, "Tiền mặt"),
            (PaymentMethod.VIETQR, "Chuyển khoản VietQR"),
            (PaymentMethod.CARD, "Thẻ ngân hàng (máy POS)"),
        ):
            self.method.addItem(translate("Staff", label), method)
        layout.addWidget(self.method)
        self.method_pages = QStackedWidget()
        cash = QWidget()
        cash_row = QHBoxLayout(cash)
        self.tendered = QLineEdit()
        self.tendered.setObjectName("tendered")
        self.tendered.setPlaceholderText(translate("Staff", "Khách đưa (đồng)"))
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
        self.method.currentIndexChanged.connect(self.method_pages.setCurrentIndex)
        layout.addWidget(self.method_pages)
        self.pay = QPushButton(translate("Staff", "Thu tiền"))
        self.pay.setObjectName("pay")
        self.pay.clicked.connect(self.take_payment)
        layout.addWidget(self.pay)
        return box

    def _tendered(self) -> int | None:
        digits = "".join(ch for ch in self.tendered.text() if ch.isdigit())
        return int(digits) if digits else None

    def _update_change(self) -> None:
        if self.summary is None:
            return
        tendered = self._tendered()
        if tendered is None:
            self.change.setText("")
        elif tendered < self.summary.total:
            short = money(self.summary.total - tendered)
            self.change.setText(translate("Staff", "Còn thiếu {m}").format(m=short))
        else:
            back = money(tendered - self.summary.total)
            self.change.setText(translate("Staff", "Tiền thối lại: {m}").format(m=back))

    def take_payment(self) -> None:
        summary = self.summary
        if summary is None:
            return
        method = PaymentMethod(self.method.currentData())
        if method == PaymentMethod.VIETQR:
            self.start_qr()
            return
        if method == PaymentMethod.CASH:
            part = PaymentRequest(PaymentMethod.CASH, summary.total, tendered=self._tendered())
        else:
            part = PaymentRequest(
                PaymentMethod.CARD, summary.total, card_auth_code=self.card_code.text().strip()
            )
        key = f"desk:{self.attempt}:{method.value}"  # one attempt per visit shown
        staff = self.state.staff_id
        self._busy(True)
        self.state.write(
            lambda s: checkout(s, self.state.ctx, summary.visit_id, [part], key, staff),
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

    def _print_box(self) -> QGroupBox:
        box = QGroupBox(translate("Staff", "In giấy tờ"))
        layout = QVBoxLayout(box)
        self.issue = QPushButton(translate("Staff", "In biên lai, thẻ BHYT và bìa sổ BHXH"))
        self.issue.setObjectName("issue")
        self.issue.clicked.connect(self.issue_documents)
        layout.addWidget(self.issue)
        self.job_table = make_table(
            [
                translate("Staff", "Giấy tờ"),
                translate("Staff", "Của"),
                translate("Staff", "Trạng thái"),
                translate("Staff", "Lỗi gần nhất"),
            ]
        )
        self.job_table.setMinimumHeight(190)
        layout.addWidget(self.job_table)
        row = QHBoxLayout()
        self.retry = QPushButton(translate("Staff", "Thử in lại ngay"))
        self.retry.clicked.connect(self.retry_selected)
        self.reprint = QPushButton(translate("Staff", "In lại (ghi lý do)…"))
        self.reprint.setObjectName("reprint")
        self.reprint.clicked.connect(self.reprint_selected)
        self.came_out = QPushButton(translate("Staff", "Đã in ra"))
        self.came_out.clicked.connect(lambda: self.resolve_selected(printed=True))
        self.not_out = QPushButton(translate("Staff", "Chưa in ra, in lại"))
        self.not_out.clicked.connect(lambda: self.resolve_selected(printed=False))
        self.void = QPushButton(translate("Staff", "Hủy biên lai…"))
        self.void.setObjectName("void")
        self.void.setProperty("role", "secondary")
        self.void.clicked.connect(self.ask_void)
        for button in (self.retry, self.reprint, self.came_out, self.not_out, self.void):
            row.addWidget(button)
        layout.addLayout(row)
        return box

    def ask_void(self) -> None:
        """Void the receipt: money handed back, the number kept; a reason and a supervisor."""
        summary = self.summary
        if summary is None or summary.receipt_id is None:
            return
        receipt_id = summary.receipt_id

        def void(reason: str, supervisor: uuid.UUID | None) -> None:
            assert supervisor is not None  # the dialog asked for one
            self.state.write(
                lambda s: void_receipt(s, self.state.ctx, receipt_id, reason, supervisor),
                lambda _receipt: self.message.setText(
                    translate("Staff", "Đã hủy biên lai {n}; số biên lai được giữ lại.").format(
                        n=summary.receipt_number
                    )
                ),
                self._failed,
            )

        self.dialog = ConfirmDialog(
            self.state,
            translate("Staff", "Hủy biên lai {n} và hoàn {m}").format(
                n=summary.receipt_number, m=money(summary.total)
            ),
            void,
            need_reason=True,
            need_supervisor=True,
            parent=self,
        )
        self.dialog.open()

    def issue_documents(self) -> None:
        summary = self.summary
        if summary is None:
            return
        staff = self.state.staff_id
        self.state.write(
            lambda s: self.printing.issue(s, summary.visit_id, staff),
            lambda _jobs: self.printing.wake(),
            self._failed,
        )

    def selected_job(self) -> JobRow | None:
        row = self.job_table.currentRow()
        return self.jobs[row] if 0 <= row < len(self.jobs) else None

    def select_job(self, kind: DocumentKind) -> None:
        """Select the first job of `kind` (keyboard users and tests)."""
        for row, job in enumerate(self.jobs):
            if job.kind == kind:
                self.job_table.selectRow(row)
                return

    def retry_selected(self) -> None:
        job = self.selected_job()
        if job is not None:
            staff = self.state.staff_id
            self.state.write(
                lambda s: queue.retry(s, self.state.ctx, job.job_id, staff),
                lambda _job: self.printing.wake(),
                self._failed,
            )

    def reprint_selected(self) -> None:
        """A printed document again: a reason always, a supervisor for a card."""
        job = self.selected_job()
        if job is None:
            return
        staff = self.state.staff_id

        def reprint(reason: str, supervisor: uuid.UUID | None) -> None:
            self.state.write(
                lambda s: queue.reprint(s, self.state.ctx, job.job_id, reason, staff, supervisor),
                lambda _job: self.printing.wake(),
                self._failed,
            )

        title = translate("Staff", "In lại {kind}").format(
            kind=translate("Staff", KIND_LABELS.get(job.kind, job.kind.value)).lower()
        )
        self.dialog = ConfirmDialog(
            self.state,
            title,
            reprint,
            need_reason=True,
            need_supervisor=job.kind in queue.SUPERVISED_REPRINT,
            parent=self,
        )
        self.dialog.open()

    def resolve_selected(self, *, printed: bool) -> None:
        """After a crash: did the card come out? "No" on a card needs a supervisor."""
        job = self.selected_job()
        if job is None or job.status != PrintStatus.REVIEW:
            return
        staff = self.state.staff_id

        def resolve(_reason: str, supervisor: uuid.UUID | None) -> None:
            self.state.write(
                lambda s: queue.resolve_review(
                    s,
                    self.state.ctx,
                    job.job_id,
                    printed=printed,
                    staff_id=staff,
                    supervisor_id=supervisor,
                ),
                lambda _job: self.printing.wake(),
                self._failed,
            )

        if printed or job.kind not in queue.SUPERVISED_REPRINT:
            resolve("", None)
            return
        self.dialog = ConfirmDialog(
            self.state,
            translate("Staff", "Thẻ chưa in ra: in lại"),
            resolve,
            need_reason=False,
            need_supervisor=True,
            parent=self,
        )
        self.dialog.open()

    def job_status_text(self, row: int) -> str:
        return cell(self.job_table, row, 2)

    # ---------------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.pay.setEnabled(not busy)
        self.confirm_qr.setEnabled(not busy and bool(self.summary and self.summary.pending_vietqr))

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.error.setText(error_text(error))
