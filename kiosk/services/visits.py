"""One visit as the desk sees it: who, which schemes, how much, how it is paid, its receipt."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import BankConfig
from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus, Scheme
from kiosk.domain.labels import label
from kiosk.errors import KioskError
from kiosk.payments.vietqr import build_payload, require_real_bank_account
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.ledger import attempt_parts, open_parts
from kiosk.services.receipts import receipt_label
from kiosk.store.models import Enrollment, Person, Receipt, Visit

ATTEMPTS_MAX = 20  # cancelled transfers of one visit before staff must take another method


@dataclass(frozen=True)
class VisitLine:
    enrollment_id: uuid.UUID
    person_id: uuid.UUID
    person: str
    personal_id: str | None
    scheme: Scheme
    months: int
    amount: int
    is_renewal: bool

    @property
    def scheme_label(self) -> str:
        return label(self.scheme)


@dataclass(frozen=True)
class PaymentPart:
    payment_id: uuid.UUID
    method: PaymentMethod
    status: PaymentStatus
    amount: int
    reference: str | None


@dataclass(frozen=True)
class VisitSummary:
    visit_id: uuid.UUID
    status: EnrollmentStatus
    source: str
    queue_number: int | None
    total: int
    lines: tuple[VisitLine, ...]
    payments: tuple[PaymentPart, ...]
    receipt_id: uuid.UUID | None
    receipt_number: str | None

    @property
    def head(self) -> str:
        return self.lines[0].person if self.lines else ""

    @property
    def pending_vietqr(self) -> PaymentPart | None:
        """The VietQR transfer waiting for staff or a statement to confirm it."""
        return next(
            (
                p
                for p in self.payments
                if p.method == PaymentMethod.VIETQR and p.status == PaymentStatus.PENDING
            ),
            None,
        )


def visit_summary(session: Session, visit_id: uuid.UUID) -> VisitSummary:
    """Everything the visit screen shows, read in one transaction."""
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise _not_found(visit_id)
    rows = session.execute(
        select(Enrollment, Person)
        .join(Person, Person.id == Enrollment.person_id)
        .where(Enrollment.visit_id == visit_id)
        .order_by(Enrollment.position, Enrollment.created_at)
    ).all()
    lines = tuple(
        VisitLine(
            e.id, p.id, p.full_name, p.personal_id, e.scheme, e.months, e.amount, e.is_renewal
        )
        for e, p in rows
    )
    payments = tuple(
        PaymentPart(p.id, p.method, p.status, p.amount, p.reference)
        for p in open_parts(session, visit_id)
    )
    # One receipt per scheme: the desk shows all of the visit's standing ones ("YT-…, XH-…"),
    # or, after a void, the voided ones (a void takes all receipts of its payment at once).
    receipts = list(
        session.scalars(
            select(Receipt).where(Receipt.visit_id == visit_id).order_by(Receipt.number)
        )
    )
    standing = [r for r in receipts if r.voided_at is None]
    if not standing and receipts:  # all voided: the last void's receipts
        standing = [r for r in receipts if r.voided_at == receipts[-1].voided_at]
    receipt = standing[0] if standing else None
    return VisitSummary(
        visit.id,
        visit.status,
        visit.source,
        visit.queue_number,
        visit.total,
        lines,
        payments,
        receipt.id if receipt else None,
        ", ".join(receipt_label(r) for r in standing) if standing else None,
    )


def start_vietqr(
    session: Session,
    ctx: KioskContext,
    bank: BankConfig,
    visit_id: uuid.UUID,
    idempotency_key: str,
    staff_id: uuid.UUID | None = None,
) -> str:
    """Record a pending VietQR transfer for the visit's total and return the QR payload.

    The transfer reference goes in the QR's purpose so that staff or a bank statement can
    confirm it; the same key returns the same pending payment, never a second one. Once that
    transfer was cancelled, the same key starts a NEW transfer with a new reference (the
    attempt "<key>~2", "<key>~3" …): a QR for a voided reference is never shown again, since
    money sent to it would match nothing (callers such as the self-service screen keep one key
    per visit).
    """
    require_real_bank_account(bank)  # never a QR to pay into the placeholder account
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise _not_found(visit_id)
    result = checkout(
        session,
        ctx,
        visit_id,
        [PaymentRequest(PaymentMethod.VIETQR, visit.total)],
        _standing_attempt(session, visit_id, idempotency_key),
        staff_id,
        purpose_prefix=bank.purpose_prefix,
    )
    return build_payload(
        bank.bin, bank.account, visit.total, purpose=result.transfer_reference or ""
    )


def transfer_payload(bank: BankConfig, part: PaymentPart) -> str:
    """The QR of a transfer already recorded (shown again when its visit is opened)."""
    return build_payload(bank.bin, bank.account, part.amount, purpose=part.reference or "")


def _standing_attempt(session: Session, visit_id: uuid.UUID, key: str) -> str:
    """`key`, or its first retry whose attempt was not cancelled (unused, pending or paid)."""
    live = {p.id for p in open_parts(session, visit_id)}
    for n in range(1, ATTEMPTS_MAX + 1):
        candidate = key if n == 1 else f"{key}~{n}"
        parts = attempt_parts(session, candidate)
        if not parts or any(p.id in live for p in parts):
            return candidate
    raise KioskError(
        "payment.too_many_attempts",
        vi=f"Đã hủy {ATTEMPTS_MAX} lần chuyển khoản cho lượt này; hãy thu bằng cách khác.",
        en=f"{ATTEMPTS_MAX} transfers were cancelled for this visit; take another payment method.",
    )


def _not_found(visit_id: uuid.UUID) -> KioskError:
    return KioskError(
        "visit.not_found",
        vi="Không tìm thấy lượt đăng ký này.",
        en="This registration was not found.",
        visit_id=str(visit_id),
    )
