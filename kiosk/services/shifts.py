"""Cash shifts: open with a counted float, cash in/out, X report any time, Z close and lock.

Expected cash in the drawer = opening float + confirmed cash payments (a void adds a negative,
reversing entry, so it nets out) + cash movements. Payments record the amount due, not the
cash tendered, so the change handed back is already netted. Card and VietQR are expected at
their confirmed totals; pending transfers are listed apart and not expected.

A VietQR transfer confirmed while no shift is open (self-service after the Z close, a
statement applied before the morning's shift) is not lost from the totals: the next shift
opened at that kiosk takes it (and any reversing entry booked without a shift), marked
"outside_shift", and its X and Z reports show it on a line of its own. Until then the desk and
the dashboard show it as "outside any shift" (`outside_any_shift`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.enums import PaymentMethod, PaymentStatus, ShiftStatus
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.staff_roles import require_supervisor
from kiosk.store.models import CashMovement, Kiosk, Payment, Receipt, Shift, Staff

REASON_MAX = 200  # the column's length


@dataclass(frozen=True)
class MethodLine:
    """One payment method's figures in a shift, to the đồng."""

    method: PaymentMethod
    count: int  # payments taken (reversals not counted)
    taken: int  # their total
    reversed: int  # total of the reversing entries of voids (a positive number)
    expected: int  # taken − reversed (+ float and movements for cash)
    counted: int | None = None  # None: not counted at this close (or an X report)

    @property
    def difference(self) -> int | None:
        """counted − expected: negative means short."""
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True)
class ShiftReport:
    """X (running) or Z (closing) figures of one shift; the printing code renders it."""

    kind: str  # "X" or "Z"
    shift_id: uuid.UUID
    kiosk_id: str
    staff_name: str
    opened_at: datetime
    closed_at: datetime | None
    opening_float: int
    lines: tuple[MethodLine, ...]  # one per PaymentMethod, in enum order
    cash_in: int
    cash_out: int  # a positive number
    movements: tuple[tuple[int, str], ...]  # (signed amount, reason), oldest first
    receipts: int  # receipts of payments taken in this shift (voided ones included)
    voids: int  # receipts voided in this shift
    pending_vietqr: int  # transfers still waiting: not in the expected figures
    pending_vietqr_amount: int
    difference: int | None = None  # Z: sum of the counted methods' differences
    # Of the figures above: entries confirmed while no shift was open, taken by this shift.
    outside_count: int = 0  # transfers (reversing entries not counted)
    outside_amount: int = 0  # their net amount (reversals subtracted)

    def line(self, method: PaymentMethod) -> MethodLine:
        return next(x for x in self.lines if x.method == method)

    @property
    def movement_count(self) -> int:
        return len(self.movements)


@dataclass(frozen=True)
class Outside:
    """Money confirmed while no shift was open, not yet taken by a shift."""

    count: int  # transfers (reversing entries not counted)
    amount: int  # net amount, to the đồng


def outside_any_shift(session: Session, ctx: KioskContext) -> Outside:
    """This kiosk's confirmed entries that no shift has taken yet (the next one opened will)."""
    rows = session.execute(select(Payment.amount).where(*_unattributed(ctx.kiosk_id))).scalars()
    amounts = [int(a) for a in rows]
    return Outside(sum(1 for a in amounts if a > 0), sum(amounts))


def _unattributed(kiosk_id: str) -> tuple[Any, ...]:
    return (
        Payment.kiosk_id == kiosk_id,
        Payment.shift_id.is_(None),
        Payment.status == PaymentStatus.CONFIRMED,
    )


def current_shift(session: Session, ctx: KioskContext) -> Shift | None:
    """The open shift of this kiosk, if any (no lock: for display)."""
    return session.scalar(
        select(Shift).where(Shift.kiosk_id == ctx.kiosk_id, Shift.status == ShiftStatus.OPEN)
    )


def lock_open_shift(
    session: Session, ctx: KioskContext, shift_id: uuid.UUID | None = None
) -> Shift | None:
    """The kiosk's open shift (or that one), share-locked so a Z close waits for this
    transaction and then sees its money (PostgreSQL; SQLite serialises writers)."""
    query = select(Shift).where(Shift.kiosk_id == ctx.kiosk_id, Shift.status == ShiftStatus.OPEN)
    if shift_id is not None:
        query = query.where(Shift.id == shift_id)
    return session.scalars(
        query.with_for_update(read=True).execution_options(populate_existing=True)
    ).first()


def open_shift(
    session: Session, ctx: KioskContext, staff_id: uuid.UUID | None, opening_float: int
) -> Shift:
    """Open a shift with the counted float (one open shift per kiosk)."""
    # Lock the kiosk row: two desks opening a shift for one kiosk at once get one shift.
    session.scalars(select(Kiosk).where(Kiosk.id == ctx.kiosk_id).with_for_update()).first()
    if current_shift(session, ctx) is not None:
        raise KioskError(
            "shift.already_open",
            vi="Ki-ốt đang có ca mở.",
            en="A shift is already open at this kiosk.",
        )
    if not _is_int(opening_float) or opening_float < 0:
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
    taken = _take_outside(session, ctx, shift)
    audit.record(
        session,
        ctx.kiosk_id,
        "shift.opened",
        entity="shift",
        entity_id=shift.id,
        staff_id=staff_id,
        opening_float=opening_float,
        outside_count=taken.count,
        outside_amount=taken.amount,
    )
    return shift


def _take_outside(session: Session, ctx: KioskContext, shift: Shift) -> Outside:
    """Give the new shift the entries confirmed while none was open. Only their (empty) shift
    is filled in: amount, method and status stay as recorded."""
    rows = session.scalars(
        select(Payment).where(*_unattributed(ctx.kiosk_id)).with_for_update()
    ).all()
    for payment in rows:
        payment.shift_id = shift.id
        payment.detail_json = {**payment.detail_json, "outside_shift": True}
    return Outside(sum(1 for p in rows if p.amount > 0), sum(p.amount for p in rows))


def cash_movement(
    session: Session,
    ctx: KioskContext,
    amount: int,
    reason: str,
    staff_id: uuid.UUID | None,
    shift_id: uuid.UUID | None = None,
) -> CashMovement:
    """Cash put in (+) or taken out (−) of the drawer of the open shift, with its reason."""
    shift = _open_shift_or_fail(session, ctx, shift_id)
    reason = reason.strip()
    if not _is_int(amount) or amount == 0 or not reason or len(reason) > REASON_MAX:
        raise KioskError(
            "shift.bad_movement",
            vi=f"Cần số tiền khác 0 và lý do (tối đa {REASON_MAX} ký tự).",
            en=f"A non-zero amount and a reason (at most {REASON_MAX} characters) are required.",
        )
    if amount < 0:
        in_drawer = _report(session, shift, "X", None).line(PaymentMethod.CASH).expected
        if -amount > in_drawer:
            raise KioskError(
                "shift.not_enough_cash",
                vi=f"Ngăn kéo chỉ có {in_drawer:,} đ, không rút được {-amount:,} đ.".replace(
                    ",", "."
                ),
                en=f"The drawer holds {in_drawer:,} VND; {-amount:,} VND cannot be taken out.",
            )
    movement = CashMovement(shift_id=shift.id, amount=amount, reason=reason, staff_id=staff_id)
    session.add(movement)
    session.flush()
    audit.record(
        session,
        ctx.kiosk_id,
        "shift.cash_movement",
        entity="shift",
        entity_id=shift.id,
        staff_id=staff_id,
        amount=amount,
        reason=reason,
    )
    return movement


def x_report(session: Session, ctx: KioskContext, shift_id: uuid.UUID | None = None) -> ShiftReport:
    """The running figures of a shift (default: the open one); nothing changes."""
    shift = session.get(Shift, shift_id) if shift_id else current_shift(session, ctx)
    if shift is None or shift.kiosk_id != ctx.kiosk_id:
        raise _no_shift()
    return _report(session, shift, "X", None)


def shift_report(session: Session, shift_id: uuid.UUID) -> ShiftReport:
    """A shift's report as printed: X while it is open, Z with the counted figures once closed."""
    shift = session.get(Shift, shift_id)
    if shift is None:
        raise _no_shift()
    if shift.status == ShiftStatus.OPEN:
        return _report(session, shift, "X", None)
    counted = {PaymentMethod(m): int(v) for m, v in (shift.counted_json or {}).items()}
    return replace(_report(session, shift, "Z", counted), closed_at=shift.closed_at)


def z_close(
    session: Session,
    ctx: KioskContext,
    shift_id: uuid.UUID,
    counted: dict[PaymentMethod, int],
    supervisor_id: uuid.UUID,
) -> ShiftReport:
    """Close the shift: counted against expected per method, difference kept, shift locked.

    Cash must be counted; card (the terminal's settlement) and VietQR (the bank) may be left
    out, and then have no difference. After this the shift takes no payment or movement.
    """
    require_supervisor(session, supervisor_id)
    shift = session.scalars(
        select(Shift)
        .where(Shift.id == shift_id, Shift.kiosk_id == ctx.kiosk_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if shift is None or shift.status != ShiftStatus.OPEN:
        raise _no_shift()
    if PaymentMethod.CASH not in counted or any(not _is_int(v) or v < 0 for v in counted.values()):
        raise KioskError(
            "shift.bad_count",
            vi="Cần nhập số tiền mặt đếm được (số nguyên không âm) để đóng ca.",
            en="The counted cash (a whole, non-negative number) is required to close the shift.",
        )
    report = _report(session, shift, "Z", counted)
    shift.status = ShiftStatus.CLOSED
    shift.closed_at = ctx.now()
    shift.closed_by = supervisor_id
    shift.expected_json = {x.method.value: x.expected for x in report.lines}
    shift.counted_json = {PaymentMethod(m).value: v for m, v in counted.items()}
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
    return replace(report, closed_at=shift.closed_at)


def _report(
    session: Session, shift: Shift, kind: str, counted: dict[PaymentMethod, int] | None
) -> ShiftReport:
    confirmed = (Payment.shift_id == shift.id, Payment.status == PaymentStatus.CONFIRMED)
    taken = {
        m: (int(n), int(total))
        for m, n, total in session.execute(
            select(Payment.method, func.count(), func.coalesce(func.sum(Payment.amount), 0))
            .where(*confirmed, Payment.amount > 0)
            .group_by(Payment.method)
        )
    }
    reversed_ = {
        m: -int(total)
        for m, total in session.execute(
            select(Payment.method, func.coalesce(func.sum(Payment.amount), 0))
            .where(*confirmed, Payment.amount < 0)
            .group_by(Payment.method)
        )
    }
    movements = [
        (int(a), str(r))
        for a, r in session.execute(
            select(CashMovement.amount, CashMovement.reason)
            .where(CashMovement.shift_id == shift.id)
            .order_by(CashMovement.created_at, CashMovement.id)
        )
    ]
    cash_in = sum(a for a, _ in movements if a > 0)
    cash_out = -sum(a for a, _ in movements if a < 0)
    lines = []
    for method in PaymentMethod:
        count, total = taken.get(method, (0, 0))
        back = reversed_.get(method, 0)
        drawer = shift.opening_float + cash_in - cash_out if method == PaymentMethod.CASH else 0
        lines.append(
            MethodLine(
                method,
                count,
                total,
                back,
                total - back + drawer,
                None if counted is None else counted.get(method),
            )
        )
    receipts = session.scalar(
        select(func.count(func.distinct(Receipt.id)))
        .join(Payment, Payment.visit_id == Receipt.visit_id)
        .where(*confirmed, Payment.amount > 0)
    )
    voids = session.scalar(
        select(func.count(func.distinct(Payment.visit_id))).where(
            Payment.shift_id == shift.id, Payment.reversal_of_id.is_not(None)
        )
    )
    pending_n, pending_sum = session.execute(
        select(func.count(), func.coalesce(func.sum(Payment.amount), 0)).where(
            Payment.shift_id == shift.id, Payment.status == PaymentStatus.PENDING
        )
    ).one()
    outside = [
        int(amount)
        for amount, detail in session.execute(
            select(Payment.amount, Payment.detail_json).where(*confirmed)
        )
        if (detail or {}).get("outside_shift")
    ]
    staff = session.get(Staff, shift.staff_id) if shift.staff_id else None
    differences = [x.difference for x in lines if x.difference is not None]
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
        movements=tuple(movements),
        receipts=int(receipts or 0),
        voids=int(voids or 0),
        pending_vietqr=int(pending_n),
        pending_vietqr_amount=int(pending_sum),
        difference=sum(differences) if counted is not None else None,
        outside_count=sum(1 for a in outside if a > 0),
        outside_amount=sum(outside),
    )


def _open_shift_or_fail(
    session: Session, ctx: KioskContext, shift_id: uuid.UUID | None = None
) -> Shift:
    shift = lock_open_shift(session, ctx, shift_id)
    if shift is None:
        raise _no_shift()
    return shift


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _no_shift() -> KioskError:
    return KioskError(
        "shift.not_open",
        vi="Chưa mở ca thu tiền, hoặc ca này đã đóng.",
        en="No cash shift is open, or this shift is already closed.",
    )
