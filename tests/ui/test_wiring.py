"""The screens' wiring: the self-service ticket goes on the receipt printer's queue and prints."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Config
from kiosk.domain.enums import DocumentKind, PrinterRole, PrintStatus, Scheme
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import PrintJob
from printing.worker import PrintRunner
from scenario.memory_printer import MemoryPrinter
from tests.support.paid import HOUSEHOLD, fixed_ctx
from ui.print_worker import PrintSignals
from ui.selfservice.model import Registration
from ui.wiring import queue_ticket_printer


def test_ticket_is_queued_once_and_printed(qtbot: QtBot, db: Database, config: Config) -> None:
    """Pressing "print my ticket" twice queues one job; the PDF ticket shows A001, the name and
    the amount to pay at the desk."""
    ctx = fixed_ctx()
    members = [MemberRequest(HOUSEHOLD[0], (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),))]
    with db.unit_of_work() as s:
        reg = register_visit(s, ctx, members, source="self_service")
    printer = MemoryPrinter()
    signals = PrintSignals()
    runner = PrintRunner(db, ctx, {PrinterRole.RECEIPT: printer}, on_event=signals.emit_event)
    signals.attach(runner)
    print_ticket = queue_ticket_printer(db, ctx, signals)
    registration = Registration(str(reg.visit_id), reg.queue_number, reg.quote.total, reg)
    print_ticket(registration)
    print_ticket(registration)
    with db.read() as s:
        jobs = s.scalars(select(PrintJob)).all()
    assert [(j.kind, j.status) for j in jobs] == [(DocumentKind.QUEUE_TICKET, PrintStatus.QUEUED)]
    with qtbot.waitSignal(signals.job_changed, timeout=5000):
        assert runner.run_once(PrinterRole.RECEIPT)
    text = PdfReader(io.BytesIO(printer.payloads[0].data)).pages[0].extract_text()
    assert "A001" in text and "Nguyễn Thị Huyền" in text and "1.366.200" in text
