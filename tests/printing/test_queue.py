"""The print queue: issuing a paid visit, printing in order, faults, the reprint guard, recovery."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.domain.enums import DocumentKind, PrinterRole, PrintStatus
from kiosk.domain.provisional import sign_provisional
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, PrintJob
from kiosk.store.types import utcnow
from printing import queue, recovery
from printing.issue import issue_visit
from printing.worker import JobEvent, PrintRunner
from scenario.memory_printer import MemoryPrinter
from tests.support.paid import NOON_VN, PaidVisit, fixed_ctx, paid_household

KEY = Ed25519PrivateKey.generate()
PLACE = "Bảo hiểm xã hội tỉnh Đắk Lắk"


def _sign(fields: dict[str, str]) -> str:
    return sign_provisional(fields, KEY, "K01")


def issue(db: Database, ctx: KioskContext, paid: PaidVisit, **kw: object) -> list[uuid.UUID]:
    with db.unit_of_work() as s:
        return issue_visit(s, ctx, paid.visit_id, _sign, PLACE, paid.cashier, **kw)  # type: ignore[arg-type]


def left_printing(db: Database, ctx: KioskContext, paid: PaidVisit) -> list[uuid.UUID]:
    """The visit's receipt and two cards issued and claimed, then the process dies: all three
    are left "printing" (receipt, card, card)."""
    jobs = issue(db, ctx, paid)
    with db.unit_of_work() as s:
        for role in (PrinterRole.RECEIPT, PrinterRole.CARD, PrinterRole.CARD):
            assert queue.claim_next(s, ctx, role) is not None
    return jobs


def _runner(db: Database, ctx: KioskContext, **printers: MemoryPrinter) -> PrintRunner:
    return PrintRunner(db, ctx, {PrinterRole(k): p for k, p in printers.items()})


def _status(db: Database, job_id: uuid.UUID) -> PrintJob:
    with db.read() as s:
        job = s.get_one(PrintJob, job_id)
        s.expunge(job)
        return job


def _drain(runner: PrintRunner, role: PrinterRole) -> int:
    done = 0
    while runner.run_once(role):
        done += 1
    return done


def test_issue_prints_receipts_per_scheme_and_confirmations(any_db: Database) -> None:
    """A paid household with voluntary SI for one member: one receipt per scheme and a signed
    payment confirmation per health insurance member, each printed once; no booklet cover
    unless asked (paper on request); thermal receipts as ESC/POS, confirmations as ID-1 PDFs.
    Asked for, the booklet cover prints for the member in voluntary SI."""
    ctx = fixed_ctx()
    paid = paid_household(any_db, ctx, voluntary_income=1_500_000)
    jobs = issue(any_db, ctx, paid)
    with any_db.read() as s:
        kinds = [s.get_one(PrintJob, j).kind for j in jobs]
    assert kinds == [
        DocumentKind.RECEIPT,
        DocumentKind.CARD,
        DocumentKind.RECEIPT,
        DocumentKind.CARD,
    ]
    receipt, card, booklet = MemoryPrinter(accepts=("escpos",)), MemoryPrinter(), MemoryPrinter()
    runner = _runner(any_db, ctx, receipt=receipt, card=card, booklet=booklet)
    assert [
        _drain(runner, r) for r in (PrinterRole.RECEIPT, PrinterRole.CARD, PrinterRole.BOOKLET)
    ] == [2, 2, 0]
    for payload in receipt.payloads:
        assert payload.kind == "escpos" and payload.data.startswith(b"\x1b@")
        assert b"\x1dV" in payload.data[-8:]  # ends with the cut
    for payload in card.payloads:
        page = PdfReader(io.BytesIO(payload.data)).pages[0]
        assert (
            round(float(page.mediabox.width) / 72 * 25.4, 1),
            round(float(page.mediabox.height) / 72 * 25.4, 1),
        ) == (85.6, 54.0)
    texts = [PdfReader(io.BytesIO(p.data)).pages[0].extract_text() for p in card.payloads]
    assert ["NGUYỄN THỊ HUYỀN" in t for t in texts] == [True, False]
    assert ["TRẦN VĂN ĐỨC" in t for t in texts] == [False, True]
    assert all("Giấy này không phải là thẻ bảo hiểm y tế" in t for t in texts)
    assert all(_status(any_db, j).status == PrintStatus.DONE for j in jobs)
    (cover,) = issue(any_db, ctx, paid, kinds=[DocumentKind.BOOKLET])
    assert _drain(runner, PrinterRole.BOOKLET) == 1 and _status(any_db, cover).is_reprint is False
    booklet_text = PdfReader(io.BytesIO(booklet.payloads[0].data)).pages[0].extract_text()
    assert "NGUYỄN THỊ HUYỀN" in booklet_text and "066185012345" in booklet_text


def test_second_issue_while_queued_adds_nothing(db: Database) -> None:
    """Pressing "print" twice before the printer ran gives the same jobs, not two of each."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    assert issue(db, ctx, paid) == issue(db, ctx, paid)
    with db.read() as s:
        assert len(s.scalars(select(PrintJob)).all()) == 3


def test_printed_card_needs_reason_and_supervisor_to_print_again(db: Database) -> None:
    """After printing, issuing again is refused; a receipt reprint needs a reason, a card
    reprint a reason and a supervisor; the reprint is marked and audited."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    jobs = issue(db, ctx, paid)
    printer = MemoryPrinter()
    runner = _runner(db, ctx, receipt=printer, card=printer)
    _drain(runner, PrinterRole.RECEIPT)
    _drain(runner, PrinterRole.CARD)
    with pytest.raises(KioskError) as again:
        issue(db, ctx, paid)
    assert again.value.code == "print.already_printed"
    assert "lý do" in again.value.vi
    card_job = jobs[1]
    with db.unit_of_work() as s, pytest.raises(KioskError) as no_sup:
        queue.reprint(s, ctx, card_job, "Thẻ bị kẹt giấy", paid.cashier)
    assert no_sup.value.code == "auth.supervisor_required"
    with db.unit_of_work() as s, pytest.raises(KioskError) as no_reason:
        queue.reprint(s, ctx, jobs[0], "  ", paid.cashier)
    assert no_reason.value.code == "print.already_printed"
    with db.unit_of_work() as s:
        again_card = queue.reprint(
            s, ctx, card_job, "Thẻ bị kẹt giấy", paid.cashier, paid.supervisor
        )
        again_receipt = queue.reprint(s, ctx, jobs[0], "Khách làm mất", paid.cashier)
        ids = again_card.id, again_receipt.id
    _drain(runner, PrinterRole.CARD)
    _drain(runner, PrinterRole.RECEIPT)
    assert len(printer.payloads) == 5
    with db.read() as s:
        card = s.get_one(PrintJob, ids[0])
        assert (card.is_reprint, card.reprint_reason, card.authorized_by) == (
            True,
            "Thẻ bị kẹt giấy",
            paid.supervisor,
        )
        actions = list(
            s.scalars(
                select(AuditEntry.action).where(AuditEntry.entity_id.in_([str(i) for i in ids]))
            )
        )
    assert sorted(actions) == [
        "print.reprint_queued",
        "print.reprint_queued",
        "print.reprinted",
        "print.reprinted",
    ]


def test_printer_fault_keeps_job_queued_and_prints_once_when_back(any_db: Database) -> None:
    """Paper out: the job goes back to the queue with the Vietnamese error and a back-off, the
    jobs behind it wait, and once paper is loaded each prints exactly once, in order."""
    ctx = fixed_ctx()
    paid = paid_household(any_db, ctx)
    jobs = issue(any_db, ctx, paid)
    printer = MemoryPrinter()
    events: list[object] = []
    runner = PrintRunner(any_db, ctx, {PrinterRole.CARD: printer}, on_event=events.append)
    printer.fail_with = "printer.paper_out"
    assert runner.run_once(PrinterRole.CARD)
    first = _status(any_db, jobs[1])
    assert first.status == PrintStatus.QUEUED
    assert first.last_error is not None and "hết giấy" in first.last_error
    assert first.next_attempt_at is not None and first.attempts == 1
    assert not runner.run_once(PrinterRole.CARD)  # waiting out the back-off; job 2 waits too
    assert printer.payloads == []
    printer.fail_with = None
    with any_db.unit_of_work() as s:
        s.get_one(PrintJob, jobs[1]).next_attempt_at = utcnow() - timedelta(seconds=1)
    assert _drain(runner, PrinterRole.CARD) == 2
    assert len(printer.payloads) == 2
    done = [e for e in events if isinstance(e, JobEvent) and e.status == PrintStatus.DONE]
    assert [e.job_id for e in done] == [jobs[1], jobs[2]]
    assert _status(any_db, jobs[1]).attempts == 2


def test_wrong_page_size_fails_until_staff_retries(db: Database) -> None:
    """A fault retrying cannot fix fails the job (it does not loop); staff retry requeues it."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    jobs = issue(db, ctx, paid, kinds=(DocumentKind.RECEIPT,))
    printer = MemoryPrinter()
    printer.fail_with = "printer.wrong_page_size"
    runner = _runner(db, ctx, receipt=printer)
    assert runner.run_once(PrinterRole.RECEIPT)
    assert _status(db, jobs[0]).status == PrintStatus.FAILED
    assert not runner.run_once(PrinterRole.RECEIPT)
    printer.fail_with = None
    with db.unit_of_work() as s:
        queue.retry(s, ctx, jobs[0], paid.cashier)
    assert runner.run_once(PrinterRole.RECEIPT)
    assert _status(db, jobs[0]).status == PrintStatus.DONE
    with db.unit_of_work() as s, pytest.raises(KioskError) as done:
        queue.cancel(s, ctx, jobs[0], paid.cashier)
    assert done.value.code == "print.wrong_state"


def test_crash_while_printing_resumes_slips_and_reviews_cards(any_db: Database) -> None:
    """Jobs a crash left "printing": the receipt prints again, the card waits for a person;
    "not printed" on a card needs a supervisor, "printed" closes it without printing."""
    ctx = fixed_ctx()
    paid = paid_household(any_db, ctx)
    receipt_job, card1, card2 = left_printing(any_db, ctx, paid)
    printer = MemoryPrinter()
    runner = _runner(any_db, ctx, receipt=printer, card=printer)
    assert runner.recover() == recovery.Recovery(resumed=1, for_review=2)
    assert _status(any_db, receipt_job).status == PrintStatus.QUEUED
    assert _status(any_db, card1).status == PrintStatus.REVIEW
    assert _drain(runner, PrinterRole.CARD) == 0
    with any_db.unit_of_work() as s:
        recovery.resolve_review(s, ctx, card1, printed=True, staff_id=paid.cashier)
    with any_db.unit_of_work() as s, pytest.raises(KioskError) as refused:
        recovery.resolve_review(s, ctx, card2, printed=False, staff_id=paid.cashier)
    assert refused.value.code == "auth.supervisor_required"
    with any_db.unit_of_work() as s:
        recovery.resolve_review(
            s, ctx, card2, printed=False, staff_id=paid.cashier, supervisor_id=paid.supervisor
        )
    assert _drain(runner, PrinterRole.RECEIPT) == 1
    assert _drain(runner, PrinterRole.CARD) == 1
    assert len(printer.payloads) == 2
    assert _status(any_db, card1).status == PrintStatus.DONE


def test_unpaid_visit_cannot_be_issued(db: Database) -> None:
    """Documents are printed only after payment."""
    ctx = fixed_ctx()
    with db.unit_of_work() as s, pytest.raises(KioskError) as refused:
        issue_visit(s, ctx, uuid.uuid4(), _sign, PLACE)
    assert refused.value.code == "issuance.visit_not_paid"


def test_pending_counts_per_printer(db: Database) -> None:
    """The status bar's numbers: what waits on each printer."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    issue(db, ctx, paid)
    with db.read() as s:
        counts = queue.pending_counts(s, ctx)
    assert counts[PrinterRole.CARD] == {PrintStatus.QUEUED: 2}
    assert counts[PrinterRole.RECEIPT] == {PrintStatus.QUEUED: 1}
    assert counts[PrinterRole.BOOKLET] == {}


def test_resuming_an_issue_adds_only_what_is_missing(db: Database) -> None:
    """After a crash the screen re-issues the visit: printed and queued documents are left
    alone (no reprint error, no second job), a cancelled one is queued again."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    receipt_job, card1, _card2 = issue(db, ctx, paid)
    printer = MemoryPrinter()
    _drain(_runner(db, ctx, receipt=printer), PrinterRole.RECEIPT)
    with db.unit_of_work() as s:
        queue.cancel(s, ctx, card1, paid.cashier)
    again = issue(db, ctx, paid, missing_only=True)
    assert len(again) == 1 and again[0] not in (receipt_job, card1)
    with db.read() as s:
        assert s.get_one(PrintJob, again[0]).kind == DocumentKind.CARD
        assert not s.get_one(PrintJob, again[0]).is_reprint


def test_printer_faults_back_off_2_4_8_15_30_then_30_seconds(db: Database) -> None:
    """With the clock fixed (no sleeping), each printer fault of one job puts its next attempt
    2, 4, 8, 15, 30 s after the fault, and 30 s after every fault from the sixth on; one second
    before that the job is not handed out, at that second it is."""
    ctx = fixed_ctx()
    paid = paid_household(db, ctx)
    (job_id,) = issue(db, ctx, paid, kinds=(DocumentKind.RECEIPT,))
    fault = KioskError(
        "printer.paper_out", vi="Máy in hết giấy.", en="The printer is out of paper."
    )
    at = NOON_VN
    delays = []
    for attempt in range(1, 8):
        with db.unit_of_work() as s:
            claimed = queue.claim_next(s, ctx, PrinterRole.RECEIPT, now=at)
            assert claimed is not None and claimed.id == job_id and claimed.attempts == attempt
            failed_at = at + timedelta(seconds=1)  # the printer answers a second later
            job = queue.mark_failed(s, ctx, job_id, fault, retryable=True, now=failed_at)
            assert job.next_attempt_at is not None
            delays.append((job.next_attempt_at - failed_at).total_seconds())
            at = job.next_attempt_at
        with db.unit_of_work() as s:
            early = at - timedelta(seconds=1)
            assert queue.claim_next(s, ctx, PrinterRole.RECEIPT, now=early) is None
    assert delays == [2, 4, 8, 15, 30, 30, 30]
    stored = _status(db, job_id)
    assert (stored.status, stored.attempts, stored.next_attempt_at) == (PrintStatus.QUEUED, 7, at)
