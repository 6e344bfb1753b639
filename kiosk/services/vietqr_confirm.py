"""Pending VietQR transfers: confirm one when the money is seen, or give up on it."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus, ShiftStatus
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.ledger import (
    CheckoutResult,
    attempt_parts,
    lock_visit,
    open_parts,
    result_for,
    reverse_payment,
    shift_for_cash_back,
    split_key,
)
from kiosk.services.settle import finalize_visit
from kiosk.services.shifts import lock_open_shift
from kiosk.store.models import Payment, Shift, Visit


def confirm_vietqr(
    session: Session,
    ctx: KioskContext,
    payment_id: uuid.UUID,
    staff_id: uuid.UUID | None,
    how: str = "staff",
) -> CheckoutResult:
    """Staff (or a bank statement, `how`) saw the money of a pending VietQR transfer.

    When it was the visit's last unconfirmed part, the visit becomes PAID and its receipt is
    numbered in this transaction. Confirming an already confirmed transfer changes nothing
    and returns the same result (a double tap, or staff and a statement both confirming).
    The payment is counted in the shift open now: a shift closed while it was pending keeps
    its Z figures (the shift it was taken in is kept in detail_json["taken_in_shift"]).
    """
    payment = _payment(session, payment_id)
    if payment.method != PaymentMethod.VIETQR:
        raise _not_pending()
    visit = _locked_visit(session, payment.visit_id)
    session.refresh(payment)  # the visit lock makes this the latest committed state
    if payment.status == PaymentStatus.PENDING:
        payment.status = PaymentStatus.CONFIRMED
        payment.confirmed_at = ctx.now()
        payment.confirmed_by = staff_id
        taken_in = session.get(Shift, payment.shift_id) if payment.shift_id else None
        if taken_in is None or taken_in.status != ShiftStatus.OPEN:
            shift = lock_open_shift(session, ctx)
            if payment.shift_id is not None:
                payment.detail_json = {
                    **payment.detail_json,
                    "taken_in_shift": str(payment.shift_id),
                }
            payment.shift_id = shift.id if shift else None
        audit.record(
            session,
            ctx.kiosk_id,
            "payment.confirmed",
            entity="payment",
            entity_id=payment.id,
            staff_id=staff_id,
            how=how,
            amount=payment.amount,
        )
        live = open_parts(session, visit.id)
        if visit.status != EnrollmentStatus.PAID and all(
            p.status == PaymentStatus.CONFIRMED for p in live
        ):
            finalize_visit(session, ctx, visit, staff_id)
    elif payment.status != PaymentStatus.CONFIRMED:
        raise _not_pending()
    return result_for(session, visit, attempt_parts(session, split_key(payment.idempotency_key)[0]))


def cancel_pending(
    session: Session,
    ctx: KioskContext,
    payment_id: uuid.UUID,
    staff_id: uuid.UUID | None,
    reason: str = "chuyển khoản không thành / transfer not made",
) -> None:
    """Give up on a pending transfer (the person pays another way). The whole attempt goes:
    pending parts become VOIDED; parts already confirmed (the cash or card of a split) keep
    their entry and get a reversing one in the shift open now, because that money is handed
    back now (cash needs an open shift). The visit can then be paid again."""
    payment = _payment(session, payment_id)
    visit = _locked_visit(session, payment.visit_id)
    session.refresh(payment)
    if payment.status != PaymentStatus.PENDING or visit.status == EnrollmentStatus.PAID:
        raise _not_pending()
    parts = open_parts(session, payment.visit_id)
    shift = shift_for_cash_back(session, ctx, parts, "đã nhận", "already taken")
    for part in parts:
        if part.status == PaymentStatus.PENDING:
            part.status = PaymentStatus.VOIDED
        else:
            reverse_payment(session, ctx, part, shift, staff_id, reason)
        audit.record(
            session,
            ctx.kiosk_id,
            "payment.cancelled",
            entity="payment",
            entity_id=part.id,
            staff_id=staff_id,
            amount=part.amount,
            method=part.method.value,
            reason=reason,
        )


def _payment(session: Session, payment_id: uuid.UUID) -> Payment:
    payment = session.get(Payment, payment_id)
    if payment is None:
        raise KioskError(
            "payment.not_found", vi="Không tìm thấy khoản thanh toán.", en="Payment not found."
        )
    return payment


def _locked_visit(session: Session, visit_id: uuid.UUID) -> Visit:
    visit = lock_visit(session, visit_id)
    assert visit is not None  # a payment's visit row is never deleted
    return visit


def _not_pending() -> KioskError:
    return KioskError(
        "payment.not_pending",
        vi="Khoản này không phải chuyển khoản VietQR đang chờ xác nhận.",
        en="This payment is not a VietQR transfer waiting for confirmation.",
    )
