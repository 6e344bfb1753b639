"""The audit log for supervisors: newest first, searchable, actions named in Vietnamese."""

from __future__ import annotations

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
from sqlalchemy.orm import Session

from kiosk.domain.labels import audit_action
from kiosk.domain.localtime import format_local
from kiosk.services.audit_search import LIMIT, AuditRow, search_audit
from ui.i18n import current_language
from ui.staff.common import error_text
from ui.staff.dashboard import STYLE
from ui.staff.state import StaffState

translate = QCoreApplication.translate
DEBOUNCE_MS = 300
HEADERS = ("Thời gian", "Nhân viên", "Hành động", "Đối tượng", "Chi tiết")


def vn_time(moment: datetime) -> str:
    """dd/mm/yyyy HH:MM:SS in Vietnam time (stored times are UTC)."""
    return format_local(moment, "%d/%m/%Y %H:%M:%S")


def detail_text(detail: dict[str, Any]) -> str:
    """The detail (already masked when recorded) as "key: value" pairs."""
    return ", ".join(f"{k}: {v}" for k, v in detail.items())


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
            return audit_action(entry.action, current_language())
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
