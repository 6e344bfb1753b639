"""Printing never freezes the screen: 50 cards and 50 receipts on a slow printer, loop ticking."""

from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from benchmarks.stall import StallMeter, print_load
from kiosk.domain.enums import PrinterRole, PrintStatus
from kiosk.store.db import Database
from printing import queue
from printing.warmup import warm_up_and_freeze
from printing.worker import JobEvent, PrintRunner
from scenario.memory_printer import MemoryPrinter
from tests.kiosk.services.payflow import open_day
from tests.support.paid import fixed_ctx
from ui.print_worker import PrintSignals
from ui.widgets.printer_status import PrinterStatusBar


def test_gui_keeps_running_while_100_documents_print(qtbot: QtBot, db: Database) -> None:
    """Every job arrives as a Qt signal on the GUI thread, all 100 print once, the status bar
    ends "ready", and the event loop never stalls above 100 ms."""
    ctx = fixed_ctx()
    cashier, _ = open_day(db, ctx)
    assert print_load(db, ctx, cashier, 50) == 100
    receipts = MemoryPrinter("biên lai", accepts=("escpos",), delay_s=0.01)
    cards = MemoryPrinter("thẻ", delay_s=0.01)
    signals = PrintSignals()
    bar = PrinterStatusBar(signals, [PrinterRole.RECEIPT, PrinterRole.CARD])
    qtbot.addWidget(bar)
    with db.read() as s:
        bar.set_waiting(queue.pending_counts(s, ctx))
    assert "100" not in bar.text(PrinterRole.CARD) and "50 chờ in" in bar.text(PrinterRole.CARD)
    done: list[JobEvent] = []
    signals.job_changed.connect(lambda e: done.append(e) if e.status == PrintStatus.DONE else None)
    runner = PrintRunner(
        db,
        ctx,
        {PrinterRole.RECEIPT: receipts, PrinterRole.CARD: cards},
        on_event=signals.emit_event,
        poll_s=0.05,
    )
    signals.attach(runner)
    warm_up_and_freeze()  # as the kiosk does at start-up
    meter = StallMeter()
    meter.start()
    runner.start()
    try:
        qtbot.waitUntil(lambda: len(done) == 100, timeout=120_000)
    finally:
        runner.stop()
        gc.unfreeze()  # the freeze is for a kiosk process, not for the rest of the test run
    stall = meter.stop()
    assert len(receipts.payloads) == 50 and len(cards.payloads) == 50
    assert all(p.kind == "escpos" for p in receipts.payloads)
    assert stall < 100, f"event loop stalled {stall} ms"
    qtbot.waitUntil(lambda: "sẵn sàng" in bar.text(PrinterRole.CARD).lower())
    assert "chờ in" not in bar.text(PrinterRole.CARD)
