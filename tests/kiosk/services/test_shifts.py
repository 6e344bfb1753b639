"""Shifts and voids: the Z close adds up to the đồng; only supervisors void or close."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, ShiftStatus
from kiosk.errors import KioskError
from kiosk.payments.terminal import SimulatedTerminal
from kiosk.services.checkout import PaymentRequest, checkout, confirm_payment
from kiosk.services.receipts import void_receipt
from kiosk.services.shifts import cash_movement, x_report, z_close
from kiosk.store.db import Database
from kiosk.store.models import Payment, Receipt, Shift, Visit
from tests.kiosk.services.payflow import open_day, visits
from tests.support.factories import kiosk_context, new_key

M = PaymentMethod


def test_z_close_with_mixed_methods_voids_and_movements(db: Database) -> None:
    """Float 500,000; cash 1,366,200 + 956,340; card 819,720; VietQR 683,100 confirmed and
    546,480 pending; the 956,340 cash receipt voided; +200,000 in, −150,000 out.
    Expected cash = 500,000 + 1,366,200 + 956,340 − 956,340 + 200,000 − 150,000 = 1,916,200."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    a, b, c, d, e = (
        visits(db, ctx, 1, (amount,))[0]
        for amount in (1_366_200, 956_340, 819_720, 683_100, 546_480)
    )
    approval = SimulatedTerminal().sale(819_720, "K01")
    with db.unit_of_work() as s:
        checkout(
            s, ctx, a, [PaymentRequest(M.CASH, 1_366_200, 1_500_000)], new_key(), staff_id=cashier
        )
        checkout(s, ctx, b, [PaymentRequest(M.CASH, 956_340, 956_340)], new_key(), staff_id=cashier)
        checkout(
            s,
            ctx,
            c,
            [PaymentRequest(M.CARD, 819_720, card_auth_code=approval.auth_code)],
            new_key(),
        )
        qr = checkout(s, ctx, d, [PaymentRequest(M.VIETQR, 683_100)], new_key())
        checkout(s, ctx, e, [PaymentRequest(M.VIETQR, 546_480)], new_key())
    with db.unit_of_work() as s:
        confirm_payment(s, ctx, qr.payment_ids[0], cashier)
        cash_movement(s, ctx, 200_000, "Đổi tiền lẻ", cashier)
        cash_movement(s, ctx, -150_000, "Nộp bớt tiền về văn phòng", cashier)
        receipt_b = s.scalar(select(Receipt.id).where(Receipt.visit_id == b))
    assert receipt_b is not None
    with db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_b, "Thu nhầm người", supervisor)
    with db.read() as s:
        x = x_report(s, ctx)
    assert x.line(M.CASH).expected == 1_916_200 and x.line(M.CARD).expected == 819_720
    assert x.line(M.VIETQR).expected == 683_100 and x.pending_vietqr == 1
    assert (x.cash_in, x.cash_out, x.voids, x.receipts) == (200_000, 150_000, 1, 4)
    counted = {M.CASH: 1_910_200, M.CARD: 819_720, M.VIETQR: 683_100}
    with db.unit_of_work() as s:
        z = z_close(s, ctx, counted, supervisor)
    assert z.kind == "Z" and z.line(M.CASH).difference == -6_000 and z.difference == -6_000
    with db.read() as s:
        shift = s.scalars(select(Shift)).one()
        assert shift.status is ShiftStatus.CLOSED and shift.difference == -6_000
        assert shift.expected_json == {"cash": 1_916_200, "vietqr": 683_100, "card": 819_720}
        receipt = s.get(Receipt, receipt_b)
        assert (
            receipt is not None and receipt.number == 2 and receipt.void_reason == "Thu nhầm người"
        )
        assert s.get(Visit, b).status is EnrollmentStatus.CANCELLED  # type: ignore[union-attr]
        reversal = s.scalars(select(Payment).where(Payment.reversal_of_id.is_not(None))).one()
        assert reversal.amount == -956_340


def test_closed_shift_takes_nothing_more(db: Database) -> None:
    """After the Z close, cash payments and movements are refused until a new shift opens."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    with db.unit_of_work() as s:
        z_close(s, ctx, {M.CASH: 500_000}, supervisor)
    for action in (
        lambda s: checkout(
            s, ctx, visit_id, [PaymentRequest(M.CASH, 1_366_200, 1_366_200)], new_key()
        ),
        lambda s: cash_movement(s, ctx, 1_000, "x", cashier),
    ):
        with pytest.raises(KioskError) as err, db.unit_of_work() as s:
            action(s)
        assert err.value.code == "shift.not_open"


def test_staff_cannot_void_or_close(db: Database) -> None:
    """Voids and Z close need a supervisor; a cashier gets auth.supervisor_required."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    with db.unit_of_work() as s:
        result = checkout(
            s, ctx, visit_id, [PaymentRequest(M.CASH, 1_366_200, 1_366_200)], new_key()
        )
    assert result.receipt_id is not None
    for action in (
        lambda s: void_receipt(s, ctx, result.receipt_id, "x", cashier),  # type: ignore[arg-type]
        lambda s: z_close(s, ctx, {}, cashier),
    ):
        with pytest.raises(KioskError) as err, db.unit_of_work() as s:
            action(s)
        assert err.value.code == "auth.supervisor_required"
