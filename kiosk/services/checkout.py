"""Checkout: take payment for a visit's quote exactly once, then number its receipt.

A visit is PAID, and gets its receipt, when payment parts summing to its total are all
confirmed: cash and card are confirmed at once (a card part carries the terminal's approval);
a VietQR transfer stays PENDING until staff see the money or a bank statement matches it
(`kiosk.services.vietqr_confirm`). The receipt number is taken in the same transaction that
confirms the last part. The idempotency key of the attempt makes a double tap, a retry after
a timeout, a restart or a second thread harmless: the same key always gives back the first
attempt's result. The visit row is locked first, so two kiosks paying one visit with
different keys cannot both charge it (PostgreSQL; SQLite serialises writers anyway).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus
from kiosk.errors import KioskError
from kiosk.payments.cash import change_due
from kiosk.payments.reference import transfer_reference
from kiosk.payments.terminal import CardApproval
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.ledger import (
    KEY_MAX,
    CheckoutResult,
    attempt_parts,
    lock_visit,
    open_parts,
    part_key,
    result_for,
)
from kiosk.services.settle import finalize_visit, requote_if_needed
from kiosk.services.shifts import lock_open_shift
from kiosk.store.models import Payment, Shift, Visit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PaymentRequest:
    """One part of a checkout: cash (with amount tendered), VietQR, or an approved card sale."""

    method: PaymentMethod
    amount: int
    tendered: int | None = None  # cash only; None = exact amount
    card_auth_code: str | None = None  # card only: the terminal's approval code
    card_mask: str | None = None  # card only, e.g. "970436******1234" (kept in detail_json)

    @classmethod
    def card(cls, approval: CardApproval) -> PaymentRequest:
        """The card part for a sale the terminal approved."""
        return cls(
            PaymentMethod.CARD,
            approval.amount,
            card_auth_code=approval.auth_code,
            card_mask=approval.card_mask or None,
        )


def checkout(
    session: Session,
    ctx: KioskContext,
    visit_id: uuid.UUID,
    payments: list[PaymentRequest],
    idempotency_key: str,
    staff_id: uuid.UUID | None = None,
    shift_id: uuid.UUID | None = None,
    *,
    purpose_prefix: str = "BHXH",
) -> CheckoutResult:
    """Record the payment parts for the visit (see the module docstring for the rules).

    `shift_id` names the cashier's shift (default: the kiosk's open shift); cash and card need
    an open shift, a VietQR transfer does not (self-service).
    """
    if not idempotency_key or len(idempotency_key) > KEY_MAX:
        raise KioskError(
            "payment.bad_key",
            vi="Mã chống trùng của lần thanh toán không hợp lệ.",
            en="The idempotency key of this attempt is invalid.",
        )
    previous = _result_for_key(session, idempotency_key, visit_id, payments)
    if previous is not None:
        return previous
    visit = lock_visit(session, visit_id)
    if visit is None:
        raise KioskError(
            "payment.no_visit", vi="Không tìm thấy lượt đăng ký.", en="Registration not found."
        )
    # Waiting for the visit lock may have let the same attempt commit in another process.
    previous = _result_for_key(session, idempotency_key, visit_id, payments)
    if previous is not None:
        return previous
    if visit.status == EnrollmentStatus.PAID:
        raise _already_paid()
    if visit.status == EnrollmentStatus.CANCELLED:
        raise KioskError(
            "payment.cancelled", vi="Lượt đăng ký đã bị hủy.", en="This registration was cancelled."
        )
    if open_parts(session, visit_id):
        raise KioskError(
            "payment.in_progress",
            vi="Lượt này đang có khoản thanh toán chờ xác nhận; xác nhận hoặc hủy khoản đó trước.",
            en="This registration has a payment waiting for confirmation; confirm or cancel it first.",
        )
    requote_if_needed(session, ctx, visit)
    _check_parts(payments, visit.total)
    shift = _shift_for(session, ctx, shift_id, payments)
    now = ctx.now()
    rows, reference = [], None
    for index, part in enumerate(payments):
        pid = uuid.uuid4()
        pending = part.method == PaymentMethod.VIETQR
        if pending:
            reference = transfer_reference(purpose_prefix, ctx.kiosk_id, pid)
        is_cash = part.method == PaymentMethod.CASH
        rows.append(
            Payment(
                id=pid,
                visit_id=visit.id,
                kiosk_id=ctx.kiosk_id,
                shift_id=shift.id if shift else None,
                staff_id=staff_id,
                method=part.method,
                amount=part.amount,
                status=PaymentStatus.PENDING if pending else PaymentStatus.CONFIRMED,
                tendered=(part.tendered or part.amount) if is_cash else None,
                change=change_due(part.amount, part.tendered or part.amount) if is_cash else None,
                reference=reference if pending else part.card_auth_code,
                idempotency_key=part_key(idempotency_key, index),
                confirmed_at=None if pending else now,
                confirmed_by=None if pending else staff_id,
                detail_json={"card_mask": part.card_mask} if part.card_mask else {},
            )
        )
    try:
        with session.begin_nested():
            session.add_all(rows)
            session.flush()
    except IntegrityError:
        # Another attempt with the same key committed first (two threads, two processes).
        previous = _result_for_key(session, idempotency_key, visit_id, payments)
        if previous is None:
            raise
        return previous
    for payment in rows:
        audit.record(
            session,
            ctx.kiosk_id,
            "payment.recorded",
            entity="payment",
            entity_id=payment.id,
            staff_id=staff_id,
            method=payment.method.value,
            amount=payment.amount,
            status=payment.status.value,
        )
    if all(p.status == PaymentStatus.CONFIRMED for p in rows):
        finalize_visit(session, ctx, visit, staff_id)
    log.info(
        "visit %s: %s",
        visit.id,
        ", ".join(f"{p.method.value} {p.amount} {p.status.value}" for p in rows),
    )
    return result_for(session, visit, rows)


def _shift_for(
    session: Session,
    ctx: KioskContext,
    shift_id: uuid.UUID | None,
    parts: list[PaymentRequest],
) -> Shift | None:
    """The open shift the money goes into (locked against a concurrent Z close)."""
    shift = lock_open_shift(session, ctx, shift_id)
    if shift is None and (
        shift_id is not None or any(p.method != PaymentMethod.VIETQR for p in parts)
    ):
        raise KioskError(
            "shift.not_open",
            vi="Chưa mở ca thu tiền (hoặc ca đã đóng): mở ca, đếm tiền đầu ca, trước khi nhận "
            "tiền mặt hoặc thẻ.",
            en="No cash shift is open (or it was closed): open one and count the float before "
            "taking cash or card.",
        )
    return shift


def _check_parts(parts: list[PaymentRequest], total: int) -> None:
    if not parts:
        raise KioskError(
            "payment.no_parts", vi="Chưa chọn cách thanh toán.", en="No payment method chosen."
        )
    for part in parts:
        if isinstance(part.amount, bool) or not isinstance(part.amount, int) or part.amount <= 0:
            raise KioskError(
                "payment.bad_amount", vi="Số tiền phải lớn hơn 0.", en="Amounts must be positive."
            )
        if (
            part.method == PaymentMethod.CASH
            and part.tendered is not None
            and part.tendered < part.amount
        ):
            raise KioskError(
                "payment.not_enough_cash",
                vi=f"Khách đưa {part.tendered:,} đ, chưa đủ {part.amount:,} đ.".replace(",", "."),
                en=f"Tendered {part.tendered:,} VND is less than {part.amount:,} VND.",
            )
        if part.method != PaymentMethod.CASH and part.tendered is not None:
            raise KioskError(
                "payment.bad_tendered",
                vi="Chỉ tiền mặt mới có số tiền khách đưa.",
                en="Only a cash part has an amount tendered.",
            )
        if part.method == PaymentMethod.CARD and not part.card_auth_code:
            raise KioskError(
                "payment.card_not_approved",
                vi="Giao dịch thẻ chưa được duyệt.",
                en="The card sale has not been approved.",
            )
    paid = sum(p.amount for p in parts)
    if paid != total:
        raise KioskError(
            "payment.wrong_total",
            vi=f"Tổng các khoản {paid:,} đ khác số phải nộp {total:,} đ.".replace(",", "."),
            en=f"The parts add up to {paid:,} VND, not the {total:,} VND due.",
        )


def _already_paid() -> KioskError:
    return KioskError(
        "payment.already_paid",
        vi="Lượt đăng ký này đã thanh toán.",
        en="This registration has already been paid.",
    )


def _result_for_key(
    session: Session, key: str, visit_id: uuid.UUID, parts: list[PaymentRequest]
) -> CheckoutResult | None:
    """The first attempt's result for this key, or None; a key reused for another visit or
    other amounts is a bug in the caller, refused rather than answered with the wrong result."""
    ordered = attempt_parts(session, key)
    if not ordered:
        return None
    asked = [(p.method, p.amount) for p in parts]
    if ordered[0].visit_id != visit_id or [(p.method, p.amount) for p in ordered] != asked:
        raise KioskError(
            "payment.key_reused",
            vi="Mã chống trùng này đã dùng cho một lần thanh toán khác.",
            en="This idempotency key was already used for a different payment.",
        )
    visit = session.get(Visit, visit_id, populate_existing=True)
    assert visit is not None
    return result_for(session, visit, ordered)
