"""The self-registrations waiting at the desk, oldest first, updated live."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus
from kiosk.services.reports import QueueEntry, waiting_queue
from ui.i18n import label_text
from ui.staff.common import fill_table, heading, local_time, make_table
from ui.staff.state import StaffState

translate = QCoreApplication.translate


def status_text(status: str) -> str:
    """A waiting visit's status in the words of kiosk.domain.labels (one copy of each word);
    "transfer_pending" is the VietQR method with its payment status."""
    if status == "transfer_pending":
        return f"{label_text(PaymentMethod.VIETQR)}: {label_text(PaymentStatus.PENDING)}"
    return label_text(EnrollmentStatus(status))


class QueuePage(QWidget):
    """Staff pick a ticket (numbered as on paper, "A002": kiosk.domain.numbers) and take it
    over (`open_visit(visit_id)`).

    Other kiosks and the self-service screen add to the queue through the database, so the list
    reloads every few seconds as well as after this desk changes something.
    """

    REFRESH_MS = 3000

    def __init__(
        self,
        state: StaffState,
        open_visit: Callable[[uuid.UUID], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.open_visit = open_visit
        self.entries: list[QueueEntry] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(translate("Staff", "Hàng chờ tự đăng ký")))
        top.addStretch(1)
        self.count = QLabel("")
        top.addWidget(self.count)
        layout.addLayout(top)
        self.table = make_table(
            [
                translate("Staff", "Số"),
                translate("Staff", "Người đăng ký"),
                translate("Staff", "Số người"),
                translate("Staff", "Số tiền"),
                translate("Staff", "Lúc"),
                translate("Staff", "Trạng thái"),
            ]
        )
        # Short columns fit their text ("Chờ kiểm tra giấy tờ" was cut); the name takes the rest.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.take_selected())
        layout.addWidget(self.table)
        self.take = QPushButton(translate("Staff", "Tiếp nhận"))
        self.take.setObjectName("take")
        self.take.clicked.connect(self.take_selected)
        layout.addWidget(self.take)
        self.timer = QTimer(self)
        self.timer.setInterval(self.REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        state.data_changed.connect(self.refresh)

    def showEvent(self, event: object) -> None:
        self.refresh()
        self.timer.start()

    def hideEvent(self, event: object) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        self.state.read_latest("queue", lambda s: waiting_queue(s, self.state.ctx), self._show)

    def take_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.entries):
            self.open_visit(self.entries[row].visit_id)

    def _show(self, entries: list[QueueEntry]) -> None:
        self.entries = entries
        fill_table(
            self.table,
            [
                (
                    e.label,
                    e.head_name,
                    str(e.members),
                    e.amount_due,
                    local_time(e.created_at),
                    status_text(e.status),
                )
                for e in entries
            ],
        )
        if entries and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self.count.setText(translate("Staff", "{n} lượt đang chờ").format(n=len(entries)))
