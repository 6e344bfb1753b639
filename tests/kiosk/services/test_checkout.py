"""Checkout: one payment per attempt whatever happens, gapless receipts, VietQR confirmation."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import func, select

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus
from kiosk.errors import KioskError
from kiosk.services.checkout import PaymentRequest, cancel_pending, checkout, confirm_payment
from kiosk.store.db import Database
from kiosk.store.models import Enrollment, Payment, Receipt, Visit
from tests.kiosk.services.payflow import open_day, visits
from tests.support.factories import kiosk_context, new_key

CASH = PaymentMethod.CASH


def test_cash_checkout_numbers_the_receipt_and_gives_change(db: Database) -> None:
    """2,322,540 paid with 2,400,000 in cash: change 77,460, receipt K01-000001, visit paid."""
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
    assert (result.paid, result.change, result.receipt_number) == (True, 77_460, "K01-000001")
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


def test_same_key_from_two_threads_is_one_payment(db: Database) -> None:
    """Two threads submit the same attempt at once: one payment, both get the same receipt."""
    ctx = kiosk_context()
    open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    key, results, barrier = new_key(), [], threading.Barrier(2)

    def run() -> None:
        barrier.wait()
        with db.unit_of_work() as s:
            results.append(
                checkout(s, ctx, visit_id, [PaymentRequest(CASH, 1_366_200, 2_000_000)], key)
            )

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1]
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1


def test_threads_get_gapless_distinct_numbers_on_sqlite(db: Database) -> None:
    """Eight threads paying eight visits get receipts 1..8, each once."""
    ctx = kiosk_context()
    open_day(db, ctx)
    ids = visits(db, ctx, 8)

    def run(visit_id: uuid.UUID) -> None:
        with db.unit_of_work() as s:
            checkout(s, ctx, visit_id, [PaymentRequest(CASH, 1_366_200, 1_366_200)], new_key())

    threads = [threading.Thread(target=run, args=(v,)) for v in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.read() as s:
        assert sorted(s.scalars(select(Receipt.number))) == list(range(1, 9))


def _pay_in_process(url: str, visit_ids: list[str]) -> None:
    from kiosk.services.checkout import PaymentRequest, checkout
    from kiosk.store.db import Database
    from tests.support.factories import kiosk_context, new_key

    db, ctx = Database(url), kiosk_context()
    for visit_id in visit_ids:
        with db.unit_of_work() as s:
            checkout(
                s,
                ctx,
                uuid.UUID(visit_id),
                [PaymentRequest(PaymentMethod.CASH, 1_366_200, 1_366_200)],
                new_key(),
            )
    db.dispose()


@pytest.mark.postgres
def test_processes_get_gapless_distinct_numbers_on_postgres(pg_db: Database) -> None:
    """Four processes checking out 24 visits at once on one series on PostgreSQL: 1..24."""
    import multiprocessing

    ctx = kiosk_context()
    open_day(pg_db, ctx)
    ids = [str(v) for v in visits(pg_db, ctx, 24)]
    spawn = multiprocessing.get_context("spawn")
    procs = [spawn.Process(target=_pay_in_process, args=(pg_db.url, ids[i::4])) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    with pg_db.read() as s:
        assert sorted(s.scalars(select(Receipt.number))) == list(range(1, 25))
        assert s.scalar(select(func.count()).select_from(Payment)) == 24


def test_vietqr_waits_for_confirmation_then_numbers(db: Database) -> None:
    """A VietQR part stays pending with a transfer reference; confirming it issues the receipt;
    a split with cash is paid only when both parts are confirmed."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
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
        done = confirm_payment(s, ctx, result.payment_ids[1], cashier)
    assert done.paid and done.receipt_number == "K01-000001"


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
        cancel_pending(s, ctx, pending.payment_ids[0], cashier)
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
