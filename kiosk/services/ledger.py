"""The visit's payment entries and the rules every money operation shares (the ledger).

Checkout, VietQR confirmation, cancelling a transfer and voiding a receipt all go through
these: the visit row is locked before its entries are read or written (two kiosks sharing
PostgreSQL cannot both charge it; SQLite serialises writers anyway); an attempt's parts carry
"<idempotency key>:<index>"; a confirmed entry is never edited, it gets a reversing entry in
the shift open now; money handed back in cash needs an open shift. See docs/architecture.md.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus
from kiosk.domain.numbers import receipt_label
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.shifts import lock_open_shift
from kiosk.store.models import Payment, Receipt, Shift, Visit

LIVE = (PaymentStatus.PENDING, PaymentStatus.CONFIRMED)
KEY_MAX = 70  # the column holds 80; each part appends ":<index>"


@dataclass(frozen=True)
class CheckoutResult:
    """What the screen shows after an attempt (the same for every replay of its key)."""

    visit_id: uuid.UUID
    payment_ids: tuple[uuid.UUID, ...]  # in the order of the requested parts
    paid: bool  # every part confirmed and the receipts issued
    receipt_ids: tuple[uuid.UUID, ...]  # one receipt per scheme paid, in issue order
    receipt_numbers: tuple[str, ...]  # as printed, e.g. ("YT-K01-0000012", "XH-K01-0000004")
    change: int  # cash to hand back, all cash parts together
    transfer_reference: str | None  # for the VietQR part, to put in the QR's purpose

    @property
    def receipt_id(self) -> uuid.UUID | None:
        """The first receipt (the only one when the visit pays for one scheme)."""
        return self.receipt_ids[0] if self.receipt_ids else None

    @property
    def receipt_number(self) -> str | None:
        """Every receipt number, as one line for a screen ("YT-K01-0000012, XH-…")."""
        return ", ".join(self.receipt_numbers) if self.receipt_numbers else None


def lock_visit(session: Session, visit_id: uuid.UUID) -> Visit | None:
    """The visit row, locked until the transaction ends and read fresh (None if unknown)."""
    return session.scalars(
        select(Visit)
        .where(Visit.id == visit_id)
        .with_for_update(of=Visit)
        .execution_options(populate_existing=True)
    ).first()


def open_parts(session: Session, visit_id: uuid.UUID) -> list[Payment]:
    """The visit's payments that still stand: pending or confirmed, not reversing entries and
    not reversed by one (a void or a cancelled split), in recording order."""
    reversed_ids = select(Payment.reversal_of_id).where(
        Payment.visit_id == visit_id, Payment.reversal_of_id.is_not(None)
    )
    return list(
        session.scalars(
            select(Payment)
            .where(
                Payment.visit_id == visit_id,
                Payment.amount > 0,
                Payment.status.in_(LIVE),
                Payment.id.not_in(reversed_ids),
            )
            .order_by(Payment.created_at, Payment.idempotency_key)
            .execution_options(populate_existing=True)
        )
    )


def part_key(attempt_key: str, index: int) -> str:
    """The stored key of part `index` of an attempt."""
    return f"{attempt_key}:{index}"


def split_key(stored: str) -> tuple[str, int]:
    """The attempt's key and the part's index from a stored key ("k:1" -> ("k", 1))."""
    key, _, index = stored.rpartition(":")
    return key, int(index) if index.isdigit() else 0


def attempt_parts(session: Session, attempt_key: str) -> list[Payment]:
    """The parts recorded under one attempt's key, in their order (exact key: SQLite's LIKE
    ignores case, so the prefix match is filtered again here)."""
    found = session.scalars(
        select(Payment)
        .where(Payment.idempotency_key.startswith(f"{attempt_key}:", autoescape=True))
        .execution_options(populate_existing=True)
    ).all()
    mine = [p for p in found if split_key(p.idempotency_key)[0] == attempt_key]
    return sorted(mine, key=lambda p: split_key(p.idempotency_key)[1])


def shift_for_cash_back(
    session: Session, ctx: KioskContext, parts: list[Payment], when_vi: str, when_en: str
) -> Shift | None:
    """The shift open now, locked; refused when cash must be handed back and none is open."""
    shift = lock_open_shift(session, ctx)
    if shift is None and any(
        p.method == PaymentMethod.CASH and p.status == PaymentStatus.CONFIRMED for p in parts
    ):
        raise KioskError(
            "shift.not_open",
            vi=f"Cần mở ca thu tiền để trả lại tiền mặt {when_vi}.",
            en=f"A cash shift must be open to hand back cash {when_en}.",
        )
    return shift


def reverse_payment(
    session: Session,
    ctx: KioskContext,
    payment: Payment,
    shift: Shift | None,
    staff_id: uuid.UUID | None,
    reason: str,
    receipt: str = "",
) -> Payment:
    """The reversing entry of a confirmed payment: same method, negative amount, CONFIRMED, in
    the shift open now. Its key "void:<payment id>" makes a second reversal impossible."""
    now = ctx.now()
    reversal = Payment(
        visit_id=payment.visit_id,
        kiosk_id=ctx.kiosk_id,
        shift_id=shift.id if shift else None,
        staff_id=staff_id,
        method=payment.method,
        status=PaymentStatus.CONFIRMED,
        amount=-payment.amount,
        reversal_of_id=payment.id,
        idempotency_key=f"void:{payment.id}",
        confirmed_at=now,
        confirmed_by=staff_id,
        detail_json={"reason": reason, **({"receipt": receipt} if receipt else {})},
    )
    session.add(reversal)
    return reversal


def result_for(session: Session, visit: Visit, payments: list[Payment]) -> CheckoutResult:
    """The result the screen shows for these parts of the visit (its live receipts, one per
    scheme, in the order they were numbered)."""
    receipts = session.scalars(
        select(Receipt)
        .where(Receipt.visit_id == visit.id, Receipt.voided_at.is_(None))
        .order_by(Receipt.number)
    ).all()
    return CheckoutResult(
        visit_id=visit.id,
        payment_ids=tuple(p.id for p in payments),
        paid=visit.status == EnrollmentStatus.PAID,
        receipt_ids=tuple(r.id for r in receipts),
        receipt_numbers=tuple(
            receipt_label(r.series, r.number, r.symbol, r.book_number) for r in receipts
        ),
        change=sum(p.change or 0 for p in payments),
        transfer_reference=next(
            (p.reference for p in payments if p.method == PaymentMethod.VIETQR), None
        ),
    )
