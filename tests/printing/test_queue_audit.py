"""Every print, fault and crash-review decision of the print queue is in the audit log."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from kiosk.domain.enums import DocumentKind, PrinterRole, PrintStatus
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry
from printing import queue, recovery
from printing.worker import PrintRunner
from scenario.memory_printer import MemoryPrinter
from tests.printing.test_queue import issue, left_printing
from tests.support.paid import fixed_ctx, paid_household


def _log(db: Database, job_id: uuid.UUID) -> dict[str, tuple[uuid.UUID | None, dict[str, Any]]]:
    """The job's audit entries as {action: (staff, detail)}; each action is written once."""
    with db.read() as s:
        entries = s.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "print_job", AuditEntry.entity_id == str(job_id)
            )
        ).all()
        log = {e.action: (e.staff_id, dict(e.detail)) for e in entries}
        assert len(log) == len(entries)
        return log


def test_fault_then_print_is_audited(db: Database) -> None:
    """A receipt printer out of paper: "print.fault" with the fault's code and the attempt;
    once paper is loaded and staff ask for it now, "print.retry" naming them, then
    "print.done" naming who asked for the print, with the kind and two attempts."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    (job_id,) = issue(db, ctx, paid, kinds=[DocumentKind.RECEIPT])
    printer = MemoryPrinter()
    runner = PrintRunner(db, ctx, {PrinterRole.RECEIPT: printer})
    printer.fail_with = "printer.paper_out"
    assert runner.run_once(PrinterRole.RECEIPT)
    printer.fail_with = None
    with db.unit_of_work() as s:
        queue.retry(s, ctx, job_id, paid.cashier)
    assert runner.run_once(PrinterRole.RECEIPT)
    assert len(printer.payloads) == 1
    log = _log(db, job_id)
    assert sorted(log) == ["print.done", "print.fault", "print.queued", "print.retry"]
    assert log["print.fault"] == (None, {"code": "printer.paper_out", "attempts": 1})
    assert log["print.retry"] == (paid.cashier, {})
    assert log["print.done"] == (paid.cashier, {"kind": "receipt", "attempts": 2})


def test_job_that_cannot_print_is_audited_as_failed_then_cancelled(db: Database) -> None:
    """Wrong page size is no printer fault: "print.failed" with its code and the attempt; staff
    taking the job off the queue is "print.cancelled" naming them."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    (job_id,) = issue(db, ctx, paid, kinds=[DocumentKind.RECEIPT])
    printer = MemoryPrinter()
    printer.fail_with = "printer.wrong_page_size"
    assert PrintRunner(db, ctx, {PrinterRole.RECEIPT: printer}).run_once(PrinterRole.RECEIPT)
    with db.unit_of_work() as s:
        queue.cancel(s, ctx, job_id, paid.cashier)
    log = _log(db, job_id)
    assert sorted(log) == ["print.cancelled", "print.failed", "print.queued"]
    assert log["print.failed"] == (None, {"code": "printer.wrong_page_size", "attempts": 1})
    assert log["print.cancelled"] == (paid.cashier, {})


def test_crash_recovery_and_review_decisions_are_audited(db: Database) -> None:
    """Jobs a crash left "printing": each gets "print.recovered" with where it went (queued
    for the receipt, review for the cards); the staff's answers are "print.review_printed"
    (the cashier, no supervisor) and "print.review_requeued" (the cashier, with the
    supervisor who authorised printing the card again)."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    receipt, card1, card2 = left_printing(db, ctx, paid)
    with db.unit_of_work() as s:
        assert recovery.recover_at_startup(s, ctx) == recovery.Recovery(resumed=1, for_review=2)
    with db.unit_of_work() as s:
        recovery.resolve_review(s, ctx, card1, printed=True, staff_id=paid.cashier)
        recovery.resolve_review(
            s, ctx, card2, printed=False, staff_id=paid.cashier, supervisor_id=paid.supervisor
        )
    recovered = ("print.recovered", (None, {"to": PrintStatus.QUEUED.value}))
    for_review = ("print.recovered", (None, {"to": PrintStatus.REVIEW.value}))
    assert sorted(_log(db, receipt).items())[1:] == [recovered]
    assert sorted(_log(db, card1).items())[1:] == [
        for_review,
        ("print.review_printed", (paid.cashier, {"authorized_by": ""})),
    ]
    assert sorted(_log(db, card2).items())[1:] == [
        for_review,
        ("print.review_requeued", (paid.cashier, {"authorized_by": str(paid.supervisor)})),
    ]
