"""The day report (exact đồng per method, scheme, hour) and the self-service waiting queue."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime

import pytest

from kiosk.domain.enums import (
    ActivityKind,
    DocumentKind,
    PaymentMethod,
    PrinterRole,
    PrintStatus,
    Scheme,
    Sex,
    SupportGroup,
)
from kiosk.domain.localtime import UTC
from kiosk.services.campaign import record_activity
from kiosk.services.receipts import void_receipt
from kiosk.services.register import SchemeChoice
from kiosk.services.reports import DayReport, QueueEntry, day_report, waiting_queue
from kiosk.store.db import Database
from kiosk.store.models import PrintJob
from tests.kiosk.services.consoledata import NOW, ctx_at, draft, pay, register
from tests.kiosk.services.payflow import open_day

CASH, CARD, QR = PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.VIETQR
AFTERNOON = datetime(2026, 11, 25, 7, 30, tzinfo=UTC)  # 14:30 local
EVE = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)  # 23:30 local on the 24th
BHXH1 = SchemeChoice(Scheme.BHXH_VOLUNTARY, 1, 1_500_000, SupportGroup.OTHER)
HOURS0 = dict.fromkeys(range(24), 0)


@pytest.fixture
def busy_day(any_db: Database) -> Database:
    """A day of sales: new, renewal household paid by split, voluntary SI, a void, the eve."""
    ctx = ctx_at()
    _, supervisor = open_day(any_db, ctx)
    a = register(any_db, ctx, [draft("Nguyễn Thị Huyền", 1)])
    pay(any_db, ctx, a, [(CASH, 1_366_200)])
    b = register(
        any_db,
        ctx,
        [draft("Trần Văn Đức", 2, date(1980, 2, 2), Sex.MALE), draft("Trần Thị Mai", 3)],
        previous_expiry=date(2026, 12, 31),
    )
    pay(any_db, ctx, b, [(CASH, 322_540), (CARD, 2_000_000)])
    c = register(any_db, ctx_at(AFTERNOON), [draft("Lê Văn Nam", 4, sex=Sex.MALE)], [BHXH1])
    pay(any_db, ctx_at(AFTERNOON), c, [(CASH, 264_000)])
    d = register(any_db, ctx, [draft("Phạm Thị Lan", 5)])
    receipt = pay(any_db, ctx, d, [(CASH, 1_366_200)]).receipt_id
    assert receipt is not None
    with any_db.unit_of_work() as s:
        void_receipt(s, ctx, receipt, "Nhập sai người", supervisor)
    e = register(any_db, ctx_at(EVE), [draft("Võ Thị Hoa", 6)])
    pay(any_db, ctx_at(EVE), e, [(CASH, 1_366_200)])
    with any_db.unit_of_work() as s:
        for kind, status in [
            (DocumentKind.RECEIPT, PrintStatus.DONE),
            (DocumentKind.RECEIPT, PrintStatus.DONE),
            (DocumentKind.CARD, PrintStatus.DONE),
            (DocumentKind.CARD, PrintStatus.FAILED),
        ]:
            s.add(
                PrintJob(
                    kind=kind,
                    printer_role=PrinterRole.RECEIPT,
                    status=status,
                    kiosk_id=ctx.kiosk_id,
                    created_at=NOW,
                    finished_at=NOW,
                )
            )
        record_activity(s, ctx, ActivityKind.VSSID_INSTALL, None)
        record_activity(s, ctx_at(EVE), ActivityKind.CONSULTATION, None)
    return any_db


def test_day_report_has_exact_figures(busy_day: Database) -> None:
    """25/11: 3 health + 1 voluntary SI paid (the voided one not), 2 renewals; cash nets the void
    (1,366,200 + 322,540 + 264,000 + 1,366,200 - 1,366,200); 5 payments; per-hour amounts."""
    with busy_day.read() as s:
        report = day_report(s, ctx_at(), date(2026, 11, 25))
    hourly = HOURS0 | {10: 3_688_740, 14: 264_000}
    assert report == DayReport(
        day=date(2026, 11, 25),
        participants_by_scheme={Scheme.BHYT_HOUSEHOLD: 3, Scheme.BHXH_VOLUNTARY: 1},
        new_participants=2,
        renewals=2,
        amount_by_method={CASH: 1_952_740, QR: 0, CARD: 2_000_000},
        payments_count=5,
        total_amount=3_952_740,
        documents_printed=dict.fromkeys(DocumentKind, 0)
        | {DocumentKind.RECEIPT: 2, DocumentKind.CARD: 1},
        campaign={
            ActivityKind.VSSID_INSTALL: 1,
            ActivityKind.NONCASH_PENSION: 0,
            ActivityKind.CONSULTATION: 0,
        },
        hourly_amounts=sorted(hourly.items()),
    )


def test_whole_event_and_other_days(busy_day: Database) -> None:
    """No day: the eve's sale (23:30 local on the 24th) is added; the 24th holds only it."""
    with busy_day.read() as s:
        event = day_report(s, ctx_at())
        eve = day_report(s, ctx_at(), date(2026, 11, 24))
        empty = day_report(s, ctx_at(), date(2026, 11, 26))
    assert event.participants_by_scheme == {Scheme.BHYT_HOUSEHOLD: 4, Scheme.BHXH_VOLUNTARY: 1}
    assert (event.new_participants, event.renewals, event.payments_count) == (3, 2, 6)
    assert event.total_amount == 5_318_940 and event.amount_by_method[CASH] == 3_318_940
    assert dict(event.hourly_amounts) == HOURS0 | {10: 3_688_740, 14: 264_000, 23: 1_366_200}
    assert event.campaign[ActivityKind.CONSULTATION] == 1
    assert (eve.total_amount, eve.payments_count, eve.new_participants) == (1_366_200, 1, 1)
    assert dict(eve.hourly_amounts) == HOURS0 | {23: 1_366_200}
    assert (empty.total_amount, empty.payments_count) == (0, 0)
    assert empty.documents_printed == dict.fromkeys(DocumentKind, 0)


def test_other_events_are_not_counted(busy_day: Database) -> None:
    """A context of another event sees none of these sales."""
    base = ctx_at()
    other = type(base)(base.kiosk_id, uuid.uuid4(), base.receipt_series, clock=base.clock)
    with busy_day.read() as s:
        report = day_report(s, other)
    assert (report.total_amount, report.payments_count) == (0, 0)
    assert sum(report.participants_by_scheme.values()) == 0


def test_waiting_queue_lists_unpaid_self_registrations(any_db: Database) -> None:
    """Two waiting self-registrations oldest first, one with a transfer pending; paid and staff
    registrations are not in the queue."""
    early = ctx_at(datetime(2026, 11, 25, 2, 0, tzinfo=UTC))
    first = register(any_db, early, [draft("Nguyễn Thị Huyền", 1)], source="self_service")
    family = [draft("Trần Văn Đức", 2, date(1980, 2, 2), Sex.MALE), draft("Trần Thị Mai", 3)]
    second = register(any_db, ctx_at(), family, source="self_service")
    paid = register(any_db, ctx_at(), [draft("Lê Thị Hoa", 4)], source="self_service")
    register(any_db, ctx_at(), [draft("Phạm Văn An", 5, sex=Sex.MALE)])
    pay(any_db, ctx_at(), second, [(QR, 2_322_540)])
    open_day(any_db, ctx_at())
    pay(any_db, ctx_at(), paid, [(CASH, 1_366_200)])
    with any_db.read() as s:
        queue = waiting_queue(s, ctx_at())
    # created_at is the wall-clock insert time (the model's default), so it orders the queue.
    assert queue[0].created_at <= queue[1].created_at
    assert [replace(q, created_at=NOW) for q in queue] == [
        QueueEntry(first, "A001", "Nguyễn Thị Huyền", 1, 1_366_200, NOW, "draft"),
        QueueEntry(second, "A002", "Trần Văn Đức", 2, 2_322_540, NOW, "transfer_pending"),
    ]
