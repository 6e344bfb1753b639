"""Checkout: one payment per attempt whatever happens, gapless receipts, VietQR confirmation."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus
from kiosk.errors import KioskError
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.receipts import void_receipt
from kiosk.services.shifts import x_report
from kiosk.services.vietqr_confirm import cancel_pending, confirm_vietqr
from kiosk.store.db import Database
from kiosk.store.migrate import upgrade
from kiosk.store.models import Enrollment, Payment, Receipt, Shift, Visit
from tests.kiosk.services.payflow import open_day, visits
from tests.support.factories import kiosk_context, new_key

CASH = PaymentMethod.CASH


def test_cash_checkout_numbers_the_receipt_and_gives_change(db: Database) -> None:
    """2,322,540 paid with 2,400,000 in cash: change 77,460, receipt YT-K01-0000001, visit paid."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1, (1_366_200, 956_340))
    with db.unit_of_work() as s:
        result = checkout(
            s,
            ctx,
            visit_id,
            [PaymentRequest(CASH, 2_322_540, tendered=2_400_000)],
            new_key(),
            staff_id=cashier,
        )
    assert (result.paid, result.change, result.receipt_number) == (True, 77_460, "YT-K01-0000001")
    with db.read() as s:
        assert s.get(Visit, visit_id).status is EnrollmentStatus.PAID  # type: ignore[union-attr]
        assert set(s.scalars(select(Enrollment.status))) == {EnrollmentStatus.PAID}
        receipt = s.scalars(select(Receipt)).one()
        assert (receipt.total, receipt.number) == (2_322_540, 1)


def test_same_key_twice_is_one_payment(db: Database) -> None:
    """A double tap (same key) returns the first result and records nothing more."""
    ctx = kiosk_context()
    open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    key = new_key()
    results = []
    for _ in range(2):
        with db.unit_of_work() as s:
            results.append(
                checkout(s, ctx, visit_id, [PaymentRequest(CASH, 1_366_200, 1_366_200)], key)
            )
    assert results[0] == results[1]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1
        assert s.scalar(select(func.count()).select_from(Receipt)) == 1


def test_vietqr_waits_for_confirmation_then_numbers(db: Database) -> None:
    """A VietQR part stays pending with a transfer reference; confirming it issues the receipt;
    a split with cash is paid only when both parts are confirmed."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1, (1_366_200, 956_340))
    with db.unit_of_work() as s:
        result = checkout(
            s,
            ctx,
            visit_id,
            [
                PaymentRequest(CASH, 322_540, 322_540),
                PaymentRequest(PaymentMethod.VIETQR, 2_000_000),
            ],
            new_key(),
        )
    assert not result.paid and result.receipt_number is None
    assert result.transfer_reference is not None and result.transfer_reference.startswith(
        "BHXH K01 "
    )
    with db.unit_of_work() as s:
        done = confirm_vietqr(
            s, ctx, result.payment_ids[1], cashier, supervisor_id=supervisor, amount_seen=2_000_000
        )
    assert done.paid and done.receipt_number == "YT-K01-0000001"


def test_cancelled_transfer_frees_the_visit_for_cash(db: Database) -> None:
    """The person could not transfer: staff cancel the pending part and take cash instead."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    with db.unit_of_work() as s:
        pending = checkout(
            s, ctx, visit_id, [PaymentRequest(PaymentMethod.VIETQR, 1_366_200)], new_key()
        )
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        checkout(s, ctx, visit_id, [PaymentRequest(CASH, 1_366_200, 1_366_200)], new_key())
    assert err.value.code == "payment.in_progress"
    with db.unit_of_work() as s:
        cancel_pending(s, ctx, pending.payment_ids[0], cashier, "Khách không chuyển được")
    with db.unit_of_work() as s:
        assert checkout(
            s, ctx, visit_id, [PaymentRequest(CASH, 1_366_200, 1_366_200)], new_key()
        ).paid
    with db.read() as s:
        statuses = sorted(s.scalars(select(Payment.status)))
    assert statuses == [PaymentStatus.CONFIRMED, PaymentStatus.VOIDED]


@pytest.mark.parametrize(
    ("parts", "code"),
    [
        ([PaymentRequest(CASH, 1_000_000, 1_000_000)], "payment.wrong_total"),
        ([PaymentRequest(CASH, 1_366_200, 1_000_000)], "payment.not_enough_cash"),
        ([PaymentRequest(PaymentMethod.CARD, 1_366_200)], "payment.card_not_approved"),
        ([], "payment.no_parts"),
    ],
)
def test_bad_parts_are_refused_and_nothing_recorded(
    db: Database, parts: list[PaymentRequest], code: str
) -> None:
    """Wrong totals, too little cash and unapproved cards are refused before anything is stored."""
    ctx = kiosk_context()
    open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        checkout(s, ctx, visit_id, parts, new_key())
    assert err.value.code == code
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 0


def test_paid_visit_cannot_be_paid_again(db: Database) -> None:
    """A new attempt (new key) on a paid visit is refused: no double charge."""
    ctx = kiosk_context()
    open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    with db.unit_of_work() as s:
        checkout(s, ctx, visit_id, [PaymentRequest(CASH, 1_366_200, 1_366_200)], new_key())
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        checkout(s, ctx, visit_id, [PaymentRequest(CASH, 1_366_200, 1_366_200)], new_key())
    assert err.value.code == "payment.already_paid"


def test_cash_needs_an_open_shift(db: Database) -> None:
    """Without an open shift, cash is refused with a message saying to open one."""
    ctx = kiosk_context()
    (visit_id,) = visits(db, ctx, 1)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        checkout(s, ctx, visit_id, [PaymentRequest(CASH, 1_366_200, 1_366_200)], new_key())
    assert err.value.code == "shift.not_open" and "float" in err.value.en


def test_same_key_after_a_restart_is_the_same_result(db: Database) -> None:
    """The screen retries after the app restarted (new engine, same file): same receipt."""
    ctx = kiosk_context()
    open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    key, parts = new_key(), [PaymentRequest(CASH, 1_366_200, 1_400_000)]
    with db.unit_of_work() as s:
        first = checkout(s, ctx, visit_id, parts, key)
    db.dispose()
    restarted = Database(db.url)
    upgrade(restarted)
    with restarted.unit_of_work() as s:
        again = checkout(s, ctx, visit_id, parts, key)
    restarted.dispose()
    assert again == first and again.change == 33_800 and again.receipt_number == "YT-K01-0000001"


def test_a_key_reused_for_something_else_is_refused(db: Database) -> None:
    """A key already used for another visit or other amounts is a caller bug: refused, not
    answered with the other payment's receipt."""
    ctx = kiosk_context()
    open_day(db, ctx)
    a, b = visits(db, ctx, 2)
    key = new_key()
    with db.unit_of_work() as s:
        checkout(s, ctx, a, [PaymentRequest(CASH, 1_366_200)], key)
    for visit_id, parts in (
        (b, [PaymentRequest(CASH, 1_366_200)]),
        (a, [PaymentRequest(PaymentMethod.VIETQR, 1_366_200)]),
    ):
        with pytest.raises(KioskError) as err, db.unit_of_work() as s:
            checkout(s, ctx, visit_id, parts, key)
        assert err.value.code == "payment.key_reused"


def test_card_part_keeps_auth_code_and_mask(db: Database) -> None:
    """An approved card sale is recorded with the terminal's auth code and the masked number;
    tendered cash on a card part is refused."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    a, b = visits(db, ctx, 2)
    approved = PaymentRequest(
        PaymentMethod.CARD, 1_366_200, card_auth_code="100001", card_mask="970436******1234"
    )
    with db.unit_of_work() as s:
        shift_id = s.scalars(select(Shift.id)).one()
        result = checkout(s, ctx, a, [approved], new_key(), cashier, shift_id)
    assert result.paid and result.change == 0
    with db.read() as s:
        payment = s.get(Payment, result.payment_ids[0])
        assert payment is not None and payment.reference == "100001"
        assert payment.detail_json == {"card_mask": "970436******1234"}
        assert (payment.shift_id, payment.tendered, payment.change) == (shift_id, None, None)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        bad = PaymentRequest(PaymentMethod.CARD, 1_366_200, 1_400_000, "100002")
        checkout(s, ctx, b, [bad], new_key())
    assert err.value.code == "payment.bad_tendered"


def test_confirming_twice_is_harmless(db: Database) -> None:
    """Staff and a statement both confirm one transfer: one receipt, the same result; a cash
    payment cannot be 'confirmed' as a transfer."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    a, b = visits(db, ctx, 2)
    with db.unit_of_work() as s:
        qr = checkout(s, ctx, a, [PaymentRequest(PaymentMethod.VIETQR, 1_366_200)], new_key())
        cash = checkout(s, ctx, b, [PaymentRequest(CASH, 1_366_200)], new_key())
    results = []
    for _ in range(2):
        with db.unit_of_work() as s:
            results.append(
                confirm_vietqr(
                    s,
                    ctx,
                    qr.payment_ids[0],
                    cashier,
                    supervisor_id=supervisor,
                    amount_seen=1_366_200,
                )
            )
    assert results[0] == results[1] and results[0].receipt_number == "YT-K01-0000002"
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        confirm_vietqr(
            s, ctx, cash.payment_ids[0], cashier, supervisor_id=supervisor, amount_seen=1_366_200
        )
    assert err.value.code == "payment.not_pending"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Receipt)) == 2


def test_cancelled_split_hands_back_the_cash_and_books_stay_right(db: Database) -> None:
    """A split of 366,200 cash + 1,000,000 VietQR is abandoned: the cash part gets a reversing
    entry (the drawer expects the float again); the visit is then paid by card, and voiding
    that receipt reverses only the card, so every payment of the visit nets to 0."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    with db.unit_of_work() as s:
        split = checkout(
            s,
            ctx,
            visit_id,
            [PaymentRequest(CASH, 366_200), PaymentRequest(PaymentMethod.VIETQR, 1_000_000)],
            new_key(),
            cashier,
        )
        assert x_report(s, ctx).line(CASH).expected == 866_200
    with db.unit_of_work() as s:
        cancel_pending(s, ctx, split.payment_ids[1], cashier, "Khách đổi sang trả thẻ")
        assert x_report(s, ctx).line(CASH).expected == 500_000
    with db.unit_of_work() as s:
        card = PaymentRequest(PaymentMethod.CARD, 1_366_200, card_auth_code="100009")
        paid = checkout(s, ctx, visit_id, [card], new_key(), cashier)
    assert paid.paid and paid.receipt_id is not None
    with db.unit_of_work() as s:
        void_receipt(s, ctx, paid.receipt_id, "Khách đổi ý", supervisor)
    with db.read() as s:
        rows = sorted(
            (p.method.value, p.amount, p.status.value) for p in s.scalars(select(Payment))
        )
        assert rows == [
            ("card", -1_366_200, "confirmed"),
            ("card", 1_366_200, "confirmed"),
            ("cash", -366_200, "confirmed"),
            ("cash", 366_200, "confirmed"),
            ("vietqr", 1_000_000, "voided"),
        ]
        report = x_report(s, ctx)
    assert (report.line(CASH).expected, report.line(PaymentMethod.CARD).expected) == (500_000, 0)
