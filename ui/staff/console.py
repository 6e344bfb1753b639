"""The staff console: login, then the desk's pages beside a navigation list and printer status."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kiosk.domain.enums import PrinterRole
from kiosk.services.search import PersonHit
from printing import queue
from ui.print_worker import PrintSignals
from ui.staff.audit_page import AuditPage
from ui.staff.campaign_page import CampaignPage
from ui.staff.checklist import ChecklistPanel
from ui.staff.common import DESK_STYLE
from ui.staff.dashboard import DashboardPage
from ui.staff.exports_page import ExportsPage
from ui.staff.issuance_panel import DeskPrinting
from ui.staff.login import LoginPage, StaffSession
from ui.staff.queue_page import QueuePage
from ui.staff.register_page import RegisterPage
from ui.staff.search_page import SearchPage
from ui.staff.settings_page import SettingsPage
from ui.staff.shift_page import ShiftBanner, ShiftPage
from ui.staff.state import StaffState
from ui.staff.visit_page import VisitPage
from ui.widgets.lazy_pages import LazyPages
from ui.widgets.printer_status import PrinterStatusBar

translate = QCoreApplication.translate
JOB_REFRESH_MS = 150


class StaffConsole(QWidget):
    """Everything at the desk. `pages` maps a short name to each page (tests and shortcuts)."""

    def __init__(
        self,
        state: StaffState,
        printing: DeskPrinting,
        signals: PrintSignals,
        roles: list[PrinterRole],
        config_path: Path | None,
        print_report: Callable[[Session, uuid.UUID], object],
        checklist: ChecklistPanel | None = None,
        parent: QWidget | None = None,
        login: LoginPage | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.signals = signals
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        root.addWidget(self.stack, 1)
        # At start-up the login page is already on screen before the console exists
        # (ui/startup.py): the console takes it over rather than building a second one.
        self.login = login if login is not None else LoginPage(state)
        self.stack.addWidget(self.login)
        self.desk = QWidget()
        self.stack.addWidget(self.desk)
        self.status_bar = PrinterStatusBar(signals, roles)
        root.addWidget(self.status_bar)

        desk = QVBoxLayout(self.desk)
        top = QHBoxLayout()
        self.title = QLabel(f"{state.config.event.name} · {state.config.kiosk.name}")
        self.title.setStyleSheet("font-size: 18px; font-weight: 700;")
        self.who = QLabel("")
        self.logout_button = QPushButton(translate("Staff", "Đăng xuất"))
        self.logout_button.setObjectName("logout")
        self.logout_button.clicked.connect(self.logout)
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.who)
        top.addWidget(self.logout_button)
        desk.addLayout(top)
        # From login on, the desk says whether a shift is open (cash and card need one) and
        # opens it in one tap, rather than at the first "Thu tiền".
        self.shift_banner = ShiftBanner(state)
        desk.addWidget(self.shift_banner)
        body = QHBoxLayout()
        desk.addLayout(body, 1)
        self.nav = QListWidget()
        self.nav.setFixedWidth(210)
        self.nav.setObjectName("nav")
        body.addWidget(self.nav)
        self.pages_stack = QStackedWidget()
        body.addWidget(self.pages_stack, 1)

        # Pages are built the first time they are shown (or asked for): the desk is on screen
        # at once after login, and a page nobody opens costs nothing (start-up time).
        factories: dict[str, Callable[[], QWidget]] = {
            "queue": lambda: QueuePage(state, self.open_visit),
            "search": lambda: SearchPage(state, self.open_person),
            "register": lambda: RegisterPage(state, self.open_visit),
            "visit": lambda: VisitPage(state, printing),
            "campaign": lambda: CampaignPage(state),
            "dashboard": lambda: DashboardPage(state),
            "shift": lambda: ShiftPage(state, print_report),
            "exports": lambda: ExportsPage(state),
            "audit": lambda: AuditPage(state),
            "settings": lambda: SettingsPage(state, config_path, signals.wake),
        }
        # The first-start checklist (kiosk doctor's checks): shown after login while anything
        # must be fixed (placeholder bank account, event dates, printers …).
        self.checklist = checklist
        if checklist is not None:
            factories["checks"] = lambda: checklist
            checklist.dismissed.connect(lambda: self.show_page("queue"))
            checklist.checked.connect(self._checks_done)
        self._scrolls: dict[str, QScrollArea] = {}
        for name in factories:
            # A page taller than the screen scrolls rather than squeezing its fields together.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            self._scrolls[name] = scroll
            self.pages_stack.addWidget(scroll)
        self.pages = LazyPages(factories, lambda name, page: self._scrolls[name].setWidget(page))
        self._nav_names: list[str] = []
        for name, label in (
            ("queue", "Hàng chờ"),
            ("search", "Tìm người"),
            ("register", "Đăng ký tại quầy"),
            ("visit", "Thanh toán và in"),
            ("campaign", "Chiến dịch"),
            ("dashboard", "Tổng quan"),
            ("shift", "Ca làm việc"),
            ("exports", "Xuất dữ liệu"),
            ("audit", "Nhật ký"),
            ("settings", "Cài đặt"),
            ("checks", "Kiểm tra"),
        ):
            if name not in factories:
                continue
            self.nav.addItem(translate("Staff", label))
            self._nav_names.append(name)
        self.nav.currentRowChanged.connect(
            lambda row: self.show_page(self._nav_names[row]) if row >= 0 else None
        )
        # A burst of print jobs (a household's cards) refreshes the counts and the open visit
        # once, shortly after the last event, not once per event.
        self._jobs_moved = QTimer(self)
        self._jobs_moved.setSingleShot(True)
        self._jobs_moved.setInterval(JOB_REFRESH_MS)
        self._jobs_moved.timeout.connect(self._job_changed)
        signals.job_changed.connect(lambda _event: self._jobs_moved.start())
        state.staff_changed.connect(self._staff_changed)
        state.error.connect(self._background_error)
        self.stack.setCurrentWidget(self.login)
        self.setStyleSheet(DESK_STYLE)
        if state.staff is not None:  # logged in on the start-up login page already
            self._staff_changed(state.staff)

    @property
    def visit(self) -> VisitPage:
        return cast(VisitPage, self.pages["visit"])

    @property
    def campaign(self) -> CampaignPage:
        return cast(CampaignPage, self.pages["campaign"])

    @property
    def register(self) -> RegisterPage:
        return cast(RegisterPage, self.pages["register"])

    def start(self) -> None:
        """Load what the login page needs and the printers' backlog."""
        self.login.refresh()
        self.refresh_printer_counts()
        if self.checklist is not None:
            self.checklist.refresh()

    def show_page(self, name: str) -> None:
        self.pages[name]  # built on first show
        self.pages_stack.setCurrentWidget(self._scrolls[name])
        row = self._nav_names.index(name)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)

    def current_page(self) -> str:
        return self._nav_names[self.nav.currentRow()]

    def open_visit(self, visit_id: uuid.UUID) -> None:
        self.visit.load(visit_id)
        self.show_page("visit")

    def open_person(self, hit: PersonHit) -> None:
        """A person chosen in search: ready for a renewal, and for the campaign counters."""
        self.campaign.set_person(hit.person_id, hit.full_name)
        self.register.load_person(hit)
        self.show_page("register")

    def logout(self) -> None:
        self.state.set_staff(None)

    def refresh_printer_counts(self) -> None:
        self.state.read_latest(
            "printer_counts",
            lambda s: queue.pending_counts(s, self.state.ctx),
            self.status_bar.set_waiting,
        )

    def _job_changed(self) -> None:
        """A print thread moved a job: the status bar's counts and the open visit follow."""
        self.refresh_printer_counts()
        if self.pages_stack.currentWidget() is self._scrolls["visit"] and self.pages.is_built(
            "visit"
        ):
            self.visit.reload()

    def _staff_changed(self, staff: StaffSession | None) -> None:
        if staff is None:
            self.stack.setCurrentWidget(self.login)
            self.login.refresh()
            return
        role = (
            translate("Staff", "giám sát viên")
            if staff.is_supervisor
            else translate("Staff", "nhân viên")
        )
        self.who.setText(f"{staff.name} ({role})")
        self.shift_banner.refresh()
        self.stack.setCurrentWidget(self.desk)
        problems = self.checklist is not None and bool(self.checklist.problems)
        self.show_page("checks" if problems else "queue")

    def _checks_done(self, _findings: list[object]) -> None:
        """The checks finished after login: problems are shown at once, before the queue."""
        logged_in = self.state.staff is not None and self.stack.currentWidget() is self.desk
        problems = self.checklist is not None and bool(self.checklist.problems)
        if logged_in and problems and self.current_page() == "queue":
            self.show_page("checks")

    def _background_error(self, error: BaseException) -> None:
        from ui.staff.common import error_text

        self.title.setToolTip(error_text(error))
