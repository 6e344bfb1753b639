"""Checkout: take payment for a visit's quote exactly once, then number its receipt.

A visit is paid when payment parts summing to its total are all confirmed: cash and card are
confirmed at once; a VietQR transfer stays pending until staff see the money or a bank
statement matches it. The receipt number is taken in the same transaction that confirms the
last part. The idempotency key of the attempt makes a double tap, a retry after a timeout or
a restart harmless: the same key always gives back the first attempt's result.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.enums import (
    EnrollmentStatus,
    PaymentMethod,
    PaymentStatus,
    Scheme,
)
from kiosk.errors import KioskError
from kiosk.payments.reference import transfer_reference
from kiosk.policy.engine import (
    Quote,
    coverage_end,
    household_coverage_start,
    items_from_quote,
    quote_visit,
)
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.receipts import issue_receipt
from kiosk.services.shifts import current_shift
from kiosk.store.models import Enrollment, Payment, Receipt, Visit

log = logging.getLogger(__name__)
LIVE = (PaymentStatus.PENDING, PaymentStatus.CONFIRMED)


@dataclass(frozen=True)
class PaymentRequest:
    """One part of a checkout: cash (with amount tendered), VietQR, or an approved card sale."""

    method: PaymentMethod
    amount: int
    tendered: int | None = None
    card_auth_code: str | None = None


@dataclass(frozen=True)
class CheckoutResult:
    visit_id: uuid.UUID
    payment_ids: tuple[uuid.UUID, ...]
    paid: bool  # every part confirmed and the receipt issued
    receipt_id: uuid.UUID | None
    receipt_number: str | None  # "K01-000012"
    change: int
    transfer_reference: str | None  # for the VietQR part, to show in the QR's purpose


def checkout(
    session: Session,
    ctx: KioskContext,
    visit_id: uuid.UUID,
    parts: list[PaymentRequest],
    idempotency_key: str,
    *,
    staff_id: uuid.UUID | None = None,
    purpose_prefix: str = "BHXH",
) -> CheckoutResult:
    """Record the payment parts for the visit (see the module docstring for the rules)."""
    previous = _result_for_key(session, idempotency_key)
    if previous is not None:
        return previous
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise KioskError(
            "payment.no_visit", vi="Không tìm thấy lượt đăng ký.", en="Registration not found."
        )
    if visit.status == EnrollmentStatus.PAID:
        raise _already_paid()
    if visit.status == EnrollmentStatus.CANCELLED:
        raise KioskError(
            "payment.cancelled", vi="Lượt đăng ký đã bị hủy.", en="This registration was cancelled."
        )
    live = session.scalars(
        select(Payment).where(Payment.visit_id == visit_id, Payment.status.in_(LIVE))
    ).all()
    if live:
        raise KioskError(
            "payment.in_progress",
            vi="Lượt này đang có khoản thanh toán chờ xác nhận; xác nhận hoặc hủy khoản đó trước.",
            en="This registration has a payment waiting for confirmation; confirm or cancel it first.",
        )
    requote_if_needed(session, ctx, visit)
    _check_parts(parts, visit.total)
    shift = current_shift(session, ctx)
    if shift is None and any(p.method != PaymentMethod.VIETQR for p in parts):
        raise KioskError(
            "shift.not_open",
            vi="Chưa mở ca thu tiền: mở ca (đếm tiền đầu ca) trước khi nhận tiền mặt hoặc thẻ.",
            en="No cash shift is open: open one (count the float) before taking cash or card.",
        )
    now = ctx.now()
    payments, reference = [], None
    for index, part in enumerate(parts):
        pid = uuid.uuid4()
        pending = part.method == PaymentMethod.VIETQR
        if pending:
            reference = transfer_reference(purpose_prefix, ctx.kiosk_id, pid)
        payments.append(
            Payment(
                id=pid,
                visit_id=visit.id,
                kiosk_id=ctx.kiosk_id,
                shift_id=shift.id if shift else None,
                staff_id=staff_id,
                method=part.method,
                amount=part.amount,
                status=PaymentStatus.PENDING if pending else PaymentStatus.CONFIRMED,
                tendered=part.tendered,
                change=(part.tendered - part.amount) if part.tendered else None,
                reference=reference if pending else part.card_auth_code,
                idempotency_key=f"{idempotency_key}:{index}",
                confirmed_at=None if pending else now,
                confirmed_by=None if pending else staff_id,
            )
        )
    try:
        with session.begin_nested():
            session.add_all(payments)
            session.flush()
    except IntegrityError:
        # Another attempt with the same key committed first (two threads, two processes).
        previous = _result_for_key(session, idempotency_key)
        if previous is None:
            raise
        return previous
    for payment in payments:
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
    if all(p.status == PaymentStatus.CONFIRMED for p in payments):
        finalize_visit(session, ctx, visit, staff_id)
    log.info(
        "visit %s: %s",
        visit.id,
        ", ".join(f"{p.method.value} {p.amount} {p.status.value}" for p in payments),
    )
    return _result(session, visit, payments)


def confirm_payment(
    session: Session,
    ctx: KioskContext,
    payment_id: uuid.UUID,
    staff_id: uuid.UUID | None,
    how: str = "staff",
) -> CheckoutResult:
    """The money of a pending VietQR transfer was seen (by staff, or on a bank statement)."""
    payment = session.get(Payment, payment_id)
    if payment is None:
        raise KioskError(
            "payment.not_found", vi="Không tìm thấy khoản thanh toán.", en="Payment not found."
        )
    visit = session.get(Visit, payment.visit_id)
    assert visit is not None
    if payment.status == PaymentStatus.PENDING:
        payment.status = PaymentStatus.CONFIRMED
        payment.confirmed_at = ctx.now()
        payment.confirmed_by = staff_id
        shift = current_shift(session, ctx)
        payment.shift_id = payment.shift_id or (shift.id if shift else None)
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
        siblings = session.scalars(
            select(Payment).where(
                Payment.visit_id == visit.id, Payment.status.in_(LIVE), Payment.amount > 0
            )
        ).all()
        if (
            all(p.status == PaymentStatus.CONFIRMED for p in siblings)
            and visit.status != EnrollmentStatus.PAID
        ):
            finalize_visit(session, ctx, visit, staff_id)
    elif payment.status != PaymentStatus.CONFIRMED:
        raise KioskError(
            "payment.not_pending",
            vi="Khoản này không còn chờ xác nhận.",
            en="This payment is no longer waiting for confirmation.",
        )
    parts = session.scalars(
        select(Payment).where(Payment.visit_id == visit.id, Payment.amount > 0)
    ).all()
    return _result(session, visit, list(parts))


def cancel_pending(
    session: Session, ctx: KioskContext, payment_id: uuid.UUID, staff_id: uuid.UUID | None
) -> None:
    """Give up on a pending transfer (the person pays another way); other parts of it too."""
    payment = session.get(Payment, payment_id)
    if payment is None or payment.status != PaymentStatus.PENDING:
        raise KioskError(
            "payment.not_pending",
            vi="Khoản này không còn chờ xác nhận.",
            en="This payment is no longer waiting for confirmation.",
        )
    for part in session.scalars(
        select(Payment).where(Payment.visit_id == payment.visit_id, Payment.status.in_(LIVE))
    ):
        part.status = PaymentStatus.VOIDED
        audit.record(
            session,
            ctx.kiosk_id,
            "payment.cancelled",
            entity="payment",
            entity_id=part.id,
            staff_id=staff_id,
            amount=part.amount,
            method=part.method.value,
        )


def finalize_visit(
    session: Session, ctx: KioskContext, visit: Visit, staff_id: uuid.UUID | None
) -> Receipt:
    """Mark the visit and its enrollments paid, set cover dates from today, issue the receipt."""
    now, today = ctx.now(), ctx.today()
    visit.status = EnrollmentStatus.PAID
    visit.paid_at = now
    for enrollment in session.scalars(select(Enrollment).where(Enrollment.visit_id == visit.id)):
        enrollment.status = EnrollmentStatus.PAID
        enrollment.paid_at = now
        if enrollment.scheme == Scheme.BHYT_HOUSEHOLD:
            previous = _previous_expiry(session, enrollment) if enrollment.is_renewal else None
            enrollment.start_date = household_coverage_start(today, previous)
            enrollment.end_date = coverage_end(enrollment.start_date, enrollment.months)
    return issue_receipt(session, ctx, visit, staff_id)


def requote_if_needed(session: Session, ctx: KioskContext, visit: Visit) -> None:
    """Contributions follow the rules in force on the payment day: re-quote an older quote."""
    today = ctx.today()
    if visit.quoted_on == today or not visit.quote_json.get("lines"):
        return
    old = Quote.from_dict(visit.quote_json)
    new = quote_visit(items_from_quote(old), today)
    if new.total != old.total:
        enrollments = session.scalars(
            select(Enrollment).where(Enrollment.visit_id == visit.id)
        ).all()
        for line_old, line_new in zip(old.lines, new.lines, strict=True):
            for e in enrollments:
                if (
                    e.amount == line_old.amount
                    and e.scheme == line_old.scheme
                    and e.policy_version == old.policy_version
                ):
                    e.amount, e.policy_version, e.quote_line_json = (
                        line_new.amount,
                        new.policy_version,
                        line_new.to_dict(),
                    )
                    break
        audit.record(
            session,
            ctx.kiosk_id,
            "visit.requoted",
            entity="visit",
            entity_id=visit.id,
            old_total=old.total,
            new_total=new.total,
            policy_version=new.policy_version,
        )
    visit.quote_json, visit.total, visit.policy_version, visit.quoted_on = (
        new.to_dict(),
        new.total,
        new.policy_version,
        today,
    )


def _previous_expiry(session: Session, enrollment: Enrollment) -> date | None:
    """The expiry the renewal continues: the previous enrollment's, or the one typed at
    registration (kept as the day before the start computed then)."""
    if enrollment.previous_enrollment_id is not None:
        previous = session.get(Enrollment, enrollment.previous_enrollment_id)
        if previous is not None and previous.end_date is not None:
            return previous.end_date
    if enrollment.start_date is None:
        return None
    return enrollment.start_date - timedelta(days=1)


def _check_parts(parts: list[PaymentRequest], total: int) -> None:
    if not parts:
        raise KioskError(
            "payment.no_parts", vi="Chưa chọn cách thanh toán.", en="No payment method chosen."
        )
    for part in parts:
        if part.amount <= 0:
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


def _result_for_key(session: Session, key: str) -> CheckoutResult | None:
    first = session.scalar(select(Payment).where(Payment.idempotency_key == f"{key}:0"))
    if first is None:
        return None
    visit = session.get(Visit, first.visit_id)
    assert visit is not None
    parts = session.scalars(select(Payment).where(Payment.idempotency_key.like(f"{key}:%"))).all()
    return _result(session, visit, sorted(parts, key=lambda p: p.idempotency_key))


def _result(session: Session, visit: Visit, payments: list[Payment]) -> CheckoutResult:
    receipt = session.scalar(
        select(Receipt).where(Receipt.visit_id == visit.id, Receipt.voided_at.is_(None))
    )
    return CheckoutResult(
        visit_id=visit.id,
        payment_ids=tuple(p.id for p in payments),
        paid=visit.status == EnrollmentStatus.PAID,
        receipt_id=receipt.id if receipt else None,
        receipt_number=f"{receipt.series}-{receipt.number:06d}" if receipt else None,
        change=sum(p.change or 0 for p in payments),
        transfer_reference=next(
            (p.reference for p in payments if p.method == PaymentMethod.VIETQR), None
        ),
    )
