"""The queue against the fake network receipt printer: every fault leaves the job queued with
the printer's Vietnamese message, and it prints exactly once when the printer is back."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.domain.enums import DocumentKind, PrinterRole, PrintStatus
from kiosk.store.db import Database
from kiosk.store.models import PrintJob
from kiosk.store.types import utcnow
from printing.backends.escpos_printers import NetworkEscposPrinter
from printing.worker import PrintRunner
from scenario.fake_escpos import FakeEscposPrinter, closed_port
from tests.printing.test_queue import issue
from tests.support.paid import fixed_ctx, paid_household

FAULTS = {
    "paper_out": "hết giấy",
    "drop": "bị ngắt giữa chừng",
    "silent": "không phản hồi",
}


def _due_now(db: Database) -> None:
    """Skip the back-off wait (the test's clock does not move on its own)."""
    with db.unit_of_work() as s:
        for job in s.scalars(select(PrintJob).where(PrintJob.status == PrintStatus.QUEUED)):
            job.next_attempt_at = utcnow() - timedelta(seconds=1)


def _until_recorded(fake: FakeEscposPrinter, jobs: int) -> None:
    """The fake records a job when its connection ends, on its own thread: wait for that."""
    deadline = time.monotonic() + 30  # generous: CI shares 2 busy cores
    while len(fake.jobs) < jobs and time.monotonic() < deadline:
        fake.wait_closed(fake.closed_connections + 1, timeout=0.1)


@pytest.mark.parametrize("mode", list(FAULTS))
def test_fault_then_recovery_prints_the_receipt_once(db: Database, mode: str) -> None:
    """paper out / connection dropped mid-job / printer silent: queued with the message;
    back to normal: the fake printer holds exactly one complete receipt."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    [job_id] = issue(db, ctx, paid, kinds=(DocumentKind.RECEIPT,))
    with FakeEscposPrinter() as fake:
        printer = NetworkEscposPrinter("receipt", "127.0.0.1", fake.port, timeout_s=0.5)
        runner = PrintRunner(db, ctx, {PrinterRole.RECEIPT: printer})
        fake.mode = mode
        assert runner.run_once(PrinterRole.RECEIPT)
        with db.read() as s:
            job = s.get_one(PrintJob, job_id)
            assert job.status == PrintStatus.QUEUED
            assert job.last_error is not None and FAULTS[mode] in job.last_error
        assert fake.jobs == []
        fake.mode = "normal"
        _due_now(db)
        assert runner.run_once(PrinterRole.RECEIPT)
        assert not runner.run_once(PrinterRole.RECEIPT)
        _until_recorded(fake, 1)
        assert len(fake.jobs) == 1 and fake.jobs[0].startswith(b"\x1b@")
    with db.read() as s:
        assert s.get_one(PrintJob, job_id).status == PrintStatus.DONE


def test_offline_printer_keeps_the_job(db: Database) -> None:
    """Nobody listening on the port: queued with "Không kết nối được", attempts counted."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    [job_id] = issue(db, ctx, paid, kinds=(DocumentKind.RECEIPT,))
    printer = NetworkEscposPrinter("receipt", "127.0.0.1", closed_port(), timeout_s=0.5)
    runner = PrintRunner(db, ctx, {PrinterRole.RECEIPT: printer})
    assert runner.run_once(PrinterRole.RECEIPT)
    with db.read() as s:
        job = s.get_one(PrintJob, job_id)
    assert job.status == PrintStatus.QUEUED and job.attempts == 1
    assert job.last_error is not None and "Không kết nối được" in job.last_error
