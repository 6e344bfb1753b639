"""GUI responsiveness while printing: the longest gap between event-loop ticks.

`print_load` pays `count` one-person visits through the real services and queues their
receipts and cards; `StallMeter` ticks a 5 ms timer on the GUI thread and keeps the longest
gap while the print threads render and send. Used by the benchmark and by the pytest-qt test.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QElapsedTimer, QObject, QTimer

from benchmarks.people import FAMILY, GIVEN
from kiosk.domain.enums import DocumentKind, PaymentMethod, Scheme, Sex
from kiosk.domain.person import PersonDraft
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database, sqlite_url
from printing.issue import issue_visit
from printing.warmup import warm_up_and_freeze


class StallMeter(QObject):
    """Longest interval (ms) between ticks of a `tick_ms` timer, minus the tick itself."""

    def __init__(self, tick_ms: int = 5) -> None:
        super().__init__()
        self.tick_ms = tick_ms
        self.max_gap_ms = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return round(self.max_gap_ms, 1)

    def _tick(self) -> None:
        gap = self._clock.restart() - self.tick_ms
        self.max_gap_ms = max(self.max_gap_ms, float(gap))


def print_load(db: Database, ctx: KioskContext, staff_id: uuid.UUID, count: int) -> int:
    """`count` paid visits (one person, household health insurance), each with its receipt
    and card queued; returns the number of jobs queued (2 × count)."""
    jobs = 0
    for i in range(count):
        name = f"{FAMILY[i % len(FAMILY)]} Thị {GIVEN[i % len(GIVEN)]}"
        person = PersonDraft(name, date(1985, 3, 14), Sex.FEMALE, f"0661850{i:05d}")
        members = [MemberRequest(person, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),))]
        with db.unit_of_work() as s:
            reg = register_visit(s, ctx, members, staff_id=staff_id)
            pay = [PaymentRequest(PaymentMethod.CASH, reg.quote.total, tendered=reg.quote.total)]
            checkout(s, ctx, reg.visit_id, pay, uuid.uuid4().hex, staff_id=staff_id)
        with db.unit_of_work() as s:
            kinds = (DocumentKind.RECEIPT, DocumentKind.CARD)
            jobs += len(issue_visit(s, ctx, reg.visit_id, _sign, "BHXH tỉnh", staff_id, kinds))
    return jobs


def _sign(fields: dict[str, str]) -> str:
    return "PROVISIONAL|" + "|".join(f"{k}={v}" for k, v in sorted(fields.items()))


def measure_print_stall(folder: str, count: int = 50, printer_delay_s: float = 0.02) -> float:
    """In this process: the longest GUI stall (ms) while `count` cards and `count` receipts
    print on slow in-memory printers (needs QT_QPA_PLATFORM=offscreen without a display)."""
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication

    from benchmarks.day import CONFIG, day_context
    from kiosk.bootstrap import register_kiosk
    from kiosk.domain.enums import PrinterRole, PrintStatus, Role
    from kiosk.services.shifts import open_shift
    from kiosk.store.migrate import upgrade
    from kiosk.store.models import Staff
    from printing.worker import JobEvent, PrintRunner
    from scenario.memory_printer import MemoryPrinter
    from ui.print_worker import PrintSignals

    app = QApplication.instance() or QApplication([])
    db = Database(sqlite_url(Path(folder) / "stall.sqlite3"))
    upgrade(db)
    register_kiosk(db, CONFIG)
    ctx = day_context()
    with db.unit_of_work() as s:
        staff = Staff(name="Bench", role=Role.STAFF, pin_hash="-")
        s.add(staff)
        s.flush()
        staff_id = staff.id
        open_shift(s, ctx, staff_id, 0)
    total = print_load(db, ctx, staff_id, count)
    printers = {
        PrinterRole.RECEIPT: MemoryPrinter(accepts=("escpos",), delay_s=printer_delay_s),
        PrinterRole.CARD: MemoryPrinter(delay_s=printer_delay_s),
    }
    signals = PrintSignals()
    done: list[JobEvent] = []
    loop = QEventLoop()

    def on_job(event: JobEvent) -> None:
        if event.status == PrintStatus.DONE:
            done.append(event)
            if len(done) == total:
                loop.quit()

    signals.job_changed.connect(on_job)
    runner = PrintRunner(db, ctx, dict(printers), on_event=signals.emit_event, poll_s=0.05)
    warm_up_and_freeze()  # as the kiosk does at start-up (ui/shell.py)
    meter = StallMeter()
    meter.start()
    runner.start()
    QTimer.singleShot(300_000, loop.quit)
    loop.exec()
    runner.stop()
    stall = meter.stop()
    db.dispose()
    QCoreApplication.processEvents()
    del app
    return stall
