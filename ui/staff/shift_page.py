"""The cashier's shift: open with a float, X report at any time, Z close with a supervisor."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kiosk.domain.enums import PaymentMethod
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.shifts import (
    Outside,
    ShiftReport,
    cash_movement,
    current_shift,
    open_shift,
    outside_any_shift,
    x_report,
    z_close,
)
from kiosk.store.backup import snapshot_url
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
from ui.staff.dialogs import ConfirmDialog
from ui.staff.state import StaffState

translate = QCoreApplication.translate
FLOAT_MISSING = "Hãy đếm tiền đầu ca trong két và nhập số tiền (0 nếu két trống)."


def outside_text(outside: Outside, pending_shift: bool) -> str:
    """The "outside any shift" line: transfers confirmed while no shift was open."""
    if not outside.count and not outside.amount:
        return ""
    text = translate("Staff", "Ngoài ca: {n} chuyển khoản xác nhận khi chưa mở ca, {m}").format(
        n=outside.count, m=money(outside.amount)
    )
    return text + (translate("Staff", " — tính vào ca mở tiếp theo.") if pending_shift else ".")


def load_shift(session: Session, ctx: KioskContext) -> tuple[ShiftReport | None, Outside]:
    """The open shift's X report (None without one) and what no shift has taken yet."""
    shift = current_shift(session, ctx)
    report = None if shift is None else x_report(session, ctx, shift.id)
    return report, outside_any_shift(session, ctx)


class ShiftBanner(QFrame):
    """Across the top of the desk, from login on: whether a shift is open, and if not, that
    one is needed before cash or card, with the float field and "Mở ca" right there. Its height
    never changes, so opening the shift moves nothing under the finger."""

    def __init__(self, state: StaffState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("shift_banner")
        self.is_open: bool | None = None  # None until loaded
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        texts = QVBoxLayout()
        self.text = reserved_label("font-size: 16px; font-weight: 700;", lines=1)
        self.text.setObjectName("shift_banner_text")
        self.note = reserved_label("font-size: 14px;", lines=1)
        texts.addWidget(self.text)
        texts.addWidget(self.note)
        row.addLayout(texts, 3)
        fields = QVBoxLayout()
        self.float_edit = MoneyField(translate("Staff", "Tiền đầu ca (đồng)"), name="banner_float")
        fields.addWidget(self.float_edit.edit)
        fields.addWidget(self.float_edit.note)
        row.addLayout(fields, 2)
        self.open_button = QPushButton(translate("Staff", "Mở ca"))
        self.open_button.setObjectName("banner_open_shift")
        self.open_button.clicked.connect(self.open_shift)
        row.addWidget(self.open_button)
        self.setFixedHeight(self.sizeHint().height())
        state.data_changed.connect(self.refresh)

    def refresh(self) -> None:
        if self.state.staff is None:
            return
        ctx = self.state.ctx
        self.state.read_latest("shift_banner", lambda s: load_shift(s, ctx), self._show)

    def open_shift(self) -> None:
        """Open the shift with the float typed here (read strictly: "hai trieu" is refused)."""
        try:
            amount = self.float_edit.require(translate("Staff", FLOAT_MISSING))
        except KioskError:
            return
        staff, ctx = self.state.staff_id, self.state.ctx
        self.open_button.setEnabled(False)
        self.state.write(lambda s: open_shift(s, ctx, staff, amount), lambda _s: None, self._failed)

    def _show(self, loaded: tuple[ShiftReport | None, Outside]) -> None:
        report, outside = loaded
        self.is_open = report is not None
        for widget in (self.float_edit.edit, self.float_edit.note, self.open_button):
            widget.setVisible(report is None)
        self.open_button.setEnabled(True)
        if report is None:
            self.setStyleSheet("QFrame#shift_banner { background: #fff4d6; }")
            self.text.setText(
                translate("Staff", "Chưa mở ca: cần mở ca trước khi thu tiền mặt hoặc thẻ.")
            )
            self.note.setText(outside_text(outside, True))
            return
        self.float_edit.clear()
        self.setStyleSheet("")
        self.text.setText(
            translate("Staff", "Ca đang mở: {name}, tiền đầu ca {m}.").format(
                name=report.staff_name, m=money(report.opening_float)
            )
        )
        self.note.setText(outside_text(Outside(report.outside_count, report.outside_amount), False))

    def _failed(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.float_edit.show_error(error_text(error))


class ShiftPage(QWidget):
    """Figures to the đồng per payment method; the Z close needs the counted cash and a
    supervisor, and prints the Z report (`print_report(shift_id)`)."""

    def __init__(
        self,
        state: StaffState,
        print_report: Callable[[Session, uuid.UUID], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.print_report = print_report
        self.report: ShiftReport | None = None
        self.dialog: ConfirmDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(translate("Staff", "Ca làm việc")))
        self.state_label = QLabel("")
        self.state_label.setObjectName("shift_state")
        layout.addWidget(self.state_label)
        row = QHBoxLayout()
        self.float_edit = MoneyField(translate("Staff", "Tiền đầu ca (đồng)"), name="float")
        self.open_button = QPushButton(translate("Staff", "Mở ca"))
        self.open_button.setObjectName("open_shift")
        self.open_button.clicked.connect(self.open_shift)
        row.addWidget(self.float_edit.edit)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        layout.addWidget(self.float_edit.note)
        self.table = make_table(
            [
                translate("Staff", "Hình thức"),
                translate("Staff", "Số lần"),
                translate("Staff", "Đã thu"),
                translate("Staff", "Hoàn/hủy"),
                translate("Staff", "Phải có"),
            ]
        )
        layout.addWidget(self.table)
        self.outside = reserved_label("font-size: 15px; font-weight: 600;", lines=1)
        self.outside.setObjectName("outside_shift")
        layout.addWidget(self.outside)
        move_row = QHBoxLayout()
        self.movement = MoneyField(translate("Staff", "Nộp/rút tiền mặt (đồng)"), name="movement")
        self.movement_reason = QLineEdit()
        self.movement_reason.setPlaceholderText(translate("Staff", "Lý do, ví dụ: đổi tiền lẻ"))
        self.cash_in = QPushButton(translate("Staff", "Nộp vào két"))
        self.cash_in.clicked.connect(lambda: self.move_cash(+1))
        self.cash_out = QPushButton(translate("Staff", "Rút khỏi két"))
        self.cash_out.clicked.connect(lambda: self.move_cash(-1))
        for widget in (self.movement.edit, self.movement_reason, self.cash_in, self.cash_out):
            move_row.addWidget(widget)
        layout.addLayout(move_row)
        layout.addWidget(self.movement.note)
        close_row = QHBoxLayout()
        self.counted = MoneyField(
            translate("Staff", "Tiền mặt đếm được (đồng)"), name="counted_cash"
        )
        self.close_button = QPushButton(translate("Staff", "Chốt ca (Z) — cần giám sát viên"))
        self.close_button.setObjectName("z_close")
        self.close_button.clicked.connect(self.ask_close)
        self.close_button.setEnabled(False)  # until a shift is known to be open
        close_row.addWidget(self.counted.edit)
        close_row.addWidget(self.close_button)
        layout.addLayout(close_row)
        layout.addWidget(self.counted.note)
        self.message = message_label()
        layout.addWidget(self.message)
        self.error = error_label()
        layout.addWidget(self.error)
        state.data_changed.connect(self.refresh)

    def showEvent(self, event: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        ctx = self.state.ctx
        self.state.read_latest("shift", lambda s: load_shift(s, ctx), self._show)

    def open_shift(self) -> None:
        try:
            amount = self.float_edit.require(translate("Staff", FLOAT_MISSING))
        except KioskError:
            return  # the field says why: nothing is opened with a float nobody typed
        staff = self.state.staff_id
        self.state.write(
            lambda s: open_shift(s, self.state.ctx, staff, amount), self._opened, self._failed
        )

    def _opened(self, _shift: object) -> None:
        self.error.clear()
        self.message.setText(translate("Staff", "Đã mở ca."))

    def move_cash(self, sign: int) -> None:
        """Cash put into (+1) or taken out of (−1) the drawer, with its reason."""
        try:
            amount = self.movement.require(translate("Staff", "Hãy nhập số tiền nộp hoặc rút."))
        except KioskError:
            return
        reason, staff, ctx = self.movement_reason.text(), self.state.staff_id, self.state.ctx
        self.state.write(
            lambda s: cash_movement(s, ctx, sign * amount, reason, staff),
            lambda _m: self._moved(sign * amount),
            self._failed,
        )

    def _moved(self, amount: int) -> None:
        self.movement.clear()
        self.movement_reason.clear()
        self.error.clear()
        text = "Đã nộp {m} vào két." if amount > 0 else "Đã rút {m} khỏi két."
        self.message.setText(translate("Staff", text).format(m=money(abs(amount))))

    def ask_close(self) -> None:
        report = self.report
        if report is None:
            return
        try:
            counted = self.counted.require(
                translate("Staff", "Hãy đếm tiền mặt trong két và nhập số tiền.")
            )
        except KioskError:
            return
        self.dialog = ConfirmDialog(
            self.state,
            translate("Staff", "Chốt ca: tiền mặt đếm được {m}").format(m=money(counted)),
            lambda _reason, supervisor: self._close(report.shift_id, counted, supervisor),
            need_reason=False,
            need_supervisor=True,
            parent=self,
        )
        self.dialog.open()

    def _close(self, shift_id: uuid.UUID, counted: int, supervisor: uuid.UUID | None) -> None:
        assert supervisor is not None

        def close(session: Session) -> ShiftReport:
            report = z_close(
                session, self.state.ctx, shift_id, {PaymentMethod.CASH: counted}, supervisor
            )
            self.print_report(session, shift_id)
            return report

        self.state.write(close, self._closed, self._failed)

    def _closed(self, report: ShiftReport) -> None:
        difference = report.difference or 0
        text = translate("Staff", "Đã chốt ca. Chênh lệch tiền mặt: {m}.").format(
            m=money(difference)
        )
        self.error.clear()
        self.message.setText(text)
        self.counted.clear()
        # The closed shift is the point a restore most often wants: a copy now, off the GUI
        # thread (kiosk/store/backup.py); a failure is said, the shift stays closed.
        url = self.state.db.url
        self.state.tasks.run(
            lambda: snapshot_url(url, "z-close"),
            self._backed_up,
            lambda error: self.error.setText(error_text(error)),  # the closed message stays
        )

    def _backed_up(self, made: Path | None) -> None:
        if made is not None:
            self.message.setText(
                self.message.text() + " " + translate("Staff", "Đã sao lưu dữ liệu.")
            )

    def _show(self, loaded: tuple[ShiftReport | None, Outside]) -> None:
        report, waiting = loaded
        self.report = report
        is_open = report is not None
        self.open_button.setEnabled(not is_open)
        self.float_edit.setEnabled(not is_open)
        self.close_button.setEnabled(is_open)
        for button in (self.cash_in, self.cash_out):
            button.setEnabled(is_open)
        if report is None:
            self.state_label.setText(
                translate("Staff", "Chưa mở ca: mở ca để thu tiền mặt và thẻ.")
            )
            self.outside.setText(outside_text(waiting, True))
            fill_table(self.table, [])
            return
        self.state_label.setText(
            translate("Staff", "Ca của {name}, quỹ đầu ca {m}, {n} biên lai").format(
                name=report.staff_name, m=money(report.opening_float), n=report.receipts
            )
        )
        self.outside.setText(
            outside_text(Outside(report.outside_count, report.outside_amount), False)
        )
        fill_table(
            self.table,
            [
                (
                    label_text(line.method),
                    str(line.count),
                    line.taken,
                    line.reversed,
                    line.expected,
                )
                for line in report.lines
            ],
        )

    def _failed(self, error: BaseException) -> None:
        self.message.clear()
        self.error.setText(error_text(error))
