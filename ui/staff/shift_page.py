"""The cashier's shift: open with a float, X report at any time, Z close with a supervisor."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from kiosk.domain.enums import PaymentMethod
from kiosk.services.shifts import ShiftReport, current_shift, open_shift, x_report, z_close
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
from ui.staff.dialogs import ConfirmDialog
from ui.staff.state import StaffState

translate = QCoreApplication.translate


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
        self.float_edit = money_edit(translate("Staff", "Tiền đầu ca (đồng)"))
        self.open_button = QPushButton(translate("Staff", "Mở ca"))
        self.open_button.setObjectName("open_shift")
        self.open_button.clicked.connect(self.open_shift)
        row.addWidget(self.float_edit)
        row.addWidget(self.open_button)
        layout.addLayout(row)
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
        close_row = QHBoxLayout()
        self.counted = money_edit(translate("Staff", "Tiền mặt đếm được (đồng)"))
        self.counted.setObjectName("counted_cash")
        self.close_button = QPushButton(translate("Staff", "Chốt ca (Z) — cần giám sát viên"))
        self.close_button.setObjectName("z_close")
        self.close_button.clicked.connect(self.ask_close)
        self.close_button.setEnabled(False)  # until a shift is known to be open
        close_row.addWidget(self.counted)
        close_row.addWidget(self.close_button)
        layout.addLayout(close_row)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.error = error_label()
        layout.addWidget(self.error)
        state.data_changed.connect(self.refresh)

    def showEvent(self, event: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        def load(session: Session) -> ShiftReport | None:
            shift = current_shift(session, self.state.ctx)
            return None if shift is None else x_report(session, self.state.ctx, shift.id)

        self.state.read_latest("shift", load, self._show)

    def open_shift(self) -> None:
        amount = amount_of(self.float_edit.text()) or 0
        staff = self.state.staff_id
        self.state.write(
            lambda s: open_shift(s, self.state.ctx, staff, amount), lambda _s: None, self._failed
        )

    def ask_close(self) -> None:
        report = self.report
        if report is None:
            return
        counted = amount_of(self.counted.text()) or 0
        if not self.counted.text().strip():
            self.error.setText(translate("Staff", "Hãy đếm tiền mặt trong két và nhập số tiền."))
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
        self.message.setText(text)
        self.counted.clear()

    def _show(self, report: ShiftReport | None) -> None:
        self.report = report
        self.error.clear()
        is_open = report is not None
        self.open_button.setEnabled(not is_open)
        self.float_edit.setEnabled(not is_open)
        self.close_button.setEnabled(is_open)
        if report is None:
            self.state_label.setText(
                translate("Staff", "Chưa mở ca: mở ca để thu tiền mặt và thẻ.")
            )
            fill_table(self.table, [])
            return
        self.state_label.setText(
            translate("Staff", "Ca của {name}, quỹ đầu ca {m}, {n} biên lai").format(
                name=report.staff_name, m=money(report.opening_float), n=report.receipts
            )
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
        self.error.setText(error_text(error))
