"""Find a person by identity number, legacy code, phone or name (accents optional), or a scan."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.errors import KioskError
from kiosk.scan.reader import ScanKind, ScanResult
from kiosk.services.search import PersonHit, search_people
from ui.scanning.feedback import flash
from ui.scanning.service import ScanHook
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
        self.scan_message = QLabel("")
        self.scan_message.setObjectName("scanMessage")
        self.scan_message.setWordWrap(True)
        layout.addWidget(self.scan_message)
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
        self.scan_hook = ScanHook(self, self.apply_scan, self._scan_refused)

    def apply_scan(self, result: ScanResult) -> None:
        """A scanned CCCD searches by its number, a health card by its social insurance
        number; an unknown code is shown as read, so staff can type what they need."""
        person = result.person
        key = person.personal_id or person.legacy_si_code or person.full_name
        if result.kind == ScanKind.UNKNOWN or not key:
            self._scan_refused(result.problems[0])
            return
        what = (
            translate("Staff", "Đã quét CCCD: {name}")
            if result.kind == ScanKind.CCCD
            else translate("Staff", "Đã quét thẻ BHYT: {name}")
        )
        notes = [p.vi for p in result.problems]
        self.scan_message.setText(" ".join([what.format(name=person.full_name), *notes]))
        flash(self, "check" if result.errors else "ok")
        self.query.setText(key)
        self.timer.stop()
        self.search()

    def _scan_refused(self, error: KioskError) -> None:
        self.scan_message.setText(error.vi)
        flash(self, "bad")

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
