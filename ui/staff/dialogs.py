"""Asking for a reason and a supervisor's PIN without blocking; a VietQR transfer's actions."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kiosk.domain.enums import Role
from kiosk.errors import KioskError
from kiosk.services.ledger import CheckoutResult
from kiosk.services.shifts import current_shift
from kiosk.services.staff_auth import login, staff_names
from kiosk.services.vietqr_confirm import cancel_pending, confirm_vietqr
from kiosk.services.visits import PaymentPart, start_vietqr, transfer_payload
from ui.staff.common import MoneyField, error_label, error_text, money, reserved_label
from ui.staff.state import StaffState
from ui.widgets.qr_view import QrView

translate = QCoreApplication.translate


class ConfirmDialog(QDialog):
    """A reason (optional) and a supervisor's sign-off (optional), checked off the GUI thread.

    `on_ok(reason, supervisor_id)` runs after the supervisor's PIN checked out as a supervisor
    (or at once when no supervisor is needed). Opened with `open()`: window-modal, not blocking.
    """

    def __init__(
        self,
        state: StaffState,
        title: str,
        on_ok: Callable[[str, uuid.UUID | None], None],
        *,
        need_reason: bool,
        need_supervisor: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.on_ok = on_ok
        self.need_reason = need_reason
        self.need_supervisor = need_supervisor
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.form = form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("Staff", "Ví dụ: thẻ bị kẹt giấy"))
        self.supervisor = QComboBox()
        self.supervisor.setEditable(True)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        if need_reason:
            form.addRow(translate("Staff", "Lý do"), self.reason)
        if need_supervisor:
            form.addRow(translate("Staff", "Giám sát viên"), self.supervisor)
            form.addRow(translate("Staff", "Mã PIN giám sát"), self.pin)
            state.read(staff_names, self._names)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.busy = False
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def submit(self) -> None:
        if self.busy:  # the PIN is being checked: a second tap is not a second approval
            return
        self.error.clear()
        reason = " ".join(self.reason.text().split())
        if self.need_reason and not reason:
            self.error.setText(translate("Staff", "Hãy ghi lý do."))
            self.reason.setFocus()
            return
        if not self.need_supervisor:
            self.accept()
            self.on_ok(reason, None)
            return
        name, pin = self.supervisor.currentText(), self.pin.text()
        self.busy = True
        self.state.tasks.run(
            lambda: self._check(name, pin), lambda sid: self._approved(reason, sid), self._refused
        )

    def _check(self, name: str, pin: str) -> uuid.UUID:
        with self.state.db.unit_of_work() as session:
            staff = login(session, self.state.ctx, name, pin)
            if staff.role != Role.SUPERVISOR:
                raise KioskError(
                    "auth.supervisor_required",
                    vi="Việc này cần giám sát viên xác nhận.",
                    en="This needs a supervisor.",
                )
            return staff.id

    def _approved(self, reason: str, supervisor_id: uuid.UUID) -> None:
        self.busy = False
        self.accept()
        self.on_ok(reason, supervisor_id)

    def _refused(self, error: BaseException) -> None:
        self.busy = False
        self.pin.clear()
        self.error.setText(error_text(error))

    def _names(self, names: list[str]) -> None:
        self.supervisor.clear()
        self.supervisor.addItems(names)


class TransferConfirmDialog(ConfirmDialog):
    """The second step of confirming a VietQR transfer by hand.

    It shows the amount and the reference to look for on the account, asks for the amount
    staff actually see there (read strictly; it must be the transfer's amount) and, unless the
    person at the desk is a supervisor, a supervisor's name and PIN: no statement proves this
    money, and a "transfer done" screen on a phone is easy to fake. `kiosk.services.
    vietqr_confirm.confirm_vietqr` enforces the same. `on_ok(amount_seen, supervisor_id)`.
    """

    def __init__(
        self,
        state: StaffState,
        amount: int,
        reference: str,
        on_ok: Callable[[int, uuid.UUID], None],
        parent: QWidget | None = None,
    ) -> None:
        desk_supervisor = bool(state.staff is not None and state.staff.is_supervisor)
        self.expected = amount
        self.seen = 0
        self.desk_staff = state.staff_id
        super().__init__(
            state,
            translate("Staff", "Xác nhận đã nhận chuyển khoản"),
            lambda _reason, supervisor: on_ok(self.seen, supervisor or self.desk_staff),
            need_reason=False,
            need_supervisor=not desk_supervisor,
            parent=parent,
        )
        self.amount_label = QLabel(money(amount))
        self.amount_label.setObjectName("transfer_amount")
        self.amount_label.setStyleSheet("font-size: 24px; font-weight: 700;")
        self.reference = QLabel(reference)
        self.reference.setObjectName("transfer_reference")
        self.reference.setStyleSheet("font-size: 20px; font-weight: 700;")
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.amount = MoneyField(translate("Staff", "Số tiền thấy trong tài khoản"), name="seen")
        self.form.insertRow(0, translate("Staff", "Số tiền"), self.amount_label)
        self.form.insertRow(1, translate("Staff", "Nội dung chuyển khoản"), self.reference)
        self.form.insertRow(2, translate("Staff", "Số tiền đã thấy"), self.amount.edit)
        self.form.insertRow(3, "", self.amount.note)
        self.ok.setText(translate("Staff", "Xác nhận đã nhận {m}").format(m=money(amount)))
        self.amount.edit.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        try:
            seen = self.amount.require(
                translate("Staff", "Hãy gõ số tiền bạn thấy trong tài khoản ngân hàng.")
            )
        except KioskError:
            return
        if seen != self.expected:
            self.amount.show_error(
                translate(
                    "Staff", "Số tiền đã thấy {seen} khác {m} của khoản này: chưa xác nhận."
                ).format(seen=money(seen), m=money(self.expected))
            )
            return
        self.seen = seen
        super().submit()


class TransferPanel(QWidget):
    """The visit page's VietQR part: the QR of the transfer waiting for its money (the desk's
    or the self-service screen's), its amount and reference, and its two actions: confirm in
    two steps (TransferConfirmDialog) or cancel with a reason. The QR shown is always the
    waiting transfer's, so a cancelled reference is never shown again; the next transfer is a
    new attempt with a new reference. The page hears back through the three callbacks.
    """

    def __init__(
        self,
        state: StaffState,
        on_paid: Callable[[str | None, bool], None],  # receipt number, confirmed outside a shift
        on_cancelled: Callable[[str], None],  # the cancelled reference
        on_failed: Callable[[BaseException], None],
        on_shown: Callable[[], None],  # a QR is on screen: older messages are stale
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.on_paid, self.on_cancelled, self.on_failed = on_paid, on_cancelled, on_failed
        self.on_shown = on_shown
        self.visit_id: uuid.UUID | None = None
        self.waiting: PaymentPart | None = None
        self.attempt = uuid.uuid4().hex
        self.dialog: ConfirmDialog | None = None
        row = QHBoxLayout(self)
        self.qr = QrView(minimum_px=200)
        row.addWidget(self.qr)
        column = QVBoxLayout()
        self.pending = reserved_label("font-size: 17px; font-weight: 700;")
        self.pending.setObjectName("pending_transfer")
        self.show_qr = QPushButton(translate("Staff", "Hiện mã VietQR"))
        self.show_qr.clicked.connect(self.start_qr)
        self.confirm_qr = QPushButton(translate("Staff", "Đã nhận được tiền chuyển khoản…"))
        self.confirm_qr.setObjectName("confirm_qr")
        self.confirm_qr.clicked.connect(self.confirm_transfer)
        self.cancel_qr = QPushButton(translate("Staff", "Hủy chuyển khoản, trả cách khác…"))
        self.cancel_qr.setObjectName("cancel_qr")
        self.cancel_qr.setProperty("role", "secondary")
        self.cancel_qr.clicked.connect(self.cancel_transfer)
        for widget in (self.pending, self.show_qr, self.confirm_qr, self.cancel_qr):
            column.addWidget(widget)
        row.addLayout(column, 1)
        self.show_waiting(None)

    def new_visit(self, visit_id: uuid.UUID | None) -> None:
        """Another visit opened: a new attempt, nothing shown until its summary arrives."""
        self.visit_id = visit_id
        self.attempt = uuid.uuid4().hex
        self.show_waiting(None)

    def show_waiting(self, waiting: PaymentPart | None) -> None:
        """The waiting transfer, its QR and its two buttons (or none of them)."""
        self.waiting = waiting
        bank = self.state.config.bank
        self.qr.set_payload(transfer_payload(bank, waiting) if waiting else "")
        self.busy(False)
        self.pending.setText(
            translate("Staff", "Đang chờ chuyển khoản {m} · nội dung “{ref}”").format(
                m=money(waiting.amount), ref=waiting.reference or ""
            )
            if waiting
            else ""
        )

    def busy(self, busy: bool) -> None:
        self.confirm_qr.setEnabled(not busy and self.waiting is not None)
        self.cancel_qr.setEnabled(not busy and self.waiting is not None)

    def start_qr(self) -> None:
        visit_id = self.visit_id
        if visit_id is None:
            return
        bank, ctx, staff = self.state.config.bank, self.state.ctx, self.state.staff_id
        key = f"desk-vietqr:{self.attempt}"  # a new attempt after a cancel: a new reference
        self.state.write(
            lambda s: start_vietqr(s, ctx, bank, visit_id, key, staff),
            self._shown,
            self.on_failed,
        )

    def _shown(self, payload: str) -> None:
        self.qr.set_payload(payload)
        self.on_shown()

    def confirm_transfer(self) -> None:
        """First tap: the dialog with the amount and reference; its OK is the second tap."""
        waiting = self.waiting
        if waiting is None:
            return
        self.dialog = TransferConfirmDialog(
            self.state,
            waiting.amount,
            waiting.reference or "",
            lambda seen, supervisor: self._confirm(waiting.payment_id, seen, supervisor),
            parent=self,
        )
        self.dialog.open()

    def _confirm(self, payment_id: uuid.UUID, seen: int, supervisor: uuid.UUID) -> None:
        ctx, staff = self.state.ctx, self.state.staff_id

        def confirm(s: Session) -> tuple[CheckoutResult, bool]:
            result = confirm_vietqr(
                s, ctx, payment_id, staff, supervisor_id=supervisor, amount_seen=seen
            )
            return result, current_shift(s, ctx) is None

        self.busy(True)
        self.state.write(confirm, self._confirmed, self._failed)

    def _confirmed(self, done: tuple[CheckoutResult, bool]) -> None:
        self.busy(False)
        self.on_paid(done[0].receipt_number, done[1])

    def cancel_transfer(self) -> None:
        """Give up on the waiting transfer (a reason, audited); then another method."""
        waiting = self.waiting
        if waiting is None:
            return
        self.dialog = ConfirmDialog(
            self.state,
            translate("Staff", "Hủy khoản chuyển khoản {m}, nội dung “{ref}”?").format(
                m=money(waiting.amount), ref=waiting.reference or ""
            ),
            lambda reason, _supervisor: self._cancel(waiting, reason),
            need_reason=True,
            need_supervisor=False,
            parent=self,
        )
        self.dialog.reason.setPlaceholderText(
            translate("Staff", "Ví dụ: khách không chuyển được, trả tiền mặt")
        )
        self.dialog.open()

    def _cancel(self, waiting: PaymentPart, reason: str) -> None:
        ctx, staff = self.state.ctx, self.state.staff_id
        self.busy(True)
        self.state.write(
            lambda s: cancel_pending(s, ctx, waiting.payment_id, staff, reason),
            lambda _none: self._cancelled(waiting),
            self._failed,
        )

    def _cancelled(self, waiting: PaymentPart) -> None:
        self.attempt = uuid.uuid4().hex  # the next transfer is a new attempt
        self.show_waiting(None)  # until the reload: nothing of the voided reference stays
        self.on_cancelled(waiting.reference or "")

    def _failed(self, error: BaseException) -> None:
        self.busy(False)
        self.on_failed(error)
