"""What the crash child does after each payment when printing: issue and print the documents.

The "paper" is an append-only log of job ids (fsync'd per line) per printer, so after a kill the
harness can tell what physically came out and compare it with the queue.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from kiosk.domain.enums import DocumentKind, PrinterRole
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from printing.backends.base import Payload, Printer, PrinterStatus
from printing.issue import issue_visit
from printing.worker import PrintRunner

KINDS = (DocumentKind.RECEIPT, DocumentKind.CARD)


class LogPrinter(Printer):
    """Appends "<payload name>" to a file for each job it prints."""

    def __init__(self, log: Path, accepts: tuple[str, ...]) -> None:
        self.name = log.stem
        self.accepts = accepts
        self.log = log

    def send(self, payload: Payload) -> None:
        fd = os.open(self.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, f"{payload.name}\n".encode())
            os.fsync(fd)
        finally:
            os.close(fd)

    def status(self) -> PrinterStatus:
        return PrinterStatus(True, "ok", "")


def paper_dir(db: Database) -> Path:
    """The printed logs live beside the SQLite file."""
    return Path(str(db.engine.url.database)).parent


def runner(db: Database, ctx: KioskContext) -> PrintRunner:
    folder = paper_dir(db)
    printers: dict[PrinterRole, Printer] = {
        PrinterRole.RECEIPT: LogPrinter(folder / "receipt.log", ("escpos",)),
        PrinterRole.CARD: LogPrinter(folder / "card.log", ("pdf",)),
    }
    return PrintRunner(db, ctx, printers)


def warm_up() -> None:
    """Fonts and layouts loaded, as in a kiosk that has been running a while."""
    from printing.documents.card import render_card_pdf
    from printing.documents.sample import sample_card, sample_receipt
    from printing.documents.thermal import render_receipt_escpos

    render_card_pdf(sample_card())
    render_receipt_escpos(sample_receipt())


def start(db: Database, ctx: KioskContext) -> None:
    """At start-up, as the kiosk does: re-examine interrupted jobs, print what is queued."""
    printing = runner(db, ctx)
    printing.recover()
    _drain(printing)


def run(db: Database, ctx: KioskContext, visit_id: uuid.UUID) -> None:
    """Issue the paid visit's receipt and cards and print them."""
    with db.unit_of_work() as s:
        issue_visit(s, ctx, visit_id, _sign, "BHXH tỉnh Đắk Lắk", None, KINDS, missing_only=True)
    _drain(runner(db, ctx))


def _drain(printing: PrintRunner) -> None:
    for role in printing.printers:
        while printing.run_once(role):
            pass


def _sign(fields: dict[str, str]) -> str:
    return "TEST|" + "|".join(f"{k}={v}" for k, v in sorted(fields.items()))


def check_printing(db: Database) -> list[str]:
    """After a kill and the start-up recovery: no card came out twice, every job marked done
    came out, a card that came out but was not marked waits for review, nothing is left
    "printing". Receipts may come out again after a crash (a slip, not a numbered document)."""
    from collections import Counter

    from sqlalchemy import select

    from kiosk.domain.enums import PrintStatus
    from kiosk.store.models import PrintJob
    from printing import recovery
    from tests.support.factories import kiosk_context

    with db.unit_of_work() as s:
        recovery.recover_at_startup(s, kiosk_context())
    folder = paper_dir(db)
    printed: Counter[str] = Counter()
    for log in ("receipt.log", "card.log"):
        path = folder / log
        if path.exists():
            printed.update(line for line in path.read_text().splitlines() if line)
    problems = []
    with db.read() as s:
        for job in s.scalars(select(PrintJob)):
            out = printed[f"{job.kind.value}-{str(job.id)[:8]}"]
            if job.status == PrintStatus.PRINTING:
                problems.append(f"job {job.id} still printing after recovery")
            if job.status == PrintStatus.DONE and out < 1:
                problems.append(f"{job.kind.value} job {job.id} done but never printed")
            if job.kind == DocumentKind.CARD and out > 1:
                problems.append(f"card job {job.id} printed {out} times")
            if job.kind == DocumentKind.CARD and out == 1 and job.status == PrintStatus.QUEUED:
                problems.append(f"card job {job.id} printed yet queued to print again")
    return problems
