"""The printers at a glance, always on the staff console: state, paper, jobs waiting, last error."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.domain.enums import PrinterRole, PrintStatus
from printing.events import JobEvent, StatusEvent
from ui.i18n import current_language, label_text
from ui.print_worker import PrintSignals

translate = QCoreApplication.translate

_OK, _WARN, _BAD = "#1b7f3b", "#b26a00", "#b3261e"


class PrinterStatusBar(QFrame):
    """One chip per configured printer; red when offline, amber with jobs waiting or errors."""

    def __init__(
        self, signals: PrintSignals, roles: list[PrinterRole], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printerStatus")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        self.chips: dict[PrinterRole, QLabel] = {}
        self._status: dict[PrinterRole, StatusEvent | None] = {r: None for r in roles}
        self._waiting: dict[PrinterRole, int] = {r: 0 for r in roles}
        self._error: dict[PrinterRole, str] = {r: "" for r in roles}
        for role in roles:
            chip = QLabel(self)
            chip.setObjectName(f"printer_{role.value}")
            layout.addWidget(chip)
            self.chips[role] = chip
            self._render(role)
        layout.addStretch(1)
        signals.printer_status.connect(self.on_status)
        signals.job_changed.connect(self.on_job)

    def set_waiting(self, counts: dict[PrinterRole, dict[PrintStatus, int]]) -> None:
        """Jobs not finished per printer (from printing.queue.pending_counts)."""
        for role in self.chips:
            by_status = counts.get(role, {})
            self._waiting[role] = sum(
                by_status.get(s, 0) for s in (PrintStatus.QUEUED, PrintStatus.PRINTING)
            )
            self._render(role)

    def on_status(self, event: StatusEvent) -> None:
        if event.role in self.chips:
            self._status[event.role] = event
            self._render(event.role)

    def on_job(self, event: JobEvent) -> None:
        if event.role not in self.chips:
            return
        if event.status == PrintStatus.DONE:
            self._error[event.role] = ""
            self._waiting[event.role] = max(0, self._waiting[event.role] - 1)
        elif event.error:
            self._error[event.role] = event.error
        self._render(event.role)

    def text(self, role: PrinterRole) -> str:
        return self.chips[role].text()

    def tooltip(self, role: PrinterRole) -> str:
        """The chip's tooltip: the printer's detail and the last job error."""
        return self.chips[role].toolTip()

    def changeEvent(self, event: QEvent) -> None:
        # The language switch (ui.i18n.LanguageManager) redraws every chip in the new language.
        if event.type() == QEvent.Type.LanguageChange:
            for role in self.chips:
                self._render(role)
        super().changeEvent(event)

    def _render(self, role: PrinterRole) -> None:
        status = self._status[role]
        name = label_text(role)
        if status is None:
            state, colour = translate("PrinterStatus", "đang kiểm tra"), _WARN
        elif not status.status.online:
            state, colour = translate("PrinterStatus", "mất kết nối"), _BAD
        elif status.status.paper == "out":
            state, colour = translate("PrinterStatus", "hết giấy"), _BAD
        else:
            state, colour = translate("PrinterStatus", "sẵn sàng"), _OK
        waiting = self._waiting[role]
        if waiting:
            state += translate("PrinterStatus", " · {n} chờ in").format(n=waiting)
            colour = colour if colour == _BAD else _WARN
        chip = self.chips[role]
        chip.setText(f"● {name}: {state}")
        detail = status.status.text(current_language()) if status is not None else ""
        chip.setToolTip("\n".join(t for t in (detail, self._error[role]) if t))
        chip.setStyleSheet(f"color: {colour}; font-weight: 600; padding: 0 10px;")
