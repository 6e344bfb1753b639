"""Receipts: gapless numbers per series, even across rollbacks; voids by supervisors only."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus
from kiosk.errors import KioskError
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.receipts import receipt_label, void_receipt
from kiosk.services.shifts import current_shift, z_close
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Enrollment, Payment, Receipt, ReceiptSeries, Visit
from tests.kiosk.services.payflow import open_day, visits
from tests.support.factories import kiosk_context, new_key

M = PaymentMethod


def _pay_split(db: Database, ctx: KioskContext, cashier: uuid.UUID) -> uuid.UUID:
    """A 2,322,540 visit paid 2,000,000 cash + 322,540 card; returns its receipt id."""
    (visit_id,) = visits(db, ctx, 1, (1_366_200, 956_340))
    with db.unit_of_work() as s:
        result = checkout(
            s,
            ctx,
            visit_id,
            [
                PaymentRequest(M.CASH, 2_000_000, 2_000_000),
                PaymentRequest(M.CARD, 322_540, card_auth_code="100001"),
            ],
            new_key(),
            cashier,
        )
    assert result.receipt_id is not None
    return result.receipt_id


def test_void_keeps_the_number_and_reverses_every_part(db: Database) -> None:
    """The voided receipt keeps number 1 with reason and supervisor; each part gets a CONFIRMED
    reversing entry of the opposite amount, so the visit's payments sum to 0; the visit and
    enrollments are cancelled; the next receipt is number 2; the void is audited."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    receipt_id = _pay_split(db, ctx, cashier)
    with db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_id, "  Thu nhầm người  ", supervisor)
    with db.read() as s:
        receipt = s.get(Receipt, receipt_id)
        assert (
            receipt is not None and receipt.number == 1 and receipt_label(receipt) == "K01-000001"
        )
        assert (receipt.void_reason, receipt.voided_by) == ("Thu nhầm người", supervisor)
        assert receipt.voided_at is not None
        reversals = s.scalars(select(Payment).where(Payment.reversal_of_id.is_not(None))).all()
        assert sorted((p.amount, p.method, p.status) for p in reversals) == [
            (-2_000_000, M.CASH, PaymentStatus.CONFIRMED),
            (-322_540, M.CARD, PaymentStatus.CONFIRMED),
        ]
        for reversal in reversals:
            original = s.get(Payment, reversal.reversal_of_id)
            assert original is not None and original.amount == -reversal.amount
            assert original.status is PaymentStatus.CONFIRMED
        assert s.scalar(select(func.sum(Payment.amount))) == 0
        visit = s.get(Visit, receipt.visit_id)
        assert visit is not None and visit.status is EnrollmentStatus.CANCELLED
        assert set(s.scalars(select(Enrollment.status))) == {EnrollmentStatus.CANCELLED}
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "receipt.voided")).one()
        assert audit.detail["number"] == "K01-000001" and audit.staff_id == supervisor
    second = _pay_split(db, ctx, cashier)
    with db.read() as s:
        assert s.get(Receipt, second).number == 2  # type: ignore[union-attr]


def test_staff_cannot_void_and_nothing_changes(db: Database) -> None:
    """A cashier (Role.STAFF) or an unknown id gets auth.supervisor_required; no reversal."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    receipt_id = _pay_split(db, ctx, cashier)
    for who in (cashier, uuid.uuid4()):
        with pytest.raises(KioskError) as err, db.unit_of_work() as s:
            void_receipt(s, ctx, receipt_id, "Thu nhầm", who)
        assert err.value.code == "auth.supervisor_required"
    with db.read() as s:
        assert s.get(Receipt, receipt_id).voided_at is None  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(Payment)) == 2


def test_void_needs_a_reason_and_happens_once(db: Database) -> None:
    """No reason is refused; a second void of the same receipt is refused."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    receipt_id = _pay_split(db, ctx, cashier)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_id, "   ", supervisor)
    assert err.value.code == "receipt.void_reason"
    with db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_id, "Trùng", supervisor)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_id, "Trùng", supervisor)
    assert err.value.code == "receipt.already_void"


def test_voided_visit_cannot_be_paid_again(db: Database) -> None:
    """After a void the registration is cancelled: a new checkout on it is refused."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    receipt_id = _pay_split(db, ctx, cashier)
    with db.unit_of_work() as s:
        receipt = void_receipt(s, ctx, receipt_id, "Khách đổi ý", supervisor)
        visit_id = receipt.visit_id
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        checkout(s, ctx, visit_id, [PaymentRequest(M.CASH, 2_322_540)], new_key())
    assert err.value.code == "payment.cancelled"


def test_void_of_cash_needs_an_open_shift(db: Database) -> None:
    """Cash handed back must leave an open drawer: with the shift closed the void is refused."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    receipt_id = _pay_split(db, ctx, cashier)
    with db.unit_of_work() as s:
        shift = current_shift(s, ctx)
        assert shift is not None
        z_close(s, ctx, shift.id, {M.CASH: 2_500_000}, supervisor)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_id, "Thu nhầm", supervisor)
    assert err.value.code == "shift.not_open"


def test_a_rolled_back_checkout_leaves_no_gap(db: Database) -> None:
    """The number is taken in the payment's transaction: when that transaction fails after
    checkout (e.g. a crash before commit), the number is not used and the next sale gets it."""
    ctx = kiosk_context()
    open_day(db, ctx)
    first, second = visits(db, ctx, 2)
    with pytest.raises(RuntimeError), db.unit_of_work() as s:
        result = checkout(s, ctx, first, [PaymentRequest(M.CASH, 1_366_200)], new_key())
        assert result.receipt_number == "K01-000001"
        raise RuntimeError("power cut before commit")
    with db.unit_of_work() as s:
        result = checkout(s, ctx, second, [PaymentRequest(M.CASH, 1_366_200)], new_key())
    assert result.receipt_number == "K01-000001"
    with db.read() as s:
        assert s.get(ReceiptSeries, "K01").next_number == 2  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(Payment)) == 1


def test_unknown_series_is_an_error_not_a_number(db: Database) -> None:
    """A kiosk whose series is not registered gets receipt.no_series and records nothing."""
    ctx = kiosk_context(series="ZZ9")
    open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        checkout(s, ctx, visit_id, [PaymentRequest(M.CASH, 1_366_200)], new_key())
    assert err.value.code == "receipt.no_series"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 0
