"""Receipts: gapless numbers per series taken inside the payment's transaction, and voids."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, PaymentStatus
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.shifts import current_shift
from kiosk.services.staff_roles import require_supervisor
from kiosk.store.models import Enrollment, Payment, Receipt, ReceiptSeries, Visit


def next_receipt_number(session: Session, series: str) -> int:
    """Take the next number of `series`; the row stays locked until the transaction ends, so
    two kiosks sharing PostgreSQL never get the same number and a rollback leaves no gap."""
    row = session.scalar(
        select(ReceiptSeries).where(ReceiptSeries.series == series).with_for_update()
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
        number=f"{receipt.series}-{number:06d}",
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
    """Void a receipt: it keeps its number; each payment gets a reversing entry (negative amount,
    confirmed, in the current shift) so shift totals net out; the registration is cancelled."""
    require_supervisor(session, supervisor_id)
    if not reason.strip():
        raise KioskError(
            "receipt.void_reason",
            vi="Cần ghi lý do hủy biên lai.",
            en="A reason is required to void a receipt.",
        )
    receipt = session.get(Receipt, receipt_id)
    if receipt is None:
        raise KioskError(
            "receipt.not_found", vi="Không tìm thấy biên lai.", en="Receipt not found."
        )
    if receipt.voided_at is not None:
        raise KioskError(
            "receipt.already_void", vi="Biên lai này đã bị hủy.", en="This receipt is already void."
        )
    now = ctx.now()
    receipt.voided_at, receipt.void_reason, receipt.voided_by = now, reason.strip(), supervisor_id
    shift = current_shift(session, ctx)
    originals = session.scalars(
        select(Payment).where(
            Payment.visit_id == receipt.visit_id,
            Payment.status == PaymentStatus.CONFIRMED,
            Payment.amount > 0,
        )
    ).all()
    for payment in originals:
        session.add(
            Payment(
                visit_id=payment.visit_id,
                kiosk_id=ctx.kiosk_id,
                shift_id=shift.id if shift else payment.shift_id,
                staff_id=supervisor_id,
                method=payment.method,
                status=PaymentStatus.CONFIRMED,
                amount=-payment.amount,
                reversal_of_id=payment.id,
                idempotency_key=f"void:{payment.id}",
                confirmed_at=now,
                confirmed_by=supervisor_id,
                detail_json={"reason": reason.strip()},
            )
        )
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
        number=f"{receipt.series}-{receipt.number:06d}",
        reason=reason.strip(),
        total=receipt.total,
    )
    return receipt
