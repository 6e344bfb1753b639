"""The booth's dashboard: today's (or the whole event's) people, money, documents and campaign."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kiosk.domain.enums import ActivityKind
from kiosk.domain.labels import SCHEME_SHORT
from kiosk.domain.localtime import format_local
from kiosk.domain.money import format_vnd
from kiosk.services.reports import DayReport, day_report
from kiosk.services.shifts import Outside, outside_any_shift
from ui.i18n import current_language, label_text
from ui.staff.common import error_text, reserved_label
from ui.staff.shift_page import outside_text
from ui.staff.state import StaffState
from ui.theme import ERROR, MUTED, PRIMARY, PRIMARY_DARK
from ui.widgets.bar_chart import BarChart, plain_number

translate = QCoreApplication.translate
REFRESH_MS = 15_000
DAY_START_HOUR, DAY_END_HOUR = 7, 17  # hours always shown on the hourly chart

# The tiles, in reading order: key, caption.
TILES = (
    ("participants", "Người tham gia"),
    ("new", "Tham gia mới"),
    ("renewals", "Gia hạn"),
    ("amount", "Tổng tiền đã thu"),
    ("payments", "Số lần thanh toán"),
    ("documents", "Giấy tờ đã in"),
    (ActivityKind.VSSID_INSTALL.value, "Cài VssID"),
    (ActivityKind.NONCASH_PENSION.value, "Lương hưu không tiền mặt"),
    (ActivityKind.CONSULTATION.value, "Tư vấn"),
)
STYLE = f"""
QFrame#tile {{ background: #f4f7fc; border: 2px solid {PRIMARY}; border-radius: 12px; }}
QFrame#tile QLabel {{ background: transparent; border: none; }}
QLabel#tileCaption {{ color: {MUTED}; font-size: 16px; }}
QLabel#tileValue {{ color: {PRIMARY_DARK}; font-size: 30px; font-weight: bold; }}
QLabel#tileNote {{ color: {MUTED}; font-size: 13px; }}
QLabel#pageTitle {{ color: {PRIMARY_DARK}; font-size: 28px; font-weight: bold; }}
QLabel#pageError {{ color: {ERROR}; font-weight: bold; }}
"""


def local_time(moment: datetime) -> str:
    """HH:MM:SS in Vietnam time."""
    return format_local(moment, "%H:%M:%S")


def hour_bars(hourly: list[tuple[int, int]]) -> list[tuple[str, int]]:
    """The working day's hours plus any hour with money outside it, as "08 giờ" rows."""
    busy = [h for h, amount in hourly if amount]
    first = min([DAY_START_HOUR, *busy])
    last = max([DAY_END_HOUR, *busy])
    return [(f"{h:02d} giờ", amount) for h, amount in hourly if first <= h <= last]


class DashboardPage(QWidget):
    """KPI tiles and three bar charts, for today or the whole event.

    `refresh()` loads the report on a worker thread; it runs on `data_changed`, every 15 s while
    the page is visible, and on the toggle. `refreshed` carries each report shown (tests wait on it).
    """

    refreshed = Signal(object)

    def __init__(self, state: StaffState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("dashboardPage")
        self.setStyleSheet(STYLE)
        self.whole_event = False
        self.report: DayReport | None = None
        self._loading = False
        self._again = False
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

        self.title = QLabel(translate("Staff", "Tổng quan"))
        self.title.setObjectName("pageTitle")
        self.today_button = self._toggle("dashToday", translate("Staff", "Hôm nay"))
        self.event_button = self._toggle("dashEvent", translate("Staff", "Cả sự kiện"))
        self.today_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.today_button)
        group.addButton(self.event_button)
        self.today_button.toggled.connect(self._scope_changed)
        self.refresh_button = QPushButton(translate("Staff", "Làm mới"))
        self.refresh_button.setObjectName("dashRefresh")
        self.refresh_button.setProperty("role", "secondary")
        self.refresh_button.clicked.connect(self.refresh)
        self.updated = QLabel()
        self.updated.setObjectName("tileNote")
        self.message = reserved_label(f"color: {ERROR}; font-weight: bold; font-size: 15px;", 1)
        self.message.setObjectName("pageError")
        # Money confirmed while no shift was open: counted in the next shift, shown until then.
        self.outside = reserved_label(f"color: {PRIMARY_DARK}; font-size: 15px;", 1)
        self.outside.setObjectName("dashOutsideShift")
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.updated)
        head.addWidget(self.today_button)
        head.addWidget(self.event_button)
        head.addWidget(self.refresh_button)

        self.tiles: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, (key, caption) in enumerate(TILES):
            grid.addWidget(self._tile(key, translate("Staff", caption)), i // 5, i % 5)

        self.scheme_chart = BarChart()
        self.scheme_chart.setObjectName("chartScheme")
        self.method_chart = BarChart()
        self.method_chart.setObjectName("chartMethod")
        self.hour_chart = BarChart()
        self.hour_chart.setObjectName("chartHour")
        left = QVBoxLayout()
        left.addWidget(self.scheme_chart, 1)
        left.addWidget(self.method_chart, 1)
        charts = QHBoxLayout()
        charts.addLayout(left, 1)
        charts.addWidget(self.hour_chart, 1)

        root = QVBoxLayout(self)
        root.setContentsMargins(16, 12, 16, 12)
        root.addLayout(head)
        root.addWidget(self.message)
        root.addWidget(self.outside)
        root.addLayout(grid)
        root.addLayout(charts, 1)
        # Hidden pages skip the reload; showing the page loads fresh figures anyway.
        state.data_changed.connect(lambda: self.refresh() if self.isVisible() else None)
        self._show(None)

    def _toggle(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setProperty("role", "toggle")
        button.setCheckable(True)
        return button

    def _tile(self, key: str, caption: str) -> QFrame:
        frame = QFrame()
        frame.setObjectName("tile")
        box = QVBoxLayout(frame)
        box.setContentsMargins(12, 8, 12, 8)
        box.setSpacing(2)
        cap = QLabel(caption)
        cap.setObjectName("tileCaption")
        cap.setWordWrap(True)
        value = QLabel("–")
        value.setObjectName("tileValue")
        value.setAccessibleName(caption)
        note = QLabel()
        note.setObjectName("tileNote")
        note.setWordWrap(True)
        box.addWidget(cap)
        box.addWidget(value)
        box.addWidget(note)
        box.addStretch(1)
        self.tiles[key] = value
        self.notes[key] = note
        return frame

    def day(self) -> date | None:
        """The day shown (Vietnam date), or None for the whole event."""
        return None if self.whole_event else self.state.ctx.today()

    def set_whole_event(self, whole: bool) -> None:
        """Switch between today and the whole event (the toggle buttons call this)."""
        (self.event_button if whole else self.today_button).setChecked(True)

    def _scope_changed(self) -> None:
        self.whole_event = self.event_button.isChecked()
        self.refresh()

    def refresh(self) -> None:
        """Load the report off the GUI thread; a refresh asked for mid-load runs once after it."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        ctx, day = self.state.ctx, self.day()

        def load(session: Session) -> tuple[DayReport, Outside]:
            return day_report(session, ctx, day), outside_any_shift(session, ctx)

        self.state.read(load, self._loaded, self._failed)

    def _loaded(self, loaded: tuple[DayReport, Outside]) -> None:
        report, outside = loaded
        self._finish()
        self.message.clear()
        self.outside.setText(outside_text(outside, True))
        self._show(report)
        self.refreshed.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.message.setText(error_text(exc))

    def _finish(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.refresh()

    def _show(self, report: DayReport | None) -> None:
        self.report = report
        if report is None:
            for value in self.tiles.values():
                value.setText("–")
            return
        people = sum(report.participants_by_scheme.values())
        self.tiles["participants"].setText(plain_number(people))
        self.notes["participants"].setText(
            " · ".join(
                f"{SCHEME_SHORT[s].text(current_language())}: {n}"
                for s, n in report.participants_by_scheme.items()
            )
        )
        self.tiles["new"].setText(plain_number(report.new_participants))
        self.tiles["renewals"].setText(plain_number(report.renewals))
        self.tiles["amount"].setText(format_vnd(report.total_amount))
        self.tiles["payments"].setText(plain_number(report.payments_count))
        printed = sum(report.documents_printed.values())
        self.tiles["documents"].setText(plain_number(printed))
        self.notes["documents"].setText(
            " · ".join(f"{label_text(k)}: {n}" for k, n in report.documents_printed.items() if n)
        )
        for kind in ActivityKind:
            self.tiles[kind.value].setText(plain_number(report.campaign.get(kind, 0)))
        scope = (
            translate("Staff", "cả sự kiện")
            if report.day is None
            else translate("Staff", "ngày {0}").format(report.day.strftime("%d/%m/%Y"))
        )
        self.scheme_chart.set_data(
            translate("Staff", "Người tham gia theo loại hình ({0})").format(scope),
            [(label_text(s), n) for s, n in report.participants_by_scheme.items()],
            plain_number,
        )
        self.method_chart.set_data(
            translate("Staff", "Số tiền theo hình thức thanh toán ({0})").format(scope),
            [(label_text(m), a) for m, a in report.amount_by_method.items()],
            format_vnd,
        )
        self.hour_chart.set_data(
            translate("Staff", "Số tiền theo giờ ({0})").format(scope),
            hour_bars(report.hourly_amounts),
            format_vnd,
        )
        self.updated.setText(
            translate("Staff", "Cập nhật lúc {0}").format(local_time(self.state.ctx.now()))
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()
