"""Apply a bank statement: confirm the pending VietQR payments it proves were received."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import PaymentMethod, PaymentStatus
from kiosk.payments.statement import ColumnMapping, MatchResult, Pending, match, read_statement
from kiosk.services import audit
from kiosk.services.checkout import confirm_payment
from kiosk.services.context import KioskContext
from kiosk.store.models import Payment


def pending_transfers(session: Session) -> list[Pending]:
    rows = session.scalars(
        select(Payment).where(
            Payment.method == PaymentMethod.VIETQR, Payment.status == PaymentStatus.PENDING
        )
    ).all()
    return [Pending(p.id, p.reference or "", p.amount) for p in rows if p.reference]


def apply_statement(
    session: Session,
    ctx: KioskContext,
    path: Path,
    mapping: ColumnMapping,
    staff_id: uuid.UUID | None,
) -> MatchResult:
    """Confirm exact matches; partial and unmatched lines are returned for a person to look at."""
    result = match(read_statement(path, mapping), pending_transfers(session))
    for line, pending in result.matched:
        confirm_payment(session, ctx, pending.payment_id, staff_id, how=f"statement row {line.row}")
    audit.record(
        session,
        ctx.kiosk_id,
        "statement.applied",
        staff_id=staff_id,
        file=path.name,
        matched=len(result.matched),
        partial=len(result.partial),
        unmatched=len(result.unmatched),
    )
    return result
