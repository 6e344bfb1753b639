"""Apply a bank statement: confirm the pending VietQR payments it proves were received."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.enums import PaymentMethod, PaymentStatus
from kiosk.payments.statement import ColumnMapping, MatchResult, Pending, match, read_statement
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.vietqr_confirm import confirm_from_statement
from kiosk.store.models import Payment


def pending_transfers(session: Session) -> list[Pending]:
    """Every VietQR transfer still waiting for its money (all kiosks sharing the database)."""
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
    """Confirm exact matches (reference AND amount); partial, duplicate and unmatched lines are
    returned for a person to look at, never guessed. Applying the same file again confirms
    nothing more (only pending transfers are matched)."""
    result = match(read_statement(path, mapping), pending_transfers(session))
    for line, pending in result.matched:
        confirm_from_statement(session, ctx, pending.payment_id, staff_id, line.row)
    audit.record(
        session,
        ctx.kiosk_id,
        "statement.applied",
        staff_id=staff_id,
        file=path.name,
        matched=len(result.matched),
        partial=len(result.partial),
        unmatched=len(result.unmatched),
        duplicates=len(result.duplicates),
    )
    return result
