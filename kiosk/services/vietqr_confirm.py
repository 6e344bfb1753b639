"""Pending VietQR transfers: confirm one when the money is seen, or give up on it (a reason)."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus, ShiftStatus
from kiosk.domain.money import format_vnd
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
from kiosk.services.staff_roles import require_supervisor
from kiosk.store.models import Payment, Shift, Visit

REASON_MAX = 300  # as for a void; kept in the audit log and the reversing entry


def confirm_vietqr(
    session: Session,
    ctx: KioskContext,
    payment_id: uuid.UUID,
    staff_id: uuid.UUID | None,
    *,
    supervisor_id: uuid.UUID | None,
    amount_seen: int,
) -> CheckoutResult:
    """Staff saw the money of a pending VietQR transfer on the account.

    No bank statement proved it (a matching statement line confirms by itself, see
    `confirm_from_statement`), and a "transfer done" screen on the payer's phone is easy to
    fake, so a supervisor signs it off (`supervisor_id`: the supervisor who entered their PIN,
    or the staff member at the desk when they are a supervisor) and the amount staff read on
    the account must be the transfer's amount. Otherwise nothing is recorded.
    """
    require_supervisor(session, supervisor_id)
    payment = _payment(session, payment_id)
    if payment.method != PaymentMethod.VIETQR:
        raise _not_pending()
    if isinstance(amount_seen, bool) or amount_seen != payment.amount:
        raise KioskError(
            "payment.amount_mismatch",
            vi=f"Số tiền đã thấy ({_vnd(amount_seen)}) khác số tiền của khoản chuyển khoản "
            f"({format_vnd(payment.amount)}): chưa xác nhận.",
            en=f"The amount seen ({_vnd(amount_seen, ' VND')}) differs from the transfer's "
            f"amount ({format_vnd(payment.amount, ' VND')}): not confirmed.",
        )
    return _confirm(session, ctx, payment, staff_id, how="staff", supervisor_id=str(supervisor_id))


def confirm_from_statement(
    session: Session, ctx: KioskContext, payment_id: uuid.UUID, staff_id: uuid.UUID | None, row: int
) -> CheckoutResult:
    """A bank statement line matched the transfer (reference AND amount): the statement is the
    proof, no supervisor is needed."""
    payment = _payment(session, payment_id)
    if payment.method != PaymentMethod.VIETQR:
        raise _not_pending()
    return _confirm(session, ctx, payment, staff_id, how=f"statement row {row}")


def _confirm(
    session: Session,
    ctx: KioskContext,
    payment: Payment,
    staff_id: uuid.UUID | None,
    how: str,
    **details: str,
) -> CheckoutResult:
    """Record the confirmation (both ways in).

    When it was the visit's last unconfirmed part, the visit becomes PAID and its receipt is
    numbered in this transaction. Confirming an already confirmed transfer changes nothing
    and returns the same result (a double tap, or staff and a statement both confirming).
    The payment is counted in the shift open now: a shift closed while it was pending keeps
    its Z figures (the shift it was taken in is kept in detail_json["taken_in_shift"]). With
    no shift open it is attributed to the next shift opened (`kiosk.services.shifts`).
    """
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
            outside_shift=payment.shift_id is None,
            **details,
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
    reason: str,
) -> None:
    """Give up on a pending transfer (the person pays another way), with the reason staff
    give (required, kept in the audit log). The whole attempt goes:
    pending parts become VOIDED; parts already confirmed (the cash or card of a split) keep
    their entry and get a reversing one in the shift open now, because that money is handed
    back now (cash needs an open shift). The visit can then be paid again, and a new transfer
    gets a new reference (`kiosk.services.visits.start_vietqr`)."""
    reason = " ".join(reason.split())
    if not reason or len(reason) > REASON_MAX:
        raise KioskError(
            "payment.cancel_reason",
            vi=f"Cần ghi lý do hủy khoản chuyển khoản (tối đa {REASON_MAX} ký tự).",
            en=f"A reason (at most {REASON_MAX} characters) is required to cancel a transfer.",
        )
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


def _vnd(amount: object, suffix: str = " đ") -> str:
    """An amount for a message, even when a caller passed something that is not one."""
    if isinstance(amount, int) and not isinstance(amount, bool):
        return format_vnd(amount, suffix)
    return "?"


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
