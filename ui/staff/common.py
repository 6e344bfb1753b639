"""Small pieces every staff page uses: money text, error text, tables, headings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
)

from kiosk.domain.localtime import format_local
from kiosk.domain.money import format_vnd
from kiosk.errors import KioskError


def money(amount: int) -> str:
    return format_vnd(amount)


MONEY_MAX_CHARS = 18  # "999.999.999.999 đ": more than any booth takes, small enough to type


def amount_of(text: str) -> int | None:
    """Whole đồng as staff type them ("2.000.000", "2000000", "2.000.000 đ"); None if empty."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else None


def money_edit(placeholder: str = "", text: str = "") -> QLineEdit:
    """A field for an amount in đồng (its length bounded, read with amount_of)."""
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(MONEY_MAX_CHARS)
    return edit


def error_text(error: BaseException) -> str:
    """What staff read: the service's Vietnamese sentence, or a calm generic one for a bug."""
    if isinstance(error, KioskError):
        return error.vi
    return "Có lỗi ngoài dự kiến; dữ liệu đã lưu vẫn an toàn. Hãy thử lại hoặc báo kỹ thuật."


def local_time(at: datetime | None, fmt: str = "%H:%M") -> str:
    """A stored UTC time as Vietnam time."""
    return format_local(at, fmt)


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading")
    label.setStyleSheet("font-size: 22px; font-weight: 700;")
    return label


def error_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e; font-weight: 600;")
    return label


def make_table(headers: Sequence[str]) -> QTableWidget:
    """A read-only, whole-row-selecting table with these column headers."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    """Replace the rows; numbers (int) are right-aligned as money."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text = (
                money(value)
                if isinstance(value, int) and not isinstance(value, bool)
                else str(value)
            )
            item = QTableWidgetItem(text)
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return "" if item is None else item.text()


# The desk is used with a mouse and keyboard at arm's length: denser than the attendees'
# touch screens (the theme's 60 px targets), still large and clear.
DESK_STYLE = """
QWidget { font-size: 16px; }
QPushButton { min-height: 40px; padding: 2px 14px; border-radius: 6px; border-width: 2px; }
QLineEdit { min-height: 34px; border-width: 2px; border-radius: 6px; font-size: 16px; }
QComboBox, QDoubleSpinBox { min-height: 32px; }
QListWidget#nav { font-size: 18px; }
QListWidget#nav::item { padding: 8px 6px; }
"""
