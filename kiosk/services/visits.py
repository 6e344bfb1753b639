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
from kiosk.payments.vietqr import build_payload
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.ledger import open_parts
from kiosk.services.receipts import receipt_label
from kiosk.store.models import Enrollment, Person, Receipt, Visit


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
    receipt = session.scalars(
        select(Receipt).where(Receipt.visit_id == visit_id).order_by(Receipt.number.desc())
    ).first()
    return VisitSummary(
        visit.id,
        visit.status,
        visit.source,
        visit.queue_number,
        visit.total,
        lines,
        payments,
        receipt.id if receipt else None,
        receipt_label(receipt) if receipt else None,
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
    confirm it; the same key returns the same pending payment, never a second one.
    """
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise _not_found(visit_id)
    result = checkout(
        session,
        ctx,
        visit_id,
        [PaymentRequest(PaymentMethod.VIETQR, visit.total)],
        idempotency_key,
        staff_id,
        purpose_prefix=bank.purpose_prefix,
    )
    return build_payload(
        bank.bin, bank.account, visit.total, purpose=result.transfer_reference or ""
    )


def _not_found(visit_id: uuid.UUID) -> KioskError:
    return KioskError(
        "visit.not_found",
        vi="Không tìm thấy lượt đăng ký này.",
        en="This registration was not found.",
        visit_id=str(visit_id),
    )
