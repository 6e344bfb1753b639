"""The print threads as Qt signals: the UI hears about jobs and printers without ever waiting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.domain.enums import PrinterRole
from printing.events import Event, JobEvent, StatusEvent

if TYPE_CHECKING:
    from printing.worker import PrintRunner


class PrintSignals(QObject):
    """Re-emits the print runner's events on the GUI thread (queued across threads).

    `job_changed(JobEvent)` and `printer_status(StatusEvent)`; `wake()` after enqueueing makes
    the printer look at its queue at once.
    """

    job_changed = Signal(object)
    printer_status = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner: PrintRunner | None = None

    def attach(self, runner: PrintRunner) -> None:
        """Use `runner` (whose on_event must be `self.emit_event`)."""
        self.runner = runner

    def emit_event(self, event: Event) -> None:
        """Called on a print thread; Qt queues the signal to the receivers' thread."""
        if isinstance(event, JobEvent):
            self.job_changed.emit(event)
        elif isinstance(event, StatusEvent):
            self.printer_status.emit(event)

    def wake(self, role: PrinterRole | None = None) -> None:
        if self.runner is not None:
            self.runner.wake(role)
