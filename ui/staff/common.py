"""Small pieces every staff page uses: money fields and text, messages, tables, headings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
)

from kiosk.domain.localtime import format_local
from kiosk.domain.money import format_vnd, parse_vnd
from kiosk.errors import KioskError


def money(amount: int) -> str:
    return format_vnd(amount)


MONEY_MAX_CHARS = 18  # "999.999.999.999 đ": more than any booth takes, small enough to type


def amount_of(text: str) -> int | None:
    """Whole đồng as staff type them, read strictly (`kiosk.domain.money.parse_vnd`); None if
    the text is blank. Anything that is not exactly an amount raises its KioskError: "abc5tr"
    once became 5 đ here. New code uses MoneyField, which shows the error under the field."""
    return parse_vnd(text) if text.strip() else None


class MoneyField:
    """A field for an amount in đồng and the line under it that says how it was read.

    The page lays out `edit` and `note` (reserved height, so a message never moves a button).
    While staff type, the note shows the amount read ("= 5.000.000 đ" for "5tr") or, in red,
    why the text is not an amount. `read()` is for the moment the amount is used.
    """

    def __init__(self, placeholder: str = "", text: str = "", name: str = "") -> None:
        self.edit = QLineEdit(text)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMaxLength(MONEY_MAX_CHARS)
        self.note = reserved_label(NOTE_STYLE)
        if name:
            self.edit.setObjectName(name)
            self.note.setObjectName(f"{name}_note")
        self.edit.textChanged.connect(self._typed)
        self._typed(text)

    @property
    def textChanged(self) -> SignalInstance:  # QLineEdit's name, for callers
        return self.edit.textChanged

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # QLineEdit's name, for callers
        self.edit.setText(text)

    def clear(self) -> None:
        self.edit.clear()

    def setEnabled(self, enabled: bool) -> None:  # QLineEdit's name
        self.edit.setEnabled(enabled)

    def peek(self) -> int | None:
        """The amount if the text is one, else None (for live figures such as the change)."""
        try:
            return amount_of(self.edit.text())
        except KioskError:
            return None

    def read(self) -> int | None:
        """The amount, or None when blank; a text that is not an amount shows why under the
        field, takes the focus and raises the KioskError (the caller records nothing)."""
        try:
            return amount_of(self.edit.text())
        except KioskError as error:
            self.show_error(error_text(error))
            self.edit.setFocus()
            raise

    def require(self, missing: str) -> int:
        """The amount; blank shows `missing` under the field and raises KioskError."""
        amount = self.read()
        if amount is None:
            self.show_error(missing)
            self.edit.setFocus()
            raise KioskError("money.empty", vi=missing, en="No amount entered.")
        return amount

    def show_error(self, text: str) -> None:
        self.note.setStyleSheet(NOTE_STYLE + f"color: {ERROR_COLOUR};")
        self.note.setText(text)
        self.note.setToolTip(text)

    def _typed(self, text: str) -> None:
        if not text.strip():
            self.note.clear()
            return
        try:
            amount = parse_vnd(text)
        except KioskError as error:
            self.show_error(error.vi)
            return
        self.note.setStyleSheet(NOTE_STYLE + f"color: {MUTED_COLOUR};")
        self.note.setText(f"= {money(amount)}")
        self.note.setToolTip("")


def money_edit(placeholder: str = "", text: str = "") -> QLineEdit:
    """A bare field for an amount (length bounded, read with amount_of). Prefer MoneyField,
    which says under the field why a text is not an amount."""
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


ERROR_COLOUR = "#b3261e"
MUTED_COLOUR = "#333333"
ERROR_STYLE = f"color: {ERROR_COLOUR}; font-weight: 600; font-size: 15px;"
MESSAGE_STYLE = "font-weight: 600; font-size: 15px;"
NOTE_STYLE = "font-size: 14px; font-weight: 600;"


class ReservedLabel(QLabel):
    """A label of fixed height: its text never asks the layout for another height."""

    def hasHeightForWidth(self) -> bool:  # Qt's name
        # A word-wrapped label answers "height for width" once it has text; a layout (a
        # stacked widget's, notably) then sizes by that instead of the fixed height.
        return False


def reserved_label(style: str, lines: int = 2) -> QLabel:
    """A word-wrapped label whose height is fixed at `lines` lines of its own font, and whose
    width does not follow its text: a message appearing or clearing never moves what is below
    or beside it (a double tap once hit another button when the layout jumped). The label's
    own style sheet sets the font size, so the console's style sheet cannot change it."""
    label = ReservedLabel("")
    label.setWordWrap(True)
    label.setStyleSheet(style)
    font = QFont(label.font())
    size = re.search(r"font-size:\s*(\d+)px", style)
    font.setPixelSize(int(size.group(1)) if size else 16)
    font.setBold("font-weight" in style)
    label.setFixedHeight(QFontMetrics(font).lineSpacing() * lines + 4)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def error_label(lines: int = 2) -> QLabel:
    """Where a page says what went wrong (reserved space, see reserved_label)."""
    label = reserved_label(ERROR_STYLE, lines)
    label.setObjectName("error")
    return label


def message_label(lines: int = 2) -> QLabel:
    """Where a page says what was done (reserved space, see reserved_label)."""
    return reserved_label(MESSAGE_STYLE, lines)


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
