"""Review: the amount for each person and scheme, and the total in large figures, before anything is stored."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kiosk.domain.enums import Scheme, SupportGroup
from kiosk.domain.money import format_vnd
from ui.i18n import label_text
from ui.selfservice.base import Screen, label
from ui.selfservice.controller import WizardController
from ui.selfservice.cover import reason_text
from ui.selfservice.model import QuoteLineView

translate = QCoreApplication.translate


def scheme_name(scheme: Scheme) -> str:
    return label_text(scheme)


class ReviewScreen(Screen):
    """A table of people, schemes, months and amounts; the total big; "Xác nhận" stores it."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.table_host = QWidget()
        self.table = QGridLayout(self.table_host)
        self.table.setHorizontalSpacing(24)
        self.table.setVerticalSpacing(6)
        self.root.addWidget(self.table_host)
        self.root.addStretch(1)
        self.total_caption = label("subtitle")
        self.total_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total = label("big", name="total")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.note = label()
        self.root.addWidget(self.total_caption)
        self.root.addWidget(self.total)
        self.root.addWidget(self.note)
        self.add_nav(next_name="confirm")
        self.next_button.clicked.connect(controller.confirm)
        self.cells: list[QLabel] = []
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(translate("ReviewScreen", "Kiểm tra lại trước khi xác nhận"))
        self.total_caption.setText(translate("ReviewScreen", "Tổng cộng phải đóng"))
        self.note.setText(
            translate(
                "ReviewScreen",
                "Bấm “Xác nhận” để lưu đăng ký. Nhân viên sẽ kiểm tra lại giấy tờ khi bạn thanh toán.",
            )
        )
        self.next_button.setText(translate("ReviewScreen", "Xác nhận"))

    def refresh(self) -> None:
        super().refresh()
        for cell in self.cells:
            self.table.removeWidget(cell)
            cell.hide()
            cell.setObjectName("")  # gone now for anyone looking it up, freed later
            cell.deleteLater()
        self.cells = []
        quote = self.controller.quote
        if quote is None:
            self.total.clear()
            return
        headers = (
            translate("ReviewScreen", "Người tham gia"),
            translate("ReviewScreen", "Loại bảo hiểm"),
            translate("ReviewScreen", "Thời gian"),
            translate("ReviewScreen", "Số tiền"),
        )
        for col, text in enumerate(headers):
            head = self._cell(0, col, text, "subtitle")
            if col == 3:
                head.setAlignment(Qt.AlignmentFlag.AlignRight)
        row = 1
        for index, member in enumerate(self.controller.members):
            lines = [line for line in quote.lines if line.member == index]
            for n, line in enumerate(lines):
                self._cell(row, 0, member.person.full_name if n == 0 else "", "amount")
                self._cell(row, 1, scheme_name(line.scheme), "")
                self._cell(row, 2, translate("ReviewScreen", "%n tháng", "", line.months), "")
                amount = self._cell(row, 3, format_vnd(line.amount), "amount")
                amount.setObjectName(f"amount_{index}_{line.scheme.value}")
                amount.setAlignment(Qt.AlignmentFlag.AlignRight)
                row += 1
                note = self._note(line)
                if note:  # why nothing is charged, or the support the answers gave
                    cell = self._cell(row, 1, note, "subtitle", span=3)
                    cell.setObjectName(f"note_{index}_{line.scheme.value}")
                    row += 1
        self.total.setText(format_vnd(quote.total))

    def _note(self, line: QuoteLineView) -> str:
        """The line's reason for 0 đ (covered elsewhere), or the support group quoted."""
        if line.covered_reason:
            return translate("ReviewScreen", "Đã có thẻ BHYT, không phải đóng: %1").replace(
                "%1", reason_text(self.controller, line.covered_reason)
            )
        if line.support_group is not None and line.support_group != SupportGroup.OTHER:
            return translate("ReviewScreen", "Nhà nước hỗ trợ theo nhóm: %1").replace(
                "%1", label_text(line.support_group)
            )
        return ""

    def _cell(self, row: int, col: int, text: str, role: str, *, span: int = 1) -> QLabel:
        cell = label(role, wrap=span > 1)  # a note under a line wraps in the columns it spans
        cell.setText(text)
        self.table.addWidget(cell, row, col, 1, span)
        self.cells.append(cell)
        return cell
