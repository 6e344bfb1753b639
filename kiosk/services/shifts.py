"""Cash shifts: open with a counted float, cash in/out, X report any time, Z close and lock."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.enums import PaymentMethod, PaymentStatus, ShiftStatus
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.store.models import CashMovement, Payment, Receipt, Shift, Staff


@dataclass(frozen=True)
class MethodLine:
    method: PaymentMethod
    count: int
    expected: int
    counted: int | None = None

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True)
class ShiftReport:
    """X (running) or Z (closing) figures of one shift, to the đồng."""

    kind: str  # "X" or "Z"
    shift_id: uuid.UUID
    kiosk_id: str
    staff_name: str
    opened_at: datetime
    closed_at: datetime | None
    opening_float: int
    lines: tuple[MethodLine, ...]  # cash expected includes the float and the movements
    cash_in: int
    cash_out: int
    movements: tuple[tuple[int, str], ...]
    receipts: int
    voids: int
    pending_vietqr: int  # transfers still waiting: not in the expected figures
    difference: int | None = None
    extra: dict[str, int] = field(default_factory=dict)

    def line(self, method: PaymentMethod) -> MethodLine:
        return next(x for x in self.lines if x.method == method)


def current_shift(session: Session, ctx: KioskContext) -> Shift | None:
    """The open shift of this kiosk, if any."""
    return session.scalar(
        select(Shift).where(Shift.kiosk_id == ctx.kiosk_id, Shift.status == ShiftStatus.OPEN)
    )


def open_shift(
    session: Session, ctx: KioskContext, staff_id: uuid.UUID | None, opening_float: int
) -> Shift:
    """Open a shift with the counted float (one open shift per kiosk)."""
    if current_shift(session, ctx) is not None:
        raise KioskError(
            "shift.already_open",
            vi="Ki-ốt đang có ca mở.",
            en="A shift is already open at this kiosk.",
        )
    if opening_float < 0:
        raise KioskError(
            "shift.bad_float", vi="Tiền đầu ca không được âm.", en="The float cannot be negative."
        )
    shift = Shift(
        kiosk_id=ctx.kiosk_id,
        staff_id=staff_id,
        opening_float=opening_float,
        status=ShiftStatus.OPEN,
    )
    session.add(shift)
    session.flush()
    audit.record(
        session,
        ctx.kiosk_id,
        "shift.opened",
        entity="shift",
        entity_id=shift.id,
        staff_id=staff_id,
        opening_float=opening_float,
    )
    return shift


def cash_movement(
    session: Session, ctx: KioskContext, amount: int, reason: str, staff_id: uuid.UUID | None
) -> CashMovement:
    """Cash put in (+) or taken out (−) of the drawer, with its reason."""
    shift = _open_shift_or_fail(session, ctx)
    if amount == 0 or not reason.strip():
        raise KioskError(
            "shift.bad_movement",
            vi="Cần số tiền khác 0 và lý do.",
            en="A non-zero amount and a reason are required.",
        )
    movement = CashMovement(
        shift_id=shift.id, amount=amount, reason=reason.strip(), staff_id=staff_id
    )
    session.add(movement)
    audit.record(
        session,
        ctx.kiosk_id,
        "shift.cash_movement",
        entity="shift",
        entity_id=shift.id,
        staff_id=staff_id,
        amount=amount,
        reason=reason.strip(),
    )
    return movement


def x_report(session: Session, ctx: KioskContext, shift_id: uuid.UUID | None = None) -> ShiftReport:
    """The running figures of a shift (nothing changes)."""
    shift = session.get(Shift, shift_id) if shift_id else current_shift(session, ctx)
    if shift is None:
        raise _no_shift()
    return _report(session, shift, "X", None)


def z_close(
    session: Session, ctx: KioskContext, counted: dict[PaymentMethod, int], supervisor_id: uuid.UUID
) -> ShiftReport:
    """Close the open shift: counted against expected per method, difference kept, shift locked."""
    from kiosk.services.staff_roles import require_supervisor

    require_supervisor(session, supervisor_id)
    shift = _open_shift_or_fail(session, ctx)
    report = _report(session, shift, "Z", counted)
    shift.status = ShiftStatus.CLOSED
    shift.closed_at = ctx.now()
    shift.closed_by = supervisor_id
    shift.expected_json = {x.method.value: x.expected for x in report.lines}
    shift.counted_json = {m.value: v for m, v in counted.items()}
    shift.difference = report.difference
    audit.record(
        session,
        ctx.kiosk_id,
        "shift.closed",
        entity="shift",
        entity_id=shift.id,
        staff_id=supervisor_id,
        expected=shift.expected_json,
        counted=shift.counted_json,
        difference=report.difference,
    )
    return report


def _report(
    session: Session, shift: Shift, kind: str, counted: dict[PaymentMethod, int] | None
) -> ShiftReport:
    rows = session.execute(
        select(Payment.method, func.count(), func.coalesce(func.sum(Payment.amount), 0))
        .where(Payment.shift_id == shift.id, Payment.status == PaymentStatus.CONFIRMED)
        .group_by(Payment.method)
    ).all()
    sums = {m: (int(n), int(total)) for m, n, total in rows}
    movements = session.execute(
        select(CashMovement.amount, CashMovement.reason)
        .where(CashMovement.shift_id == shift.id)
        .order_by(CashMovement.created_at)
    ).all()
    cash_in = sum(a for a, _ in movements if a > 0)
    cash_out = -sum(a for a, _ in movements if a < 0)
    lines = []
    for method in PaymentMethod:
        count, total = sums.get(method, (0, 0))
        expected = total + (
            shift.opening_float + cash_in - cash_out if method == PaymentMethod.CASH else 0
        )
        lines.append(
            MethodLine(
                method, count, expected, counted.get(method, 0) if counted is not None else None
            )
        )
    receipts = (
        session.scalar(
            select(func.count(func.distinct(Receipt.id)))
            .join(Payment, Payment.visit_id == Receipt.visit_id)
            .where(Payment.shift_id == shift.id)
        )
        or 0
    )
    voids = (
        session.scalar(
            select(func.count())
            .select_from(Payment)
            .where(Payment.shift_id == shift.id, Payment.reversal_of_id.is_not(None))
        )
        or 0
    )
    pending = (
        session.scalar(
            select(func.count())
            .select_from(Payment)
            .where(Payment.shift_id == shift.id, Payment.status == PaymentStatus.PENDING)
        )
        or 0
    )
    staff = session.get(Staff, shift.staff_id) if shift.staff_id else None
    difference = None
    if counted is not None:
        difference = sum(line.difference or 0 for line in lines)
    return ShiftReport(
        kind=kind,
        shift_id=shift.id,
        kiosk_id=shift.kiosk_id,
        staff_name=staff.name if staff else "",
        opened_at=shift.created_at,
        closed_at=shift.closed_at,
        opening_float=shift.opening_float,
        lines=tuple(lines),
        cash_in=cash_in,
        cash_out=cash_out,
        movements=tuple((int(a), str(r)) for a, r in movements),
        receipts=int(receipts),
        voids=int(voids),
        pending_vietqr=int(pending),
        difference=difference,
    )


def _open_shift_or_fail(session: Session, ctx: KioskContext) -> Shift:
    shift = current_shift(session, ctx)
    if shift is None:
        raise _no_shift()
    return shift


def _no_shift() -> KioskError:
    return KioskError("shift.not_open", vi="Chưa mở ca thu tiền.", en="No cash shift is open.")
