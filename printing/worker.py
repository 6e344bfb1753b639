"""Print threads: one per printer, each taking its queue's jobs in order (no Qt here).

A job is claimed in one short transaction, rendered, sent to the printer outside any
transaction, and marked in another: a crash while sending leaves it "printing", which start-up
recovery resolves (printing.recovery). Progress goes to `on_event`, which the
UI turns into Qt signals (ui/print_worker.py); it is called from the print threads.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from kiosk.domain.enums import DocumentKind, PrinterRole, PrintStatus
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from kiosk.store.models import PrintJob
from printing import queue, recovery
from printing.backends.base import Printer, PrinterError, PrinterStatus
from printing.events import Event, JobEvent, StatusEvent
from printing.jobs import render_job

__all__ = ["Event", "JobEvent", "PrintRunner", "StatusEvent"]

log = logging.getLogger(__name__)
STATUS_EVERY_S = 5.0  # how often an idle printer is asked how it is


class PrintRunner:
    """Runs the queue against the configured printers, one thread per printer role."""

    def __init__(
        self,
        db: Database,
        ctx: KioskContext,
        printers: dict[PrinterRole, Printer],
        options: dict[PrinterRole, dict[str, Any]] | None = None,
        on_event: Callable[[Event], None] | None = None,
        poll_s: float = 1.0,
    ) -> None:
        self.db = db
        self.ctx = ctx
        self.printers = printers
        self.options = options or {}
        self.on_event = on_event or (lambda _event: None)
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._wake = {role: threading.Event() for role in printers}
        self._threads: list[threading.Thread] = []
        self._render_lock = threading.Lock()

    def recover(self) -> recovery.Recovery:
        """Re-examine jobs a crash left "printing" (call once, before start)."""
        with self.db.unit_of_work() as session:
            return recovery.recover_at_startup(session, self.ctx)

    def start(self) -> None:
        """Start the print threads (daemon threads: they never keep the app alive)."""
        self._stop.clear()
        for role in self.printers:
            thread = threading.Thread(
                target=self._loop, args=(role,), name=f"print-{role.value}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout_s: float = 5.0) -> None:
        """Ask the threads to finish the job in hand and stop."""
        self._stop.set()
        for event in self._wake.values():
            event.set()
        for thread in self._threads:
            thread.join(timeout_s)
        self._threads.clear()

    def wake(self, role: PrinterRole | None = None) -> None:
        """New jobs were queued: look now rather than at the next poll."""
        for r, event in self._wake.items():
            if role is None or r == role:
                event.set()

    def run_once(self, role: PrinterRole) -> bool:
        """Print the next job for `role` if one is due; True if a job was attempted."""
        printer = self.printers[role]
        with self.db.unit_of_work() as session:
            job = queue.claim_next(session, self.ctx, role)
            if job is None:
                return False
            job_id, kind = job.id, job.kind
        self.on_event(JobEvent(job_id, role, kind, PrintStatus.PRINTING))
        try:
            # One thread renders at a time (rendering is Python work that holds the
            # interpreter); sending, which waits on the printer, overlaps freely.
            with self._render_lock, self.db.read() as session:
                job = session.get_one(PrintJob, job_id)
                payload = render_job(session, job, printer.accepts, self.options.get(role, {}))
            printer.send(payload)
        except PrinterError as error:
            self._finish(job_id, role, kind, error, retryable=error.retryable)
            self.on_event(StatusEvent(role, printer.status()))
        except KioskError as error:
            self._finish(job_id, role, kind, error, retryable=False)
        except Exception as error:  # a bug must not kill the print thread or lose the job
            log.exception("print job %s failed", job_id)
            self._finish(job_id, role, kind, _internal(error), retryable=False)
        else:
            with self.db.unit_of_work() as session:
                queue.mark_done(session, self.ctx, job_id)
            self.on_event(JobEvent(job_id, role, kind, PrintStatus.DONE))
        return True

    def _finish(
        self,
        job_id: uuid.UUID,
        role: PrinterRole,
        kind: DocumentKind,
        error: KioskError,
        *,
        retryable: bool,
    ) -> None:
        with self.db.unit_of_work() as session:
            job = queue.mark_failed(session, self.ctx, job_id, error, retryable=retryable)
            status = job.status
        self.on_event(JobEvent(job_id, role, kind, status, error.vi))

    def _loop(self, role: PrinterRole) -> None:
        wake = self._wake[role]
        last_status: PrinterStatus | None = None
        next_check = 0.0
        while not self._stop.is_set():
            try:
                worked = self.run_once(role)
                # Asking costs a connection (or an `lpstat`): while idle, every STATUS_EVERY_S.
                if not worked and time.monotonic() >= next_check:
                    next_check = time.monotonic() + STATUS_EVERY_S
                    status = self.printers[role].status()
                    if status != last_status:
                        self.on_event(StatusEvent(role, status))
                        last_status = status
            except Exception:  # the database may be briefly locked: try again at the next poll
                log.exception("print thread %s", role.value)
                worked = False
            if not worked:
                wake.wait(self.poll_s)
                wake.clear()


def _internal(error: Exception) -> KioskError:
    return KioskError(
        "print.internal",
        vi="Lỗi phần mềm khi chuẩn bị bản in; lệnh in được giữ lại để xem xét.",
        en="A software error while preparing the print; the job was kept for review.",
        detail=type(error).__name__,
    )
