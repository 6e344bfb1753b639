"""Find a person by identity number, legacy code, phone or name (accents optional)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.services.search import PersonHit, search_people
from ui.staff.common import fill_table, heading, make_table
from ui.staff.state import StaffState

translate = QCoreApplication.translate


class SearchPage(QWidget):
    """Type and the results follow (300 ms after the last key, on a worker thread).

    `on_person(hit)` runs when staff open a result (renewal, campaign counters).
    """

    DEBOUNCE_MS = 300

    def __init__(
        self,
        state: StaffState,
        on_person: Callable[[PersonHit], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.on_person = on_person
        self.hits: list[PersonHit] = []
        self._asked = ""
        layout = QVBoxLayout(self)
        layout.addWidget(heading(translate("Staff", "Tìm người tham gia")))
        self.query = QLineEdit()
        self.query.setObjectName("query")
        self.query.setPlaceholderText(
            translate("Staff", "Số CCCD, mã số BHXH, số điện thoại hoặc họ tên (gõ không dấu được)")
        )
        layout.addWidget(self.query)
        self.count = QLabel("")
        layout.addWidget(self.count)
        self.table = make_table(
            [
                translate("Staff", "Họ và tên"),
                translate("Staff", "Ngày sinh"),
                translate("Staff", "Số CCCD"),
                translate("Staff", "Mã số BHXH"),
                translate("Staff", "Điện thoại"),
                translate("Staff", "Địa chỉ"),
            ]
        )
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.open = QPushButton(translate("Staff", "Chọn người này"))
        self.open.clicked.connect(self.open_selected)
        row.addWidget(self.open)
        row.addStretch(1)
        layout.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.DEBOUNCE_MS)
        self.timer.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _text: self.timer.start())

    def search(self) -> None:
        text = self.query.text()
        self._asked = text
        self.state.read(lambda s: search_people(s, text), lambda hits: self._show(text, hits))

    def open_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.hits):
            self.on_person(self.hits[row])

    def _show(self, text: str, hits: list[PersonHit]) -> None:
        if text != self._asked:  # an older answer arriving after a newer question
            return
        self.hits = hits
        fill_table(
            self.table,
            [
                (
                    h.full_name,
                    h.birth_date.strftime("%d/%m/%Y"),
                    h.personal_id or "",
                    h.legacy_si_code or "",
                    h.phone or "",
                    h.address,
                )
                for h in hits
            ],
        )
        if hits:
            self.table.selectRow(0)
        if len(text.strip()) < 2:
            self.count.setText("")
        elif hits:
            self.count.setText(translate("Staff", "{n} người").format(n=len(hits)))
        else:
            self.count.setText(translate("Staff", "Không tìm thấy ai."))
