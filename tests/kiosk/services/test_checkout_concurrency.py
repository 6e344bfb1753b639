"""Checkout under concurrency: threads on SQLite, separate processes on a real PostgreSQL."""

from __future__ import annotations

import multiprocessing
import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.domain.enums import PaymentMethod
from kiosk.errors import KioskError
from kiosk.services.checkout import CheckoutResult, PaymentRequest, checkout
from kiosk.services.shifts import x_report, z_close
from kiosk.store.db import Database
from kiosk.store.models import Payment, Receipt, Shift
from tests.kiosk.services.payflow import open_day, visits
from tests.support.factories import kiosk_context, new_key

AMOUNT = 1_366_200
PROCESSES = 4


def _pay(db: Database, visit_id: uuid.UUID, key: str) -> CheckoutResult | str:
    """One checkout in its own unit of work; an expected failure comes back as its code."""
    try:
        with db.unit_of_work() as s:
            parts = [PaymentRequest(PaymentMethod.CASH, AMOUNT, 1_500_000)]
            return checkout(s, kiosk_context(), visit_id, parts, key)
    except KioskError as err:
        return err.code


def _in_threads(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls at once (a barrier releases them together); results in call order."""
    results: list[Any] = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i: int) -> None:
        barrier.wait()
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _payments(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Payment)) or 0)


def _numbers(db: Database) -> list[int]:
    with db.read() as s:
        return sorted(s.scalars(select(Receipt.number)))


def test_same_key_from_two_threads_is_one_payment(db: Database) -> None:
    """Two threads submit the same attempt at once: one payment, both get the same receipt."""
    open_day(db, kiosk_context())
    (visit_id,) = visits(db, kiosk_context(), 1)
    key = new_key()
    results = _in_threads([lambda: _pay(db, visit_id, key)] * 2)
    assert isinstance(results[0], CheckoutResult) and results[0] == results[1]
    assert results[0].receipt_number == "YT-K01-0000001" and _payments(db) == 1


def test_two_keys_for_one_visit_in_threads_charge_once(db: Database) -> None:
    """Two desks pay the same visit with different keys at once: one wins, one is told
    payment.already_paid; one payment, one receipt."""
    open_day(db, kiosk_context())
    (visit_id,) = visits(db, kiosk_context(), 1)
    results = _in_threads([lambda: _pay(db, visit_id, new_key())] * 2)
    assert sorted(type(r).__name__ for r in results) == ["CheckoutResult", "str"]
    assert "payment.already_paid" in results
    assert _payments(db) == 1 and _numbers(db) == [1]


def test_threads_get_gapless_distinct_numbers_on_sqlite(db: Database) -> None:
    """Eight threads paying eight visits get receipts 1..8, each once."""
    open_day(db, kiosk_context())
    ids = visits(db, kiosk_context(), 8)
    _in_threads([lambda v=v: _pay(db, v, new_key()) for v in ids])  # type: ignore[misc]
    assert _numbers(db) == list(range(1, 9))


def _process(url: str, jobs: list[tuple[str, str]], start: Any, out: Any) -> None:
    """Child process: its own Database; waits for the start signal, then pays each job."""
    db = Database(url)
    start.wait()
    results = [_pay(db, uuid.UUID(v), key) for v, key in jobs]
    db.dispose()
    out.put(results)


def _run_processes(url: str, jobs: list[list[tuple[str, str]]]) -> list[Any]:
    spawn = multiprocessing.get_context("spawn")
    start, out = spawn.Event(), spawn.Queue()
    procs = [spawn.Process(target=_process, args=(url, j, start, out)) for j in jobs]
    for p in procs:
        p.start()
    start.set()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * len(procs)
    return [r for batch in results for r in batch]


@pytest.mark.postgres
def test_processes_get_gapless_distinct_numbers_on_postgres(pg_db: Database) -> None:
    """Four processes checking out 24 visits at once on one series on PostgreSQL: 1..24."""
    open_day(pg_db, kiosk_context())
    ids = [str(v) for v in visits(pg_db, kiosk_context(), 24)]
    jobs = [[(v, new_key()) for v in ids[i::PROCESSES]] for i in range(PROCESSES)]
    results = _run_processes(pg_db.url, jobs)
    assert all(isinstance(r, CheckoutResult) and r.paid for r in results)
    assert _numbers(pg_db) == list(range(1, 25)) and _payments(pg_db) == 24


@pytest.mark.postgres
def test_same_key_from_processes_is_one_payment_on_postgres(pg_db: Database) -> None:
    """Four processes replay one attempt at once on PostgreSQL: one payment; all four get the
    same result with receipt YT-K01-0000001."""
    open_day(pg_db, kiosk_context())
    (visit_id,) = visits(pg_db, kiosk_context(), 1)
    key = new_key()
    results = _run_processes(pg_db.url, [[(str(visit_id), key)]] * PROCESSES)
    assert len(results) == PROCESSES and all(r == results[0] for r in results)
    assert results[0].receipt_number == "YT-K01-0000001"
    assert _payments(pg_db) == 1 and _numbers(pg_db) == [1]


@pytest.mark.postgres
def test_two_kiosks_paying_one_visit_charge_once_on_postgres(pg_db: Database) -> None:
    """Four processes pay one visit with different keys at once: exactly one payment and one
    receipt; the others get payment.already_paid (the visit row lock, not luck)."""
    open_day(pg_db, kiosk_context())
    (visit_id,) = visits(pg_db, kiosk_context(), 1)
    jobs = [[(str(visit_id), new_key())] for _ in range(PROCESSES)]
    results = _run_processes(pg_db.url, jobs)
    assert sum(isinstance(r, CheckoutResult) for r in results) == 1
    assert sorted(r for r in results if isinstance(r, str)) == ["payment.already_paid"] * 3
    assert _payments(pg_db) == 1 and _numbers(pg_db) == [1]


@pytest.mark.postgres
def test_z_close_racing_checkouts_misses_no_payment_on_postgres(pg_db: Database) -> None:
    """Two processes keep taking cash while a supervisor Z-closes the shift: each payment is
    either inside the closed shift's stored figures or refused with shift.not_open; nothing
    lands in the closed shift afterwards (recomputing its report gives the stored figures)."""
    ctx = kiosk_context()
    _, supervisor = open_day(pg_db, ctx, opening_float=500_000)
    ids = [str(v) for v in visits(pg_db, ctx, 20)]
    spawn = multiprocessing.get_context("spawn")
    start, out = spawn.Event(), spawn.Queue()
    jobs = [[(v, new_key()) for v in ids[i::2]] for i in range(2)]
    procs = [spawn.Process(target=_process, args=(pg_db.url, j, start, out)) for j in jobs]
    for p in procs:
        p.start()
    start.set()
    while _payments(pg_db) < 3:  # close mid-stream: poll the database, no sleeping
        pass
    with pg_db.read() as s:
        shift_id = s.scalars(select(Shift.id)).one()
    with pg_db.unit_of_work() as s:
        z = z_close(s, ctx, shift_id, {PaymentMethod.CASH: 0}, supervisor)
    results = [r for _ in procs for r in out.get(timeout=120)]
    for p in procs:
        p.join(60)
    paid = [r for r in results if isinstance(r, CheckoutResult)]
    assert sorted(r for r in results if isinstance(r, str)) == ["shift.not_open"] * (20 - len(paid))
    assert z.line(PaymentMethod.CASH).expected == 500_000 + AMOUNT * len(paid)
    with pg_db.read() as s:
        again = x_report(s, ctx, shift_id)
        shift = s.get(Shift, shift_id)
    assert shift is not None and shift.expected_json is not None
    assert again.line(PaymentMethod.CASH).expected == shift.expected_json["cash"]
    assert _payments(pg_db) == len(paid) and 3 <= len(paid) < 20, len(paid)
