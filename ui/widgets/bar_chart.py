"""A horizontal bar chart painted with QPainter: a title, then one labelled bar per row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import INK, MUTED, PRIMARY

ROW_GAP = 6
PADDING = 8
TRACK = "#e6ebf4"  # the pale lane behind each bar, so a zero still reads as a row


def plain_number(value: int) -> str:
    """Counts shown the Vietnamese way: 1.234."""
    return f"{value:,}".replace(",", ".")


class BarChart(QWidget):
    """`set_data(title, bars, value_format)` draws one bar per (label, value), longest = widest.

    Values are whole numbers (people, đồng); negatives (a refund-heavy hour) draw as no bar but
    keep their formatted value, so nothing is hidden from the office.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._bars: list[tuple[str, int]] = []
        self._format: Callable[[int], str] = plain_number
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_data(
        self,
        title: str,
        bars: list[tuple[str, int]],
        value_format: Callable[[int], str] = plain_number,
    ) -> None:
        self._title = title
        self._bars = list(bars)
        self._format = value_format
        self.setToolTip("\n".join(f"{label}: {value_format(v)}" for label, v in self._bars))
        self.updateGeometry()
        self.update()

    def bars(self) -> list[tuple[str, int]]:
        """The rows as given (tests read them back)."""
        return list(self._bars)

    def title(self) -> str:
        return self._title

    def value_texts(self) -> list[str]:
        """The value text drawn at the end of each bar."""
        return [self._format(v) for _, v in self._bars]

    def _fonts(self) -> tuple[QFont, QFont]:
        body = QFont(self.font())
        body.setPixelSize(max(12, round(self.font().pixelSize() * 0.75)))
        bold = QFont(body)
        bold.setBold(True)
        return body, bold

    def _row_height(self) -> int:
        body, _ = self._fonts()
        return QFontMetrics(body).height() + 8

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._bars))
        _, bold = self._fonts()
        title = QFontMetrics(bold).height() + ROW_GAP
        return QSize(420, PADDING * 2 + title + rows * (self._row_height() + ROW_GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height() // 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        body, bold = self._fonts()
        width = self.width() - 2 * PADDING
        y = float(PADDING)
        painter.setFont(bold)
        painter.setPen(QColor(INK))
        title_h = QFontMetrics(bold).height()
        painter.drawText(
            QRectF(PADDING, y, width, title_h), Qt.AlignmentFlag.AlignLeft, self._title
        )
        y += title_h + ROW_GAP
        if not self._bars:
            return
        metrics = QFontMetrics(body)
        widest = max(metrics.horizontalAdvance(lb) for lb, _ in self._bars)
        label_w = min(width * 0.4, widest + 12.0)
        value_w = max(metrics.horizontalAdvance(t) for t in self.value_texts()) + 10
        track_w = max(10.0, width - label_w - value_w)
        peak = max((v for _, v in self._bars), default=0)
        # Rows shrink to fit the height the layout gave, never below the text height.
        spare = self.height() - y - PADDING
        row_h = max(
            float(metrics.height()),
            min(float(self._row_height()), spare / len(self._bars) - ROW_GAP),
        )
        for (text, value), shown in zip(self._bars, self.value_texts(), strict=True):
            painter.setFont(body)
            painter.setPen(QColor(INK))
            align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(label_w) - 6)
            painter.drawText(QRectF(PADDING, y, label_w, row_h), align, elided)
            lane = QRectF(PADDING + label_w, y + 2, track_w, row_h - 4)
            painter.fillRect(lane, QColor(TRACK))
            if peak > 0 and value > 0:
                bar = QRectF(lane.x(), lane.y(), track_w * value / peak, lane.height())
                painter.fillRect(bar, QColor(PRIMARY))
            painter.setFont(bold)
            painter.setPen(QColor(INK if value else MUTED))
            painter.drawText(
                QRectF(lane.right() + 6, y, value_w, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                shown,
            )
            y += row_h + ROW_GAP
