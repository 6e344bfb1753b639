"""Shifts: the Z close adds up to the đồng; closed shifts take nothing; supervisors close."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from kiosk.commands.shift import render_text
from kiosk.domain.enums import PaymentMethod, ShiftStatus
from kiosk.errors import KioskError
from kiosk.payments.terminal import SimulatedTerminal
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.receipts import void_receipt
from kiosk.services.shifts import (
    Outside,
    cash_movement,
    current_shift,
    open_shift,
    outside_any_shift,
    shift_report,
    x_report,
    z_close,
)
from kiosk.services.vietqr_confirm import confirm_vietqr
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Payment, Receipt, Shift
from tests.kiosk.services.payflow import open_day, visits
from tests.support.factories import kiosk_context, new_key

M = PaymentMethod


def _shift_id(db: Database, ctx: KioskContext) -> uuid.UUID:
    with db.read() as s:
        shift = current_shift(s, ctx)
        assert shift is not None
        return shift.id


def _busy_shift(db: Database, ctx: KioskContext) -> dict[str, uuid.UUID]:
    """Float 500,000; cash 1,366,200 (1,500,000 handed over) and 956,340; card 819,720; VietQR
    683,100 confirmed and 546,480 pending; a split of 300,000 cash + 200,000 card; the 956,340
    receipt voided; 200,000 put in and 150,000 taken out."""
    cashier, supervisor = open_day(db, ctx)
    a, b, c, d, e, f = (
        visits(db, ctx, 1, (amount,))[0]
        for amount in (1_366_200, 956_340, 819_720, 683_100, 546_480, 500_000)
    )
    terminal = SimulatedTerminal()
    card = terminal.sale(819_720, "K01-c")
    split_card = terminal.sale(200_000, "K01-f")
    with db.unit_of_work() as s:
        paid_a = checkout(
            s, ctx, a, [PaymentRequest(M.CASH, 1_366_200, 1_500_000)], new_key(), cashier
        )
        assert paid_a.change == 133_800
        checkout(s, ctx, b, [PaymentRequest(M.CASH, 956_340, 956_340)], new_key(), cashier)
        checkout(
            s, ctx, c, [PaymentRequest(M.CARD, 819_720, card_auth_code=card.auth_code)], new_key()
        )
        qr = checkout(s, ctx, d, [PaymentRequest(M.VIETQR, 683_100)], new_key())
        pending = checkout(s, ctx, e, [PaymentRequest(M.VIETQR, 546_480)], new_key())
        checkout(
            s,
            ctx,
            f,
            [
                PaymentRequest(M.CASH, 300_000),
                PaymentRequest(M.CARD, 200_000, card_auth_code=split_card.auth_code),
            ],
            new_key(),
            cashier,
        )
    with db.unit_of_work() as s:
        confirm_vietqr(
            s, ctx, qr.payment_ids[0], cashier, supervisor_id=supervisor, amount_seen=683_100
        )
        cash_movement(s, ctx, 200_000, "Đổi tiền lẻ", cashier)
        cash_movement(s, ctx, -150_000, "Nộp bớt tiền về văn phòng", cashier)
        receipt_b = s.scalar(select(Receipt.id).where(Receipt.visit_id == b))
    assert receipt_b is not None
    with db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_b, "Thu nhầm người", supervisor)
    return {"cashier": cashier, "supervisor": supervisor, "pending": pending.payment_ids[0]}


def test_z_close_with_mixed_methods_voids_and_movements(db: Database) -> None:
    """Expected cash = 500,000 + 1,366,200 + 956,340 + 300,000 − 956,340 + 200,000 − 150,000
    = 2,216,200; card 1,019,720; VietQR 683,100 (the pending 546,480 is listed, not expected).
    The drawer is 6,000 short; VietQR is not counted, so it has no difference."""
    ctx = kiosk_context()
    people = _busy_shift(db, ctx)
    shift_id = _shift_id(db, ctx)
    with db.read() as s:
        x = x_report(s, ctx, shift_id)
    cash = x.line(M.CASH)
    assert (cash.count, cash.taken, cash.reversed, cash.expected) == (
        3,
        2_622_540,
        956_340,
        2_216_200,
    )
    assert (x.line(M.CARD).count, x.line(M.CARD).expected) == (2, 1_019_720)
    assert x.line(M.VIETQR).expected == 683_100
    assert (x.pending_vietqr, x.pending_vietqr_amount) == (1, 546_480)
    assert (x.cash_in, x.cash_out, x.movement_count, x.voids, x.receipts) == (
        200_000,
        150_000,
        2,
        1,
        5,
    )
    assert x.difference is None and x.kind == "X" and x.staff_name == "Lê Thị Thu"
    counted = {M.CASH: 2_210_200, M.CARD: 1_019_720}
    with db.unit_of_work() as s:
        z = z_close(s, ctx, shift_id, counted, people["supervisor"])
    assert z.kind == "Z" and z.closed_at is not None
    assert z.line(M.CASH).difference == -6_000 and z.line(M.CARD).difference == 0
    assert z.line(M.VIETQR).counted is None and z.line(M.VIETQR).difference is None
    assert z.difference == -6_000
    with db.read() as s:
        shift = s.get(Shift, shift_id)
        assert shift is not None and shift.status is ShiftStatus.CLOSED
        assert shift.difference == -6_000 and shift.closed_by == people["supervisor"]
        assert shift.expected_json == {"cash": 2_216_200, "vietqr": 683_100, "card": 1_019_720}
        assert shift.counted_json == {"cash": 2_210_200, "card": 1_019_720}
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "shift")))
        assert actions.count("shift.closed") == 1


def test_transfer_confirmed_after_the_close_counts_in_the_next_shift(db: Database) -> None:
    """A transfer still pending at the Z close is confirmed in the next shift: the closed
    shift's figures do not move, the new shift expects it, and where it was taken is kept."""
    ctx = kiosk_context()
    people = _busy_shift(db, ctx)
    first = _shift_id(db, ctx)
    with db.unit_of_work() as s:
        z_close(s, ctx, first, {M.CASH: 2_216_200}, people["supervisor"])
        open_shift(s, ctx, people["cashier"], 300_000)
    second = _shift_id(db, ctx)
    with db.unit_of_work() as s:
        assert confirm_vietqr(
            s,
            ctx,
            people["pending"],
            people["cashier"],
            supervisor_id=people["supervisor"],
            amount_seen=546_480,
        ).paid
    with db.read() as s:
        assert x_report(s, ctx, first).line(M.VIETQR).expected == 683_100
        assert x_report(s, ctx, second).line(M.VIETQR).expected == 546_480
        payment = s.get(Payment, people["pending"])
        assert payment is not None and payment.shift_id == second
        assert payment.detail_json == {"taken_in_shift": str(first)}


def test_closed_shift_takes_nothing_more(db: Database) -> None:
    """After the Z close, cash payments (also naming the closed shift), movements and a second
    close are refused until a new shift opens."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    shift_id = _shift_id(db, ctx)
    with db.unit_of_work() as s:
        z_close(s, ctx, shift_id, {M.CASH: 500_000}, supervisor)
    pay = [PaymentRequest(M.CASH, 1_366_200, 1_366_200)]
    for action in (
        lambda s: checkout(s, ctx, visit_id, pay, new_key()),
        lambda s: checkout(s, ctx, visit_id, pay, new_key(), shift_id=shift_id),
        lambda s: checkout(
            s, ctx, visit_id, [PaymentRequest(M.VIETQR, 1_366_200)], new_key(), None, shift_id
        ),
        lambda s: cash_movement(s, ctx, 1_000, "x", cashier),
        lambda s: z_close(s, ctx, shift_id, {M.CASH: 500_000}, supervisor),
    ):
        with pytest.raises(KioskError) as err, db.unit_of_work() as s:
            action(s)
        assert err.value.code == "shift.not_open"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 0


def test_staff_cannot_close(db: Database) -> None:
    """The Z close needs a supervisor: a cashier gets auth.supervisor_required, shift stays open."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    shift_id = _shift_id(db, ctx)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        z_close(s, ctx, shift_id, {M.CASH: 500_000}, cashier)
    assert err.value.code == "auth.supervisor_required"
    with db.read() as s:
        assert current_shift(s, ctx) is not None


def test_cash_must_be_counted_to_close(db: Database) -> None:
    """Forgetting to count the drawer (or a negative count) cannot close the shift as 'even'."""
    ctx = kiosk_context()
    _, supervisor = open_day(db, ctx)
    shift_id = _shift_id(db, ctx)
    for counted in ({M.CARD: 0}, {M.CASH: -1}):
        with pytest.raises(KioskError) as err, db.unit_of_work() as s:
            z_close(s, ctx, shift_id, counted, supervisor)
        assert err.value.code == "shift.bad_count"


def test_one_open_shift_per_kiosk_and_a_sane_float(db: Database) -> None:
    """A second open shift and a negative float are refused."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        open_shift(s, ctx, cashier, 100_000)
    assert err.value.code == "shift.already_open"
    other = kiosk_context("K02", "K02")
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        open_shift(s, other, cashier, -1)
    assert err.value.code == "shift.bad_float"


def test_movements_need_a_reason_and_cannot_empty_more_than_the_drawer(db: Database) -> None:
    """Taking out more cash than the drawer should hold, a zero amount or no reason is refused."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx, opening_float=500_000)
    for amount, reason, code in (
        (-500_001, "Nộp về văn phòng", "shift.not_enough_cash"),
        (0, "x", "shift.bad_movement"),
        (10_000, "  ", "shift.bad_movement"),
    ):
        with pytest.raises(KioskError) as err, db.unit_of_work() as s:
            cash_movement(s, ctx, amount, reason, cashier)
        assert err.value.code == code
    with db.unit_of_work() as s:
        cash_movement(s, ctx, -500_000, "Nộp hết về văn phòng", cashier)
        assert x_report(s, ctx).line(M.CASH).expected == 0


def test_x_report_changes_nothing(db: Database) -> None:
    """An X report at any time writes nothing: same rows and audit entries before and after."""
    ctx = kiosk_context()
    open_day(db, ctx)

    def counts() -> tuple[int | None, ...]:
        with db.read() as s:
            return tuple(
                s.scalar(select(func.count()).select_from(t)) for t in (AuditEntry, Shift, Payment)
            )

    before = counts()
    with db.unit_of_work() as s:
        report = x_report(s, ctx)
    assert report.line(M.CASH).expected == 500_000 and counts() == before


def test_a_transfer_confirmed_with_no_shift_open_goes_to_the_next_shift(db: Database) -> None:
    """After the Z close a self-service transfer of 1,366,200 is confirmed (a supervisor saw
    it): it shows as "outside any shift" until the next shift opens, which takes it — VietQR
    expected 1,366,200, of which 1 transfer outside any shift — and its Z report keeps it."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    with db.unit_of_work() as s:
        z_close(s, ctx, _shift_id(db, ctx), {M.CASH: 500_000}, supervisor)
    (visit_id,) = visits(db, ctx, 1)
    with db.unit_of_work() as s:
        qr = checkout(s, ctx, visit_id, [PaymentRequest(M.VIETQR, 1_366_200)], new_key())
        assert outside_any_shift(s, ctx) == Outside(0, 0)
    with db.unit_of_work() as s:
        done = confirm_vietqr(
            s, ctx, qr.payment_ids[0], cashier, supervisor_id=supervisor, amount_seen=1_366_200
        )
    assert done.paid
    with db.read() as s:
        assert outside_any_shift(s, ctx) == Outside(1, 1_366_200)
        assert outside_any_shift(s, kiosk_context("K02", "K02")) == Outside(0, 0)
    with db.unit_of_work() as s:
        open_shift(s, ctx, cashier, 200_000)
    second = _shift_id(db, ctx)
    with db.read() as s:
        report = x_report(s, ctx)
        assert outside_any_shift(s, ctx) == Outside(0, 0)
        payment = s.get(Payment, qr.payment_ids[0])
        assert payment is not None and payment.shift_id == second
        assert payment.detail_json == {"outside_shift": True}
        opened = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "shift.opened").order_by(AuditEntry.at)
        ).all()[-1]
    assert opened.detail["outside_amount"] == 1_366_200
    assert (report.line(M.VIETQR).count, report.line(M.VIETQR).expected) == (1, 1_366_200)
    assert (report.outside_count, report.outside_amount) == (1, 1_366_200)
    assert report.line(M.CASH).expected == 200_000
    text = render_text(report)
    assert "Trong đó xác nhận ngoài ca (khi chưa mở ca): 1 khoản (1.366.200 đ)" in text
    with db.unit_of_work() as s:
        z = z_close(s, ctx, second, {M.CASH: 200_000, M.VIETQR: 1_366_200}, supervisor)
    assert (z.outside_count, z.outside_amount, z.difference) == (1, 1_366_200, 0)
    with db.read() as s:
        printed = shift_report(s, second)
    assert (printed.kind, printed.outside_amount) == ("Z", 1_366_200)


def test_a_void_booked_with_no_shift_open_nets_out_in_the_next_shift(db: Database) -> None:
    """A transfer confirmed and then voided, both while no shift is open: the next shift takes
    the entry and its reversal, so VietQR expects 0 and the outside line nets to 0 đ."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    with db.unit_of_work() as s:
        z_close(s, ctx, _shift_id(db, ctx), {M.CASH: 500_000}, supervisor)
    (visit_id,) = visits(db, ctx, 1, (819_720,))
    with db.unit_of_work() as s:
        qr = checkout(s, ctx, visit_id, [PaymentRequest(M.VIETQR, 819_720)], new_key())
    with db.unit_of_work() as s:
        done = confirm_vietqr(
            s, ctx, qr.payment_ids[0], cashier, supervisor_id=supervisor, amount_seen=819_720
        )
    assert done.receipt_id is not None
    with db.unit_of_work() as s:
        void_receipt(s, ctx, done.receipt_id, "Chuyển nhầm, ngân hàng hoàn lại", supervisor)
    with db.read() as s:
        assert outside_any_shift(s, ctx) == Outside(1, 0)
    with db.unit_of_work() as s:
        open_shift(s, ctx, cashier, 0)
        report = x_report(s, ctx)
    line = report.line(M.VIETQR)
    assert (line.taken, line.reversed, line.expected) == (819_720, 819_720, 0)
    assert (report.outside_count, report.outside_amount) == (1, 0)
