"""The audit log for supervisors: newest first, searchable, actions named in Vietnamese."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import ColumnElement, String, cast, or_, select
from sqlalchemy.orm import Session

from kiosk.domain.localtime import format_local
from kiosk.store.models import AuditEntry, Staff
from ui.staff.common import error_text
from ui.staff.dashboard import STYLE
from ui.staff.state import StaffState

translate = QCoreApplication.translate
LIMIT = 500
DEBOUNCE_MS = 300
ACTION_LABELS = {
    "print.queued": "Đưa vào hàng đợi in",
    "print.done": "In xong",
    "print.failed": "In không thành công",
    "print.fault": "Máy in báo lỗi",
    "print.cancelled": "Hủy lệnh in",
    "print.retry": "Thử in lại",
    "print.recovered": "Khôi phục lệnh in dở",
    "print.reprint_queued": "Yêu cầu in lại",
    "print.reprinted": "Đã in lại",
    "print.review_printed": "Xác nhận đã in",
    "print.review_requeued": "Đưa lại vào hàng đợi in",
    "payment.recorded": "Ghi nhận thanh toán",
    "payment.confirmed": "Xác nhận đã nhận tiền",
    "payment.cancelled": "Hủy thanh toán",
    "payment.refunded": "Hoàn trả tiền",
    "receipt.issued": "Xuất biên lai",
    "receipt.void": "Hủy biên lai",
    "receipt.voided": "Hủy biên lai",
    "staff.login": "Đăng nhập",
    "staff.login_failed": "Đăng nhập sai mã PIN",
    "staff.logout": "Đăng xuất",
    "staff.locked": "Tạm khóa đăng nhập",
    "staff.created": "Tạo tài khoản nhân viên",
    "shift.opened": "Mở ca",
    "shift.closed": "Đóng ca",
    "shift.cash_movement": "Nộp/rút tiền mặt trong ca",
    "campaign.recorded": "Ghi nhận hoạt động chiến dịch",
    "bundle.exported": "Xuất gói dữ liệu đồng bộ",
    "bundle.merged": "Nhập gói dữ liệu đồng bộ",
    "visit.registered": "Đăng ký lượt tham gia",
    "visit.requoted": "Tính lại số tiền",
    "issuance.provisional": "Cấp xác nhận thẻ BHYT tạm thời",
    "statement.applied": "Đối soát sao kê ngân hàng",
    "retention.purged": "Xóa dữ liệu hết hạn lưu trữ",
}
HEADERS = ("Thời gian", "Nhân viên", "Hành động", "Đối tượng", "Chi tiết")


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    staff_name: str
    action: str
    entity: str
    entity_id: str
    detail: dict[str, Any]


def action_label(action: str) -> str:
    """The Vietnamese name of a known action; unknown ones are shown as stored."""
    return ACTION_LABELS.get(action, action)


def vn_time(moment: datetime) -> str:
    """dd/mm/yyyy HH:MM:SS in Vietnam time (stored times are UTC)."""
    return format_local(moment, "%d/%m/%Y %H:%M:%S")


def detail_text(detail: dict[str, Any]) -> str:
    """The detail (already masked when recorded) as "key: value" pairs."""
    return ", ".join(f"{k}: {v}" for k, v in detail.items())


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matching_actions(text: str) -> list[str]:
    """Known actions whose Vietnamese name contains `text`, accents ignored ("huy bien lai")."""
    needle = _fold(text)
    return [a for a, label in ACTION_LABELS.items() if needle and needle in _fold(label)]


def _like(text: str) -> str:
    """A LIKE pattern matching `text` literally anywhere ("!" escapes % and _)."""
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


def search_audit(session: Session, text: str = "", limit: int = LIMIT) -> list[AuditRow]:
    """The newest `limit` entries whose action, entity, entity id or detail contain `text`
    (case-insensitive), or whose action's Vietnamese name does."""
    query = (
        select(
            AuditEntry.at,
            Staff.name,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_id,
            AuditEntry.detail,
        )
        .outerjoin(Staff, Staff.id == AuditEntry.staff_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id)
        .limit(limit)
    )
    text = unicodedata.normalize("NFC", text.strip())
    if text:
        pattern = _like(text)
        terms: list[ColumnElement[bool]] = [
            AuditEntry.action.ilike(pattern, escape="!"),
            AuditEntry.entity.ilike(pattern, escape="!"),
            AuditEntry.entity_id.ilike(pattern, escape="!"),
            cast(AuditEntry.detail, String).ilike(pattern, escape="!"),
        ]
        # The JSON column is stored with non-ASCII letters escaped ("s\\u1ed1"): search that too.
        stored = json.dumps(text)[1:-1]
        if stored != text:
            terms.append(cast(AuditEntry.detail, String).ilike(_like(stored), escape="!"))
        labelled = matching_actions(text)
        if labelled:
            terms.append(AuditEntry.action.in_(labelled))
        query = query.where(or_(*terms))
    return [
        AuditRow(r.at, r.name or "", r.action, r.entity, r.entity_id, dict(r.detail or {}))
        for r in session.execute(query)
    ]


class AuditModel(QAbstractTableModel):
    """Read-only rows of the audit log."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.entries = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def text(self, row: int, column: int) -> str:
        entry = self.entries[row]
        if column == 0:
            return vn_time(entry.at)
        if column == 1:
            return entry.staff_name
        if column == 2:
            return action_label(entry.action)
        if column == 3:
            return f"{entry.entity} {entry.entity_id}".strip()
        return detail_text(entry.detail)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return self.entries[index.row()].action
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("Staff", HEADERS[section])
        return None


class AuditPage(QWidget):
    """A filter box (300 ms after the last key), a refresh button and the newest 500 entries.

    The search runs in SQL on a worker thread; `loaded` carries the number of rows shown.
    """

    loaded = Signal(int)

    def __init__(self, state: StaffState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("auditPage")
        self.setStyleSheet(STYLE)
        self._loading = False
        self._again = False
        title = QLabel(translate("Staff", "Nhật ký hoạt động"))
        title.setObjectName("pageTitle")
        self.filter = QLineEdit()
        self.filter.setObjectName("auditFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(
            translate("Staff", "Tìm theo hành động, mã đối tượng hoặc chi tiết…")
        )
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.refresh)
        self.filter.textChanged.connect(lambda _text: self.debounce.start())
        self.refresh_button = QPushButton(translate("Staff", "Làm mới"))
        self.refresh_button.setObjectName("auditRefresh")
        self.refresh_button.setProperty("role", "secondary")
        self.refresh_button.clicked.connect(self.refresh)
        self.count = QLabel()
        self.count.setObjectName("tileCaption")
        self.message = QLabel()
        self.message.setObjectName("pageError")
        self.message.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.refresh_button)

        self.model = AuditModel()
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setStyleSheet("QTableView { font-size: 15px; } QHeaderView { font-size: 15px; }")

        root = QVBoxLayout(self)
        root.setContentsMargins(16, 12, 16, 12)
        root.addWidget(title)
        root.addLayout(bar)
        root.addWidget(self.count)
        root.addWidget(self.message)
        root.addWidget(self.table, 1)

    def refresh(self) -> None:
        """Search with the current filter off the GUI thread; a change mid-search runs after."""
        self.debounce.stop()
        if self._loading:
            self._again = True
            return
        self._loading = True
        text = self.filter.text()

        def load(session: Session) -> list[AuditRow]:
            return search_audit(session, text)

        self.state.read(load, self._loaded, self._failed)

    def _loaded(self, rows: list[AuditRow]) -> None:
        self._finish()
        self.message.clear()
        self.model.set_rows(rows)
        shown = translate("Staff", "{0} mục").format(len(rows))
        if len(rows) >= LIMIT:
            shown += translate("Staff", " (chỉ hiện {0} mục mới nhất)").format(LIMIT)
        self.count.setText(shown)
        self.loaded.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.message.setText(error_text(exc))

    def _finish(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
