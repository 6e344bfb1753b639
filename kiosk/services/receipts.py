"""Receipts: gapless numbers per series taken inside the payment's transaction, and voids."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus
from kiosk.domain.numbers import receipt_number
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.ledger import open_parts, reverse_payment, shift_for_cash_back
from kiosk.services.staff_roles import require_supervisor
from kiosk.store.models import Enrollment, Receipt, ReceiptSeries, Visit

REASON_MAX = 300  # the column's length


def receipt_label(receipt: Receipt) -> str:
    """The printed number, e.g. "K01-000012"."""
    return receipt_number(receipt.series, receipt.number)


def next_receipt_number(session: Session, series: str) -> int:
    """Take the next number of `series`; the row stays locked until the transaction ends, so
    two kiosks sharing PostgreSQL never get the same number and a rollback leaves no gap."""
    row = session.scalar(
        select(ReceiptSeries)
        .where(ReceiptSeries.series == series)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if row is None:
        raise KioskError(
            "receipt.no_series",
            vi=f"Chưa có sê-ri biên lai {series} cho ki-ốt này.",
            en=f"Receipt series {series} is not set up for this kiosk.",
        )
    number = row.next_number
    row.next_number = number + 1
    return number


def issue_receipt(
    session: Session, ctx: KioskContext, visit: Visit, staff_id: uuid.UUID | None
) -> Receipt:
    """The receipt of a paid visit, numbered in this transaction."""
    number = next_receipt_number(session, ctx.receipt_series)
    receipt = Receipt(
        visit_id=visit.id,
        kiosk_id=ctx.kiosk_id,
        series=ctx.receipt_series,
        number=number,
        total=visit.total,
        staff_id=staff_id,
        issued_at=ctx.now(),
    )
    session.add(receipt)
    session.flush()
    audit.record(
        session,
        ctx.kiosk_id,
        "receipt.issued",
        entity="receipt",
        entity_id=receipt.id,
        staff_id=staff_id,
        number=receipt_label(receipt),
        total=visit.total,
    )
    return receipt


def void_receipt(
    session: Session,
    ctx: KioskContext,
    receipt_id: uuid.UUID,
    reason: str,
    supervisor_id: uuid.UUID,
) -> Receipt:
    """Void a receipt (supervisor only). It keeps its number (the series stays gapless) and
    gets voided_at/reason/by. Each of its payments gets a reversing entry: a Payment with the
    negative amount, reversal_of_id set and status CONFIRMED (the original stays CONFIRMED),
    in the shift open now, so shift totals net out and the money handed back is accounted
    for. Cash handed back needs an open shift; the visit and its enrollments are cancelled."""
    require_supervisor(session, supervisor_id)
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX:
        raise KioskError(
            "receipt.void_reason",
            vi=f"Cần ghi lý do hủy biên lai (tối đa {REASON_MAX} ký tự).",
            en=f"A reason (at most {REASON_MAX} characters) is required to void a receipt.",
        )
    receipt = session.scalars(
        select(Receipt)
        .where(Receipt.id == receipt_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if receipt is None:
        raise KioskError(
            "receipt.not_found", vi="Không tìm thấy biên lai.", en="Receipt not found."
        )
    if receipt.voided_at is not None:
        raise KioskError(
            "receipt.already_void", vi="Biên lai này đã bị hủy.", en="This receipt is already void."
        )
    originals = open_parts(session, receipt.visit_id)
    shift = shift_for_cash_back(
        session, ctx, originals, "khi hủy biên lai", "when voiding a receipt"
    )
    now = ctx.now()
    receipt.voided_at, receipt.void_reason, receipt.voided_by = now, reason, supervisor_id
    for payment in originals:
        reverse_payment(session, ctx, payment, shift, supervisor_id, reason, receipt_label(receipt))
    visit = session.get(Visit, receipt.visit_id)
    assert visit is not None
    visit.status = EnrollmentStatus.CANCELLED
    for enrollment in session.scalars(select(Enrollment).where(Enrollment.visit_id == visit.id)):
        enrollment.status = EnrollmentStatus.CANCELLED
    audit.record(
        session,
        ctx.kiosk_id,
        "receipt.voided",
        entity="receipt",
        entity_id=receipt.id,
        staff_id=supervisor_id,
        number=receipt_label(receipt),
        reason=reason,
        total=receipt.total,
    )
    return receipt
