"""What the crash child does after each payment when printing: issue and print the documents.

The "paper" is an append-only log of job names (fsync'd per line) per printer, in a folder on
the real disk (paper that came out of a printer survives a power cut), so after a kill the
harness can tell what physically came out and compare it with the queue and the books.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import DocumentKind, EnrollmentStatus, PrinterRole, PrintStatus
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from kiosk.store.models import PrintJob, Receipt, Visit
from printing.backends.base import Payload, Printer, PrinterStatus
from printing.issue import issue_visit
from printing.worker import PrintRunner

KINDS = (DocumentKind.RECEIPT, DocumentKind.CARD)
LOGS = ("receipt.log", "card.log")


class LogPrinter(Printer):
    """Appends "<payload name>" to a file for each job it prints; `on_paper` runs after."""

    def __init__(
        self, log: Path, accepts: tuple[str, ...], on_paper: Callable[[], None] = lambda: None
    ) -> None:
        self.name = log.stem
        self.accepts = accepts
        self.log = log
        self.on_paper = on_paper

    def send(self, payload: Payload) -> None:
        fd = os.open(self.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, f"{payload.name}\n".encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        self.on_paper()

    def status(self) -> PrinterStatus:
        return PrinterStatus(True, "ok", "")


def runner(
    db: Database, ctx: KioskContext, paper: Path, on_paper: Callable[[], None] = lambda: None
) -> PrintRunner:
    printers: dict[PrinterRole, Printer] = {
        PrinterRole.RECEIPT: LogPrinter(paper / "receipt.log", ("escpos",), on_paper),
        PrinterRole.CARD: LogPrinter(paper / "card.log", ("pdf",), on_paper),
    }
    return PrintRunner(db, ctx, printers)


def warm_up() -> None:
    """Fonts and layouts loaded, as in a kiosk that has been running a while."""
    from printing.documents.card import render_card_pdf
    from printing.documents.sample import sample_card, sample_receipt
    from printing.documents.thermal import render_receipt_escpos

    render_card_pdf(sample_card())
    render_receipt_escpos(sample_receipt())


def start(printing: PrintRunner) -> None:
    """At start-up, as the kiosk does: re-examine interrupted jobs, print what is queued."""
    printing.recover()
    _drain(printing)


def run(db: Database, ctx: KioskContext, printing: PrintRunner, visit_id: uuid.UUID) -> None:
    """Issue the paid visit's receipt and cards and print them."""
    with db.unit_of_work() as s:
        issue_visit(s, ctx, visit_id, _sign, "BHXH tỉnh Đắk Lắk", None, KINDS, missing_only=True)
    _drain(printing)


def _drain(printing: PrintRunner) -> None:
    for role in printing.printers:
        while printing.run_once(role):
            pass


def _sign(fields: dict[str, str]) -> str:
    return "TEST|" + "|".join(f"{k}={v}" for k, v in sorted(fields.items()))


def paper_lines(paper: Path) -> Counter[str]:
    """How many times each job name came out of the printers."""
    printed: Counter[str] = Counter()
    for log in LOGS:
        path = paper / log
        if path.exists():
            printed.update(line for line in path.read_text().splitlines() if line)
    return printed


def check_printing(db: Database, paper: Path) -> list[str]:
    """After a kill and the start-up recovery: no card came out twice, every job marked done
    came out, a card that came out but was not marked waits for review, nothing is left
    "printing", and every receipt on paper is a paid (or since voided) receipt in the books.
    Receipts may come out again after a crash (a slip, not a numbered document)."""
    from printing import recovery
    from tests.support.factories import kiosk_context

    with db.unit_of_work() as s:
        recovery.recover_at_startup(s, kiosk_context())
    printed = paper_lines(paper)
    problems = []
    with db.read() as s:
        jobs = {f"{job.kind.value}-{str(job.id)[:8]}": job for job in s.scalars(select(PrintJob))}
        for name, job in jobs.items():
            out = printed[name]
            if job.status == PrintStatus.PRINTING:
                problems.append(f"job {job.id} still printing after recovery")
            if job.status == PrintStatus.DONE and out < 1:
                problems.append(f"{job.kind.value} job {job.id} done but never printed")
            if job.kind == DocumentKind.CARD and out > 1:
                problems.append(f"card job {job.id} printed {out} times")
            if job.kind == DocumentKind.CARD and out == 1 and job.status == PrintStatus.QUEUED:
                problems.append(f"card job {job.id} printed yet queued to print again")
        for name in printed:
            paper_job = jobs.get(name)
            if paper_job is None:
                problems.append(f"{name} came out of the printer but its job is not in the books")
            elif paper_job.kind == DocumentKind.RECEIPT:
                problems += _receipt_on_paper(s, name, paper_job)
    return problems


def _receipt_on_paper(s: Session, name: str, job: PrintJob) -> list[str]:
    receipt = s.get(Receipt, uuid.UUID(job.source_id))
    if receipt is None:
        return [f"{name}: receipt {job.source_id} on paper is not in the books"]
    visit = s.get(Visit, receipt.visit_id)
    assert visit is not None
    if visit.status != EnrollmentStatus.PAID and receipt.voided_at is None:
        return [f"{name}: receipt {receipt.number} on paper for an unpaid visit"]
    return []
